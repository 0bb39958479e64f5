package csvio

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/data/summary"
)

func countiesSummary(radii ...float64) summary.CoverageSummary {
	tally := func(villages int, pop int64, covered ...int64) summary.SummaryTally {
		t := summary.SummaryTally{Villages: villages, Population: pop}
		for k, c := range covered {
			t.Covered = append(t.Covered, summary.RadiusCoverage{RadiusKm: radii[k], Villages: int(c / 100), Population: c, Share: float64(c) / float64(pop)})
		}
		return t
	}
	s := summary.CoverageSummary{RadiiKm: radii}
	switch len(radii) {
	case 1:
		s.Counties = []summary.CountySummary{{County: "甲县", SummaryTally: tally(3, 1000, 400)}, {County: "Comma, County", SummaryTally: tally(1, 300, 0)}}
	case 2:
		s.Counties = []summary.CountySummary{{County: "甲县", SummaryTally: tally(3, 1000, 400, 1000)}}
	}
	return s
}

func TestWriteCoverageCountiesCSV(t *testing.T) {
	cases := []struct {
		name string
		s    summary.CoverageSummary
		want string
	}{
		{"one radius", countiesSummary(15), "county,villages,population,network_covered_villages,network_covered_population,network_covered_share\n" +
			"甲县,3,1000,4,400,0.4\n" + `"Comma, County",1,300,0,0,0` + "\n"},
		{"two radii", countiesSummary(10, 12.5), "county,villages,population," +
			"network_covered_villages_10km,network_covered_population_10km,network_covered_share_10km," +
			"network_covered_villages_12_5km,network_covered_population_12_5km,network_covered_share_12_5km\n" +
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
	bad := []summary.CoverageSummary{
		func() summary.CoverageSummary { s := countiesSummary(15); s.Counties[0].Covered = nil; return s }(),
		func() summary.CoverageSummary {
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
		if !errors.Is(err, table.ErrWriteInput) || buf.Len() != 0 {
			t.Errorf("case %d: error %v, %d bytes written; want ErrWriteInput and nothing", i, err, buf.Len())
		}
	}
}
