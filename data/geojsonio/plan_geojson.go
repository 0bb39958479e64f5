package geojsonio

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"path/filepath"

	"github.com/catchment/catchment/data/atomicfile"
	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// planLayer is one layer's features: feature appends feature i.
type planLayer struct {
	name, file string
	n          int
	feature    func(dst []byte, i int, sc *planScratch) []byte
}

// planEncoder is a validated plan with its escaped extra property keys.
type planEncoder struct {
	*enc.Plan
	extraKeys [][]byte
}

func newPlanEncoder(villages []planner.Village, facilities []planner.Facility, res *planner.PlanResult) (*planEncoder, error) {
	p, err := enc.NewPlan(villages, facilities, res)
	if err != nil {
		return nil, err
	}
	if _, err := checkFacilitiesInput(facilities, nil, nil); err != nil {
		return nil, err
	}
	return &planEncoder{Plan: p, extraKeys: propertyKeys(p.Extras.Names)}, nil
}

// planScratch is per-goroutine state of the feature encoders.
type planScratch struct {
	cur   enc.ExtraCursor
	props jsonProps
	ids   []string
}

func (e *planEncoder) layers() []planLayer {
	return []planLayer{
		{enc.LayerVillage, "villages.geojson", len(e.Villages), e.villageFeature},
		{enc.LayerSubcentre, "subcentres.geojson", len(e.Sites), e.subcentreFeature},
		{enc.LayerJointClinic, "joint_clinics.geojson", len(e.Joints), e.jointFeature},
		{enc.LayerRoute, "itinerant_routes.geojson", len(e.Routes), e.routeFeature},
		{LayerFacility, FacilitiesFile, len(e.Facilities), e.facilityFeature},
	}
}

// WritePlanGeoJSON writes a plan as one RFC 7946 FeatureCollection, one
// feature per line, with five layers told apart by the "layer" property
// (GDAL shows one layer of mixed geometry; QGIS splits it by geometry type
// and a filter on "layer" separates the rest). res must be the result of
// planner.Plan for exactly these villages and facilities.
//
// Features come in this order, with these properties:
//
//	village (Point, one per village, in input order)
//	  layer, id, name, county, township, population,
//	  radius_km                       the emergency radius the plan was made with
//	  network_covered                 emergency network cover: a county hospital or township
//	                                  health centre within radius_km (planner.MeasureNetwork)
//	  county_care_today               county-level care cover today: an existing facility of the
//	                                  plan's existing types (county hospitals) within radius_km
//	  county_care_after               county-level care cover with the proposed sub-centres
//	  subcentre_id                    the proposed site bringing the village county-level care, else null
//	  service                         own_clinic, joint_host, joint_member, itinerant, township_centre or single
//	  required_clinic                 the village must have its own clinic (R9)
//	  host_id                         the village housing its joint clinic (itself for a host), else null
//	  hosts_joint_clinic              a joint clinic is placed here
//	  nearest_thc_id, nearest_thc_km  nearest township health centre of any county, null when none
//	  flags                           planner flags joined by commas, "" when none
//	  extras                          the village's Extra values as strings
//	subcentre (Point, per county in name order, in rank order)
//	  layer, rank, id, name, county, township,
//	  radius_km                       the emergency radius: the site's coverage circle
//	  beds, staff (null when unknown),
//	  gain_population, gain_villages, standalone_population,
//	  county_hospital_km (null when the input has no county hospital), seat_km,
//	  county_care_today_population, county_care_after_population   the county's people
//	                                  with county-level care cover today / with the proposed sites,
//	  rule                            why the site was chosen
//	joint_clinic (Point at the host village, per township, by host)
//	  layer, host_id, host_name, county, township, members (member ids joined
//	  by commas, host excluded), member_count, population_served, doctors_needed
//	itinerant_route (LineString from the township health centre through the
//	stops and back, per township, per day)
//	  layer, county, township, thc_id, day, stops (village ids joined by
//	  commas, in visiting order), stop_count, length_km (geodesic), flags
//	facility (Point, one per input facility, in input order: the existing
//	facilities, so that the file alone draws the plan's map)
//	  layer, id, name, type, county, township, beds, staff (null when
//	  unknown): the points of WriteFacilitiesGeoJSON without extra columns
//
// The collection's foreign member "warnings" (before "features") lists the
// policy rules the plan does not meet, res.Warnings, one per line as
// planner.Warning's JSON ({"code", "county", "rule", "reason",
// "suggestion", "reason_notes", "suggestion_notes"}; [] when it meets
// them all), so that the file alone draws the plan's map with its title's
// warning note (maps.ReadPlanGeoJSON). GDAL, QGIS and geopandas ignore a
// foreign member.
//
// radius_km is repeated on every village and sub-centre so that any one
// layer file of WritePlanLayers says which radius its coverage is for (the
// map command draws circles with it). List properties are comma-joined strings because GIS fields must be
// scalar. The county totals of a sub-centre end in _population so that
// their integer type does not clash with the villages' boolean
// county_care_* in the one schema GDAL builds for the file. Distances are
// kilometres with 6 decimals, coordinates WGS84 degrees with at most 7, as
// in WriteCoverageGeoJSON; Extra keys are renamed as there, avoiding every
// property name of every layer.
//
// Nothing is written when the inputs are inconsistent (ErrWriteInput);
// errors from w unwrap to ErrWrite.
func WritePlanGeoJSON(w io.Writer, villages []planner.Village, facilities []planner.Facility, res *planner.PlanResult) error {
	e, err := newPlanEncoder(villages, facilities, res)
	if err != nil {
		return err
	}
	head, err := warningsMember(res.Warnings)
	if err != nil {
		return err
	}
	return writePlanFeatures(w, head, e.layers()...)
}

