package geojsonio

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/internal/fixture"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
	"github.com/paulmach/orb"
)

// planFeature is one feature of a plan file as encoding/json reads it.
type planFeature struct {
	Type     string
	Geometry struct {
		Type        string
		Coordinates json.RawMessage
	}
	Properties json.RawMessage
	props      map[string]any
}

// readPlanFeatures parses a plan FeatureCollection, checking its layout
// (one feature per line, after one line per policy warning) on the way.
func readPlanFeatures(t *testing.T, b []byte) []planFeature {
	t.Helper()
	var fc struct {
		Type     string
		Warnings []json.RawMessage
		Features []planFeature
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if fc.Type != "FeatureCollection" {
		t.Fatalf("type %q", fc.Type)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	head := 1
	if len(fc.Warnings) > 0 {
		head += len(fc.Warnings) + 1
	}
	if len(lines) != head+len(fc.Features)+1 {
		t.Errorf("%d lines for %d warnings and %d features, want one feature per line", len(lines), len(fc.Warnings), len(fc.Features))
	}
	if exponent.Match(b) {
		t.Error("a number is in exponent notation")
	}
	for i := range fc.Features {
		f := &fc.Features[i]
		if f.Type != "Feature" {
			t.Fatalf("feature %d: type %q", i, f.Type)
		}
		if err := json.Unmarshal(f.Properties, &f.props); err != nil {
			t.Fatal(err)
		}
	}
	return fc.Features
}

func byLayer(features []planFeature) map[string][]planFeature {
	m := map[string][]planFeature{}
	for _, f := range features {
		l, _ := f.props["layer"].(string)
		m[l] = append(m[l], f)
	}
	return m
}

func (f *planFeature) point(t *testing.T) orb.Point {
	t.Helper()
	var c [2]float64
	if f.Geometry.Type != "Point" {
		t.Fatalf("geometry %s, want Point", f.Geometry.Type)
	}
	if err := json.Unmarshal(f.Geometry.Coordinates, &c); err != nil {
		t.Fatal(err)
	}
	return orb.Point(c)
}

func roundedPoint(t *testing.T, p orb.Point) orb.Point {
	t.Helper()
	return orb.Point{fixture.Rounded7(t, p[0]), fixture.Rounded7(t, p[1])}
}

// checkProps compares properties with want (numbers as float64, km within
// half a millimetre) and the key order with order.
func checkProps(t *testing.T, what string, f *planFeature, want map[string]any, order []string) {
	t.Helper()
	for k, w := range want {
		g, ok := f.props[k]
		if !ok {
			t.Errorf("%s: no property %q", what, k)
			continue
		}
		if wf, isF := w.(float64); isF && strings.HasSuffix(k, "_km") {
			if gf, _ := g.(float64); math.Abs(gf-wf) > 5e-7 {
				t.Errorf("%s: %s = %v, want %v", what, k, g, w)
			}
			continue
		}
		if g != w {
			t.Errorf("%s: %s = %#v, want %#v", what, k, g, w)
		}
	}
	if len(f.props) != len(order) {
		t.Errorf("%s: %d properties, want %d", what, len(f.props), len(order))
	}
	if keys := fixture.ObjectKeys(t, f.Properties); !slices.Equal(keys, order) {
		t.Errorf("%s: property order\n got %q\nwant %q", what, keys, order)
	}
}

func orNil[T any](v T, ok bool) any {
	if !ok {
		return nil
	}
	return v
}

func capacityValue(n int) any {
	if n == planner.CapacityUnknown {
		return nil
	}
	return float64(n)
}

// TestWritePlanGeoJSON checks every feature of every layer against the
// plan it was written from, and its "warnings" against the plan's.
func TestWritePlanGeoJSON(t *testing.T) {
	f := fixture.NewPlan(t)
	var buf bytes.Buffer
	if err := WritePlanGeoJSON(&buf, f.Villages, f.Facilities, f.Res); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Warnings []planner.Warning `json:"warnings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(f.Res.Warnings) == 0 || len(doc.Warnings) != len(f.Res.Warnings) {
		t.Fatalf("warnings %+v, want the plan's %+v", doc.Warnings, f.Res.Warnings)
	}
	for i, w := range doc.Warnings {
		if x := f.Res.Warnings[i]; w.Code != x.Code || w.County != x.County || w.Rule != x.Rule || w.Reason != x.Reason ||
			w.Suggestion != x.Suggestion || note.Text(w.ReasonNotes) != x.Reason || note.Text(w.SuggestionNotes) != x.Suggestion {
			t.Errorf("warning %d %+v, want %+v", i, w, x)
		}
	}
	features := readPlanFeatures(t, buf.Bytes())
	layers := byLayer(features)
	var nSites, nJoint, nDays int
	for _, c := range f.Res.Counties {
		nSites += len(c.Sites)
	}
	for _, tp := range f.Res.Clinics.Townships {
		nJoint += len(tp.Joint)
		nDays += len(tp.Route)
	}
	// The fixture is built to have every layer.
	if nSites == 0 || nJoint == 0 || nDays == 0 {
		t.Fatalf("fixture has %d sites, %d joint clinics, %d route days; want some of each", nSites, nJoint, nDays)
	}
	for layer, n := range map[string]int{"village": len(f.Villages), "subcentre": nSites, "joint_clinic": nJoint, "itinerant_route": nDays,
		"facility": len(f.Facilities)} {
		if len(layers[layer]) != n {
			t.Errorf("layer %s: %d features, want %d", layer, len(layers[layer]), n)
		}
	}
	if len(features) != len(f.Villages)+nSites+nJoint+nDays+len(f.Facilities) {
		t.Errorf("%d features, some with an unknown layer", len(features))
	}
	// Layers come in order: villages, sub-centres, joint clinics, routes,
	// facilities.
	wantOrder := []string{"village", "subcentre", "joint_clinic", "itinerant_route", "facility"}
	var gotOrder []string
	for _, ft := range features {
		if l := ft.props["layer"].(string); len(gotOrder) == 0 || gotOrder[len(gotOrder)-1] != l {
			gotOrder = append(gotOrder, l)
		}
	}
	if !slices.Equal(gotOrder, wantOrder) {
		t.Errorf("layer order %q, want %q", gotOrder, wantOrder)
	}

	t.Run("village", func(t *testing.T) {
		order := []string{"layer", "id", "name", "county", "township", "population", "radius_km", "network_covered", "county_care_today", "county_care_after",
			"subcentre_id", "service", "required_clinic", "host_id", "hosts_joint_clinic", "nearest_thc_id", "nearest_thc_km", "flags"}
		for i, ft := range layers["village"] {
			v, vp, vs := f.Villages[i], f.Res.Villages[i], f.Res.Clinics.Villages[i]
			if p := ft.point(t); p != roundedPoint(t, v.Location) {
				t.Errorf("village %d: point %v, want %v", i, p, v.Location)
			}
			want := map[string]any{
				"layer": "village", "id": v.ID, "name": enc.ValidText(v.Name), "county": v.County, "township": v.Township,
				"population": float64(v.Population), "radius_km": f.Res.RadiusKm, "network_covered": vp.NetworkCovered, "county_care_today": vp.CountyCareToday, "county_care_after": vp.CountyCareAfter,
				"service": string(vs.Service), "required_clinic": vs.Required, "hosts_joint_clinic": vs.HostsJointClinic,
				"subcentre_id": nil, "host_id": nil, "nearest_thc_id": nil, "nearest_thc_km": nil,
				"flags": strings.Join(vs.Flags, ","),
			}
			if vp.Subcentre >= 0 {
				want["subcentre_id"] = f.Res.Candidates[vp.Subcentre].ID
			}
			if vs.HostIndex >= 0 {
				want["host_id"] = f.Villages[vs.HostIndex].ID
			}
			if vs.NearestTHCIndex >= 0 {
				want["nearest_thc_id"] = f.Facilities[vs.NearestTHCIndex].ID
				want["nearest_thc_km"] = vs.NearestTHCDistanceM / 1000
			}
			o := slices.Clone(order)
			for _, a := range v.Extra {
				name := a.Key
				if slices.Contains(enc.PlanReserved(), name) {
					name = "extra_" + name
				}
				want[name] = a.Value
				o = append(o, name)
			}
			checkProps(t, "village "+v.ID, &ft, want, o)
		}
	})

	t.Run("subcentre", func(t *testing.T) {
		order := []string{"layer", "rank", "id", "name", "county", "township", "radius_km", "beds", "staff", "gain_population", "gain_villages",
			"standalone_population", "county_hospital_km", "seat_km", "county_care_today_population", "county_care_after_population", "rule"}
		k := 0
		for _, c := range f.Res.Counties {
			for _, s := range c.Sites {
				ft := layers["subcentre"][k]
				k++
				if p := ft.point(t); p != roundedPoint(t, s.Facility.Location) {
					t.Errorf("site %s: point %v, want %v", s.Facility.ID, p, s.Facility.Location)
				}
				want := map[string]any{
					"layer": "subcentre", "rank": float64(s.Rank), "id": s.Facility.ID, "name": s.Facility.Name,
					"county": c.County, "township": s.Facility.Township, "radius_km": f.Res.RadiusKm,
					"beds": capacityValue(s.Facility.Beds), "staff": capacityValue(s.Facility.Staff),
					"gain_population": float64(s.GainPopulation), "gain_villages": float64(s.GainVillages),
					"standalone_population":        float64(s.StandalonePopulation),
					"county_hospital_km":           orNil(s.CountyHospitalDistanceM/1000, !math.IsInf(s.CountyHospitalDistanceM, 1)),
					"seat_km":                      s.SeatDistanceM / 1000,
					"county_care_today_population": float64(c.CountyCareToday), "county_care_after_population": float64(c.CountyCareAfter),
					"rule": s.Rule,
				}
				checkProps(t, "site "+s.Facility.ID, &ft, want, order)
			}
		}
	})

	t.Run("facility", func(t *testing.T) {
		order := []string{"layer", "id", "name", "type", "county", "township", "beds", "staff"}
		for i, ft := range layers["facility"] {
			fc := f.Facilities[i]
			if p := ft.point(t); p != roundedPoint(t, fc.Location) {
				t.Errorf("facility %s: point %v, want %v", fc.ID, p, fc.Location)
			}
			want := map[string]any{
				"layer": "facility", "id": fc.ID, "name": enc.ValidText(fc.Name), "type": string(fc.Type), "county": fc.County,
				"township": fc.Township, "beds": capacityValue(fc.Beds), "staff": capacityValue(fc.Staff),
			}
			checkProps(t, "facility "+fc.ID, &ft, want, order)
		}
	})

	t.Run("joint_clinic", func(t *testing.T) {
		order := []string{"layer", "host_id", "host_name", "county", "township", "members", "member_count", "population_served", "doctors_needed"}
		k := 0
		for _, tp := range f.Res.Clinics.Townships {
			for _, jc := range tp.Joint {
				ft := layers["joint_clinic"][k]
				k++
				host := f.Villages[jc.Host]
				if p := ft.point(t); p != roundedPoint(t, host.Location) {
					t.Errorf("joint clinic %s: point %v, want the host's %v", host.ID, p, host.Location)
				}
				var members []string
				served := host.Population
				for _, m := range jc.Members {
					members = append(members, f.Villages[m].ID)
					served += f.Villages[m].Population
				}
				if served != jc.PopulationServed {
					t.Errorf("joint clinic %s: planner says %d served, members add up to %d", host.ID, jc.PopulationServed, served)
				}
				want := map[string]any{
					"layer": "joint_clinic", "host_id": host.ID, "host_name": enc.ValidText(host.Name), "county": tp.County,
					"township": tp.Township, "members": strings.Join(members, ","), "member_count": float64(len(members)),
					"population_served": float64(jc.PopulationServed), "doctors_needed": float64(jc.DoctorsNeeded),
				}
				checkProps(t, "joint clinic "+host.ID, &ft, want, order)
			}
		}
	})

	t.Run("itinerant_route", func(t *testing.T) {
		order := []string{"layer", "county", "township", "thc_id", "day", "stops", "stop_count", "length_km", "flags"}
		k := 0
		for _, tp := range f.Res.Clinics.Townships {
			for _, d := range tp.Route {
				ft := layers["itinerant_route"][k]
				k++
				if ft.Geometry.Type != "LineString" {
					t.Fatalf("route geometry %s", ft.Geometry.Type)
				}
				var coords [][2]float64
				if err := json.Unmarshal(ft.Geometry.Coordinates, &coords); err != nil {
					t.Fatal(err)
				}
				if len(coords) != len(d.Path) {
					t.Fatalf("route %s day %d: %d points, want %d", tp.Township, d.Day, len(coords), len(d.Path))
				}
				for j, p := range d.Path {
					if orb.Point(coords[j]) != roundedPoint(t, p) {
						t.Errorf("route %s day %d point %d: %v, want %v", tp.Township, d.Day, j, coords[j], p)
					}
				}
				// The tour starts and ends at the township health centre.
				thc := f.Facilities[tp.THC]
				if d.Path[0] != thc.Location || d.Path[len(d.Path)-1] != thc.Location {
					t.Errorf("route %s day %d does not start and end at %s", tp.Township, d.Day, thc.ID)
				}
				var stops []string
				for _, s := range d.Stops {
					stops = append(stops, f.Villages[s].ID)
				}
				want := map[string]any{
					"layer": "itinerant_route", "county": tp.County, "township": tp.Township, "thc_id": thc.ID,
					"day": float64(d.Day), "stops": strings.Join(stops, ","), "stop_count": float64(len(stops)),
					"length_km": d.LengthKm, "flags": strings.Join(d.Flags, ","),
				}
				checkProps(t, "route "+tp.Township+" day "+strconv.Itoa(d.Day), &ft, want, order)
			}
		}
	})
}

// TestWritePlanLayers checks that the per-layer files hold exactly the
// features of the single file, layer by layer and byte for byte.
func TestWritePlanLayers(t *testing.T) {
	f := fixture.NewPlan(t)
	var all bytes.Buffer
	if err := WritePlanGeoJSON(&all, f.Villages, f.Facilities, f.Res); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(all.String(), "\n"), "\n")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.HasSuffix(l, `"features":[`) }) // after the warnings
	features := lines[start+1 : len(lines)-1]
	dir := filepath.Join(t.TempDir(), "layers") // created by the writer
	paths, err := WritePlanLayers(dir, f.Villages, f.Facilities, f.Res)
	if err != nil {
		t.Fatal(err)
	}
	files := []string{"villages.geojson", "subcentres.geojson", "joint_clinics.geojson", "itinerant_routes.geojson",
		"facilities.geojson", "subcentre_circles.geojson"}
	layers := []string{"village", "subcentre", "joint_clinic", "itinerant_route", "facility", "subcentre_circle"}
	if len(paths) != len(files) {
		t.Fatalf("paths %q", paths)
	}
	var got []string
	for i, p := range paths {
		if p != filepath.Join(dir, files[i]) {
			t.Errorf("path %d = %s, want %s", i, p, files[i])
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, ft := range readPlanFeatures(t, b) {
			if ft.props["layer"] != layers[i] {
				t.Errorf("%s holds a %v feature", files[i], ft.props["layer"])
			}
		}
		switch layers[i] {
		case "subcentre_circle":
			continue // not in the single file: see TestWritePlanSubcentreCircles
		case "facility":
			// The file of `catchment coverage --facilities-out`, with
			// the facilities' extra columns the single file leaves out.
			var want bytes.Buffer
			if err := WriteFacilitiesGeoJSON(&want, f.Facilities); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, want.Bytes()) {
				t.Errorf("facilities.geojson differs from WriteFacilitiesGeoJSON's")
			}
			for _, l := range features {
				if strings.Contains(l, `"layer":"facility"`) {
					got = append(got, strings.TrimSuffix(l, ","))
				}
			}
			continue
		}
		fl := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		for _, l := range fl[1 : len(fl)-1] {
			got = append(got, strings.TrimSuffix(l, ","))
		}
	}
	for i := range features {
		features[i] = strings.TrimSuffix(features[i], ",")
	}
	if !slices.Equal(got, features) {
		t.Error("the layer files together differ from the single file")
	}
	// No temporary files are left behind.
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(files) {
		t.Errorf("%d entries in the output directory, want %d", len(entries), len(files))
	}
}

// TestWritePlanEmptyLayers writes a plan with no sub-centre, joint clinic
// or route: every layer file is still a valid, empty collection.
func TestWritePlanEmptyLayers(t *testing.T) {
	f := fixture.NewPlan(t)
	villages := f.Villages[:2] // 城关镇: county-level care today, own clinics only
	res, err := planner.Plan(t.Context(), villages, f.Facilities, f.Opt)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := WritePlanLayers(t.TempDir(), villages, f.Facilities, res)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{2, 0, 0, 0, len(f.Facilities), 0} {
		b, err := os.ReadFile(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		if n := len(readPlanFeatures(t, b)); n != want {
			t.Errorf("%s: %d features, want %d", filepath.Base(paths[i]), n, want)
		}
		if want == 0 && string(b) != "{\"type\":\"FeatureCollection\",\"features\":[\n]}\n" {
			t.Errorf("%s: empty layer written as %q", filepath.Base(paths[i]), b)
		}
	}
	// A plan that meets every policy bound says so: "warnings" is empty.
	opt := f.Opt
	opt.MinSubcentres = planner.Figure[int]{} // no least number of sites to miss
	if res, err = planner.Plan(t.Context(), villages, f.Facilities, opt); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WritePlanGeoJSON(&buf, villages, f.Facilities, res); err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 0 || !strings.HasPrefix(buf.String(), `{"type":"FeatureCollection","warnings":[],"features":[`+"\n") {
		t.Errorf("warnings %+v; file starts %.80q", res.Warnings, buf.String())
	}
}

// TestPlanWritersReject gives the writers plans that do not belong to their
// inputs or hold numbers that cannot be written: each fails with
// ErrWriteInput before writing anything.
func TestPlanWritersReject(t *testing.T) {
	cases := []struct {
		name   string
		break_ func(f *fixture.Plan)
	}{
		{"nil result", func(f *fixture.Plan) { f.Res = nil }},
		{"no clinic plan", func(f *fixture.Plan) { f.Res.Clinics = nil }},
		{"fewer villages", func(f *fixture.Plan) { f.Villages = f.Villages[:3] }},
		{"clinic villages short", func(f *fixture.Plan) { f.Res.Clinics.Villages = f.Res.Clinics.Villages[:1] }},
		{"bad radius", func(f *fixture.Plan) { f.Res.RadiusKm = math.NaN() }},
		{"village location NaN", func(f *fixture.Plan) { f.Villages[4].Location[1] = math.NaN() }},
		{"sub-centre index", func(f *fixture.Plan) { f.Res.Villages[2].Subcentre = len(f.Res.Candidates) }},
		{"host index", func(f *fixture.Plan) { f.Res.Clinics.Villages[0].HostIndex = -2 }},
		{"nearest centre index", func(f *fixture.Plan) { f.Res.Clinics.Villages[0].NearestTHCIndex = len(f.Facilities) }},
		{"nearest centre distance", func(f *fixture.Plan) { f.Res.Clinics.Villages[0].NearestTHCDistanceM = math.Inf(1) }},
		{"township index", func(f *fixture.Plan) { f.Res.Clinics.Villages[0].TownshipIndex = 99 }},
		{"site distance NaN", func(f *fixture.Plan) { firstSite(f).CountyHospitalDistanceM = math.NaN() }},
		{"site seat distance", func(f *fixture.Plan) { firstSite(f).SeatDistanceM = math.Inf(1) }},
		{"site location", func(f *fixture.Plan) { firstSite(f).Facility.Location[0] = math.Inf(-1) }},
		{"seat", func(f *fixture.Plan) { f.Res.Counties[0].Seat[0] = math.NaN() }},
		{"route stop", func(f *fixture.Plan) { firstDay(f).Stops[0] = len(f.Villages) }},
		{"route path", func(f *fixture.Plan) { firstDay(f).Path[1][0] = math.NaN() }},
		{"route length", func(f *fixture.Plan) { firstDay(f).LengthKm = math.NaN() }},
		{"route without centre", func(f *fixture.Plan) { firstDayTownship(f).THC = -1 }},
		{"joint member", func(f *fixture.Plan) { firstJoint(f).Members[0] = -1 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := fixture.NewPlan(t)
			c.break_(&f)
			var buf bytes.Buffer
			err := WritePlanGeoJSON(&buf, f.Villages, f.Facilities, f.Res)
			if !errors.Is(err, table.ErrWriteInput) {
				t.Fatalf("WritePlanGeoJSON: err = %v, want ErrWriteInput", err)
			}
			if buf.Len() > 0 {
				t.Errorf("%d bytes written before the error", buf.Len())
			}
			dir := t.TempDir()
			if _, err := WritePlanLayers(dir, f.Villages, f.Facilities, f.Res); !errors.Is(err, table.ErrWriteInput) {
				t.Fatalf("WritePlanLayers: err = %v, want ErrWriteInput", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("WritePlanLayers left %d files", len(entries))
			}
			defer func() {
				if recover() == nil {
					t.Error("NewPlanSummary did not panic")
				}
			}()
			planSummary(f)
		})
	}
}

func firstSite(f *fixture.Plan) *planner.SiteChoice {
	for c := range f.Res.Counties {
		if len(f.Res.Counties[c].Sites) > 0 {
			return &f.Res.Counties[c].Sites[0]
		}
	}
	panic("fixture has no site")
}

func firstDayTownship(f *fixture.Plan) *planner.TownshipPlan {
	for t := range f.Res.Clinics.Townships {
		if len(f.Res.Clinics.Townships[t].Route) > 0 {
			return &f.Res.Clinics.Townships[t]
		}
	}
	panic("fixture has no route")
}

func firstDay(f *fixture.Plan) *planner.RouteDay { return &firstDayTownship(f).Route[0] }

func firstJoint(f *fixture.Plan) *planner.JointClinic {
	for t := range f.Res.Clinics.Townships {
		if len(f.Res.Clinics.Townships[t].Joint) > 0 {
			return &f.Res.Clinics.Townships[t].Joint[0]
		}
	}
	panic("fixture has no joint clinic")
}

func TestWritePlanGeoJSONWriteError(t *testing.T) {
	f := fixture.SynthPlan(t, 20) // more villages than one encoding chunk
	checkWriteFailures(t, func(w io.Writer) error { return WritePlanGeoJSON(w, f.Villages, f.Facilities, f.Res) })
}

// TestWritePlanGeoJSONParallelMatchesSerial checks that the chunked
// parallel encoding gives the same bytes as one goroutine.
func TestWritePlanGeoJSONParallelMatchesSerial(t *testing.T) {
	f := fixture.SynthPlan(t, 40)
	if len(f.Villages) <= 2*enc.EncodeChunk {
		t.Fatalf("only %d villages; the test needs several chunks", len(f.Villages))
	}
	parallel := checkParallelMatchesSerial(t, func(w io.Writer) error { return WritePlanGeoJSON(w, f.Villages, f.Facilities, f.Res) })
	features := readPlanFeatures(t, parallel)
	vl := byLayer(features)["village"]
	if len(vl) != len(f.Villages) {
		t.Fatalf("%d village features, want %d", len(vl), len(f.Villages))
	}
	for i := range vl {
		if vl[i].props["id"] != f.Villages[i].ID {
			t.Fatalf("village feature %d has id %v, want %s: out of order", i, vl[i].props["id"], f.Villages[i].ID)
		}
	}
}

// TestJSONPropsList checks that joined list values are escaped as one
// JSON string.
func TestJSONPropsList(t *testing.T) {
	for _, values := range [][]string{nil, {"V1"}, {`a"b`, `c\d`, "中\n", "bad\xff"}} {
		p := &jsonProps{b: []byte(`{"layer":"x"`)}
		p.List("stops", values)
		p.b = append(p.b, '}')
		var got map[string]string
		if err := json.Unmarshal(p.b, &got); err != nil {
			t.Fatalf("%q: %v: %s", values, err, p.b)
		}
		want := enc.ValidText(strings.Join(values, ","))
		if got["stops"] != want {
			t.Errorf("%q: stops = %q, want %q", values, got["stops"], want)
		}
	}
}
