package osm_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/catchment/catchment/data/osm"
)

func ExampleRead() {
	const doc = `<osm version="0.6">
  <node id="1" lat="40.00" lon="110.00"/>
  <node id="2" lat="40.00" lon="110.01"/>
  <node id="3" lat="40.01" lon="110.01"/>
  <way id="7"><nd ref="1"/><nd ref="2"/><nd ref="3"/>
    <tag k="highway" v="tertiary"/><tag k="maxspeed" v="30 mph"/><tag k="oneway" v="yes"/></way>
  <way id="8"><nd ref="2"/><nd ref="3"/><tag k="highway" v="footway"/></way>
</osm>`
	ways, rep, err := osm.Read(context.Background(), strings.NewReader(doc), "tiny.osm", osm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range ways {
		fmt.Printf("%s %s %.1f km/h oneway %d nodes %v\n", w.ID, w.Highway, w.SpeedKmh, w.Oneway, w.NodeIDs)
	}
	for _, s := range rep.Skipped {
		fmt.Printf("skipped %d: %s %v\n", s.Count, s.Reason, s.Examples)
	}
	// Output:
	// way/7 tertiary 48.3 km/h oneway 1 nodes [1 2 3]
	// skipped 1: highway class not routable [way/8: highway=footway]
}
