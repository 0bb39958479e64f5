package maps

import (
	"bytes"
	"errors"
	"testing"

	"github.com/catchment/catchment/geo"
)

// readFuzzSeeds are plan and boundary documents for the fuzz targets.
var readFuzzSeeds = []string{
	`{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[112,37]},"properties":{"layer":"village","id":"V1","population":10,"network_covered":true,"county_care_today":false,"county_care_after":true,"subcentre_id":"T1","radius_km":15}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[112.05,37]},"properties":{"layer":"subcentre","id":"T1","rank":1,"gain_population":10,"radius_km":15}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[112,37]},"properties":{"layer":"joint_clinic","members":"V1","county":"甲县"}},
{"type":"Feature","geometry":{"type":"LineString","coordinates":[[112,37],[112.1,37]]},"properties":{"layer":"itinerant_route","county":"甲县","day":1}}]}`,
	`{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[110,30],[111,30],[111,31],[110,30]]]},"properties":{"name":"甲县"}},
{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[112,30],[113,30],[113,31],[112,30]]]]},"properties":{"NAME":"乙县"}}]}`,
	`{"type":"FeatureCollection","features":[]}`,
	`{"type":"Feature"}`,
}

// FuzzReadPlanGeoJSON checks that any document either reads into a scene
// of valid points or is refused with an *InputError or *OptionError,
// never a panic.
func FuzzReadPlanGeoJSON(f *testing.F) {
	for _, s := range readFuzzSeeds {
		f.Add([]byte(s), 0.0)
		f.Add([]byte(s), 15.0)
	}
	f.Fuzz(func(t *testing.T, doc []byte, radiusKm float64) {
		s, err := ReadPlanGeoJSON(bytes.NewReader(doc), "p.geojson", radiusKm)
		if err != nil {
			if !errors.Is(err, ErrInput) && !errors.Is(err, ErrOptions) {
				t.Fatalf("error %v is neither ErrInput nor ErrOptions", err)
			}
			return
		}
		for _, v := range s.Villages {
			if !geo.ValidPoint(v.Location) || v.Population < 0 {
				t.Fatalf("village %+v accepted", v)
			}
		}
		for _, j := range s.Joint {
			if !geo.ValidPoint(j.Host) {
				t.Fatalf("joint clinic host %v accepted", j.Host)
			}
		}
		if len(s.Villages)+len(s.Subcentres) > 0 && !(s.RadiusKm > 0) {
			t.Fatalf("scene with villages or sub-centres has radius %v", s.RadiusKm)
		}
	})
}

// FuzzReadBoundaries checks that any document either reads into
// boundaries of valid points or is refused with an *InputError.
func FuzzReadBoundaries(f *testing.F) {
	for _, s := range readFuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		bs, err := ReadBoundaries(bytes.NewReader(doc), "b.geojson", BoundaryNameKeys()...)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || !errors.Is(err, ErrInput) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			return
		}
		for _, b := range bs {
			for _, poly := range b.Geometry {
				for _, ring := range poly {
					for _, p := range ring {
						if !geo.ValidPoint(p) {
							t.Fatalf("boundary point %v accepted", p)
						}
					}
				}
			}
		}
	})
}
