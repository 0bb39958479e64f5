package synth

import (
	"bufio"
	"io"
	"strconv"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/roads"
	rsynth "github.com/catchment/catchment/roads/synth"
)

// RoadWays generates a synthetic road network for villages and facilities
// with roads/synth: county hospitals are county seats (trunk roads between
// neighbouring seats), township health centres township centres (secondary
// roads to the nearest seat, tertiary between townships) and villages hang
// off them on winding village roads, with dead-end tracks, stray fragments
// and a few oneway loops. Deterministic for equal inputs and seed.
func RoadWays(villages []planner.Village, facilities []planner.Facility, seed uint64) []roads.Way {
	places := make([]rsynth.Place, 0, len(villages)+len(facilities))
	for _, f := range facilities {
		switch f.Type {
		case planner.CountyHospital:
			places = append(places, rsynth.Place{Point: f.Location, Tier: rsynth.CountySeat})
		case planner.TownshipHealthCentre:
			places = append(places, rsynth.Place{Point: f.Location, Tier: rsynth.Township})
		}
	}
	for _, v := range villages {
		places = append(places, rsynth.Place{Point: v.Location, Tier: rsynth.Village})
	}
	return rsynth.Generate(places, rsynth.Options{Seed: seed})
}

// WriteRoadsGeoJSON writes ways as a GeoJSON FeatureCollection of
// LineStrings with the properties catchment's road-line reader takes:
// highway (the class), speed_kmh (only when the way overrides its class)
// and oneway ("yes" forward, "-1" backward, absent both ways).
// Coordinates have 7 decimals (about 1 cm).
func WriteRoadsGeoJSON(w io.Writer, ways []roads.Way) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(`{"type":"FeatureCollection","features":[`)
	var b []byte
	for i, way := range ways {
		b = b[:0]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n"+`{"type":"Feature","properties":{"highway":`...)
		b = strconv.AppendQuote(b, way.Highway)
		if way.SpeedKmh > 0 {
			b = append(b, `,"speed_kmh":`...)
			b = strconv.AppendFloat(b, way.SpeedKmh, 'f', -1, 64)
		}
		switch way.Oneway {
		case roads.Forward:
			b = append(b, `,"oneway":"yes"`...)
		case roads.Backward:
			b = append(b, `,"oneway":"-1"`...)
		}
		b = append(b, `},"geometry":{"type":"LineString","coordinates":[`...)
		for k, p := range way.Points {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = strconv.AppendFloat(b, p[0], 'f', 7, 64)
			b = append(b, ',')
			b = strconv.AppendFloat(b, p[1], 'f', 7, 64)
			b = append(b, ']')
		}
		b = append(b, "]}}"...)
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}
