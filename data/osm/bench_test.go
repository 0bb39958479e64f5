package osm

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
)

// BenchmarkLoad reads the Andorra extract whole and for one valley, and,
// when CATCHMENT_OSM_BENCH_PBF names a larger file, that file whole and for
// the box CATCHMENT_OSM_BENCH_BOX ("minlon,minlat,maxlon,maxlat");
// CATCHMENT_OSM_BENCH_PROCS sets Options.Procs.
func BenchmarkLoad(b *testing.B) {
	cases := []struct {
		name, path string
		opt        Options
	}{
		{"andorra/whole", andorraPBF, Options{}},
		{"andorra/valley", andorraPBF, Options{Bound: orb.Bound{Min: orb.Point{1.51, 42.50}, Max: orb.Point{1.54, 42.52}}, MarginKm: 1}},
	}
	if p := os.Getenv("CATCHMENT_OSM_BENCH_PBF"); p != "" {
		cases = append(cases, struct {
			name, path string
			opt        Options
		}{"large/whole", p, Options{}})
		var box orb.Bound
		if _, err := fmtSscan(os.Getenv("CATCHMENT_OSM_BENCH_BOX"), &box); err == nil {
			cases = append(cases, struct {
				name, path string
				opt        Options
			}{"large/box", p, Options{Bound: box}})
		}
	}
	procs, _ := strconv.Atoi(os.Getenv("CATCHMENT_OSM_BENCH_PROCS"))
	for _, c := range cases {
		c.opt.Procs = procs
		b.Run(c.name, func(b *testing.B) {
			var rep *Report
			for b.Loop() {
				var err error
				if _, rep, err = Load(context.Background(), c.path, c.opt); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(rep.Bytes)
			b.ReportMetric(float64(rep.WaysKept), "ways")
			b.ReportMetric(float64(rep.NodesUsed), "nodes")
			b.ReportMetric(float64(rep.NodesInRegion), "held")
		})
	}
}

func fmtSscan(s string, box *orb.Bound) (int, error) {
	return fmt.Sscanf(s, "%g,%g,%g,%g", &box.Min[0], &box.Min[1], &box.Max[0], &box.Max[1])
}
