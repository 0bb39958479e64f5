package planner

import (
	"context"
	"testing"

	"github.com/catchment/catchment/geo"
)

// TestPlanTwoCoverMeasures: a plan gives every village both cover
// measures at its radius. Emergency network cover equals Coverage's with
// the default emergency types on the same metric and radius; county-level
// care today counts county hospitals only, after adds the chosen sites;
// the county and total tallies are the sums of the village flags.
func TestPlanTwoCoverMeasures(t *testing.T) {
	vs, fs := scRandomProvince(t, 77, 9, 8)
	for _, tc := range []struct {
		name   string
		metric geo.Metric
	}{
		{"straight", nil},
		{"od", &fakeMetric{unit: geo.Metres, noRouteEvery: 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			res, err := Plan(ctx, vs, fs, PlanOptions{RadiusKm: 15, Metric: tc.metric, Clinics: DefaultClinicOptions()})
			if err != nil {
				t.Fatal(err)
			}
			cov, err := Coverage(ctx, vs, fs, CoverageOptions{RadiiKm: []float64{15}, Metric: tc.metric})
			if err != nil {
				t.Fatal(err)
			}
			var network, today, after int64
			byCounty := map[string][3]int64{}
			for i, vp := range res.Villages {
				if vp.NetworkCovered != cov.Villages[i].Covered[0] {
					t.Fatalf("village %s: plan network cover %v, coverage %v", vs[i].ID, vp.NetworkCovered, cov.Villages[i].Covered[0])
				}
				if vp.CountyCareToday && !vp.CountyCareAfter || vp.CountyCareAfter != (vp.CountyCareToday || vp.Subcentre >= 0) {
					t.Fatalf("village %s: county care today %v, after %v, sub-centre %d", vs[i].ID, vp.CountyCareToday, vp.CountyCareAfter, vp.Subcentre)
				}
				if vp.CountyCareToday && !vp.NetworkCovered {
					t.Fatalf("village %s: a county hospital within the radius but no emergency network cover", vs[i].ID)
				}
				pop := int64(vs[i].Population)
				c := byCounty[vs[i].County]
				for k, on := range []bool{vp.NetworkCovered, vp.CountyCareToday, vp.CountyCareAfter} {
					if on {
						c[k] += pop
					}
				}
				byCounty[vs[i].County] = c
				network, today, after = network+boolPop(vp.NetworkCovered, pop), today+boolPop(vp.CountyCareToday, pop), after+boolPop(vp.CountyCareAfter, pop)
			}
			for _, c := range res.Counties {
				if got, want := [3]int64{c.NetworkCovered, c.CountyCareToday, c.CountyCareAfter}, byCounty[c.County]; got != want {
					t.Errorf("county %s: tallies (network, today, after) %v, villages sum to %v", c.County, got, want)
				}
			}
			tot := res.Total
			if tot.NetworkCovered != network || tot.CountyCareToday != today || tot.CountyCareAfter != after {
				t.Errorf("total %+v, villages sum to network %d, today %d, after %d", tot, network, today, after)
			}
			if tot.NetworkCovered != cov.Total.CoveredPopulation[0] {
				t.Errorf("total network cover %d, coverage %d", tot.NetworkCovered, cov.Total.CoveredPopulation[0])
			}
			if tot.NetworkCovered == tot.CountyCareToday {
				t.Errorf("the fixture should tell the measures apart: both %d", tot.NetworkCovered)
			}
		})
	}
}

func boolPop(on bool, pop int64) int64 {
	if on {
		return pop
	}
	return 0
}
