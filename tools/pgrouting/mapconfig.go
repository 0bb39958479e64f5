package pgrouting

import (
	"bytes"
	"fmt"
	"sort"
)

// MapConfig returns an osm2pgrouting mapconfig XML that turns the ways
// tagged highway=<class> for each class into edges, with speedsKmh[class]
// as its maxspeed (km/h; a class without a speed gets 0, which only
// osm2pgrouting's cost_s uses). Pass catchment's routable classes (data/osm
// DefaultClasses, those roads gives a speed) so that pgRouting routes on
// the same ways as catchment. Classes are written sorted, ids from 101.
func MapConfig(classes []string, speedsKmh map[string]float64) []byte {
	cs := append([]string(nil), classes...)
	sort.Strings(cs)
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n  <tag_name name=\"highway\" id=\"1\">\n")
	for i, c := range cs {
		fmt.Fprintf(&b, "    <tag_value name=%q id=\"%d\" priority=\"1.0\" maxspeed=\"%g\" />\n", c, 101+i, speedsKmh[c])
	}
	b.WriteString("  </tag_name>\n</configuration>\n")
	return b.Bytes()
}
