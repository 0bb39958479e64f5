package osm

import (
	"bytes"
	"context"
	"os"
	"testing"
)

// FuzzReadXML: any input gives ways or an error, never a panic, and the
// report accounts for every way.
func FuzzReadXML(f *testing.F) {
	tiny, err := os.ReadFile("testdata/tiny.osm")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(tiny)
	f.Add([]byte(`<osm><node id="1" lat="1" lon="1"/><node id="2" lat="1" lon="2"/><way id="3"><nd ref="1"/><nd ref="2"/><nd ref="1"/><tag k="highway" v="road"/><tag k="oneway" v="x"/></way></osm>`))
	f.Add([]byte(`<osm><way id="3"><nd ref="1"/></way><node id="1" lat="NaN" lon="1e400"/></osm>`))
	f.Add([]byte("\xef\xbb\xbf<osm/>"))
	f.Fuzz(func(t *testing.T, in []byte) {
		ways, rep, err := Read(context.Background(), bytes.NewReader(in), "fuzz.osm", Options{Format: FormatXML})
		if rep == nil {
			t.Fatal("nil report")
		}
		if err != nil {
			return
		}
		checkAccounting(t, rep)
		for _, w := range ways {
			if len(w.Points) < 2 || len(w.Points) != len(w.NodeIDs) {
				t.Fatalf("way %s: %d points, %d ids", w.ID, len(w.Points), len(w.NodeIDs))
			}
		}
	})
}
