package geojsonio

import (
	"os"

	"github.com/catchment/catchment/data/table"
)

// The layers of a plan that are not in enc's list: the existing facilities
// (in the plan file and its own layer file) and the sub-centres' circles
// (a layer file only: a polygon layer in the plan file would make QGIS
// split it once more).
const (
	LayerFacility        = "facility"
	LayerSubcentreCircle = "subcentre_circle"
	LayerCoverageCircle  = "coverage_circle"
)

// Layer file names of WritePlanLayers beyond the plan's own layers.
const (
	FacilitiesFile       = "facilities.geojson"
	SubcentreCirclesFile = "subcentre_circles.geojson"
	FacilityCirclesFile  = "facility_circles.geojson"
)

// facilityFeature appends existing facility i as a Point of the "facility"
// layer with the properties of WriteFacilitiesGeoJSON's points, without
// their extra columns (the plan's extra columns are the villages').
func (e *planEncoder) facilityFeature(dst []byte, i int, _ *planScratch) []byte {
	return appendFacilityFeature(dst, &e.Facilities[i], nil, nil)
}

// straight reports whether the plan measured straight-line (geodesic)
// distance, for which a circle is the true cover of a site.
func (e *planEncoder) straight() bool {
	return e.Res.Metric == "" || e.Res.Metric == "straight"
}

// subcentreCircleFeature appends the coverage circle of chosen site i: a
// geodesic circle of the plan's radius around the proposed sub-centre,
// with properties layer "subcentre_circle", id, name, county, rank and
// radius_km.
func (e *planEncoder) subcentreCircleFeature(dst []byte, i int, sc *planScratch) []byte {
	c := &e.Res.Counties[e.Sites[i][0]]
	s := &c.Sites[e.Sites[i][1]]
	dst = append(dst, `{"type":"Feature","geometry":`...)
	dst = appendCircle(dst, circleCCW(s.Facility.Location, e.Res.RadiusKm*1000))
	dst = append(dst, `,"properties":{"layer":"`+LayerSubcentreCircle+`"`...)
	p := e.props(dst, sc)
	p.Str("id", s.Facility.ID)
	p.Str("name", s.Facility.Name)
	p.Str("county", c.County)
	p.Int("rank", int64(s.Rank))
	p.Km("radius_km", e.Res.RadiusKm*1000, true)
	return append(p.b, '}', '}')
}

// circlesLayer is the sub-centre circles as a layer of their own: one per
// chosen site for a straight-line plan, none for a plan by road or by an
// OD matrix (whose cover is not a circle).
func (e *planEncoder) circlesLayer() planLayer {
	n := len(e.Sites)
	if !e.straight() || e.Res.RadiusKm <= 0 {
		n = 0
	}
	return planLayer{LayerSubcentreCircle, SubcentreCirclesFile, n, e.subcentreCircleFeature}
}

// mkdirLayers creates the layer directory.
func mkdirLayers(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &table.WriteError{Path: dir, Err: err}
	}
	return nil
}
