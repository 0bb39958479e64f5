package data

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

func countiesSummary(radii ...float64) CoverageSummary {
	tally := func(villages int, pop int64, covered ...int64) SummaryTally {
		t := SummaryTally{Villages: villages, Population: pop}
		for k, c := range covered {
			t.Covered = append(t.Covered, RadiusCoverage{RadiusKm: radii[k], Villages: int(c / 100), Population: c, Share: float64(c) / float64(pop)})
		}
		return t
	}
	s := CoverageSummary{RadiiKm: radii}
	switch len(radii) {
	case 1:
		s.Counties = []CountySummary{{"甲县", tally(3, 1000, 400)}, {"Comma, County", tally(1, 300, 0)}}
	case 2:
		s.Counties = []CountySummary{{"甲县", tally(3, 1000, 400, 1000)}}
	}
	return s
}

func TestWriteCoverageCountiesCSV(t *testing.T) {
	cases := []struct {
		name string
		s    CoverageSummary
		want string
	}{
		{"one radius", countiesSummary(15), "county,villages,population,covered_villages,covered_population,covered_share\n" +
			"甲县,3,1000,4,400,0.4\n" + `"Comma, County",1,300,0,0,0` + "\n"},
		{"two radii", countiesSummary(10, 12.5), "county,villages,population," +
			"covered_villages_10km,covered_population_10km,covered_share_10km," +
			"covered_villages_12_5km,covered_population_12_5km,covered_share_12_5km\n" +
			"甲县,3,1000,4,400,0.4,10,1000,1\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCoverageCountiesCSV(&buf, c.s); err != nil {
				t.Fatal(err)
			}
			got, ok := strings.CutPrefix(buf.String(), utf8BOM)
			if !ok {
				t.Error("no byte order mark")
			}
			if got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestWriteCoverageCountiesCSVRefusesInconsistentSummary(t *testing.T) {
	bad := []CoverageSummary{
		func() CoverageSummary { s := countiesSummary(15); s.Counties[0].Covered = nil; return s }(),
		func() CoverageSummary {
			s := countiesSummary(15)
			s.Counties[1].Covered[0].Share = math.NaN()
			return s
		}(),
		{RadiiKm: nil},
		{RadiiKm: []float64{10, 10}},
	}
	for i, s := range bad {
		var buf bytes.Buffer
		err := WriteCoverageCountiesCSV(&buf, s)
		if !errors.Is(err, ErrWriteInput) || buf.Len() != 0 {
			t.Errorf("case %d: error %v, %d bytes written; want ErrWriteInput and nothing", i, err, buf.Len())
		}
	}
}
