package geojsonio

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/catchment/catchment/data/internal/fixture"
	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// TestWritePlanSubcentreCircles checks subcentre_circles.geojson: one
// counter-clockwise polygon per proposed sub-centre, every vertex the
// plan's radius from the site (geodesic), with the site's id, name,
// county and rank; and no circle for a plan measured by road.
func TestWritePlanSubcentreCircles(t *testing.T) {
	f := fixture.NewPlan(t)
	for _, c := range []struct {
		metric string
		want   bool
	}{{"straight", true}, {"", true}, {"road", false}, {"od", false}} {
		t.Run("metric "+c.metric, func(t *testing.T) {
			res := *f.Res
			res.Metric = c.metric
			dir := t.TempDir()
			if _, err := WritePlanLayers(dir, f.Villages, f.Facilities, &res); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(dir, SubcentreCirclesFile))
			if err != nil {
				t.Fatal(err)
			}
			fc, err := geojson.UnmarshalFeatureCollection(b)
			if err != nil {
				t.Fatal(err)
			}
			var want []int // rank per site, in the sub-centre layer's order
			var sites []orb.Point
			var ids []string
			for _, cty := range res.Counties {
				for _, s := range cty.Sites {
					want = append(want, s.Rank)
					sites = append(sites, s.Facility.Location)
					ids = append(ids, s.Facility.ID)
				}
			}
			if len(want) == 0 {
				t.Fatal("the fixture has no sub-centre")
			}
			if !c.want {
				if len(fc.Features) != 0 {
					t.Errorf("%d circles for a plan by %s, want none", len(fc.Features), c.metric)
				}
				return
			}
			if len(fc.Features) != len(want) {
				t.Fatalf("%d circles, want %d", len(fc.Features), len(want))
			}
			for i, ft := range fc.Features {
				p := ft.Properties
				if p["layer"] != "subcentre_circle" || p["id"] != ids[i] || p["rank"] != float64(want[i]) || p["radius_km"] != res.RadiusKm {
					t.Errorf("circle %d: properties %v", i, p)
				}
				poly, ok := ft.Geometry.(orb.Polygon)
				if !ok || len(poly) != 1 {
					t.Fatalf("circle %d: geometry %T", i, ft.Geometry)
				}
				if poly[0].Orientation() != orb.CCW {
					t.Errorf("circle %d runs clockwise", i)
				}
				for _, v := range poly[0] {
					if d := geo.DistanceM(sites[i], v); d < res.RadiusKm*1000-1 || d > res.RadiusKm*1000+1 {
						t.Fatalf("circle %d: vertex %v is %.1f m from the site, want %v km", i, v, d, res.RadiusKm)
					}
				}
			}
		})
	}
}
