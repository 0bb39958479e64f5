package geojsonio

import (
	"bytes"
	"math"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// A coverage circle across the antimeridian is cut into two polygons with
// every longitude in [-180, 180]; each vertex off the cut stays on the
// circle.
func TestFacilitiesCircleAcrossAntimeridian(t *testing.T) {
	for _, lon := range []float64{179.9, -179.9} {
		f := planner.Facility{ID: "H", Name: "H", Type: planner.CountyHospital, County: "C", Township: "T",
			Location: orb.Point{lon, 65}, Beds: planner.CapacityUnknown, Staff: planner.CapacityUnknown}
		var buf bytes.Buffer
		if err := WriteFacilityCirclesGeoJSON(&buf, []planner.Facility{f}, []float64{20}, nil); err != nil {
			t.Fatal(err)
		}
		fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		mp, ok := fc.Features[0].Geometry.(orb.MultiPolygon)
		if !ok || len(mp) != 2 {
			t.Fatalf("centre %v: circle geometry %T with %d parts, want a MultiPolygon of 2", f.Location, fc.Features[0].Geometry, len(mp))
		}
		for _, poly := range mp {
			ring := poly[0]
			if ring[0] != ring[len(ring)-1] || len(ring) < 4 {
				t.Errorf("part not a closed ring: %v", ring)
			}
			if ring.Orientation() != orb.CCW {
				t.Errorf("part not counter-clockwise (RFC 7946 §3.1.6)")
			}
			for _, p := range ring {
				if p[0] < -180 || p[0] > 180 {
					t.Errorf("longitude %v outside [-180, 180]", p[0])
				}
				if math.Abs(math.Abs(p[0])-180) > 1e-6 {
					if d := geo.DistanceM(f.Location, p); math.Abs(d-20000) > 1 {
						t.Errorf("vertex %v is %v m from the centre, want 20000", p, d)
					}
				}
			}
		}
	}
}