// warningsMember is the "warnings" member of a plan file with its comma,
// one warning per line.
func warningsMember(ws []planner.Warning) ([]byte, error) {
	b := []byte(`"warnings":[`)
	for i := range ws {
		if i > 0 {
			b = append(b, ',')
		}
		var buf bytes.Buffer
		e := json.NewEncoder(&buf)
		e.SetEscapeHTML(false)
		if err := e.Encode(&ws[i]); err != nil {
			return nil, &table.WriteInputError{Reason: "plan warnings: " + err.Error()}
		}
		b = append(append(b, '\n'), bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})...)
	}
	if len(ws) > 0 {
		b = append(b, '\n')
	}
	return append(b, "],"...), nil
}

// WritePlanLayers writes each layer of WritePlanGeoJSON to its own file in
// dir (created if missing): villages.geojson, subcentres.geojson,
// joint_clinics.geojson, itinerant_routes.geojson and facilities.geojson
// (WriteFacilitiesGeoJSON's, with the facilities' extra columns: the same
// file as `catchment coverage --facilities-out`), each a FeatureCollection
// of one geometry type (what QGIS users prefer; an empty layer is an empty
// collection), then subcentre_circles.geojson:
// the geodesic circle of the plan's radius around each proposed
// sub-centre (Polygons, MultiPolygons across the antimeridian; layer
// "subcentre_circle", id, name, county, rank, radius_km), empty for a plan
// measured by road or by an OD matrix, whose cover is not a circle. Each
// file is replaced atomically with WriteFileAtomic. It returns the paths
// written, in that order; on an error the files already written stay and
// are returned with it.
func WritePlanLayers(dir string, villages []planner.Village, facilities []planner.Facility, res *planner.PlanResult) ([]string, error) {
	e, err := newPlanEncoder(villages, facilities, res)
	if err != nil {
		return nil, err
	}
	if err := mkdirLayers(dir); err != nil {
		return nil, err
	}
	var paths []string
	for _, l := range append(e.layers(), e.circlesLayer()) {
		write := func(w io.Writer) error { return writePlanFeatures(w, nil, l) }
		if l.name == LayerFacility {
			write = func(w io.Writer) error { return WriteFacilitiesGeoJSON(w, facilities) }
		}
		path := filepath.Join(dir, l.file)
		if err := atomicfile.WriteFileAtomic(path, write); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// writePlanFeatures writes one FeatureCollection of the layers' features,
// in the layout of WriteCoverageGeoJSON, with the members in head (each
// followed by a comma) before "features". The village layer can have
// millions of features, so every layer is encoded with encodeOrdered.
func writePlanFeatures(w io.Writer, head []byte, layers ...planLayer) error {
	start := append(append([]byte(`{"type":"FeatureCollection",`), head...), `"features":[`...)
	if _, err := w.Write(start); err != nil {
		return table.WrapWrite(err)
	}
	written := 0
	for _, l := range layers {
		offset := written
		err := enc.EncodeOrdered(w, l.n, func(dst []byte, lo, hi int) []byte {
			sc := planScratch{}
			for i := lo; i < hi; i++ {
				if offset+i > 0 {
					dst = append(dst, ',')
				}
				dst = append(dst, '\n')
				dst = l.feature(dst, i, &sc)
			}
			return dst
		})
		if err != nil {
			return table.WrapWrite(err)
		}
		written += l.n
	}
	_, err := io.WriteString(w, "\n]}\n")
	return table.WrapWrite(err)
}

// appendPointFeature opens a Point feature of layer, up to and including
// its first property.
func appendPointFeature(dst []byte, p orb.Point, layer string) []byte {
	dst = append(dst, `{"type":"Feature","geometry":{"type":"Point","coordinates":[`...)
	dst = enc.AppendDeg(dst, p[0])
	dst = append(dst, ',')
	dst = enc.AppendDeg(dst, p[1])
	dst = append(dst, `]},"properties":{"layer":"`...)
	dst = append(dst, layer...)
	return append(dst, '"')
}

func (e *planEncoder) props(dst []byte, sc *planScratch) *jsonProps {
	sc.props.b, sc.props.extraKeys = dst, e.extraKeys
	return &sc.props
}

func (e *planEncoder) villageFeature(dst []byte, i int, sc *planScratch) []byte {
	p := e.props(appendPointFeature(dst, e.Villages[i].Location, enc.LayerVillage), sc)
	sc.cur.S = e.Extras
	e.VillageProps(p, i, &sc.cur)
	return append(p.b, '}', '}')
}

func (e *planEncoder) subcentreFeature(dst []byte, i int, sc *planScratch) []byte {
	c := &e.Res.Counties[e.Sites[i][0]]
	s := &c.Sites[e.Sites[i][1]]
	p := e.props(appendPointFeature(dst, s.Facility.Location, enc.LayerSubcentre), sc)
	p.Int("rank", int64(s.Rank))
	p.Str("id", s.Facility.ID)
	p.Str("name", s.Facility.Name)
	p.Str("county", c.County)
	p.Str("township", s.Facility.Township)
	p.Km("radius_km", e.Res.RadiusKm*1000, true)
	p.Count("beds", s.Facility.Beds)
	p.Count("staff", s.Facility.Staff)
	p.Int("gain_population", s.GainPopulation)
	p.Int("gain_villages", int64(s.GainVillages))
	p.Int("standalone_population", s.StandalonePopulation)
	p.Km("county_hospital_km", s.CountyHospitalDistanceM, !math.IsInf(s.CountyHospitalDistanceM, 1))
	p.Km("seat_km", s.SeatDistanceM, true)
	p.Int("county_care_today_population", c.CountyCareToday)
	p.Int("county_care_after_population", c.CountyCareAfter)
	p.Str("rule", s.Rule)
	return append(p.b, '}', '}')
}

// villageIDs returns the ids of villages idx in sc's reused slice.
func (e *planEncoder) villageIDs(sc *planScratch, idx []int) []string {
	sc.ids = sc.ids[:0]
	for _, v := range idx {
		sc.ids = append(sc.ids, e.Villages[v].ID)
	}
	return sc.ids
}

func (e *planEncoder) jointFeature(dst []byte, i int, sc *planScratch) []byte {
	tp := &e.Res.Clinics.Townships[e.Joints[i][0]]
	jc := &tp.Joint[e.Joints[i][1]]
	host := &e.Villages[jc.Host]
	p := e.props(appendPointFeature(dst, host.Location, enc.LayerJointClinic), sc)
	p.Str("host_id", host.ID)
	p.Str("host_name", host.Name)
	p.Str("county", tp.County)
	p.Str("township", tp.Township)
	p.List("members", e.villageIDs(sc, jc.Members))
	p.Int("member_count", int64(len(jc.Members)))
	p.Int("population_served", int64(jc.PopulationServed))
	p.Int("doctors_needed", int64(jc.DoctorsNeeded))
	return append(p.b, '}', '}')
}

func (e *planEncoder) routeFeature(dst []byte, i int, sc *planScratch) []byte {
	tp := &e.Res.Clinics.Townships[e.Routes[i][0]]
	d := &tp.Route[e.Routes[i][1]]
	dst = append(dst, `{"type":"Feature","geometry":{"type":"LineString","coordinates":`...)
	dst = appendRing(dst, orb.Ring(d.Line())) // along the roads with a road metric
	dst = append(dst, `},"properties":{"layer":"`+enc.LayerRoute+`"`...)
	p := e.props(dst, sc)
	p.Str("county", tp.County)
	p.Str("township", tp.Township)
	p.Str("thc_id", e.Facilities[tp.THC].ID) // checkPlan: a route has a centre
	p.Int("day", int64(d.Day))
	p.List("stops", e.villageIDs(sc, d.Stops))
	p.Int("stop_count", int64(len(d.Stops)))
	p.Km("length_km", d.LengthKm*1000, true)
	p.List("flags", d.Flags)
	return append(p.b, '}', '}')
}
