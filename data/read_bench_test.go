package data

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/catchment/catchment/data/table"
)

// readBenchVillagesCSV generates n village rows shaped like real input:
// 12-digit ids, Chinese names, about 270 villages per county, sorted by
// county and id as exported tables are. shuffled puts the rows in random
// order instead, the slow path for duplicate ids and name interning.
func readBenchVillagesCSV(n int, shuffled bool) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if shuffled {
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	var b bytes.Buffer
	b.Grow(n * 70)
	b.WriteString("id,name,county,township,population,lon,lat\n")
	for _, i := range order {
		county := i / 270
		fmt.Fprintf(&b, "%012d,第%d村,第%d县,第%d镇,%d,", 140000000000+i, i, county, i/20, rng.IntN(3000))
		b.WriteString(strconv.FormatFloat(73+rng.Float64()*62, 'f', 6, 64))
		b.WriteByte(',')
		b.WriteString(strconv.FormatFloat(18+rng.Float64()*35, 'f', 6, 64))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func BenchmarkReadVillages(b *testing.B) {
	for _, bc := range []struct {
		n        int
		shuffled bool
	}{{1e3, false}, {1e5, false}, {1e6, false}, {1e6, true}} {
		n := bc.n
		in := readBenchVillagesCSV(n, bc.shuffled)
		name := fmt.Sprintf("%.0e", float64(n))
		if bc.shuffled {
			name += "-shuffled"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				vs, _, err := ReadVillages(bytes.NewReader(in), "bench.csv", table.ReadOptions{})
				if err != nil || len(vs) != n {
					b.Fatalf("read %d villages: %v", len(vs), err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
	}
}

// readBenchVillagesGeoJSON generates n village features, one per line.
func readBenchVillagesGeoJSON(n int) []byte {
	rng := rand.New(rand.NewPCG(3, 4))
	var b bytes.Buffer
	b.Grow(n * 200)
	b.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"type":"Feature","properties":{"id":"%012d","name":"第%d村","county":"第%d县","township":"第%d镇","population":%d},`+
			`"geometry":{"type":"Point","coordinates":[%.6f,%.6f]}}`,
			140000000000+i, i, i/270, i/20, rng.IntN(3000), 73+rng.Float64()*62, 18+rng.Float64()*35)
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

func BenchmarkReadVillagesGeoJSON(b *testing.B) {
	for _, n := range []int{1e3, 1e5} {
		in := readBenchVillagesGeoJSON(n)
		b.Run(fmt.Sprintf("%.0e", float64(n)), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				vs, _, err := ReadVillages(bytes.NewReader(in), "bench.geojson", table.ReadOptions{})
				if err != nil || len(vs) != n {
					b.Fatalf("read %d villages: %v", len(vs), err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
	}
}
