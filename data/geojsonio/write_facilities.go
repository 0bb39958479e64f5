package geojsonio

import (
	"bufio"
	"fmt"
	"io"
	"slices"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
)

// CircleSegments is the number of segments of the coverage circles of
// WriteFacilityCirclesGeoJSON and of the plan's sub-centre circles: at 20 km a 64-gon strays at most about 24 m from
// the true geodesic circle, well under a map pixel at county scale.
const CircleSegments = 64

// facilityReserved are the properties of facility and circle features that
// Extra columns must not take.
var facilityReserved = []string{
	"layer", "id", "name", "type", "county", "township", "beds", "staff",
	"facility_id", "radius_km", "lon", "lat", "geometry",
}

// WriteFacilitiesGeoJSON writes facilities as an RFC 7946 FeatureCollection
// of Points, one feature per line, in order, with properties
//
//	layer      "facility"
//	id, name, type, county, township   strings
//	beds, staff                        integers, null when planner.CapacityUnknown
//	extras                             strings, renamed as in WriteCoverageGeoJSON
//
// Their coverage circles are WriteFacilityCirclesGeoJSON's, in a file of
// their own: a file of points and polygons together is typed Point by QGIS
// (it shows one sub-layer per geometry type only when asked).
func WriteFacilitiesGeoJSON(w io.Writer, facilities []planner.Facility) error {
	if _, err := checkFacilitiesInput(facilities, nil, nil); err != nil {
		return err
	}
	extras := enc.NewExtraSchema(facilityReserved...)
	extras.AddAll(len(facilities), func(i int) []planner.Attr { return facilities[i].Extra })
	extraKeys := propertyKeys(extras.Names)
	fw := newFeatureWriter(w)
	cur := enc.ExtraCursor{S: extras}
	for i := range facilities {
		f := &facilities[i]
		fw.buf = appendFacilityFeature(fw.next(), f, cur.Columns(f.Extra, false), extraKeys)
	}
	return fw.close()
}

// WriteFacilityCirclesGeoJSON writes, for each facility whose type is in
// types (empty means planner.DefaultEmergencyTypes()) and each radius in
// radiiKm, one Polygon, one feature per line, with properties
//
//	layer        "coverage_circle"
//	facility_id  the facility's id
//	type         the facility's type
//	radius_km    the radius
//
// the geodesic circle of that radius from geo.Circle with CircleSegments
// segments, exterior ring counter-clockwise as RFC 7946 requires. Circles
// are for drawing only; coverage itself is decided by exact geodesic
// distance. A circle that crosses the antimeridian is cut there into a
// MultiPolygon, as RFC 7946 §3.1.9 asks, so every longitude stays within
// [-180, 180].
func WriteFacilityCirclesGeoJSON(w io.Writer, facilities []planner.Facility, radiiKm []float64, types []planner.FacilityType) error {
	types, err := checkFacilitiesInput(facilities, radiiKm, types)
	if err != nil {
		return err
	}
	fw := newFeatureWriter(w)
	for i := range facilities {
		f := &facilities[i]
		if !slices.Contains(types, f.Type) {
			continue
		}
		for _, r := range radiiKm {
			fw.buf = appendCircleFeature(fw.next(), f, r)
		}
	}
	return fw.close()
}

// checkFacilitiesInput checks WriteFacilitiesGeoJSON's arguments and
// returns the circle types (planner.DefaultEmergencyTypes() for none).
func checkFacilitiesInput(facilities []planner.Facility, radiiKm []float64, types []planner.FacilityType) ([]planner.FacilityType, error) {
	for _, r := range radiiKm {
		if err := planner.ValidateRadiusKm("radius-km", r); err != nil {
			return nil, &table.WriteInputError{Reason: err.Error()}
		}
	}
	if len(types) == 0 {
		types = planner.DefaultEmergencyTypes()
	}
	for _, t := range types {
		if !t.Valid() {
			return nil, &table.WriteInputError{Reason: fmt.Sprintf("unknown facility type %q", t)}
		}
	}
	for i := range facilities {
		f := &facilities[i]
		if !table.Finite(f.Location[0]) || !table.Finite(f.Location[1]) {
			return nil, &table.WriteInputError{Record: table.FacilityRecord(i, f), Reason: fmt.Sprintf("location (%v, %v) is not finite", f.Location[0], f.Location[1])}
		}
	}
	return types, nil
}

// featureWriter writes features one per line, a comma after each but the
// last: next writes out the previous feature and returns the emptied
// buffer for the next one. Facilities and circles are few (facilities ×
// radii), so a buffered sequential writer is plenty; bufio errors are
// sticky and reported by close.
type featureWriter struct {
	bw       *bufio.Writer
	buf      []byte
	features int
}

func newFeatureWriter(w io.Writer) *featureWriter {
	fw := &featureWriter{bw: bufio.NewWriterSize(w, 64<<10)}
	fw.bw.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	return fw
}

