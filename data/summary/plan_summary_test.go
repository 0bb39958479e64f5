package summary

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/data/internal/fixture"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
)

// TestNewPlanSummary checks the summary against the plan it was built from.
func TestNewPlanSummary(t *testing.T) {
	f := fixture.NewPlan(t)
	s := planSummary(f)
	res := f.Res

	if s.RadiusKm != res.RadiusKm || s.Policy.Name != "shanxi" || s.Policy.Title != f.Policy.Title {
		t.Errorf("radius %v, policy %q %q", s.RadiusKm, s.Policy.Name, s.Policy.Title)
	}
	tot := res.Total
	wantTotal := PlanTotal{PlanCover{tot.Villages, tot.Population, tot.NetworkCovered, tot.NetworkCoveredShare(),
		tot.CountyCareToday, tot.CountyCareTodayShare(), tot.CountyCareAfter, tot.CountyCareAfterShare()}, tot.Subcentres}
	if s.Total != wantTotal {
		t.Errorf("total %+v, want %+v", s.Total, wantTotal)
	}
	// The totals agree with the villages themselves, measure by measure.
	var pop, network, today, after int64
	for i, v := range f.Villages {
		pop += int64(v.Population)
		vp := res.Villages[i]
		for _, m := range []struct {
			on  bool
			sum *int64
		}{{vp.NetworkCovered, &network}, {vp.CountyCareToday, &today}, {vp.CountyCareAfter, &after}} {
			if m.on {
				*m.sum += int64(v.Population)
			}
		}
	}
	if s.Total.Population != pop || s.Total.NetworkCoveredPopulation != network || s.Total.CountyCareTodayPopulation != today || s.Total.CountyCareAfterPopulation != after {
		t.Errorf("total %+v disagrees with the villages: %d people, network %d, today %d, after %d", s.Total, pop, network, today, after)
	}
	if network == today {
		t.Errorf("the fixture should tell the two measures apart: both %d", network)
	}

	if len(s.Counties) != len(res.Counties) {
		t.Fatalf("%d counties, want %d", len(s.Counties), len(res.Counties))
	}
	for i, c := range s.Counties {
		rc := &res.Counties[i]
		if c.County != rc.County || c.Population != rc.Population || c.CountyCareAfterPopulation != rc.CountyCareAfter ||
			c.CountyCareAfterShare != rc.CountyCareAfterShare() || c.NetworkCoveredPopulation != rc.NetworkCovered || c.K != rc.K || c.GreedyGap != rc.GreedyGap() || c.Note != rc.Note {
			t.Errorf("county %d: %+v does not match %+v", i, c, rc)
		}
		if !slices.Equal(c.Subcentres, rc.ChosenIDs()) || len(c.Explanation) != len(rc.Sites) {
			t.Errorf("county %s: sub-centres %q, explanation %d, want %q", c.County, c.Subcentres, len(c.Explanation), rc.ChosenIDs())
		}
		for j, e := range c.Explanation {
			st := &rc.Sites[j]
			if e.Rank != st.Rank || e.ID != st.Facility.ID || e.GainPopulation != st.GainPopulation || e.Rule != st.Rule ||
				int(e.Beds) != st.Facility.Beds || int(e.Staff) != st.Facility.Staff ||
				math.Abs(e.SeatKm-st.SeatDistanceM/1000) > 5e-7 || e.CountyHospitalKm == nil ||
				math.Abs(*e.CountyHospitalKm-st.CountyHospitalDistanceM/1000) > 5e-7 {
				t.Errorf("county %s site %d: %+v does not match %+v", c.County, j, e, st)
			}
		}
		if c.SeatFromHospital != rc.SeatFromHospital || (rc.SeatFromHospital && c.SeatFacilityID != f.Facilities[rc.SeatFacility].ID) {
			t.Errorf("county %s: seat %v from hospital %v (%q)", c.County, c.Seat, c.SeatFromHospital, c.SeatFacilityID)
		}
	}

	if len(s.Townships) != len(res.Clinics.Townships) {
		t.Fatalf("%d townships, want %d", len(s.Townships), len(res.Clinics.Townships))
	}
	flagged := map[[2]string]map[string]int{}
	for i, vs := range res.Clinics.Villages {
		k := [2]string{f.Villages[i].County, f.Villages[i].Township}
		for _, fl := range vs.Flags {
			if flagged[k] == nil {
				flagged[k] = map[string]int{}
			}
			flagged[k][fl]++
		}
	}
	for i, tp := range s.Townships {
		rt := &res.Clinics.Townships[i]
		if tp.County != rt.County || tp.Township != rt.Township || tp.Population != rt.Population ||
			tp.JointClinics != len(rt.Joint) || tp.RouteDays != len(rt.Route) || tp.StaffNeeded != rt.DoctorsNeeded ||
			int(tp.DoctorGap) != rt.DoctorGap || int(tp.THCStaffGap) != rt.THCStaffGap || !slices.Equal(tp.Flags, rt.Flags) ||
			math.Abs(tp.RouteKm-rt.RouteKm) > 5e-7 {
			t.Errorf("township %d: %+v does not match %+v", i, tp, rt)
		}
		want := flagged[[2]string{tp.County, tp.Township}]
		for _, d := range rt.Route {
			for _, fl := range d.Flags {
				if want == nil {
					want = map[string]int{}
				}
				want[fl]++
			}
		}
		if want == nil {
			want = map[string]int{}
		}
		if !reflect.DeepEqual(tp.FlagCounts, want) {
			t.Errorf("township %s: flag counts %v, want %v", tp.Township, tp.FlagCounts, want)
		}
		// flags are the township's own; village and route-day flags are
		// only counted.
		for _, fl := range tp.Flags {
			if !slices.Contains(townshipFlags, fl) || tp.FlagCounts[fl] != 0 {
				t.Errorf("township %s: flag %q in flags is not a township flag", tp.Township, fl)
			}
		}
		for fl := range tp.FlagCounts {
			if slices.Contains(townshipFlags, fl) {
				t.Errorf("township %s: township flag %q is counted", tp.Township, fl)
			}
		}
	}

	if len(s.Sweep) != len(f.Sweep) {
		t.Fatalf("%d sweep rows, want %d", len(s.Sweep), len(f.Sweep))
	}
	for i, r := range s.Sweep {
		if r.RadiusKm != f.Sweep[i].RadiusKm || int(r.K) != f.Sweep[i].K || r.CountyCareAfterPopulation != f.Sweep[i].CountyCareAfter {
			t.Errorf("sweep row %d: %+v, want %+v", i, r, f.Sweep[i])
		}
	}
	// Inputs exactly as the coverage summary reports them.
	cov := coverageSummary(t, nil, nil, &planner.CoverageResult{}, fixture.Reports()...)
	// Warnings: the plan's policy warnings first, then the inputs'.
	if len(res.Warnings) == 0 || len(s.Warnings) < len(res.Warnings) {
		t.Fatalf("summary warnings %+v, plan warnings %+v", s.Warnings, res.Warnings)
	}
	for i, pw := range res.Warnings {
		w := s.Warnings[i]
		if w.Input() || w.Code != pw.Code || w.County != pw.County || w.Rule != pw.Rule || w.Reason != pw.Reason ||
			w.Suggestion != pw.Suggestion || w.File != "" || w.Line != 0 || w.ID != "" {
			t.Errorf("warning %d: %+v, want %+v", i, w, pw)
		}
	}
	if got := s.PolicyWarnings(); len(got) != len(res.Warnings) || s.InputWarnings() != len(s.Warnings)-len(res.Warnings) {
		t.Errorf("%d policy warnings, %d input warnings of %d", len(got), s.InputWarnings(), len(s.Warnings))
	}
	var inputWarnings []table.Rejection
	for _, w := range s.Warnings[len(res.Warnings):] {
		if w.Code != WarnInput || w.County != "" || w.Rule != "" || w.Suggestion != "" {
			t.Errorf("warning %+v: not an input warning", w)
		}
		inputWarnings = append(inputWarnings, table.Rejection{File: w.File, Line: w.Line, ID: w.ID, Reason: w.Reason})
	}
	if !reflect.DeepEqual(s.Inputs, cov.Inputs) || s.RejectedCount != 2 || !reflect.DeepEqual(s.Rejected, cov.Rejected) ||
		!reflect.DeepEqual(inputWarnings, cov.Warnings) {
		t.Errorf("inputs %+v %d %+v %+v", s.Inputs, s.RejectedCount, s.Rejected, s.Warnings)
	}
}

