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
// with roads/synth, county by county: county hospitals are county seats,
// township health centres township centres (secondary roads to the nearest
// seat, tertiary roads between neighbouring townships of the county), and
// villages hang off them on winding village roads, with dead-end tracks,
// stray fragments and a few oneway loops; trunk roads join each county seat
// to its two nearest seats across the province. Generating per county keeps
// the generator's neighbour scans small. Deterministic for equal inputs and
// seed.
func RoadWays(villages []planner.Village, facilities []planner.Facility, seed uint64) []roads.Way {
	byCounty := map[string][]rsynth.Place{}
	var order []string
	add := func(county string, p rsynth.Place) {
		if _, ok := byCounty[county]; !ok {
			order = append(order, county)
		}
		byCounty[county] = append(byCounty[county], p)
	}
	var seats []rsynth.Place
	for _, f := range facilities {
		switch f.Type {
		case planner.CountyHospital:
			p := rsynth.Place{Point: f.Location, Tier: rsynth.CountySeat}
			seats = append(seats, p)
			add(f.County, p)
		case planner.TownshipHealthCentre:
			add(f.County, rsynth.Place{Point: f.Location, Tier: rsynth.Township})
		}
	}
	for _, v := range villages {
		add(v.County, rsynth.Place{Point: v.Location, Tier: rsynth.Village})
	}
	ways := rsynth.Generate(seats, rsynth.Options{Seed: seed})
	for k, county := range order {
		ways = append(ways, rsynth.Generate(byCounty[county], rsynth.Options{Seed: seed + uint64(k) + 1})...)
	}
	return ways
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