// close writes the last feature and the end of the collection.
func (fw *featureWriter) close() error {
	if fw.features > 0 {
		fw.bw.Write(fw.buf)
		fw.bw.WriteString("\n")
	}
	fw.bw.WriteString("]}\n")
	return table.WrapWrite(fw.bw.Flush())
}

func (fw *featureWriter) next() []byte {
	if fw.features > 0 {
		fw.bw.Write(fw.buf)
		fw.bw.WriteString(",\n")
	}
	fw.features++
	return fw.buf[:0]
}

// appendFacilityFeature appends facility f as a Point feature; cols are
// the extra columns of its Extra attributes.
func appendFacilityFeature(buf []byte, f *planner.Facility, cols []int, extraKeys [][]byte) []byte {
	buf = append(buf, `{"type":"Feature","geometry":{"type":"Point","coordinates":[`...)
	buf = enc.AppendDeg(buf, f.Location[0])
	buf = append(buf, ',')
	buf = enc.AppendDeg(buf, f.Location[1])
	buf = append(buf, `]},"properties":{"layer":"facility","id":`...)
	buf = enc.AppendJSONString(buf, f.ID)
	buf = append(buf, `,"name":`...)
	buf = enc.AppendJSONString(buf, f.Name)
	buf = append(buf, `,"type":`...)
	buf = enc.AppendJSONString(buf, string(f.Type))
	buf = append(buf, `,"county":`...)
	buf = enc.AppendJSONString(buf, f.County)
	buf = append(buf, `,"township":`...)
	buf = enc.AppendJSONString(buf, f.Township)
	buf = append(buf, `,"beds":`...)
	buf = enc.AppendCapacity(buf, f.Beds)
	buf = append(buf, `,"staff":`...)
	buf = enc.AppendCapacity(buf, f.Staff)
	for j, col := range cols {
		buf = append(buf, extraKeys[col]...)
		buf = enc.AppendJSONString(buf, f.Extra[j].Value)
	}
	return append(buf, '}', '}')
}

// appendCircleFeature appends the coverage circle of radius radiusKm
// around facility f.
func appendCircleFeature(buf []byte, f *planner.Facility, radiusKm float64) []byte {
	buf = append(buf, `{"type":"Feature","geometry":`...)
	buf = appendCircle(buf, circleCCW(f.Location, radiusKm*1000))
	buf = append(buf, `,"properties":{"layer":"`+LayerCoverageCircle+`","facility_id":`...)
	buf = enc.AppendJSONString(buf, f.ID)
	buf = append(buf, `,"type":`...)
	buf = enc.AppendJSONString(buf, string(f.Type))
	buf = append(buf, `,"radius_km":`...)
	buf = enc.AppendRealKm(buf, radiusKm)
	return append(buf, '}', '}')
}

// circleCCW returns geo.Circle's ring, reversed if needed so that it runs
// counter-clockwise in longitude/latitude as RFC 7946 §3.1.6 asks for
// exterior rings. geo.Circle documents that it already does; the check is
// cheap and keeps the output valid should that ever change.
func circleCCW(center orb.Point, radiusM float64) orb.Ring {
	ring := geo.Circle(center, radiusM, CircleSegments)
	if ring.Orientation() == orb.CW {
		ring.Reverse()
	}
	return ring
}

// worldBound is the longitude/latitude range RFC 7946 coordinates keep to.
var worldBound = orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}

// appendCircle appends a circle's geometry object: a Polygon, or, when the
// ring runs past ±180° longitude (geo.Circle keeps longitudes continuous),
// a MultiPolygon of its parts on either side of the antimeridian.
func appendCircle(dst []byte, ring orb.Ring) []byte {
	b := ring.Bound()
	if b.Min[0] >= -180 && b.Max[0] <= 180 {
		dst = append(dst, `{"type":"Polygon","coordinates":[`...)
		dst = appendRing(dst, ring)
		return append(dst, ']', '}')
	}
	shift := 360.0
	if b.Max[0] > 180 {
		shift = -360
	}
	shifted := make(orb.Ring, len(ring))
	for i, p := range ring {
		shifted[i] = orb.Point{p[0] + shift, p[1]}
	}
	dst = append(dst, `{"type":"MultiPolygon","coordinates":[`...)
	parts := 0
	for _, r := range []orb.Ring{ring, shifted} {
		part := clip.Ring(worldBound, r)
		if len(part) < 4 {
			continue
		}
		if parts > 0 {
			dst = append(dst, ',')
		}
		parts++
		dst = append(dst, '[')
		dst = appendRing(dst, part)
		dst = append(dst, ']')
	}
	return append(dst, ']', '}')
}

func appendRing(dst []byte, ring orb.Ring) []byte {
	dst = append(dst, '[')
	for i, p := range ring {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '[')
		dst = enc.AppendDeg(dst, p[0])
		dst = append(dst, ',')
		dst = enc.AppendDeg(dst, p[1])
		dst = append(dst, ']')
	}
	return append(dst, ']')
}
