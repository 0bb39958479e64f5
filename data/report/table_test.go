package report

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner"

	"github.com/catchment/catchment/data/summary"

	"github.com/catchment/catchment/data/internal/fixture"
	"github.com/mattn/go-runewidth"
)

// tableBlocks splits table output into its blank-line separated blocks.
func tableBlocks(out string) [][]string {
	var blocks [][]string
	for _, b := range strings.Split(strings.TrimSuffix(out, "\n"), "\n\n") {
		blocks = append(blocks, strings.Split(b, "\n"))
	}
	return blocks
}

func TestWriteCoverageTableAlignment(t *testing.T) {
	cond := &runewidth.Condition{StrictEmojiNeutral: true}
	for _, radii := range [][]float64{{15}, {10, 12.5, 20}} {
		f := fixture.NewCoverage(t, radii...)
		var buf bytes.Buffer
		if err := WriteCoverageTable(&buf, coverageSummary(t, f.Villages, f.Facilities, f.Res, fixture.Reports()...)); err != nil {
			t.Fatal(err)
		}
		blocks := tableBlocks(buf.String())
		if len(blocks) != 4 {
			t.Fatalf("%d blocks, want title, counties, uncovered, rejected:\n%s", len(blocks), buf.String())
		}
		counties := blocks[1][1:] // without the group label line
		if len(counties) != 1+len(f.Res.Counties)+2 {
			t.Fatalf("county table has %d lines:\n%s", len(counties), strings.Join(counties, "\n"))
		}
		uncovered := blocks[2][1:]
		for name, lines := range map[string][]string{"county": counties, "uncovered": uncovered} {
			w := cond.StringWidth(lines[0])
			for _, l := range lines {
				if cond.StringWidth(l) != w {
					t.Errorf("%s table: line %q is %d cells wide, header %d", name, l, cond.StringWidth(l), w)
				}
			}
		}
		// Numbers line up on the right edge of their header.
		if !strings.HasSuffix(counties[0], "Share") || !strings.HasSuffix(counties[len(counties)-1], "29.1%") {
			t.Errorf("last column not right-aligned:\n%s", strings.Join(counties, "\n"))
		}
		if !strings.HasPrefix(counties[len(counties)-1], "Total ") {
			t.Errorf("last line %q is not the total", counties[len(counties)-1])
		}
		if got := blocks[3]; got[0] != "Rejected input rows: 2" {
			t.Errorf("rejected line %q", got[0])
		}
	}
}

func TestWriteCoverageTableTopUncovered(t *testing.T) {
	s := summary.CoverageSummary{RadiiKm: []float64{15}, Total: summary.SummaryTally{Covered: make([]summary.RadiusCoverage, 1)}}
	for i := range 25 {
		s.Uncovered = append(s.Uncovered, summary.UncoveredVillage{ID: fmt.Sprintf("V%02d", i), Name: "n", Population: 1000 - i, NearestFacilityKm: 30})
	}
	s.Uncovered[0].Name = strings.Repeat("很长的村名", 10)
	s.Uncovered[1].Name = "two\nlines"
	var buf bytes.Buffer
	if err := WriteCoverageTable(&buf, s); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "Villages without emergency network cover within 15 km: 25 (24,700 people); the 10 most populous:") {
		t.Errorf("missing uncovered headline:\n%s", out)
	}
	for i := range 25 {
		if got, want := strings.Contains(out, fmt.Sprintf("V%02d ", i)), i < 10; got != want {
			t.Errorf("village V%02d listed: %v, want %v", i, got, want)
		}
	}
	if !strings.Contains(out, `two\nlines`) {
		t.Error("newline in a name is not escaped")
	}
	if !strings.Contains(out, "很长的村名很长的村名...") {
		t.Errorf("long name not cut to %d cells:\n%s", tableMaxText, out)
	}
	if !strings.Contains(out, "Villages without emergency network cover") || strings.Contains(out, "Input warnings") {
		t.Errorf("unexpected lines:\n%s", out)
	}
}

