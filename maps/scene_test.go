package maps

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

func TestSceneFromPlan(t *testing.T) {
	vs, fs, res, s := smallPlan(t)
	if len(s.Villages) != len(vs) || len(s.Facilities) != len(fs) || s.RadiusKm != res.RadiusKm {
		t.Fatalf("scene has %d villages, %d facilities, radius %v", len(s.Villages), len(s.Facilities), s.RadiusKm)
	}
	for i, v := range s.Villages {
		vp := res.Villages[i]
		want := NoCountyCare
		switch {
		case vp.CountyCareToday:
			want = CountyCareToday
		case vp.CountyCareAfter:
			want = CountyCareAfter
		}
		if v.Status != want || v.Location != vs[i].Location || v.Population != vs[i].Population {
			t.Errorf("village %s: %+v, want status %v", vs[i].ID, v, want)
		}
		if (v.Status == CountyCareAfter) != (v.Subcentre != "") {
			t.Errorf("village %s: status %v with sub-centre %q", v.ID, v.Status, v.Subcentre)
		}
	}
	var sites, joints, days int
	for _, c := range res.Counties {
		sites += len(c.Sites)
	}
	for _, tp := range res.Clinics.Townships {
		joints += len(tp.Joint)
		days += len(tp.Route)
	}
	if len(s.Subcentres) != sites || len(s.Joint) != joints || len(s.Routes) != days {
		t.Errorf("scene has %d sub-centres, %d joint clinics, %d route days; plan %d, %d, %d",
			len(s.Subcentres), len(s.Joint), len(s.Routes), sites, joints, days)
	}
	for _, sc := range s.Subcentres {
		if sc.RadiusKm != res.RadiusKm || sc.Rank < 1 {
			t.Errorf("sub-centre %+v", sc)
		}
	}

	short := *res
	short.Villages = res.Villages[1:]
	if _, err := SceneFromPlan(vs, fs, &short); !errors.Is(err, ErrInput) {
		t.Errorf("mismatched result: %v, want ErrInput", err)
	}
	if _, err := SceneFromPlan(vs, fs, nil); !errors.Is(err, ErrInput) {
		t.Errorf("nil result: %v, want ErrInput", err)
	}
}

func TestSceneForCounty(t *testing.T) {
	s := &Scene{
		RadiusKm: 15,
		Villages: []SceneVillage{
			{ID: "a1", County: "A", Location: orb.Point{110, 30}, Population: 100},
			{ID: "b1", County: "B", Location: orb.Point{111, 30}, Population: 200, Status: CountyCareToday},
			{ID: "a2", County: "A", Location: orb.Point{110.1, 30}, Population: 300, Status: CountyCareAfter},
		},
		Facilities: []SceneFacility{{ID: "fa", County: "A", Type: planner.CountyHospital, Location: orb.Point{110, 30.1}},
			{ID: "fb", County: "B", Type: planner.CountyHospital, Location: orb.Point{111, 30.1}}},
		Subcentres: []SceneSubcentre{{ID: "sb", County: "B", Location: orb.Point{111.2, 30}, RadiusKm: 15}},
		Joint:      []SceneJoint{{County: "A", Host: orb.Point{110, 30}, Members: []orb.Point{{110.01, 30}}}},
		Routes:     []SceneRoute{{County: "B", Day: 1, Path: orb.LineString{{111, 30}, {111.1, 30}, {111, 30}}}},
		Boundaries: []Boundary{
			{Name: "A", Geometry: orb.MultiPolygon{{{{109.9, 29.9}, {110.2, 29.9}, {110.2, 30.2}, {109.9, 29.9}}}}},
			{Name: "B", Geometry: orb.MultiPolygon{{{{110.9, 29.9}, {111.3, 29.9}, {111.3, 30.2}, {110.9, 29.9}}}}},
			{Name: "", Geometry: orb.MultiPolygon{{{{100, 0}, {101, 0}, {101, 1}, {100, 0}}}}},
		},
	}
	if got := s.Counties(); !slices.Equal(got, []string{"A", "B"}) {
		t.Fatalf("Counties %v", got)
	}
	a, err := s.ForCounty("A")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Villages) != 2 || len(a.Facilities) != 1 || len(a.Subcentres) != 0 || len(a.Joint) != 1 || len(a.Routes) != 0 ||
		len(a.Boundaries) != 1 || a.Boundaries[0].Name != "A" || a.RadiusKm != 15 {
		t.Errorf("county A: %+v", a)
	}
	b, err := s.ForCounty("B")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Villages) != 1 || len(b.Subcentres) != 1 || len(b.Routes) != 1 || len(b.Joint) != 0 {
		t.Errorf("county B: %+v", b)
	}
	tally := a.Tally()
	if tally.Villages != [3]int{1, 0, 1} || tally.Population != [3]int64{100, 0, 300} {
		t.Errorf("tally of A: %+v", tally)
	}
	_, err = s.ForCounty("C")
	var uc *UnknownCountyError
	if !errors.As(err, &uc) || !errors.Is(err, ErrUnknownCounty) || !slices.Equal(uc.Counties, []string{"A", "B"}) {
		t.Errorf("unknown county: %v", err)
	}
}

