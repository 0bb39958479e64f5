package geojsonio

import (
	"bytes"
	"errors"
	"io"
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
	var buf bytes.Buffer
	if err := WriteFacilitiesGeoJSON(&buf, facilities); err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != len(facilities) {
		t.Fatalf("%d features, want one point per facility: %d", len(fc.Features), len(facilities))
	}
	for i, f := range facilities {
		feat := fc.Features[i]
		if feat.Properties["layer"] != "facility" || feat.Properties["id"] != f.ID || feat.Properties["type"] != string(f.Type) {
			t.Errorf("point %d: properties %v", i, feat.Properties)
		}
		if p, ok := feat.Geometry.(orb.Point); !ok || p != (orb.Point{fixture.Rounded7(t, f.Location[0]), fixture.Rounded7(t, f.Location[1])}) {
			t.Errorf("point %d: %v, want %v", i, feat.Geometry, f.Location)
		}
		for key, n := range map[string]int{"beds": f.Beds, "staff": f.Staff} {
			got := feat.Properties[key]
			if n == planner.CapacityUnknown && got != nil || n != planner.CapacityUnknown && got != float64(n) {
				t.Errorf("point %d: %s = %v, want %d", i, key, got, n)
			}
		}
	}
}

func TestWriteFacilityCirclesGeoJSON(t *testing.T) {
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
			if err := WriteFacilityCirclesGeoJSON(&buf, facilities, radii, c.types); err != nil {
				t.Fatal(err)
			}
			fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if want := len(c.withCircles) * len(radii); len(fc.Features) != want {
				t.Fatalf("%d features, want %d", len(fc.Features), want)
			}
			k := 0
			for _, fi := range c.withCircles {
				f := facilities[fi]
				for _, r := range radii {
					feat := fc.Features[k]
					k++
					p := feat.Properties
					if p["layer"] != "coverage_circle" || p["facility_id"] != f.ID || p["type"] != string(f.Type) || p["radius_km"] != r {
						t.Fatalf("circle properties %v, want facility %s radius %v", p, f.ID, r)
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
	for name, write := range map[string]func(*bytes.Buffer) error{
		"points":  func(b *bytes.Buffer) error { return WriteFacilitiesGeoJSON(b, nil) },
		"circles": func(b *bytes.Buffer) error { return WriteFacilityCirclesGeoJSON(b, nil, []float64{15}, nil) },
		"no radius": func(b *bytes.Buffer) error {
			return WriteFacilityCirclesGeoJSON(b, fixture.Facilities(), nil, nil)
		},
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
		if err != nil || len(fc.Features) != 0 || buf.String() != "{\"type\":\"FeatureCollection\",\"features\":[\n]}\n" {
			t.Errorf("%s: %q: %v", name, buf.String(), err)
		}
	}
}

func TestWriteFacilitiesGeoJSONRejects(t *testing.T) {
	cases := map[string]func(*bytes.Buffer) error{
		"zero radius": func(b *bytes.Buffer) error {
			return WriteFacilityCirclesGeoJSON(b, fixture.Facilities(), []float64{0}, nil)
		},
		"NaN radius": func(b *bytes.Buffer) error {
			return WriteFacilityCirclesGeoJSON(b, fixture.Facilities(), []float64{math.NaN()}, nil)
		},
		"bad type": func(b *bytes.Buffer) error {
			return WriteFacilityCirclesGeoJSON(b, fixture.Facilities(), []float64{10}, []planner.FacilityType{"clinic"})
		},
		"NaN location": func(b *bytes.Buffer) error {
			fs := fixture.Facilities()
			fs[2].Location[1] = math.NaN()
			return WriteFacilitiesGeoJSON(b, fs)
		},
		"NaN location, circles": func(b *bytes.Buffer) error {
			fs := fixture.Facilities()
			fs[0].Location[0] = math.Inf(1)
			return WriteFacilityCirclesGeoJSON(b, fs, []float64{10}, nil)
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
	for name, write := range map[string]func(io.Writer) error{
		"points": func(w io.Writer) error { return WriteFacilitiesGeoJSON(w, fixture.Facilities()) },
		"circles": func(w io.Writer) error {
			return WriteFacilityCirclesGeoJSON(w, fixture.Facilities(), []float64{10, 20}, nil)
		},
	} {
		err := write(&fixture.FailingWriter{Limit: 300})
		if !errors.Is(err, table.ErrWrite) || !errors.Is(err, fixture.ErrDiskFull) {
			t.Errorf("%s: err = %v, want ErrWrite wrapping the cause", name, err)
		}
	}
}
