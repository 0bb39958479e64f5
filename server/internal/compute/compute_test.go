package compute

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/synth"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/server/internal/runparams"
)

// TestProgress: progress stays in [0, 1] and never goes back.
func TestProgress(t *testing.T) {
	var p Progress
	for _, tc := range []struct{ set, want float64 }{{0.3, 0.3}, {0.2, 0.3}, {-1, 0.3}, {2, 1}, {0.5, 1}} {
		p.Set(tc.set)
		if got := p.Get(); got != tc.want {
			t.Errorf("after Set(%v): %v, want %v", tc.set, got, tc.want)
		}
	}
	var q Progress
	span := q.Span(0.2, 0.6)
	span(1, 2)
	span(3, 0) // no total: nothing to say
	if got := q.Get(); got != 0.4 {
		t.Errorf("half of [0.2, 0.6]: %v", got)
	}
}

// TestNames: every kind has its results, a caller cannot change them, and
// IsResult knows them all and nothing else.
func TestNames(t *testing.T) {
	kinds := append([]string{runparams.KindCoverage, runparams.KindPlan}, runparams.ProgrammeKinds()...)
	for _, k := range kinds {
		names := Names(k)
		if len(names) == 0 || (k != runparams.KindCoverage && !slices.Contains(names, "report.md")) {
			t.Errorf("%s: %v", k, names)
		}
		for _, n := range names {
			if !IsResult(n) {
				t.Errorf("%s: IsResult(%q) false", k, n)
			}
		}
		names[0] = "changed"
		if Names(k)[0] == "changed" {
			t.Errorf("%s: Names shares its slice", k)
		}
	}
	for _, n := range []string{"boundaries.geojson", "routes.geojson", "../catchment.db", ""} {
		if IsResult(n) {
			t.Errorf("IsResult(%q) true", n)
		}
	}
}

// TestRunCoverage computes a coverage run of the embedded sample: every
// coverage result is written, in order, and progress ends at 1; a done
// context stops the run.
func TestRunCoverage(t *testing.T) {
	villages, vrep, err := data.ReadVillages(bytes.NewReader(synth.SampleVillagesCSV()), "villages.csv", table.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	facilities, frep, err := data.ReadFacilities(bytes.NewReader(synth.SampleFacilitiesCSV()), "facilities.csv", table.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Villages: villages, Facilities: facilities, Reports: []*table.ReadReport{vrep, frep}}
	sp, err := runparams.Parse([]byte(`{"kind": "coverage", "radius_km": [10, 15]}`), "sample")
	if err != nil {
		t.Fatal(err)
	}
	metric := func() summary.MetricInfo { return summary.MetricInfo{Name: runparams.DistanceStraight} }
	dir := t.TempDir()
	var pr Progress
	names, err := Run(context.Background(), dir, in, sp, metric, &pr)
	if err != nil {
		t.Fatal(err)
	}
	if want := Names(runparams.KindCoverage); !slices.Equal(names, want) {
		t.Errorf("names %v, want %v", names, want)
	}
	for _, n := range names {
		if fi, err := os.Stat(filepath.Join(dir, n)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", n, err)
		}
	}
	if pr.Get() != 1 {
		t.Errorf("progress %v at the end", pr.Get())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, t.TempDir(), in, sp, metric, &Progress{}); !errors.Is(err, context.Canceled) {
		t.Errorf("with a done context: %v", err)
	}
}
