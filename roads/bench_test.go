package roads_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"
	"syscall"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/catchment/catchment/roads/synth"
	"github.com/paulmach/orb"
)

// benchSize is one synthetic province: counties × townships × villages
// per township, giving about nodes road nodes.
type benchSize struct {
	name                         string
	counties, towns, villagesPer int
}

var benchSizes = []benchSize{
	{"nodes=10k", 1, 10, 100},
	{"nodes=100k", 4, 22, 125},
	{"nodes=2M+", 100, 22, 125}, // 275,000 villages, 2,200 townships
}

type province struct {
	ways       []roads.Way
	villages   []geo.Site
	facilities []geo.Site
}

var (
	provMu sync.Mutex
	provs  = map[string]*province{}
)

// benchProvince generates (once) a synthetic province and its roads; the
// township centres and county seats are the facilities.
func benchProvince(s benchSize) *province {
	provMu.Lock()
	defer provMu.Unlock()
	if p, ok := provs[s.name]; ok {
		return p
	}
	places := synth.Province(1, orb.Point{112, 37}, s.counties, s.towns, s.villagesPer, 8000)
	p := &province{ways: synth.Generate(places, synth.Options{Seed: 1})}
	p.villages, p.facilities = synth.Sites(places, 400, 2) // 0–400 m off the road, as real settlements
	provs[s.name] = p
	return p
}

// heapBytes is the live heap after a collection.
func heapBytes() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// cpuSeconds is the process's user+system CPU time: on a shared machine
// it is steadier than wall time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func sysBytes() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.Sys
}

func BenchmarkBuild(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			p := benchProvince(s)
			before := heapBytes()
			var net *roads.Network
			cpu0 := cpuSeconds()
			b.ResetTimer()
			for range b.N {
				net, _, _ = roads.Build(p.ways, roads.BuildOptions{})
			}
			b.StopTimer()
			b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(net.NumNodes()), "nodes")
			b.ReportMetric(float64(heapBytes()-before), "network-bytes")
			b.ReportMetric(float64(sysBytes()), "sys-bytes")
			runtime.KeepAlive(net)
		})
	}
}

func BenchmarkNearest(b *testing.B) {
	for _, s := range benchSizes {
		for _, cost := range []roads.Cost{roads.ByDistance, roads.ByTime} {
			b.Run(fmt.Sprintf("%s/cost=%d", s.name, cost), func(b *testing.B) {
				p := benchProvince(s)
				net, _, err := roads.Build(p.ways, roads.BuildOptions{})
				if err != nil {
					b.Fatal(err)
				}
				m := roads.Metric{Net: net, Cost: cost}
				cpu0 := cpuSeconds()
				b.ResetTimer()
				var got []geo.Reach
				for range b.N {
					got, err = m.Nearest(context.Background(), p.villages, p.facilities, math.Inf(1))
				}
				b.StopTimer()
				b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op")
				if err != nil {
					b.Fatal(err)
				}
				reached := 0
				for _, r := range got {
					if r.Index >= 0 {
						reached++
					}
				}
				b.ReportMetric(float64(net.NumNodes()), "nodes")
				b.ReportMetric(float64(len(p.villages)), "origins")
				b.ReportMetric(float64(reached), "reached")
				b.ReportMetric(float64(sysBytes()), "sys-bytes")
			})
		}
	}
}

func BenchmarkWithin(b *testing.B) {
	s := benchSizes[1]
	p := benchProvince(s)
	net, _, _ := roads.Build(p.ways, roads.BuildOptions{})
	m := roads.Metric{Net: net}
	b.ResetTimer()
	for range b.N {
		if _, err := m.Within(context.Background(), p.villages, p.facilities, 15000); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadNetwork measures loading a prepared network (the path that
// skips parsing and building).
func BenchmarkReadNetwork(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			net, _, _ := roads.Build(benchProvince(s).ways, roads.BuildOptions{})
			var buf bytes.Buffer
			if _, err := net.WriteTo(&buf); err != nil {
				b.Fatal(err)
			}
			cpu0 := cpuSeconds()
			b.ResetTimer()
			for range b.N {
				if _, err := roads.ReadNetwork(bytes.NewReader(buf.Bytes())); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(buf.Len()), "file-bytes")
		})
	}
}
