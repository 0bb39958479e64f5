package data_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/synth"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
)

// deriveTestProvince is a synthetic province and its facilities read back
// from CSV after edit changed their rows.
func deriveTestProvince(t *testing.T, counties int) ([]planner.Village, []planner.Facility) {
	t.Helper()
	vs, fs, err := synth.Synth(synth.SynthOptions{Counties: counties, Seed: 10})
	if err != nil {
		t.Fatal(err)
	}
	return vs, fs
}

// deriveTestRead writes fs as CSV, lets edit change each line, reads it
// back and derives the missing divisions from vs.
func deriveTestRead(t *testing.T, vs []planner.Village, fs []planner.Facility, edit func(line string, f *planner.Facility) string) ([]planner.Facility, *table.ReadReport) {
	t.Helper()
	var buf bytes.Buffer
	if err := csvio.WriteFacilitiesCSV(&buf, fs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	lines[0] = edit(lines[0], nil)
	for i := range fs {
		lines[i+1] = edit(lines[i+1], &fs[i])
	}
	got, rep, err := data.ReadFacilities(strings.NewReader(strings.Join(lines, "\n")+"\n"), "f.csv", table.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rejected) != 0 || len(got) != len(fs) {
		t.Fatalf("read %d of %d facilities; rejected %v", len(got), len(fs), rep.Rejected[:min(3, len(rep.Rejected))])
	}
	data.DeriveFacilityDivisions(vs, got, rep)
	return got, rep
}

// deriveTestSameCover checks that every village has the same nearest
// facility and the same cover with got as with want.
func deriveTestSameCover(t *testing.T, vs []planner.Village, want, got []planner.Facility) {
	t.Helper()
	opt := planner.CoverageOptions{RadiiKm: []float64{10, 20}}
	a, err := planner.Coverage(context.Background(), vs, want, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := planner.Coverage(context.Background(), vs, got, opt)
	if err != nil {
		t.Fatal(err)
	}
	wrong := 0
	for i := range vs {
		na, nb := a.Villages[i].Nearest, b.Villages[i].Nearest
		if (na < 0) != (nb < 0) || (na >= 0 && want[na].ID != got[nb].ID) {
			wrong++
		}
	}
	if wrong != 0 {
		t.Errorf("nearest facility differs for %d of %d villages", wrong, len(vs))
	}
	if b.Total.CoveredPopulation[1] == 0 || b.Total.CoveredPopulation[1] != a.Total.CoveredPopulation[1] {
		t.Errorf("covered population within 20 km %d, want %d (and not 0)", b.Total.CoveredPopulation[1], a.Total.CoveredPopulation[1])
	}
}

// TestCountyHospitalWithoutTownship is issue 10's defect: county hospitals
// with an empty township were rejected, which changed the nearest facility
// of 7,101 villages of a 1,000-county province and made today's cover 0 %.
func TestCountyHospitalWithoutTownship(t *testing.T) {
	counties := 1000
	if testing.Short() {
		counties = 40
	}
	vs, fs := deriveTestProvince(t, counties)
	hospitals := 0
	got, rep := deriveTestRead(t, vs, fs, func(line string, f *planner.Facility) string {
		if f == nil || f.Type != planner.CountyHospital {
			return line
		}
		hospitals++
		c := strings.Split(line, ",")
		c[4] = "" // id,name,type,county,township,...
		return strings.Join(c, ",")
	})
	if hospitals < counties {
		t.Fatalf("%d county hospitals, want at least one per county (%d)", hospitals, counties)
	}
	for i := range got {
		if got[i].County != fs[i].County {
			t.Fatalf("facility %s: county %q, want %q", got[i].ID, got[i].County, fs[i].County)
		}
		if got[i].Type == planner.CountyHospital && got[i].Township != "" {
			t.Fatalf("county hospital %s got township %q; it belongs to the county", got[i].ID, got[i].Township)
		}
	}
	if len(rep.Derived) != 0 {
		t.Errorf("derived %d rows, want none (county hospitals need no township)", len(rep.Derived))
	}
	deriveTestSameCover(t, vs, fs, got)
}

// TestFacilitiesWithoutDivisionColumns reads a facility table with no
// county and no township column at all, as the OpenStreetMap extract has.
func TestFacilitiesWithoutDivisionColumns(t *testing.T) {
	vs, fs := deriveTestProvince(t, 40)
	got, rep := deriveTestRead(t, vs, fs, func(line string, _ *planner.Facility) string {
		c := strings.Split(line, ",")
		return strings.Join(append(c[:3:3], c[5:]...), ",")
	})
	var county, township, wrongCounty, wrongTownship int
	for i := range got {
		if got[i].County == "" {
			t.Fatalf("facility %s has no county after derivation", got[i].ID)
		}
		county++
		if got[i].County != fs[i].County {
			wrongCounty++
		}
		if got[i].Type != planner.CountyHospital {
			township++
			if got[i].Township != fs[i].Township {
				wrongTownship++
			}
		}
	}
	if len(rep.Derived) != len(got) {
		t.Errorf("%d derivation notes, want one per facility (%d)", len(rep.Derived), len(got))
	}
	if !strings.Contains(warnings(rep), "taken from the nearest village") {
		t.Errorf("no file-level warning about the derivation: %q", warnings(rep))
	}
	// The nearest village is in the facility's own county and township
	// for nearly all facilities; the few exceptions sit on a border.
	if wrongCounty*100 > county || wrongTownship*20 > township {
		t.Errorf("derived county wrong for %d of %d, township for %d of %d", wrongCounty, county, wrongTownship, township)
	}
	t.Logf("derived county wrong for %d of %d, township for %d of %d", wrongCounty, county, wrongTownship, township)
	deriveTestSameCover(t, vs, fs, got)
}

func warnings(rep *table.ReadReport) string {
	var b strings.Builder
	for _, w := range rep.Warnings {
		b.WriteString(w.Reason + "\n")
	}
	return b.String()
}