func TestWriteCoverageTableNoUncovered(t *testing.T) {
	s := summary.CoverageSummary{RadiiKm: []float64{20}, Total: summary.SummaryTally{Villages: 1, Population: 5, Covered: []summary.RadiusCoverage{{RadiusKm: 20, Villages: 1, Population: 5, Share: 1}}}}
	var buf bytes.Buffer
	if err := WriteCoverageTable(&buf, s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Villages without emergency network cover within 20 km: none\n") || !strings.Contains(buf.String(), "100.0%") {
		t.Errorf("output:\n%s", buf.String())
	}
}

// TestWriteCoverageTableUncoveredRadius checks that with several radii the
// uncovered list names the largest, and that no distance of an uncovered
// village prints as the radius.
func TestWriteCoverageTableUncoveredRadius(t *testing.T) {
	s := summary.CoverageSummary{RadiiKm: []float64{10, 20, 15}, Total: summary.SummaryTally{Covered: make([]summary.RadiusCoverage, 3)}}
	for i, km := range []float64{20.004, 20.0000004, 20.0004999, 20.00000000001, 35.25} {
		s.Uncovered = append(s.Uncovered, summary.UncoveredVillage{ID: fmt.Sprintf("V%d", i), Population: 100 - i, NearestFacilityID: "H", NearestFacilityKm: km})
	}
	s.Uncovered = append(s.Uncovered, summary.UncoveredVillage{ID: "V9", Population: 1, NearestFacilityKm: math.Inf(1)})
	var buf bytes.Buffer
	if err := WriteCoverageTable(&buf, s); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "Villages without emergency network cover within 20 km, the largest radius: 6 (491 people):\n") {
		t.Errorf("headline:\n%s", out)
	}
	for id, km := range map[string]string{"V0": "20.004", "V1": ">20.000000", "V2": "20.0005", "V3": ">20.000000", "V4": "35.25", "V9": "-"} {
		re := regexp.MustCompile(`(?m)^` + id + ` .*  ` + regexp.QuoteMeta(km) + `$`)
		if !re.MatchString(out) {
			t.Errorf("village %s: distance is not %q:\n%s", id, km, out)
		}
	}
}

func TestUncoveredKmText(t *testing.T) {
	cases := []struct {
		km, radius float64
		want       string
	}{
		{58.0125, 15, "58.01"},
		{20.006, 20, "20.01"},
		{20.004, 20, "20.004"},
		{20.0000006, 20, "20.000001"},
		{20.0000004, 20, ">20.000000"},
		{12.5004, 12.5, "12.5004"},
		{12.50000001, 12.5, ">12.500000"},
		{14, 15, "14.00"}, // not uncovered: printed as it is
	}
	for _, c := range cases {
		if got := uncoveredKmText(c.km, c.radius); got != c.want {
			t.Errorf("uncoveredKmText(%v, %v) = %q, want %q", c.km, c.radius, got, c.want)
		}
	}
}

func TestWriteCoverageTableWriteError(t *testing.T) {
	f := fixture.NewCoverage(t, 15)
	err := WriteCoverageTable(&fixture.FailingWriter{Limit: 10}, coverageSummary(t, f.Villages, f.Facilities, f.Res))
	if !errors.Is(err, table.ErrWrite) || !errors.Is(err, fixture.ErrDiskFull) {
		t.Fatalf("err = %v, want ErrWrite wrapping the cause", err)
	}
}

func TestGroupInt(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", -1234567: "-1,234,567", 100000: "100,000"} {
		if got := numfmt.GroupThousands(n); got != want {
			t.Errorf("numfmt.GroupThousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// coverageSummary is summary.NewCoverageSummary for results that belong
// to their villages.
func coverageSummary(t testing.TB, villages []planner.Village, facilities []planner.Facility, res *planner.CoverageResult, reports ...*table.ReadReport) summary.CoverageSummary {
	t.Helper()
	s, err := summary.NewCoverageSummary(villages, facilities, res, reports...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
