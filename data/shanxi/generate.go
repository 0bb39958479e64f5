package shanxi

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/catchment/catchment/data/boundary"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// ErrOptions reports options that select nothing or are out of range.
var ErrOptions = errors.New("shanxi: invalid options")

// Options selects and seeds the sample. City is a city name (太原市) or
// its 4-digit code; Counties keeps the first N selected counties in code
// order (0: all). ClinicShare in [0, 1] is the share of villages with a
// clinic; 0 means the default 0.3, a negative value means none.
type Options struct {
	Seed        uint64
	City        string
	Counties    int
	ClinicShare float64
	KeepGCJ02   bool
}

// Sample is a generated province (or part of it).
type Sample struct {
	Villages   []planner.Village
	Facilities []planner.Facility
	Counties   []County // the counties generated, in code order
}

// Generate builds the sample; see the package documentation.
func Generate(opt Options) (*Sample, error) {
	if opt.ClinicShare > 1 || math.IsNaN(opt.ClinicShare) || opt.Counties < 0 {
		return nil, fmt.Errorf("%w: ClinicShare %v, Counties %d", ErrOptions, opt.ClinicShare, opt.Counties)
	}
	if opt.ClinicShare == 0 {
		opt.ClinicShare = 0.3
	}
	all, err := Counties(opt.KeepGCJ02)
	if err != nil {
		return nil, err
	}
	s := &Sample{}
	for _, c := range all {
		if opt.City != "" && c.CityName != opt.City && c.CityCode != opt.City {
			continue
		}
		if opt.Counties > 0 && len(s.Counties) == opt.Counties {
			break
		}
		s.Counties = append(s.Counties, c)
	}
	if len(s.Counties) == 0 {
		return nil, fmt.Errorf("%w: no county in city %q", ErrOptions, opt.City)
	}
	for i := range s.Counties {
		if err := s.county(&s.Counties[i], opt); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// countyGen draws one county's villages and facilities.
type countyGen struct {
	r     *rand.Rand
	c     *County
	bound orb.Bound
	sigma float64 // degrees of latitude
}

func (s *Sample) county(c *County, opt Options) error {
	h := fnv.New64a()
	h.Write([]byte(c.Code))
	g := &countyGen{r: rand.New(rand.NewPCG(opt.Seed, h.Sum64())), c: c, bound: c.Shape.Bound()}
	nT := max(len(c.Townships), 1)
	g.sigma = math.Sqrt(math.Abs(planar.Area(c.Shape))/(math.Pi*float64(nT))) / 1.5
	var county []planner.Village
	for _, t := range c.Townships {
		centre, err := g.uniform()
		if err != nil {
			return err
		}
		first := len(s.Villages)
		for _, v := range t.Villages {
			p, err := g.near(centre)
			if err != nil {
				return err
			}
			s.Villages = append(s.Villages, planner.Village{
				ID: v.Code, Name: v.Name, County: c.UniqueName, Township: t.Name,
				Population: g.population(v.Kind), Location: p,
				Extra: []planner.Attr{{Key: "code", Value: v.Code}},
			})
		}
		vs := s.Villages[first:]
		county = append(county, vs...)
		s.Facilities = append(s.Facilities, g.healthCentre(t, vs, centre))
		s.Facilities = append(s.Facilities, g.clinics(t, vs, opt.ClinicShare)...)
	}
	if c.Host == "" {
		s.Facilities = append(s.Facilities, g.hospital(county))
	}
	return nil
}

// uniform draws a point uniformly inside the county shape.
func (g *countyGen) uniform() (orb.Point, error) {
	for range 100_000 {
		p := round6(orb.Point{
			g.bound.Min[0] + g.r.Float64()*(g.bound.Max[0]-g.bound.Min[0]),
			g.bound.Min[1] + g.r.Float64()*(g.bound.Max[1]-g.bound.Min[1])})
		if boundary.Contains(g.c.Shape, p) {
			return p, nil
		}
	}
	return orb.Point{}, fmt.Errorf("shanxi: county %s %s: no point found inside its shape", g.c.Code, g.c.Name)
}

// near draws a point inside the county around centre.
func (g *countyGen) near(centre orb.Point) (orb.Point, error) {
	kx := 1 / math.Cos(centre[1]*math.Pi/180)
	for range 50 {
		p := round6(orb.Point{centre[0] + g.r.NormFloat64()*g.sigma*kx, centre[1] + g.r.NormFloat64()*g.sigma})
		if boundary.Contains(g.c.Shape, p) {
			return p, nil
		}
	}
	return g.uniform()
}

func round6(p orb.Point) orb.Point {
	return orb.Point{math.Round(p[0]*1e6) / 1e6, math.Round(p[1]*1e6) / 1e6}
}

// population draws a resident population for a division kind.
func (g *countyGen) population(kind string) int {
	median, sigma, lo, hi := 900.0, 0.6, 30.0, 8000.0
	if kind == "residents_committee" {
		median, sigma, lo, hi = 4000, 0.5, 300, 30000
	}
	return int(math.Round(min(max(median*math.Exp(sigma*g.r.NormFloat64()), lo), hi)))
}

func (g *countyGen) uniformIn(lo, hi float64) float64 { return lo + (hi-lo)*g.r.Float64() }

// healthCentre places the township's health centre.
func (g *countyGen) healthCentre(t Township, vs []planner.Village, centre orb.Point) planner.Facility {
	at := centre
	if len(vs) > 0 {
		var mean orb.Point
		for _, v := range vs {
			mean[0] += v.Location[0] / float64(len(vs))
			mean[1] += v.Location[1] / float64(len(vs))
		}
		at = nearest(vs, mean)
	}
	name := t.Name + "卫生院"
	if t.Kind == "subdistrict" {
		name = t.Name + "社区卫生服务中心"
	}
	beds := 20 + g.r.IntN(41)
	return planner.Facility{
		ID: "THC-" + t.Code, Name: name, Type: planner.TownshipHealthCentre,
		County: g.c.UniqueName, Township: t.Name, Location: at,
		Beds: beds, Staff: int(math.Round(float64(beds) * g.uniformIn(1.2, 1.7))),
		Extra: []planner.Attr{{Key: "code", Value: t.Code}},
	}
}

// clinics draws the village clinics of one township.
func (g *countyGen) clinics(t Township, vs []planner.Village, share float64) []planner.Facility {
	var out []planner.Facility
	for _, v := range vs {
		if g.r.Float64() >= share {
			continue
		}
		out = append(out, planner.Facility{
			ID: "VC-" + v.ID, Name: strings.TrimSuffix(strings.TrimSuffix(v.Name, "村民委员会"), "居民委员会") + "卫生室",
			Type: planner.VillageClinic, County: g.c.UniqueName, Township: t.Name, Location: v.Location,
			Beds: 0, Staff: 1 + g.r.IntN(3),
			Extra: []planner.Attr{{Key: "code", Value: v.ID}},
		})
	}
	return out
}

// hospital places the county hospital at the seat.
func (g *countyGen) hospital(vs []planner.Village) planner.Facility {
	at := round6(g.c.Seat)
	if !boundary.Contains(g.c.Shape, at) && len(vs) > 0 {
		at = nearest(vs, at)
	}
	beds := 200 + g.r.IntN(601)
	return planner.Facility{
		ID: "CH-" + g.c.Code, Name: g.c.Name + "人民医院", Type: planner.CountyHospital,
		County: g.c.UniqueName, Location: at,
		Beds: beds, Staff: int(math.Round(float64(beds) * g.uniformIn(1.3, 1.6))),
		Extra: []planner.Attr{{Key: "code", Value: g.c.Code}},
	}
}

// nearest is the location of the village closest to p (planar degrees,
// longitude scaled by cos latitude; only used to pick a site).
func nearest(vs []planner.Village, p orb.Point) orb.Point {
	k := math.Cos(p[1] * math.Pi / 180)
	best, bestD := vs[0].Location, math.Inf(1)
	for _, v := range vs {
		dx, dy := (v.Location[0]-p[0])*k, v.Location[1]-p[1]
		if d := dx*dx + dy*dy; d < bestD {
			best, bestD = v.Location, d
		}
	}
	return best
}
