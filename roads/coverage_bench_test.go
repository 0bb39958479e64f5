package roads_test

import (
	"bytes"
	"context"
	"math"
	"runtime"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
)

// withinCandidates is the number of sub-centre candidates the plan
// searches around, and withinLimitM their radius.
const (
	withinCandidates = 3000
	withinLimitM     = 15000.0
)

// BenchmarkCoverageByRoad measures the steps of coverage and planning by
// road on a synthetic province: Build from ways, WriteTo and ReadNetwork of
// the prepared file, Nearest (every village to its nearest facility) and
// Within (every village within 15 km of each of 3,000 candidates, as the
// plan's cover sets). Each step reports its process CPU seconds (steadier
// than wall time on a shared machine). e2e-cpu-s is Build + Nearest
// (coverage from ways), prepared-e2e-cpu-s ReadNetwork + Nearest; the
// reading of the source file is data/osm's benchmark. heap-inuse-bytes and
// sys-bytes are runtime.MemStats after the last step.
func BenchmarkCoverageByRoad(b *testing.B) {
	for _, s := range benchSizes[1:] {
		b.Run(s.name, func(b *testing.B) {
			p := benchProvince(s)
			cands := spread(p.villages, withinCandidates)
			b.ResetTimer()
			for range b.N {
				coverageSteps(b, p, cands)
			}
		})
	}
}

// spread picks n sites evenly through sites (all when there are fewer).
func spread(sites []geo.Site, n int) []geo.Site {
	if len(sites) <= n {
		return sites
	}
	out := make([]geo.Site, n)
	for k := range out {
		out[k] = sites[k*len(sites)/n]
	}
	return out
}

func coverageSteps(b *testing.B, p *province, cands []geo.Site) {
	b.Helper()
	ctx := context.Background()
	step := func(name string, fn func() error) float64 {
		cpu0 := cpuSeconds()
		if err := fn(); err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		d := cpuSeconds() - cpu0
		b.ReportMetric(d, name+"-cpu-s")
		return d
	}
	var net *roads.Network
	build := step("build", func() (err error) { net, _, err = roads.Build(p.ways, roads.BuildOptions{}); return err })
	var buf bytes.Buffer
	step("write", func() error { _, err := net.WriteTo(&buf); return err })
	read := step("read", func() (err error) { net, err = roads.ReadNetwork(bytes.NewReader(buf.Bytes())); return err })
	m := roads.Metric{Net: net}
	var near []geo.Reach
	nearest := step("nearest", func() (err error) {
		near, err = m.Nearest(ctx, p.villages, p.facilities, math.Inf(1))
		return err
	})
	var within [][]geo.Reach
	step("within", func() (err error) { within, err = m.Within(ctx, p.villages, cands, withinLimitM); return err })
	reached, pairs := 0, 0
	for _, r := range near {
		if r.Index >= 0 {
			reached++
		}
	}
	for _, w := range within {
		pairs += len(w)
	}
	if reached == 0 || pairs == 0 {
		b.Fatalf("nothing reached: %d villages, %d cover pairs", reached, pairs)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	st := net.Stats()
	b.ReportMetric(build+nearest, "e2e-cpu-s")
	b.ReportMetric(read+nearest, "prepared-e2e-cpu-s")
	b.ReportMetric(float64(st.Nodes), "nodes")
	b.ReportMetric(float64(st.GraphNodes), "graph-nodes")
	b.ReportMetric(float64(st.Bytes), "network-bytes")
	b.ReportMetric(float64(buf.Len()), "file-bytes")
	b.ReportMetric(float64(len(p.villages)), "villages")
	b.ReportMetric(float64(reached), "reached")
	b.ReportMetric(float64(pairs), "cover-pairs")
	b.ReportMetric(float64(ms.HeapInuse), "heap-inuse-bytes")
	b.ReportMetric(float64(ms.Sys), "sys-bytes")
}
