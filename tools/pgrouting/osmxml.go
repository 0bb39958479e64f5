package pgrouting

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/catchment/catchment/roads"
	"github.com/paulmach/orb"
)

// WriteOSMXML writes ways as an OSM XML file osm2pgrouting can import:
// every node first, then every way with its highway tag and, for a oneway,
// oneway=yes or oneway=-1. Ways with NodeIDs keep them; ways without join
// at equal coordinates, numbered from 1 in order of first appearance. Way
// ids are 1, 2, … in order. Coordinates are written with the shortest
// decimal that reads back to the same float64, so both sides of a
// comparison see the same points. It is a plain writer (no library
// round-trip) for large synthetic networks; it writes no maxspeed.
func WriteOSMXML(w io.Writer, ways []roads.Way) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\" generator=\"catchment\">\n")
	ids := make([][]int64, len(ways))
	byXY := map[orb.Point]int64{}
	seen := map[int64]bool{}
	next := int64(1)
	for i, wy := range ways {
		ids[i] = make([]int64, len(wy.Points))
		for k, p := range wy.Points {
			var id int64
			if wy.NodeIDs != nil {
				id = wy.NodeIDs[k]
			} else if v, ok := byXY[p]; ok {
				id = v
			} else {
				id, next = next, next+1
				byXY[p] = id
			}
			ids[i][k] = id
			if !seen[id] {
				seen[id] = true
				fmt.Fprintf(bw, "  <node id=\"%d\" version=\"1\" lat=\"%s\" lon=\"%s\"/>\n", id,
					strconv.FormatFloat(p[1], 'f', -1, 64), strconv.FormatFloat(p[0], 'f', -1, 64))
			}
		}
	}
	for i, wy := range ways {
		fmt.Fprintf(bw, "  <way id=\"%d\" version=\"1\">\n", i+1)
		for _, id := range ids[i] {
			fmt.Fprintf(bw, "    <nd ref=\"%d\"/>\n", id)
		}
		fmt.Fprintf(bw, "    <tag k=\"highway\" v=%q/>\n", wy.Highway)
		switch wy.Oneway {
		case roads.Forward:
			bw.WriteString("    <tag k=\"oneway\" v=\"yes\"/>\n")
		case roads.Backward:
			bw.WriteString("    <tag k=\"oneway\" v=\"-1\"/>\n")
		}
		bw.WriteString("  </way>\n")
	}
	bw.WriteString("</osm>\n")
	return bw.Flush()
}
