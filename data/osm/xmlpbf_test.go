package osm

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/xml"
	"reflect"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	posm "github.com/paulmach/osm"
)

// The library has no PBF encoder, so the XML path is checked against the
// PBF path on an XML file derived from the Andorra extract: the nodes of a
// small box and every way touching them, with all their nodes.
func andorraXML(t *testing.T, ref *andorraRef, box orb.Bound) []byte {
	t.Helper()
	var doc posm.OSM
	doc.Version, doc.Generator = "0.6", "catchment test (data © OpenStreetMap contributors, ODbL 1.0)"
	need := map[int64]bool{}
	for _, w := range sortedWays(ref) {
		touches := false
		for _, n := range w.Nodes {
			if box.Contains(ref.nodes[int64(n.ID)]) {
				touches = true
			}
		}
		if touches {
			doc.Ways = append(doc.Ways, w)
			for _, n := range w.Nodes {
				need[int64(n.ID)] = true
			}
		}
	}
	for id := range need {
		p := ref.nodes[id]
		doc.Nodes = append(doc.Nodes, &posm.Node{ID: posm.NodeID(id), Lon: p[0], Lat: p[1], Visible: true})
	}
	// Nodes in id order, as OSM files have them.
	slices.SortFunc(doc.Nodes, func(a, b *posm.Node) int { return cmp.Compare(a.ID, b.ID) })
	out, err := xml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAndorraXMLMatchesPBF(t *testing.T) {
	ref := loadAndorraRef(t)
	box := orb.Bound{Min: orb.Point{1.52, 42.505}, Max: orb.Point{1.53, 42.512}}
	doc := andorraXML(t, ref, box)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(doc)
	zw.Close()
	opt := Options{Bound: box, MarginKm: -1}
	want, wrep, err := Load(context.Background(), andorraPBF, opt)
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string][]byte{"andorra-box.osm": doc, "andorra-box.osm.gz": gz.Bytes()} {
		got, rep, err := Read(context.Background(), bytes.NewReader(in), name, opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if rep.Format != FormatXML || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d ways from XML, %d from PBF; differ", name, len(got), len(want))
		}
		if rep.WaysKept != wrep.WaysKept || rep.NodesUsed != wrep.NodesUsed || !reflect.DeepEqual(rep.Notes, wrep.Notes) {
			t.Errorf("%s: report %+v\nPBF report %+v", name, rep, wrep)
		}
	}
	if len(want) < 20 {
		t.Errorf("only %d ways in the box; the check is too weak", len(want))
	}
}
