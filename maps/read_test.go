package maps

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
	"github.com/paulmach/orb"
)

// testdata/plan.geojson is a copy of data's golden plan file (written by
// data.WritePlanGeoJSON at the Shanxi policy's 15 km radius, which it
// records as radius_km); plan_noradius.geojson is the same plan as written
// before radius_km existed.
func readTestPlan(t *testing.T, radiusKm float64) (*Scene, error) {
	t.Helper()
	return readPlanFile(t, "testdata/plan.geojson", radiusKm)
}

func readPlanFile(t *testing.T, path string, radiusKm float64) (*Scene, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadPlanGeoJSON(f, "plan.geojson", radiusKm)
}

func TestReadPlanGeoJSON(t *testing.T) {
	s, err := readTestPlan(t, 15)
	if err != nil {
		t.Fatal(err)
	}
	tally := s.Tally()
	if tally.Villages != [3]int{3, 2, 7} {
		t.Errorf("villages by status %v, want 3 without county-level care, 2 with it today, 7 from a sub-centre", tally.Villages)
	}
	if tally.NetworkPopulation != 8820 {
		t.Errorf("%d people with emergency network cover, want the summary's 8,820", tally.NetworkPopulation)
	}
	if len(s.Subcentres) != 2 || s.Subcentres[0].ID != "T3" || s.Subcentres[0].Rank != 1 || s.Subcentres[0].RadiusKm != 15 ||
		s.Subcentres[0].GainPopulation != 4800 {
		t.Errorf("sub-centres %+v", s.Subcentres)
	}
	if len(s.Joint) != 1 || s.Joint[0].Host != (orb.Point{112.4, 37.05}) || len(s.Joint[0].Members) != 1 ||
		s.Joint[0].Members[0] != (orb.Point{112.42, 37.06}) {
		t.Errorf("joint clinics %+v", s.Joint)
	}
	if len(s.Routes) != 2 || len(s.Routes[0].Path) != 3 || s.Routes[0].County != "乙县" || s.Routes[0].Day != 1 {
		t.Errorf("routes %+v", s.Routes)
	}
	if got := s.Counties(); len(got) != 2 {
		t.Errorf("counties %v", got)
	}
	if s.Villages[2].Subcentre != "T3" || s.Villages[2].Status != CountyCareAfter {
		t.Errorf("village V03: %+v", s.Villages[2])
	}
	// The existing facilities, as the plan file holds them.
	types := map[planner.FacilityType]int{}
	for _, f := range s.Facilities {
		types[f.Type]++
	}
	if len(s.Facilities) != 6 || types[planner.CountyHospital] != 1 || types[planner.TownshipHealthCentre] != 3 ||
		types[planner.VillageClinic] != 2 || s.Facilities[0].ID != "H1" || s.Facilities[0].Location != (orb.Point{112, 37}) {
		t.Errorf("facilities %+v", s.Facilities)
	}
	// The plan's village clinics: own clinics and joint-clinic hosts.
	clinics := map[string]VillageClinic{}
	for _, v := range s.Villages {
		if v.Clinic != NoClinic {
			clinics[v.ID] = v.Clinic
		}
	}
	if clinics["V01"] != OwnClinic || clinics["V04"] != JointClinicHost || clinics["V05"] != NoClinic {
		t.Errorf("village clinics %v, want V01 own, V04 a joint clinic host, V05 (a member) none", clinics)
	}
	if err := s.Validate(); err != nil {
		t.Error(err)
	}
	// The policy warnings, from the collection's "warnings" member.
	if w := s.Warnings; len(w) != 1 || w[0].Code != planner.WarnMinSubcentresUnmet || w[0].County != "乙县" || w[0].Rule != "R2" ||
		len(w[0].ReasonNotes) != 1 || w[0].ReasonNotes[0].Code != note.WarnBelowMin || w[0].Suggestion != "give candidate sites with --candidates" {
		t.Errorf("warnings %+v", w)
	}
	old, err := readPlanFile(t, "testdata/plan_noradius.geojson", 15)
	if err != nil || old.Warnings != nil {
		t.Errorf("a file from before the warnings: %v, warnings %+v", err, old.Warnings)
	}
}

