package geojsonio

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/data/internal/fixture"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func TestWriteFacilitiesGeoJSON(t *testing.T) {
	facilities := fixture.Facilities()
	radii := []float64{10, 12.5}
	cases := []struct {
		name        string
		types       []planner.FacilityType
		withCircles []int // facility indices that get circles
	}{
		{"default types", nil, []int{0, 1}},
		{"village clinics only", []planner.FacilityType{planner.VillageClinic}, []int{2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteFacilitiesGeoJSON(&buf, facilities, radii, c.types); err != nil {
				t.Fatal(err)
			}
			fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if want := len(facilities) + len(c.withCircles)*len(radii); len(fc.Features) != want {
				t.Fatalf("%d features, want %d", len(fc.Features), want)
			}
			for i, f := range facilities {
				feat := fc.Features[i]
				if feat.Properties["layer"] != "facility" || feat.Properties["id"] != f.ID || feat.Properties["type"] != string(f.Type) {
					t.Errorf("point %d: properties %v", i, feat.Properties)
				}
				if p := feat.Geometry.(orb.Point); p != (orb.Point{fixture.Rounded7(t, f.Location[0]), fixture.Rounded7(t, f.Location[1])}) {
					t.Errorf("point %d at %v, want %v", i, p, f.Location)
				}
				for key, n := range map[string]int{"beds": f.Beds, "staff": f.Staff} {
					got := feat.Properties[key]
					if n == planner.CapacityUnknown && got != nil || n != planner.CapacityUnknown && got != float64(n) {
						t.Errorf("point %d: %s = %v, want %d", i, key, got, n)
					}
				}
			}
			k := len(facilities)
			for _, fi := range c.withCircles {
				f := facilities[fi]
				for _, r := range radii {
					feat := fc.Features[k]
					k++
					if feat.Properties["layer"] != "coverage_circle" || feat.Properties["facility_id"] != f.ID || feat.Properties["radius_km"] != r {
						t.Fatalf("circle properties %v, want facility %s radius %v", feat.Properties, f.ID, r)
					}
					poly, ok := feat.Geometry.(orb.Polygon)
					if !ok || len(poly) != 1 {
						t.Fatalf("circle geometry %T with %d rings", feat.Geometry, len(poly))
					}
					checkCircle(t, poly[0], f.Location, r*1000)
				}
			}
		})
	}
}

// checkCircle checks an RFC 7946 exterior ring: closed, counter-clockwise,
// every vertex on the geodesic circle (to the 7-decimal rounding, < 2 cm).
func checkCircle(t *testing.T, ring orb.Ring, center orb.Point, radiusM float64) {
	t.Helper()
	if len(ring) != CircleSegments+1 || !ring.Closed() {
		t.Fatalf("ring of %d points, closed %v", len(ring), ring.Closed())
	}
	if o := ring.Orientation(); o != orb.CCW {
		t.Errorf("ring orientation %v, want counter-clockwise", o)
	}
	for _, p := range ring {
		if d := geo.DistanceM(center, p); math.Abs(d-radiusM) > 0.02 {
			t.Errorf("vertex %v is %.3f m from the centre, want %.0f", p, d, radiusM)
		}
	}
}

func TestWriteFacilitiesGeoJSONEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteFacilitiesGeoJSON(&buf, nil, []float64{15}, nil); err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil || len(fc.Features) != 0 {
		t.Fatalf("%q: %v", buf.String(), err)
	}
}

func TestWriteFacilitiesGeoJSONRejects(t *testing.T) {
	cases := map[string]func(*bytes.Buffer) error{
		"zero radius": func(b *bytes.Buffer) error { return WriteFacilitiesGeoJSON(b, fixture.Facilities(), []float64{0}, nil) },
		"NaN radius": func(b *bytes.Buffer) error {
			return WriteFacilitiesGeoJSON(b, fixture.Facilities(), []float64{math.NaN()}, nil)
		},
		"bad type": func(b *bytes.Buffer) error {
			return WriteFacilitiesGeoJSON(b, fixture.Facilities(), []float64{10}, []planner.FacilityType{"clinic"})
		},
		"NaN location": func(b *bytes.Buffer) error {
			fs := fixture.Facilities()
			fs[2].Location[1] = math.NaN()
			return WriteFacilitiesGeoJSON(b, fs, []float64{10}, nil)
		},
	}
	for name, write := range cases {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := write(&buf); !errors.Is(err, table.ErrWriteInput) {
				t.Fatalf("err = %v, want ErrWriteInput", err)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes before failing", buf.Len())
			}
		})
	}
}

func TestWriteFacilitiesGeoJSONWriteError(t *testing.T) {
	w := &fixture.FailingWriter{Limit: 500}
	err := WriteFacilitiesGeoJSON(w, fixture.Facilities(), []float64{10, 20}, nil)
	if !errors.Is(err, table.ErrWrite) || !errors.Is(err, fixture.ErrDiskFull) {
		t.Fatalf("err = %v, want ErrWrite wrapping the cause", err)
	}
}
