package roads

import (
	"context"
	"encoding/binary"
	"math"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// FuzzBuild feeds arbitrary coordinates, node ids, classes, speeds and
// oneway values to the builder and queries the result: nothing may panic,
// and every way is either routable, counted as non-routable or reported.
func FuzzBuild(f *testing.F) {
	f.Add([]byte("\x00\x00\x00\x00\x00\x00\x59\x40\x00\x00\x00\x00\x00\x00\x3e\x40"), uint8(3), int8(1), 30.0)
	f.Add(make([]byte, 64), uint8(0), int8(0), 0.0)
	f.Fuzz(func(t *testing.T, data []byte, class uint8, oneway int8, speed float64) {
		var ways []Way
		classes := append([]string{"", "footway"}, testClasses...)
		for len(data) >= 32 {
			var w Way
			n := 2 + int(data[0]%4)
			for k := 0; k < n && len(data) >= 16; k++ {
				lon := math.Float64frombits(binary.LittleEndian.Uint64(data))
				lat := math.Float64frombits(binary.LittleEndian.Uint64(data[8:]))
				if !math.IsNaN(lon) && math.Abs(lon) < 1e3 && !math.IsNaN(lat) && math.Abs(lat) < 1e3 {
					// mostly near each other, so that ways join
					lon, lat = 100+math.Round(math.Mod(lon, 0.1)*1e3)/1e3, 30+math.Round(math.Mod(lat, 0.1)*1e3)/1e3
				}
				w.Points = append(w.Points, orb.Point{lon, lat})
				data = data[16:]
			}
			w.Highway = classes[int(class)%len(classes)]
			w.Oneway, w.SpeedKmh = Oneway(oneway), speed
			ways = append(ways, w)
			class++
		}
		net, rep, err := Build(ways, BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		nonRoutable := 0
		for _, c := range rep.NonRoutable {
			nonRoutable += c
		}
		if rep.Routable+nonRoutable+len(rep.Dropped) != len(ways) {
			t.Fatalf("%d ways: %d routable, %d non-routable, %d dropped", len(ways), rep.Routable, nonRoutable, len(rep.Dropped))
		}
		sites := []geo.Site{{Point: orb.Point{100.05, 30}}, {Point: orb.Point{100, math.NaN()}}}
		m := Metric{Net: net}
		if _, err := m.Nearest(context.Background(), sites, sites, math.Inf(1)); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Matrix(context.Background(), sites); err != nil {
			t.Fatal(err)
		}
	})
}