func TestReadPlanGeoJSONRadius(t *testing.T) {
	for _, c := range []struct {
		name     string
		file     string
		radiusKm float64
		wantKm   float64
		errHas   []string // an *OptionError with these, else no error
	}{
		{"recorded", "testdata/plan.geojson", 0, 15, nil},
		{"recorded, same given", "testdata/plan.geojson", 15, 15, nil},
		{"recorded, smaller given", "testdata/plan.geojson", 10, 0, []string{"10 km", "15 km", "radius_km"}},
		{"recorded, larger given", "testdata/plan.geojson", 20, 0, []string{"20 km", "15 km"}},
		{"old file, none given", "testdata/plan_noradius.geojson", 0, 0, []string{"does not record its radius"}},
		{"old file, given", "testdata/plan_noradius.geojson", 15, 15, nil},
		// Newly covered villages beyond the radius give a smaller one away.
		{"old file, too small", "testdata/plan_noradius.geojson", 5, 0, []string{"larger radius"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := readPlanFile(t, c.file, c.radiusKm)
			if c.errHas != nil {
				var oe *OptionError
				if !errors.As(err, &oe) || !errors.Is(err, ErrOptions) {
					t.Fatalf("error %v, want an OptionError", err)
				}
				for _, w := range c.errHas {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.RadiusKm != c.wantKm {
				t.Errorf("scene radius %v km, want %v", s.RadiusKm, c.wantKm)
			}
			for _, sc := range s.Subcentres {
				if sc.RadiusKm != c.wantKm {
					t.Errorf("sub-centre %s radius %v km, want %v", sc.ID, sc.RadiusKm, c.wantKm)
				}
			}
		})
	}

	// A layer of joint clinics or routes alone does not depend on the
	// radius and needs none.
	joint := `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[112,37],[112.1,37]]},"properties":{"layer":"itinerant_route","county":"甲县","day":1}}]}`
	if s, err := ReadPlanGeoJSON(strings.NewReader(joint), "routes.geojson", 0); err != nil || s.RadiusKm != 0 {
		t.Errorf("routes alone: %v", err)
	}
}

func TestReadPlanGeoJSONRejects(t *testing.T) {
	const village = `{"type":"Feature","geometry":{"type":"Point","coordinates":[112,37]},"properties":{"layer":"village","id":"V1","population":10,"network_covered":false,"county_care_today":false,"county_care_after":false}}`
	const site = `{"type":"Feature","geometry":{"type":"Point","coordinates":[112,37]},"properties":{"layer":"subcentre","id":"T1","rank":1,"radius_km":%s}}`
	fc := func(features ...string) string {
		return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
	}
	for _, c := range []struct {
		name, doc, reason string
	}{
		{"not JSON", "{", "not a GeoJSON"},
		{"no layer", fc(`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,1]},"properties":{}}`), `no "layer"`},
		{"unknown layer", fc(`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,1]},"properties":{"layer":"roads"}}`), "unknown layer"},
		{"village as a line", fc(`{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,1],[2,2]]},"properties":{"layer":"village"}}`), "must be a Point"},
		{"population as text", fc(strings.Replace(village, `"population":10`, `"population":"10"`, 1)), `property "population"`},
		{"fractional population", fc(strings.Replace(village, `"population":10`, `"population":10.5`, 1)), "an integer"},
		{"negative population", fc(strings.Replace(village, `"population":10`, `"population":-3`, 1)), "negative"},
		{"county care today, not after", fc(strings.Replace(village, `"county_care_today":false`, `"county_care_today":true`, 1)), "county-level care today but not after"},
		{"duplicate id", fc(village, village), "appears twice"},
		{"latitude out of range", fc(strings.Replace(village, "[112,37]", "[112,97]", 1)), "not a WGS84"},
		{"unknown member", fc(village, `{"type":"Feature","geometry":{"type":"Point","coordinates":[112,37]},"properties":{"layer":"joint_clinic","members":"V1,V9"}}`), `"V9"`},
		{"radius as text", fc(fmt.Sprintf(site, `"15"`)), `property "radius_km"`},
		{"zero radius", fc(fmt.Sprintf(site, "0")), "not positive"},
		{"two radii", fc(fmt.Sprintf(site, "15"), strings.Replace(fmt.Sprintf(site, "10"), `"T1"`, `"T2"`, 1)), "a plan has one radius"},
		{"facility as a line", fc(`{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,1],[2,2]]},"properties":{"layer":"facility"}}`), "a facility must be a Point"},
		{"facility type as a number", fc(`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,1]},"properties":{"layer":"facility","type":3}}`), `property "type"`},
		{"unknown service", fc(strings.Replace(village, `"population":10`, `"population":10,"service":"hospital"`, 1)), `service "hospital"`},
		{"route as a point", fc(`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,1]},"properties":{"layer":"itinerant_route"}}`), "LineString"},
		{"warnings not a list", strings.Replace(fc(village), `"features"`, `"warnings":{"code":"min_subcentres_unmet"},"features"`, 1), `"warnings" is not a list`},
		{"warning code a number", strings.Replace(fc(village), `"features"`, `"warnings":[{"code":4}],"features"`, 1), `"warnings" is not a list`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadPlanGeoJSON(strings.NewReader(c.doc), "p.geojson", 15)
			var ie *InputError
			if !errors.As(err, &ie) || !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), c.reason) {
				t.Errorf("error %v, want an InputError mentioning %q", err, c.reason)
			}
		})
	}
	if _, err := ReadPlanGeoJSON(strings.NewReader(`{"type":"FeatureCollection","features":[]}`), "p", -1); !errors.Is(err, ErrOptions) {
		t.Errorf("negative radius: %v", err)
	}
}

func TestReadBoundaries(t *testing.T) {
	doc := `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[110,30],[111,30],[111,31],[110,30]]]},"properties":{"name":"甲县","county":""}},
{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[112,30],[113,30],[113,31],[112,30]]],[[[114,30],[115,30],[115,31],[114,30]]]]},"properties":{"NAME":"乙县"}},
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[116,30],[117,30],[117,31],[116,30]]]},"properties":{}}]}`
	b, err := ReadBoundaries(strings.NewReader(doc), "b.geojson", BoundaryNameKeys()...)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 3 || b[0].Name != "甲县" || b[1].Name != "乙县" || len(b[1].Geometry) != 2 || b[2].Name != "" {
		t.Errorf("boundaries %+v", b)
	}
	bad := strings.Replace(doc, `"type":"MultiPolygon"`, `"type":"Point"`, 1)
	bad = strings.Replace(bad, `[[[[112,30],[113,30],[113,31],[112,30]]],[[[114,30],[115,30],[115,31],[114,30]]]]`, `[112,30]`, 1)
	if _, err := ReadBoundaries(strings.NewReader(bad), "b.geojson"); !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "feature 1") {
		t.Errorf("a Point boundary: %v, want ErrInput at feature 1", err)
	}
}
