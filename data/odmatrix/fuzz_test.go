package odmatrix

import (
	"bytes"
	"math"
	"os"
	"testing"

	"github.com/catchment/catchment/geo"
)

// FuzzRead: any input gives pairs or an error, never a panic; the report
// adds up and the pairs are usable by geo.NewODMatrix.
func FuzzRead(f *testing.F) {
	fixture, err := os.ReadFile("testdata/od.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fixture)
	f.Add([]byte("起点\t终点\t分钟\n村1\t院1\t3\n村1\t院1\t4\n"))
	f.Add([]byte("from;to;duration_s\n\"a\"\"\";b;1e3\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		pairs, rep, err := Read(bytes.NewReader(in), "fuzz.csv")
		if rep == nil {
			t.Fatal("nil report")
		}
		if err != nil {
			return
		}
		if rep.Rows != rep.Accepted+len(rep.Rejected) || rep.Accepted != len(pairs) {
			t.Fatalf("report does not add up: %+v (%d pairs)", rep, len(pairs))
		}
		var km, min []geo.ODPair
		for _, p := range pairs {
			if !math.IsNaN(p.Km) {
				km = append(km, p)
			}
			if !math.IsNaN(p.Minutes) {
				min = append(min, p)
			}
		}
		if _, err := geo.NewODMatrix(km, geo.Metres); err != nil {
			t.Fatal(err)
		}
		if _, err := geo.NewODMatrix(min, geo.Seconds); err != nil {
			t.Fatal(err)
		}
	})
}
