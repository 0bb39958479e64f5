package geojsonio

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/internal/fixture"
	"github.com/catchment/catchment/data/table"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// The codec benchmarks compare this package's hand-written GeoJSON with
// paulmach/orb/geojson on the same coverage features: encoding the
// features, and decoding the encoded file (orb into a FeatureCollection;
// Walk, which maps uses, into features with orb geometries and raw
// properties; this package's reader into planner villages, validating
// every row). `go test -run '^$' -bench Codec ./data/geojsonio`.

func codecFixture(b *testing.B, n int) (fixture.Coverage, *geojson.FeatureCollection, []byte) {
	b.Helper()
	f := fixture.SyntheticRun(n, 1)
	var buf bytes.Buffer
	if err := WriteCoverageGeoJSON(&buf, f.Villages, f.Facilities, f.Res); err != nil {
		b.Fatal(err)
	}
	fc := geojson.NewFeatureCollection()
	for i := range f.Villages {
		v, vc := &f.Villages[i], &f.Res.Villages[i]
		ft := geojson.NewFeature(orb.Point{v.Location[0], v.Location[1]})
		ft.Properties["id"], ft.Properties["name"], ft.Properties["county"] = v.ID, v.Name, v.County
		ft.Properties["township"], ft.Properties["population"] = v.Township, v.Population
		ft.Properties["nearest_facility_km"] = nil
		if vc.Nearest >= 0 {
			ft.Properties["nearest_facility_km"] = vc.DistanceM / 1000
		}
		for k, r := range f.Res.RadiiKm {
			ft.Properties[fmt.Sprintf("network_covered_%gkm", r)] = vc.Covered[k]
		}
		fc.Append(ft)
	}
	return f, fc, buf.Bytes()
}

func BenchmarkCodecEncode(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		f, fc, file := codecFixture(b, n)
		b.Run(fmt.Sprintf("hand/features=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(file)))
			for b.Loop() {
				if err := WriteCoverageGeoJSON(io.Discard, f.Villages, f.Facilities, f.Res); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("orb/features=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(file)))
			for b.Loop() {
				if _, err := fc.MarshalJSON(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCodecDecode(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		_, _, file := codecFixture(b, n)
		text := string(file)
		b.Run(fmt.Sprintf("hand/features=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(file)))
			for b.Loop() {
				_, _, err := table.Read(file, "v.geojson", table.ReadOptions{}, table.VillageSpec(), table.BuildVillage, []table.Format{Format()})
				if err != nil && !strings.Contains(err.Error(), "rejected") {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("walk/features=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(file)))
			for b.Loop() {
				if err := Walk(file, func(Feature) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("orb/features=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(file)))
			for b.Loop() {
				if _, err := geojson.UnmarshalFeatureCollection([]byte(text)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
