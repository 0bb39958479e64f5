package shanxi

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
)

// divisionRow is one line of divisions.csv, parsed here independently of
// load.go.
type divisionRow struct{ name, township, county string }

func divisionsCSV(t *testing.T) (villages map[string]divisionRow, townships map[string]divisionRow) {
	t.Helper()
	raw, _ := files.ReadFile("data/divisions.csv.gz")
	z, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(z)
	r := csv.NewReader(bytes.NewReader(data))
	head, _ := r.Read()
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	villages, townships = map[string]divisionRow{}, map[string]divisionRow{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		row := divisionRow{rec[col["name"]], rec[col["township_name"]], rec[col["county_name"]]}
		if rec[col["level"]] == "village" {
			villages[rec[col["code"]]] = row
		} else {
			townships[rec[col["code"]]] = row
		}
	}
	return villages, townships
}

func code(extra []planner.Attr) string {
	for _, a := range extra {
		if a.Key == "code" {
			return a.Value
		}
	}
	return ""
}

// TestWholeProvince: every division placed once with its real name and
// code, every village and facility inside its county's shape, the
// facilities the documentation promises.
func TestWholeProvince(t *testing.T) {
	s, err := Generate(Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	villages, townships := divisionsCSV(t)
	if len(s.Counties) != 121 || len(s.Villages) != len(villages) || len(villages) != 21895 || len(townships) != 1352 {
		t.Fatalf("%d counties, %d villages (csv %d), %d townships", len(s.Counties), len(s.Villages), len(villages), len(townships))
	}
	b, err := Boundaries(false)
	if err != nil {
		t.Fatal(err)
	}
	host := map[string]string{} // county code -> code of the shape it is drawn in
	uniq := map[string]string{} // county code -> name used in the sample
	for _, c := range s.Counties {
		host[c.Code], uniq[c.Code] = c.Code, c.UniqueName
		if c.Host != "" {
			host[c.Code] = c.Host
		}
	}
	seen := map[string]bool{}
	for _, v := range s.Villages {
		want, ok := villages[v.ID]
		if !ok || seen[v.ID] || code(v.Extra) != v.ID || v.Name != want.name || v.Township != want.township || v.County != uniq[v.ID[:6]] ||
			(v.County != want.county && v.County != "阳泉市"+want.county && v.County != "晋城市"+want.county) {
			t.Fatalf("village %+v does not match divisions.csv %+v", v, want)
		}
		seen[v.ID] = true
		if c, _, ok := b.Locate(v.Location); !ok || c != host[v.ID[:6]] {
			t.Fatalf("village %s %s at %v located in %q, want %s", v.ID, v.Name, v.Location, c, host[v.ID[:6]])
		}
		if v.Population < 30 || v.Population > 30000 {
			t.Fatalf("village %s population %d", v.ID, v.Population)
		}
	}
	count := map[planner.FacilityType]int{}
	for _, f := range s.Facilities {
		count[f.Type]++
		cc := code(f.Extra)[:6]
		if c, _, ok := b.Locate(f.Location); !ok || c != host[cc] || f.County != uniq[cc] {
			t.Fatalf("facility %s %s at %v located in %q, want %s", f.ID, f.County, f.Location, c, host[cc])
		}
		if f.Type == planner.TownshipHealthCentre {
			if tw, ok := townships[code(f.Extra)]; !ok || tw.name != f.Township || !strings.HasSuffix(f.County, tw.county) {
				t.Fatalf("health centre %+v does not match township %+v", f, tw)
			}
		}
		if f.Type == planner.CountyHospital && f.Township != "" {
			t.Fatalf("county hospital %s has township %q", f.ID, f.Township)
		}
	}
	clinicShare := float64(count[planner.VillageClinic]) / float64(len(s.Villages))
	if count[planner.CountyHospital] != 117 || count[planner.TownshipHealthCentre] != 1352 || clinicShare < 0.28 || clinicShare > 0.32 {
		t.Fatalf("facilities %v (clinic share %.3f)", count, clinicShare)
	}
}

func TestDeterministicAndSubsets(t *testing.T) {
	a, err := Generate(Options{Seed: 7, City: "长治市"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(Options{Seed: 7, City: "1404"})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed and city (by name and by code) differ")
	}
	c, _ := Generate(Options{Seed: 8, City: "长治市"})
	if reflect.DeepEqual(a.Villages, c.Villages) {
		t.Fatal("different seeds give the same villages")
	}
	two, _ := Generate(Options{Seed: 7, City: "长治市", Counties: 2})
	if len(two.Counties) != 2 || two.Counties[0].Code != a.Counties[0].Code {
		t.Fatalf("Counties: 2 gave %d counties", len(two.Counties))
	}
	n := 0
	for _, v := range a.Villages {
		if v.County == two.Counties[0].Name || v.County == two.Counties[1].Name {
			n++
		}
	}
	if n != len(two.Villages) || !reflect.DeepEqual(two.Villages, a.Villages[:n]) {
		t.Fatal("a limited sample differs from the same counties of the larger one")
	}
	if _, err := Generate(Options{City: "北京市"}); !errors.Is(err, ErrOptions) {
		t.Fatalf("unknown city: %v", err)
	}
	if _, err := Generate(Options{ClinicShare: 2}); !errors.Is(err, ErrOptions) {
		t.Fatalf("share 2: %v", err)
	}
}

// TestDatum: the default shapes are the published ones moved by the
// GCJ-02 inverse, a few hundred metres in Shanxi.
func TestDatum(t *testing.T) {
	wgs, _ := Counties(false)
	gcj, _ := Counties(true)
	for i := range wgs {
		if wgs[i].Host != "" {
			continue
		}
		p, q := wgs[i].Shape[0][0][0], gcj[i].Shape[0][0][0]
		if back := geo.WGS84ToGCJ02(p); abs(back[0]-q[0]) > 1e-9 || abs(back[1]-q[1]) > 1e-9 {
			t.Fatalf("%s: %v does not map back to %v", wgs[i].Name, p, q)
		}
		if d := geo.DistanceM(p, q); d < 100 || d > 1000 {
			t.Fatalf("%s: datum shift %.0f m", wgs[i].Name, d)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
