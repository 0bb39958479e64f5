package data

import (
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// The layers of a plan, as named in each feature's "layer" property.
const (
	planLayerVillage     = "village"
	planLayerSubcentre   = "subcentre"
	planLayerJointClinic = "joint_clinic"
	planLayerRoute       = "itinerant_route"
)

// planReserved are the property names of every plan layer, which village
// Extra columns must not take: GDAL merges the properties of all features
// of a file into one schema, so an extra "rank" on villages would clash
// with the sub-centres' integer rank. lon and lat are the CSV coordinate
// columns and geometry is geopandas's.
var planReserved = []string{
	"layer", "id", "name", "county", "township", "population", "lon", "lat", "geometry",
	"radius_km", "covered_before", "covered_after", "subcentre_id", "service", "required_clinic",
	"host_id", "hosts_joint_clinic", "nearest_thc_id", "nearest_thc_km", "flags",
	"rank", "beds", "staff", "gain_population", "gain_villages", "standalone_population",
	"county_hospital_km", "seat_km", "county_covered_before", "county_covered_after", "rule",
	"host_name", "members", "member_count", "population_served", "doctors_needed",
	"thc_id", "day", "stops", "stop_count", "length_km",
}

// planEncoder holds a validated plan and what every plan writer needs.
type planEncoder struct {
	villages   []planner.Village
	facilities []planner.Facility
	res        *planner.PlanResult
	extras     *extraSchema
	extraKeys  [][]byte
	// Features of the small layers, as (county or township, item) pairs.
	sites, joints, routes [][2]int
}

func newPlanEncoder(villages []planner.Village, facilities []planner.Facility, res *planner.PlanResult) (*planEncoder, error) {
	if err := checkPlan(villages, facilities, res); err != nil {
		return nil, err
	}
	e := &planEncoder{villages: villages, facilities: facilities, res: res, extras: newExtraSchema(planReserved...)}
	e.extras.addAll(len(villages), func(i int) []planner.Attr { return villages[i].Extra })
	e.extraKeys = propertyKeys(e.extras.names)
	for c := range res.Counties {
		for s := range res.Counties[c].Sites {
			e.sites = append(e.sites, [2]int{c, s})
		}
	}
	for t := range res.Clinics.Townships {
		tp := &res.Clinics.Townships[t]
		for j := range tp.Joint {
			e.joints = append(e.joints, [2]int{t, j})
		}
		for d := range tp.Route {
			e.routes = append(e.routes, [2]int{t, d})
		}
	}
	return e, nil
}

// planLayer is one layer's features: feature appends feature i.
type planLayer struct {
	name, file string
	n          int
	feature    func(dst []byte, i int, sc *planScratch) []byte
}

// planScratch is per-goroutine state of the feature encoders.
type planScratch struct {
	cur   extraCursor
	props jsonProps
	ids   []string
}

func (e *planEncoder) layers() []planLayer {
	return []planLayer{
		{planLayerVillage, "villages.geojson", len(e.villages), e.villageFeature},
		{planLayerSubcentre, "subcentres.geojson", len(e.sites), e.subcentreFeature},
		{planLayerJointClinic, "joint_clinics.geojson", len(e.joints), e.jointFeature},
		{planLayerRoute, "itinerant_routes.geojson", len(e.routes), e.routeFeature},
	}
}

// WritePlanGeoJSON writes a plan as one RFC 7946 FeatureCollection, one
// feature per line, with four layers told apart by the "layer" property
// (GDAL shows one layer of mixed geometry; QGIS splits it by geometry type
// and a filter on "layer" separates the rest). res must be the result of
// planner.Plan for exactly these villages and facilities.
//
// Features come in this order, with these properties:
//
//	village (Point, one per village, in input order)
//	  layer, id, name, county, township, population,
//	  radius_km                       the emergency radius the plan was made with
//	  covered_before, covered_after   within radius_km of an existing facility / also of a chosen sub-centre
//	  subcentre_id                    the chosen site newly covering the village, else null
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
//	  county_covered_before, county_covered_after   the county's covered people,
//	  rule                            why the site was chosen
//	joint_clinic (Point at the host village, per township, by host)
//	  layer, host_id, host_name, county, township, members (member ids joined
//	  by commas, host excluded), member_count, population_served, doctors_needed
//	itinerant_route (LineString from the township health centre through the
//	stops and back, per township, per day)
//	  layer, county, township, thc_id, day, stops (village ids joined by
//	  commas, in visiting order), stop_count, length_km (geodesic), flags
//
// radius_km is repeated on every village and sub-centre so that any one
// layer file of WritePlanLayers says which radius its coverage is for (the
// map command draws circles with it). List properties are comma-joined strings because GIS fields must be
// scalar. The county totals of a sub-centre are named county_covered_* so
// that their integer type does not clash with the villages' boolean
// covered_* in the one schema GDAL builds for the file. Distances are
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
	return writePlanFeatures(w, e.layers()...)
}

