package pgrouting

import (
	"context"
	"math"
	"testing"

	"github.com/catchment/catchment/roads"
	"github.com/catchment/catchment/roads/synth"
)

// TestSameJobAgreesWithCatchment runs each pgRouting formulation of the
// nearest-facility job from coordinates (samejob.sql) on a small synthetic
// province (with its tracks, more stray fragments than by default and a
// oneway loop at every township centre, where the facilities are) and checks
// its answers against catchment's Nearest, sites on road vertices and
// 0–400 m off the road.
//
// The formulations that snap as catchment does (onto the nearest point of
// the nearest edge of the main piece: catchment too passes over a fragment
// that joins nothing) must reach the same villages, name the same facility
// where they say one, and give the same distance within the bound of
// diffSameJob: what remains is geometry, pgRouting pricing part of an
// edge as its share of the edge's UTM length (the scale factor changes
// along a long edge: about 0.1 m on the 20 km trunk roads of the benchmark
// network). A site on a junction is at the junction, whichever edge the
// KNN search returns: a oneway edge ending there must not send the trip
// round its loop (it did, 1.2 km, before samejob.sql let a piece of length
// 0 be taken both ways). Snapping to the nearest vertex (a junction or a way's end) is
// a different job: a village next to a road joins it at a junction maybe
// kilometres away; its differences are logged, and checked to vanish when
// every site lies on a vertex.
func TestSameJobAgreesWithCatchment(t *testing.T) {
	needCluster(t)
	places, ways := synthProvince(3, 2, 6, 30, synth.Options{OnewayShare: 1, FragmentShare: 0.2})
	net, _, err := roads.Build(ways, roads.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c := startCluster(t, "samejob")
	importWays(t, c, "samejob", ways)
	for _, pl := range placements {
		villages, facilities := synth.Sites(places, pl.offM, 3)
		if pl.offM == 0 {
			prepareSameJob(t, c, "samejob", utmSRID(villages))
		}
		loadSites(t, c, "samejob", villages, facilities)
		near, err := roads.Metric{Net: net}.Nearest(context.Background(), villages, facilities, math.Inf(1))
		if err != nil {
			t.Fatal(err)
		}
		bounds := snapBounds(t, c, "samejob")
		for _, job := range sameJobs {
			d := diffSameJob(near, runSameJob(t, c, "samejob", job, len(villages)), bounds, len(villages))
			t.Logf("%s, %s: %d villages, %d facilities: %v", pl.name, job.fn, len(villages), len(facilities), d)
			if (job.exact || pl.offM == 0) && !d.agrees() {
				t.Errorf("%s, %s: %v", pl.name, job.fn, d)
			}
			if !job.exact && pl.offM > 0 && d.maxDiffM < 1 {
				t.Errorf("%s, %s: snapping to vertices changed no distance by 1 m: the sites are not off the road", pl.name, job.fn)
			}
		}
	}
}
