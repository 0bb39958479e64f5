package planner

import (
	"errors"
	"reflect"
	"regexp"
	"testing"
)

// Every figure of every preset has a value and a source that cites a rule of
// the digest or says it is catchment's reading of something left open.
func TestPoliciesCiteEveryFigure(t *testing.T) {
	cites := regexp.MustCompile(`\bR(1[0-8]|[1-9])\b|left open`)
	seen := map[string]bool{}
	for _, p := range Policies() {
		t.Run(p.Name, func(t *testing.T) {
			if p.Name == "" || p.Title == "" || seen[p.Name] {
				t.Fatalf("name %q, title %q (duplicate: %v)", p.Name, p.Title, seen[p.Name])
			}
			seen[p.Name] = true
			v := reflect.ValueOf(p)
			for i := 0; i < v.NumField(); i++ {
				f := v.Field(i)
				if f.Kind() != reflect.Struct {
					continue
				}
				name := v.Type().Field(i).Name
				src := f.FieldByName("Source").String()
				if f.FieldByName("Value").IsZero() {
					t.Errorf("%s has no value", name)
				}
				if !cites.MatchString(src) {
					t.Errorf("%s source %q cites no rule", name, src)
				}
			}
			if !(p.ItinerantBelow.Value <= p.MergeBelow.Value && p.MergeBelow.Value <= p.OwnClinicFrom.Value) {
				t.Errorf("thresholds out of order: %d, %d, %d", p.ItinerantBelow.Value, p.MergeBelow.Value, p.OwnClinicFrom.Value)
			}
			if !(1 <= p.MinSubcentres.Value && p.MinSubcentres.Value <= p.MaxSubcentres.Value && p.MaxSubcentres.Value <= MaxSubcentresPerCounty) {
				t.Errorf("sub-centre range %d..%d", p.MinSubcentres.Value, p.MaxSubcentres.Value)
			}
			if _, err := (Scenario{Policy: p.Name}).Resolve(); err != nil {
				t.Errorf("resolving the preset: %v", err)
			}
		})
	}
}

// The presets carry their regions' own figures (policy digest R3, R8, R9).
func TestPoliciesDiffer(t *testing.T) {
	get := func(name string) Policy {
		p, err := LookupPolicy(name)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if got := get("ordos").MaxSubcentres.Value; got != 2 {
		t.Errorf("ordos: at most %d sub-centres, R3 says 2", got)
	}
	if got := get("ordos").MergeBelow.Value; got != 500 {
		t.Errorf("ordos: joint clinics below %d, R8 says 500", got)
	}
	if got := get("dadukou").OwnClinicFrom.Value; got != 800 {
		t.Errorf("dadukou: own clinic from %d, R9 says 800", got)
	}
	if got := get("shanxi").ItinerantBelow.Value; got != 200 {
		t.Errorf("shanxi: itinerant below %d, R6 says 200", got)
	}
	ps := Policies()
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			a, b := ps[i], ps[j]
			a.Name, a.Title, b.Name, b.Title = "", "", "", ""
			if reflect.DeepEqual(a, b) {
				t.Errorf("%s and %s are the same preset", ps[i].Name, ps[j].Name)
			}
		}
	}
	if p, err := LookupPolicy(" Ordos "); err != nil || p.Name != "ordos" {
		t.Errorf("LookupPolicy is not case- and space-insensitive: %v %v", p.Name, err)
	}
	var oe *OptionError
	if _, err := LookupPolicy("beijing"); !errors.As(err, &oe) || oe.Option != "policy" {
		t.Errorf("unknown policy: %v", err)
	}
}

func TestScenarioResolve(t *testing.T) {
	num := func(v int) *int { return &v }
	km := func(v float64) *float64 { return &v }
	t.Run("policy defaults", func(t *testing.T) {
		r, err := Scenario{Policy: "ordos"}.Resolve()
		if err != nil {
			t.Fatal(err)
		}
		if r.Plan.RadiusKm != 20 || r.Plan.Clinics.MergeBelow != 500 || r.Plan.Clinics.OwnClinicFrom != 500 ||
			r.Plan.Subcentres.MaxK != 2 || *r.Plan.Subcentres.MinFarKm != 30 || r.Plan.Clinics.MaxRouteKm != 120 || r.Sweep() {
			t.Errorf("ordos resolved to %+v", r.Plan)
		}
	})
	t.Run("overrides win", func(t *testing.T) {
		r, err := Scenario{RadiiKm: []float64{12, 18}, Subcentres: []int{2, 3}, MergeKm: km(4), OwnClinicFrom: num(1000), MinGainPop: num(10)}.Resolve()
		if err != nil {
			t.Fatal(err)
		}
		if r.Policy.Name != DefaultPolicy || r.Plan.RadiusKm != 12 || r.Plan.Subcentres.RadiusKm != 12 || r.Plan.Subcentres.K != 2 ||
			r.Plan.Clinics.MergeKm != 4 || r.Plan.Clinics.OwnClinicFrom != 1000 || r.Plan.Subcentres.MinGainPop != 10 || !r.Sweep() {
			t.Errorf("resolved to %+v", r.Plan)
		}
	})
	t.Run("explicit K above the policy's cap is allowed", func(t *testing.T) {
		r, err := Scenario{Policy: "ordos", Subcentres: []int{3}}.Resolve()
		if err != nil || r.Plan.Subcentres.K != 3 {
			t.Fatalf("%v %+v", err, r.Plan.Subcentres)
		}
	})
	for _, tc := range []struct {
		name   string
		s      Scenario
		option string
	}{
		{"policy", Scenario{Policy: "nowhere"}, "policy"},
		{"radius", Scenario{RadiiKm: []float64{15, -1}}, "radius-km"},
		{"duplicate radius", Scenario{RadiiKm: []float64{15, 15}}, "radius-km"},
		{"K", Scenario{Subcentres: []int{4}}, "subcentres"},
		{"duplicate K", Scenario{Subcentres: []int{2, 2}}, "subcentres"},
		{"merge-km", Scenario{MergeKm: km(-3)}, "merge-km"},
		{"thresholds", Scenario{ItinerantBelow: num(900)}, "itinerant-below"},
		{"min-gain-pop", Scenario{MinGainPop: num(-1)}, "min-gain-pop"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.s.Resolve()
			var oe *OptionError
			if !errors.As(err, &oe) || oe.Option != tc.option {
				t.Errorf("err = %v, want an OptionError for %s", err, tc.option)
			}
		})
	}
}

// RunScenario's sweep row for the planned combination equals what Sweep
// computes afresh, and the plan's own totals.
func TestRunScenarioSweepReusesPlan(t *testing.T) {
	vs, fs := randomProvince(t, 12, 400, 40)
	for i := range fs {
		fs[i].County = vs[i%len(vs)].County // candidates need a county
	}
	r, err := Scenario{RadiiKm: []float64{10, 20}, Subcentres: []int{1, 2}, MinFarKm: new(0.0)}.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	res, rows, err := RunScenario(t.Context(), vs, fs, r)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := Sweep(t.Context(), vs, fs, r.RadiiKm, r.Subcentres, r.Plan.Subcentres)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows, fresh) || len(rows) != 4 {
		t.Fatalf("sweep rows %+v, want %+v", rows, fresh)
	}
	if rows[0].PlanTotals != res.Total || rows[0].Subcentres == 0 {
		t.Errorf("first row %+v, plan totals %+v", rows[0], res.Total)
	}
}