// WritePlanLayers writes each layer of WritePlanGeoJSON to its own file in
// dir (created if missing): villages.geojson, subcentres.geojson,
// joint_clinics.geojson and itinerant_routes.geojson, each a
// FeatureCollection of one geometry type (what QGIS users prefer; an empty
// layer is an empty collection). Each file is replaced atomically with
// WriteFileAtomic. It returns the paths written, in that order; on an error
// the files already written stay and are returned with it.
func WritePlanLayers(dir string, villages []planner.Village, facilities []planner.Facility, res *planner.PlanResult) ([]string, error) {
	e, err := newPlanEncoder(villages, facilities, res)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &WriteError{Path: dir, Err: err}
	}
	var paths []string
	for _, l := range e.layers() {
		path := filepath.Join(dir, l.file)
		if err := WriteFileAtomic(path, func(w io.Writer) error { return writePlanFeatures(w, l) }); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// writePlanFeatures writes one FeatureCollection of the layers' features,
// in the layout of WriteCoverageGeoJSON. The village layer can have
// millions of features, so every layer is encoded with encodeOrdered.
func writePlanFeatures(w io.Writer, layers ...planLayer) error {
	if _, err := io.WriteString(w, `{"type":"FeatureCollection","features":[`); err != nil {
		return wrapWrite(err)
	}
	written := 0
	for _, l := range layers {
		offset := written
		err := encodeOrdered(w, l.n, func(dst []byte, lo, hi int) []byte {
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
			return wrapWrite(err)
		}
		written += l.n
	}
	_, err := io.WriteString(w, "\n]}\n")
	return wrapWrite(err)
}

// appendPointFeature opens a Point feature of layer, up to and including
// its first property.
func appendPointFeature(dst []byte, p orb.Point, layer string) []byte {
	dst = append(dst, `{"type":"Feature","geometry":{"type":"Point","coordinates":[`...)
	dst = appendDeg(dst, p[0])
	dst = append(dst, ',')
	dst = appendDeg(dst, p[1])
	dst = append(dst, `]},"properties":{"layer":"`...)
	dst = append(dst, layer...)
	return append(dst, '"')
}

func (e *planEncoder) props(dst []byte, sc *planScratch) *jsonProps {
	sc.props.b, sc.props.extraKeys = dst, e.extraKeys
	return &sc.props
}

func (e *planEncoder) villageFeature(dst []byte, i int, sc *planScratch) []byte {
	p := e.props(appendPointFeature(dst, e.villages[i].Location, planLayerVillage), sc)
	sc.cur.s = e.extras
	e.villageProps(p, i, &sc.cur)
	return append(p.b, '}', '}')
}

// villageProps describes village i for both the village layer and
// villages.csv.
func (e *planEncoder) villageProps(p planProps, i int, cur *extraCursor) {
	v, vp, vs := &e.villages[i], &e.res.Villages[i], &e.res.Clinics.Villages[i]
	p.str("id", v.ID)
	p.str("name", v.Name)
	p.str("county", v.County)
	p.str("township", v.Township)
	p.int("population", int64(v.Population))
	p.point(v.Location)
	p.km("radius_km", e.res.RadiusKm*1000, true)
	p.bool("covered_before", vp.CoveredBefore)
	p.bool("covered_after", vp.CoveredAfter)
	var sub string
	if vp.Subcentre >= 0 {
		sub = e.res.Candidates[vp.Subcentre].ID
	}
	p.optStr("subcentre_id", sub, vp.Subcentre >= 0)
	p.str("service", string(vs.Service))
	p.bool("required_clinic", vs.Required)
	var host string
	if vs.HostIndex >= 0 {
		host = e.villages[vs.HostIndex].ID
	}
	p.optStr("host_id", host, vs.HostIndex >= 0)
	p.bool("hosts_joint_clinic", vs.HostsJointClinic)
	var thc string
	if vs.NearestTHCIndex >= 0 {
		thc = e.facilities[vs.NearestTHCIndex].ID
	}
	p.optStr("nearest_thc_id", thc, vs.NearestTHCIndex >= 0)
	p.km("nearest_thc_km", vs.NearestTHCDistanceM, vs.NearestTHCIndex >= 0)
	p.list("flags", vs.Flags)
	p.extras(v.Extra, cur)
}

func (e *planEncoder) subcentreFeature(dst []byte, i int, sc *planScratch) []byte {
	c := &e.res.Counties[e.sites[i][0]]
	s := &c.Sites[e.sites[i][1]]
	p := e.props(appendPointFeature(dst, s.Facility.Location, planLayerSubcentre), sc)
	p.int("rank", int64(s.Rank))
	p.str("id", s.Facility.ID)
	p.str("name", s.Facility.Name)
	p.str("county", c.County)
	p.str("township", s.Facility.Township)
	p.km("radius_km", e.res.RadiusKm*1000, true)
	p.count("beds", s.Facility.Beds)
	p.count("staff", s.Facility.Staff)
	p.int("gain_population", s.GainPopulation)
	p.int("gain_villages", int64(s.GainVillages))
	p.int("standalone_population", s.StandalonePopulation)
	p.km("county_hospital_km", s.CountyHospitalDistanceM, !math.IsInf(s.CountyHospitalDistanceM, 1))
	p.km("seat_km", s.SeatDistanceM, true)
	p.int("county_covered_before", c.CoveredBefore)
	p.int("county_covered_after", c.CoveredAfter)
	p.str("rule", s.Rule)
	return append(p.b, '}', '}')
}

// villageIDs returns the ids of villages idx in sc's reused slice.
func (e *planEncoder) villageIDs(sc *planScratch, idx []int) []string {
	sc.ids = sc.ids[:0]
	for _, v := range idx {
		sc.ids = append(sc.ids, e.villages[v].ID)
	}
	return sc.ids
}

func (e *planEncoder) jointFeature(dst []byte, i int, sc *planScratch) []byte {
	tp := &e.res.Clinics.Townships[e.joints[i][0]]
	jc := &tp.Joint[e.joints[i][1]]
	host := &e.villages[jc.Host]
	p := e.props(appendPointFeature(dst, host.Location, planLayerJointClinic), sc)
	p.str("host_id", host.ID)
	p.str("host_name", host.Name)
	p.str("county", tp.County)
	p.str("township", tp.Township)
	p.list("members", e.villageIDs(sc, jc.Members))
	p.int("member_count", int64(len(jc.Members)))
	p.int("population_served", int64(jc.PopulationServed))
	p.int("doctors_needed", int64(jc.DoctorsNeeded))
	return append(p.b, '}', '}')
}

func (e *planEncoder) routeFeature(dst []byte, i int, sc *planScratch) []byte {
	tp := &e.res.Clinics.Townships[e.routes[i][0]]
	d := &tp.Route[e.routes[i][1]]
	dst = append(dst, `{"type":"Feature","geometry":{"type":"LineString","coordinates":`...)
	dst = appendRing(dst, orb.Ring(d.Path))
	dst = append(dst, `},"properties":{"layer":"`+planLayerRoute+`"`...)
	p := e.props(dst, sc)
	p.str("county", tp.County)
	p.str("township", tp.Township)
	p.str("thc_id", e.facilities[tp.THC].ID) // checkPlan: a route has a centre
	p.int("day", int64(d.Day))
	p.list("stops", e.villageIDs(sc, d.Stops))
	p.int("stop_count", int64(len(d.Stops)))
	p.km("length_km", d.LengthKm*1000, true)
	p.list("flags", d.Flags)
	return append(p.b, '}', '}')
}