func TestPlanSummaryOptions(t *testing.T) {
	f := fixture.NewPlan(t)
	cases := []struct {
		name string
		opt  func(o *planner.PlanOptions)
		want func(u *PlanOptionsUsed)
	}{
		{"fixture", func(o *planner.PlanOptions) {}, func(u *PlanOptionsUsed) {}},
		{"zero subcentre options are the planner defaults", func(o *planner.PlanOptions) {
			o.Subcentres = planner.SubcentreOptions{}
		}, func(u *PlanOptionsUsed) {
			u.MinGainPop = planner.DefaultSubcentreMinGainPop
			far := planner.DefaultSubcentreMinFarKm
			u.MinFarKm = &far
		}},
		{"given candidates", func(o *planner.PlanOptions) {
			o.Subcentres.Candidates = f.Facilities[1:2]
			o.Subcentres.K = 1
			o.Subcentres.MaxAlternatives = -1
		}, func(u *PlanOptionsUsed) {
			u.Candidates, u.GivenCandidates, u.MinFarKm, u.K, u.MaxAlternatives = "given", 1, nil, 1, 0
		}},
	}
	base := PlanOptionsUsed{K: 0, MaxK: 3, MinGainPop: 100, ExistingTypes: []planner.FacilityType{planner.CountyHospital},
		Candidates: "township_health_centres", MinFarKm: new(20.0), MaxAlternatives: planner.DefaultSubcentreMaxAlternatives,
		ItinerantBelow: 200, MergeBelow: 500, OwnClinicFrom: 800, MergeKm: 3, NearTHCKm: 2, MaxRouteKm: 60}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opt := f.Opt
			c.opt(&opt)
			want := base
			c.want(&want)
			if got := planOptionsUsed(opt); !reflect.DeepEqual(got, want) {
				t.Errorf("options\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// townshipFlags are the planner's flags of a township as a whole.
var townshipFlags = []string{planner.FlagTHCNotInTownship, planner.FlagMultipleTHC, planner.FlagNoTHC,
	planner.FlagCoverNotExact, planner.FlagRouteTooManyStops, planner.FlagVillageClinicStaffPartial}

func TestPlanFigures(t *testing.T) {
	pol, err := planner.LookupPolicy("ordos")
	if err != nil {
		t.Fatal(err)
	}
	// The run keeps some of the policy's figures and changes others; the
	// expectations follow the policy's values, which are tuned elsewhere.
	minFar := pol.MinFarKm.Value
	opt := planner.PlanOptions{RadiusKm: pol.RadiusKm.Value - 2.5, Subcentres: planner.SubcentreOptions{MaxK: pol.MaxSubcentres.Value, MinFarKm: &minFar},
		Clinics: planner.ClinicOptions{ItinerantBelow: pol.ItinerantBelow.Value, MergeBelow: pol.MergeBelow.Value, OwnClinicFrom: pol.OwnClinicFrom.Value,
			MergeKm: pol.MergeKm.Value + 1, NearTHCKm: pol.NearTHCKm.Value, MaxRouteKm: 60}}
	changed := func(f planner.Figure[float64]) string {
		return fmt.Sprintf("set for this run; the ordos policy gives %s (%s)", FigureText(f.Value), f.Source)
	}
	figs := map[string]PlanFigure{}
	var names []string
	for _, fg := range planFigures(pol, opt, nil) {
		figs[fg.Name] = fg
		names = append(names, fg.Name)
	}
	wantNames := []string{"radius_km", "sweep_radii_km", "min_subcentres", "max_subcentres", "min_far_km", "itinerant_below",
		"merge_below", "own_clinic_from", "merge_km", "near_thc_km", "max_route_km", "doctors_per_1000", "thc_staff_min_per_1000", "thc_staff_max_per_1000"}
	if !slices.Equal(names, wantNames) {
		t.Fatalf("figures %q, want %q", names, wantNames)
	}
	cases := []struct {
		name   string
		value  any
		source string
	}{
		{"radius_km", opt.RadiusKm, changed(pol.RadiusKm)},
		{"max_subcentres", pol.MaxSubcentres.Value, pol.MaxSubcentres.Source},
		{"min_far_km", pol.MinFarKm.Value, pol.MinFarKm.Source},
		{"merge_km", opt.Clinics.MergeKm, changed(pol.MergeKm)},
		{"merge_below", pol.MergeBelow.Value, pol.MergeBelow.Source},
		{"sweep_radii_km", pol.SweepRadiiKm.Value, pol.SweepRadiiKm.Source},
		{"thc_staff_max_per_1000", pol.THCStaffMaxPer1000.Value, pol.THCStaffMaxPer1000.Source},
	}
	for _, c := range cases {
		fg := figs[c.name]
		if !reflect.DeepEqual(fg.Value, c.value) || fg.Source != c.source {
			t.Errorf("%s = %#v %q, want %#v %q", c.name, fg.Value, fg.Source, c.value, c.source)
		}
	}

	// A zero policy cites nothing and lists only what the run set.
	zero := planFigures(planner.Policy{}, opt, []planner.SweepRow{{RadiusKm: 10}, {RadiusKm: 10}, {RadiusKm: 20}})
	got := map[string]PlanFigure{}
	for _, fg := range zero {
		got[fg.Name] = fg
		if fg.Source != "set for this run" {
			t.Errorf("%s: source %q", fg.Name, fg.Source)
		}
	}
	if len(got) != 10 || !reflect.DeepEqual(got["sweep_radii_km"].Value, []float64{10, 20}) || got["radius_km"].Value != opt.RadiusKm {
		t.Errorf("zero policy figures %+v", zero)
	}

	// Given candidates: the distance filter is cited but not applied.
	opt.Subcentres.Candidates = []planner.Facility{}
	for _, fg := range planFigures(pol, opt, nil) {
		if fg.Name == "min_far_km" && !strings.HasSuffix(fg.Source, "not applied: candidate sites were given") {
			t.Errorf("min_far_km source %q", fg.Source)
		}
	}
}

// TestPlanSummaryJSONRoundTrip decodes the summary JSON with encoding/json
// into a PlanSummary and checks that nothing was lost.
func TestPlanSummaryJSONRoundTrip(t *testing.T) {
	f := fixture.NewPlan(t)
	s := planSummary(f)
	var buf bytes.Buffer
	if err := WritePlanSummaryJSON(&buf, s); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(buf.Bytes()) {
		t.Fatal("invalid JSON")
	}
	keys := fixture.ObjectKeys(t, buf.Bytes())
	wantKeys := []string{"radius_km", "policy", "options", "total", "counties", "townships", "sweep", "inputs", "rejected_count", "rejected", "warnings"}
	if !slices.Equal(keys, wantKeys) {
		t.Errorf("keys %q, want %q", keys, wantKeys)
	}
	var back PlanSummary
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	// Figure values come back as JSON numbers; compare them as text.
	if len(back.Policy.Figures) != len(s.Policy.Figures) {
		t.Fatalf("%d figures back, want %d", len(back.Policy.Figures), len(s.Policy.Figures))
	}
	for i := range s.Policy.Figures {
		if a, b := FigureText(s.Policy.Figures[i].Value), FigureText(back.Policy.Figures[i].Value); a != b {
			t.Errorf("figure %s: %s back as %s", s.Policy.Figures[i].Name, a, b)
		}
		back.Policy.Figures[i].Value = s.Policy.Figures[i].Value
	}
	sameNotes(t, &back, &s)
	s.plan = nil
	if !reflect.DeepEqual(back, s) {
		gs, _ := json.Marshal(s)
		gb, _ := json.Marshal(back)
		t.Errorf("round trip differs:\n%s\n%s", gs, gb)
	}
	var again bytes.Buffer
	if err := WritePlanSummaryJSON(&again, back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("re-encoding the decoded summary gives different bytes")
	}

	// Without a sweep the key is left out.
	s.Sweep = nil
	buf.Reset()
	if err := WritePlanSummaryJSON(&buf, s); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(fixture.ObjectKeys(t, buf.Bytes()), "sweep") {
		t.Error("sweep key written without a sweep")
	}
}

func TestWritePlanSummaryJSONErrors(t *testing.T) {
	f := fixture.NewPlan(t)
	s := planSummary(f)
	s.Counties[0].CountyCareAfterShare = math.NaN()
	var buf bytes.Buffer
	if err := WritePlanSummaryJSON(&buf, s); !errors.Is(err, table.ErrWriteInput) || buf.Len() > 0 {
		t.Errorf("NaN share: err = %v, %d bytes written", err, buf.Len())
	}
	s = planSummary(f)
	w := &fixture.FailingWriter{Limit: 100}
	if err := WritePlanSummaryJSON(w, s); !errors.Is(err, table.ErrWrite) || !errors.Is(err, fixture.ErrDiskFull) {
		t.Errorf("failing writer: err = %v", err)
	}
}

func TestPlanKAndCountJSON(t *testing.T) {
	cases := []struct {
		v    any
		json string
	}{
		{PlanK(0), `"auto"`},
		{PlanK(2), `2`},
		{Count(planner.CapacityUnknown), `null`},
		{Count(0), `0`},
		{Count(1234), `1234`},
	}
	for _, c := range cases {
		b, err := json.Marshal(c.v)
		if err != nil || string(b) != c.json {
			t.Errorf("%#v: %s, %v; want %s", c.v, b, err, c.json)
		}
		back := reflect.New(reflect.TypeOf(c.v))
		if err := json.Unmarshal(b, back.Interface()); err != nil || back.Elem().Interface() != c.v {
			t.Errorf("%s decodes to %v, %v; want %#v", b, back.Elem(), err, c.v)
		}
	}
	var k PlanK
	if err := json.Unmarshal([]byte(`"three"`), &k); err == nil {
		t.Error(`"three" accepted as a sub-centre count`)
	}
	var n Count
	if err := json.Unmarshal([]byte(`"x"`), &n); err == nil {
		t.Error(`"x" accepted as a count`)
	}
	if Count(-1).String() != "unknown" || Count(12345).String() != "12,345" || PlanK(0).String() != "auto" || PlanK(3).String() != "3" {
		t.Error("String methods")
	}
}

func TestAppendSpacedJSON(t *testing.T) {
	in := `{"a":1,"b":[1,2],"c":"x: y, \"z\", \\","d":{}}`
	want := `{"a": 1, "b": [1, 2], "c": "x: y, \"z\", \\", "d": {}}`
	if got := string(appendSpacedJSON(nil, []byte(in))); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestNewPlanSummaryMismatch checks that a result that does not belong to
// the inputs is an error, not a panic, and yields no summary.
func TestNewPlanSummaryMismatch(t *testing.T) {
	f := fixture.NewPlan(t)
	for name, call := range map[string]func() (PlanSummary, error){
		"village missing": func() (PlanSummary, error) {
			return NewPlanSummary(f.Villages[1:], f.Facilities, f.Res, f.Policy, f.Opt, nil)
		},
		"nil result": func() (PlanSummary, error) {
			return NewPlanSummary(f.Villages, f.Facilities, nil, f.Policy, f.Opt, nil)
		},
	} {
		s, err := call()
		var we *table.WriteInputError
		if !errors.Is(err, table.ErrWriteInput) || !errors.As(err, &we) || len(s.Counties) != 0 {
			t.Errorf("%s: %d counties, %v; want none and a *table.WriteInputError", name, len(s.Counties), err)
		}
	}
}

// TestPlanWarningsReadable checks both ways of the warnings' backwards
// compatibility: a reader of the older entries ({"file", "line", "id",
// "reason"}) reads the new ones, and an older file decodes as input
// warnings.
func TestPlanWarningsReadable(t *testing.T) {
	s := planSummary(fixture.NewPlan(t))
	var buf bytes.Buffer
	if err := WritePlanSummaryJSON(&buf, s); err != nil {
		t.Fatal(err)
	}
	var old struct {
		Warnings []map[string]any `json:"warnings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &old); err != nil {
		t.Fatal(err)
	}
	if len(old.Warnings) != len(s.Warnings) || len(s.PolicyWarnings()) == 0 {
		t.Fatalf("%d warnings read, want %d (%d about policy)", len(old.Warnings), len(s.Warnings), len(s.PolicyWarnings()))
	}
	for i, w := range old.Warnings {
		for _, k := range []string{"code", "county", "rule", "file", "line", "id", "reason", "suggestion"} {
			if _, ok := w[k]; !ok {
				t.Errorf("warning %d lacks %q: %v", i, k, w)
			}
		}
	}

	var back PlanSummary
	if err := json.Unmarshal([]byte(`{"warnings": [{"file": "v.csv", "line": 0, "id": "", "reason": "decoded as GB18030"}]}`), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Warnings) != 1 || !back.Warnings[0].Input() || back.InputWarnings() != 1 || len(back.PolicyWarnings()) != 0 ||
		back.Warnings[0].File != "v.csv" || back.Warnings[0].Reason != "decoded as GB18030" {
		t.Errorf("older warnings decode as %+v", back.Warnings)
	}
}

// sameNotes checks that the notes of back, decoded from JSON, say what
// those of s say (their numbers come back as float64, like figure values),
// then sets them to s's for the comparison of the rest.
func sameNotes(t *testing.T, back, s *PlanSummary) {
	t.Helper()
	same := func(what string, b *[]note.Note, a []note.Note) {
		if note.Text(*b) != note.Text(a) || len(*b) != len(a) {
			t.Errorf("%s: notes %q back as %q", what, note.Text(a), note.Text(*b))
		}
		for i := range min(len(a), len(*b)) {
			if (*b)[i].Code != a[i].Code {
				t.Errorf("%s: note %d %s back as %s", what, i, a[i].Code, (*b)[i].Code)
			}
		}
		*b = a
	}
	for i := range min(len(back.Policy.Figures), len(s.Policy.Figures)) {
		same(s.Policy.Figures[i].Name, &back.Policy.Figures[i].SourceNotes, s.Policy.Figures[i].SourceNotes)
	}
	for i := range min(len(back.Counties), len(s.Counties)) {
		same(s.Counties[i].County, &back.Counties[i].Notes, s.Counties[i].Notes)
		same(s.Counties[i].County+" tie-break", &back.Counties[i].TieBreakNotes, s.Counties[i].TieBreakNotes)
	}
	for i := range min(len(back.Warnings), len(s.Warnings)) {
		same("warning reason", &back.Warnings[i].ReasonNotes, s.Warnings[i].ReasonNotes)
		same("warning suggestion", &back.Warnings[i].SuggestionNotes, s.Warnings[i].SuggestionNotes)
	}
}
