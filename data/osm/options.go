package osm

import (
	"fmt"
	"math"
	"runtime"

	"github.com/paulmach/orb"
)

// DefaultMarginKm is the margin around Options.Bound when MarginKm is 0.
const DefaultMarginKm = 30

// DefaultMaxExamples is how many examples a Tally lists when
// Options.MaxExamples is 0.
const DefaultMaxExamples = 10

// Options control Read and Load. The zero value reads every routable way
// of the whole file.
type Options struct {
	// Bound is the region of interest in WGS84 degrees (the inputs'
	// bounding box); the zero orb.Bound means the whole file.
	Bound orb.Bound
	// MarginKm grows Bound on every side, so that roads leaving the box and
	// coming back are kept: 0 means DefaultMarginKm, a negative value no
	// margin. Ignored when Bound is zero.
	MarginKm float64
	// Format is "" (detect from the content), "pbf" or "xml".
	Format string
	// Classes are the highway=* values read as roads; nil means
	// DefaultClasses.
	Classes []string
	// Progress, when not nil, is called now and then from the reading
	// goroutine with the bytes read so far and the total (-1 when the size
	// of the input is not known), and once at the end.
	Progress func(readBytes, totalBytes int64)
	// MaxExamples is how many examples each Tally keeps (0 means
	// DefaultMaxExamples, negative none).
	MaxExamples int
	// Procs is how many goroutines decode PBF blocks (0 means GOMAXPROCS).
	Procs int
}

// region is Bound grown by the margin, or everything.
type region struct {
	all   bool
	bound orb.Bound
}

func (r region) contains(lon, lat float64) bool {
	if !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90) {
		return false
	}
	return r.all || (lon >= r.bound.Min[0] && lon <= r.bound.Max[0] &&
		lat >= r.bound.Min[1] && lat <= r.bound.Max[1])
}

// kmPerDegLat is a lower bound on the length of one degree of latitude on
// the WGS84 ellipsoid (110.574 km at the equator), so the grown box covers
// at least the margin.
const kmPerDegLat = 110.5

// newRegion grows b by marginKm on every side: latitude by marginKm over
// the shortest degree of latitude, longitude by marginKm over the length of
// a degree of longitude at the box's latitude farthest from the equator
// (after growing), so the margin is at least marginKm everywhere. Near a
// pole the box spans every longitude.
func newRegion(b orb.Bound, marginKm float64) (region, error) {
	if b == (orb.Bound{}) {
		return region{all: true}, nil
	}
	if math.IsNaN(marginKm) || math.IsInf(marginKm, 0) {
		return region{}, fmt.Errorf("%w: margin %v km", ErrFormat, marginKm)
	}
	if !(b.Min[0] <= b.Max[0] && b.Min[1] <= b.Max[1] && b.Min[0] >= -180 && b.Max[0] <= 180 &&
		b.Min[1] >= -90 && b.Max[1] <= 90) {
		return region{}, fmt.Errorf("%w: bound %v is not a WGS84 lon/lat box", ErrFormat, b)
	}
	switch {
	case marginKm == 0:
		marginKm = DefaultMarginKm
	case marginKm < 0:
		marginKm = 0
	}
	dLat := marginKm / kmPerDegLat
	minLat, maxLat := math.Max(-90, b.Min[1]-dLat), math.Min(90, b.Max[1]+dLat)
	far := math.Max(math.Abs(minLat), math.Abs(maxLat))
	// A degree of longitude is at least (π/180)·a·cos φ / sqrt(1-e² sin² φ)
	// ≥ 111.319·cos φ km; use 111.3 to stay below it.
	kmPerDegLon := 111.3 * math.Cos(far*math.Pi/180)
	minLon, maxLon := -180.0, 180.0
	if kmPerDegLon > 1e-6 {
		dLon := marginKm / kmPerDegLon
		minLon, maxLon = math.Max(-180, b.Min[0]-dLon), math.Min(180, b.Max[0]+dLon)
	}
	return region{bound: orb.Bound{Min: orb.Point{minLon, minLat}, Max: orb.Point{maxLon, maxLat}}}, nil
}

func (o Options) procs() int {
	if o.Procs > 0 {
		return o.Procs
	}
	return runtime.GOMAXPROCS(0)
}

func (o Options) maxExamples() int {
	switch {
	case o.MaxExamples == 0:
		return DefaultMaxExamples
	case o.MaxExamples < 0:
		return 0
	}
	return o.MaxExamples
}