func TestSceneValidate(t *testing.T) {
	base := func() *Scene {
		s := tinyScene()
		s.Facilities = []SceneFacility{{ID: "F", Location: orb.Point{112, 37.1}, Type: planner.CountyHospital}}
		return s
	}
	for _, c := range []struct {
		name   string
		change func(*Scene)
		kind   string
	}{
		{"village off the globe", func(s *Scene) { s.Villages[0].Location = orb.Point{0, 91} }, "village"},
		{"infinite longitude", func(s *Scene) { s.Villages[0].Location = orb.Point{math.Inf(1), 0} }, "village"},
		{"bad status", func(s *Scene) { s.Villages[0].Status = 7 }, "village"},
		{"facility NaN", func(s *Scene) { s.Facilities[0].Location = orb.Point{math.NaN(), 0} }, "facility"},
		{"negative radius", func(s *Scene) { s.Subcentres[0].RadiusKm = -1 }, "subcentre"},
		{"scene radius NaN", func(s *Scene) { s.RadiusKm = math.NaN() }, "scene"},
		{"route point", func(s *Scene) { s.Routes = []SceneRoute{{Path: orb.LineString{{1, 1}, {1, 100}}}} }, "route"},
		{"joint member", func(s *Scene) { s.Joint = []SceneJoint{{Host: orb.Point{1, 1}, Members: []orb.Point{{1, 100}}}} }, "joint clinic"},
		{"boundary", func(s *Scene) { s.Boundaries = []Boundary{{Geometry: orb.MultiPolygon{{{{1, 1}, {1, -95}, {2, 1}}}}}} }, "boundary"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := base()
			if err := s.Validate(); err != nil {
				t.Fatalf("valid scene: %v", err)
			}
			c.change(s)
			err := s.Validate()
			var se *SceneError
			if !errors.As(err, &se) || se.Kind != c.kind || !errors.Is(err, ErrInput) {
				t.Errorf("Validate: %v, want a %s SceneError", err, c.kind)
			}
		})
	}
}

func TestCountyLabelsArePopulationWeighted(t *testing.T) {
	s := &Scene{Villages: []SceneVillage{
		{County: "A", Location: orb.Point{110, 30}, Population: 300},
		{County: "A", Location: orb.Point{111, 31}, Population: 100},
		{County: "B", Location: orb.Point{120, 40}},
		{County: "B", Location: orb.Point{122, 42}},
	}}
	got := s.countyLabels()
	want := []countyLabel{{"A", orb.Point{110.25, 30.25}}, {"B", orb.Point{121, 41}}}
	if len(got) != 2 {
		t.Fatalf("labels %v", got)
	}
	for i := range want {
		if got[i].Name != want[i].Name || math.Abs(got[i].Location[0]-want[i].Location[0]) > 1e-12 ||
			math.Abs(got[i].Location[1]-want[i].Location[1]) > 1e-12 {
			t.Errorf("label %d = %v, want %v", i, got[i], want[i])
		}
	}
}
