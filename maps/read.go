package maps

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// maxFileBytes bounds what the readers load into memory (a plan of a
// million villages is about 500 MB).
const maxFileBytes int64 = 2 << 30

// readCollection reads a GeoJSON FeatureCollection with
// geojsonio.WalkCollection, calling fn with each feature, and returns the
// collection's foreign members; a document or feature Walk refuses is an
// *InputError naming it.
func readCollection(r io.Reader, name string, fn func(geojsonio.Feature) error) ([]geojsonio.Property, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return nil, &InputError{File: name, Feature: -1, Reason: err.Error()}
	}
	if int64(len(b)) > maxFileBytes {
		return nil, &InputError{File: name, Feature: -1, Reason: "file larger than 2 GiB"}
	}
	foreign, err := geojsonio.WalkCollection(b, fn)
	var de *geojsonio.DecodeError
	switch {
	case !errors.As(err, &de):
		return foreign, err // nil, or fn's own *InputError
	case de.Feature < 0:
		return nil, &InputError{File: name, Feature: -1, Reason: "not a GeoJSON FeatureCollection: " + de.Reason}
	}
	return nil, &InputError{File: name, Feature: de.Feature, Reason: de.Reason}
}

// props reads typed properties of one feature, remembering the first
// problem so that a reader can check once per feature.
type props struct {
	f   *geojsonio.Feature
	err string
}

// get is the property key; a missing one is null.
func (p *props) get(key string) geojsonio.RawValue {
	v, _ := p.f.Prop(key)
	return v
}

func (p *props) fail(key, want string) {
	if p.err == "" {
		p.err = fmt.Sprintf("property %q: want %s, got %v", key, want, p.get(key).Any())
	}
}

// str is a string property; a missing or null one is "".
func (p *props) str(key string) string {
	v := p.get(key)
	if v.IsNull() {
		return ""
	}
	if s, ok := v.Text(); ok {
		return s
	}
	p.fail(key, "a string")
	return ""
}

// int is an integral number property; a missing or null one is 0.
func (p *props) int(key string) int64 {
	v := p.get(key)
	if v.IsNull() {
		return 0
	}
	if x, ok := v.Float(); ok && x == math.Trunc(x) && math.Abs(x) < 1<<53 {
		return int64(x)
	}
	p.fail(key, "an integer")
	return 0
}

// num is a finite number property; ok is false when it is missing or null.
func (p *props) num(key string) (x float64, ok bool) {
	v := p.get(key)
	if v.IsNull() {
		return 0, false
	}
	if x, ok := v.Float(); ok {
		return x, true
	}
	p.fail(key, "a number")
	return 0, false
}

// bool is a boolean property; a missing or null one is false.
func (p *props) bool(key string) bool {
	v := p.get(key)
	if v.IsNull() {
		return false
	}
	if b, ok := v.Bool(); ok {
		return b
	}
	p.fail(key, "true or false")
	return false
}

// ReadPlanGeoJSON reads a plan written by `catchment plan --out` (or one
// layer file of --out-dir) into a scene: the "layer" property tells
// village, subcentre, joint_clinic, itinerant_route and facility features
// apart.
//
// The village colours and the sub-centre circles are only true for the
// radius the plan was made with, so the radius is never guessed. Files
// record it as "radius_km" on every village and sub-centre; that radius
// is used, and radiusKm (0: not given) must agree with it, else the
// error is an *OptionError naming both. Files written before radius_km
// existed need radiusKm: without it a file with villages or sub-centres
// is an *OptionError; with it, every village the file says a sub-centre
// newly covers must lie within it (a radius smaller than the plan's is
// caught, a larger one cannot be). The existing facilities are the
// file's facility features (files written before they were added have
// none: the scene's Facilities are then empty). The policy warnings are
// the collection's "warnings" member (planner.Warning objects; files
// written before it was added have none, and the map's title then says
// nothing of them).
//
// Errors are *InputError (unwrapping to ErrInput) naming the feature: an
// unknown layer, a wrong geometry, a mistyped property, radius_km values
// that differ, a joint clinic member that is not a village of the file,
// a "warnings" member that is not a list of warnings (Feature -1).
// name is used in messages.
func ReadPlanGeoJSON(r io.Reader, name string, radiusKm float64) (*Scene, error) {
	if math.IsNaN(radiusKm) || math.IsInf(radiusKm, 0) || radiusKm < 0 {
		return nil, &OptionError{"radius-km", fmt.Sprintf("%v km is not a finite, non-negative number", radiusKm)}
	}
	pr := &planReader{name: name, s: &Scene{}, fileRadius: radiusInFile{name: name}, byID: map[string]int{}}
	foreign, err := readCollection(r, name, func(f geojsonio.Feature) error { return pr.feature(f.Index, &f) })
	if err != nil {
		return nil, err
	}
	if err := pr.warnings(foreign); err != nil {
		return nil, err
	}
	if err := pr.resolveJoints(); err != nil {
		return nil, err
	}
	if err := pr.resolveRadius(radiusKm); err != nil {
		return nil, err
	}
	return pr.s, nil
}

// planReader is the state of one ReadPlanGeoJSON: the scene so far, the
// village index by id and the joint clinics whose members are resolved
// once every village has been read.
type planReader struct {
	name       string
	s          *Scene
	fileRadius radiusInFile
	byID       map[string]int // village id -> index in s.Villages
	joints     []pendingJoint
}

// pendingJoint is a joint clinic's feature and member ids.
type pendingJoint struct {
	feature int
	members []string
}

// fail is the *InputError for feature i.
func (pr *planReader) fail(i int, format string, a ...any) error {
	return &InputError{File: pr.name, Feature: i, Reason: fmt.Sprintf(format, a...)}
}

// feature adds feature i to the scene by its layer.
func (pr *planReader) feature(i int, f *geojsonio.Feature) error {
	p := &props{f: f}
	layer := p.str("layer")
	pt, isPoint := f.Geometry.(orb.Point)
	if isPoint && !geo.ValidPoint(pt) {
		return pr.fail(i, "coordinates (%v, %v) are not a WGS84 longitude and latitude", pt[0], pt[1])
	}
	switch layer {
	case "village", "subcentre", "joint_clinic":
		if !isPoint {
			return pr.fail(i, "%s", map[string]string{"village": "a village must be a Point",
				"subcentre": "a sub-centre must be a Point", "joint_clinic": "a joint clinic must be a Point (its host village)"}[layer])
		}
		switch layer {
		case "village":
			return pr.village(i, p, pt)
		case "subcentre":
			return pr.subcentre(i, p, pt)
		}
		return pr.joint(i, p, pt)
	case "itinerant_route":
		return pr.route(i, p, f.Geometry)
	case "facility":
		if !isPoint {
			return pr.fail(i, "a facility must be a Point")
		}
		return pr.facility(i, p, pt)
	case "":
		return pr.fail(i, `no "layer" property: not a plan file written by catchment plan`)
	}
	return pr.fail(i, "unknown layer %q (want village, subcentre, joint_clinic, itinerant_route or facility)", layer)
}

func (pr *planReader) village(i int, p *props, pt orb.Point) error {
	v := SceneVillage{ID: p.str("id"), Name: p.str("name"), County: p.str("county"),
		Location: pt, Population: int(p.int("population")), Subcentre: p.str("subcentre_id"), NetworkCovered: p.bool("network_covered")}
	before, after := p.bool("county_care_today"), p.bool("county_care_after")
	if err := pr.fileRadius.add(p, i); err != nil {
		return err
	}
	clinic, known := clinicOfService(p.str("service"), p.bool("hosts_joint_clinic"))
	if !known && p.err == "" {
		return pr.fail(i, "service %q is not one of a plan's (own_clinic, joint_host, joint_member, itinerant, township_centre, single)", p.str("service"))
	}
	v.Clinic = clinic
	switch {
	case before:
		v.Status = CountyCareToday
	case after:
		v.Status = CountyCareAfter
	}
	switch _, dup := pr.byID[v.ID]; {
	case p.err != "":
		return pr.fail(i, "%s", p.err)
	case v.Population < 0:
		return pr.fail(i, "population %d is negative", v.Population)
	case before && !after:
		return pr.fail(i, "village %q has county-level care today but not after", v.ID)
	case dup:
		return pr.fail(i, "village id %q appears twice", v.ID)
	}
	pr.byID[v.ID] = len(pr.s.Villages)
	pr.s.Villages = append(pr.s.Villages, v)
	return nil
}

func (pr *planReader) subcentre(i int, p *props, pt orb.Point) error {
	c := SceneSubcentre{ID: p.str("id"), Name: p.str("name"), County: p.str("county"), Location: pt,
		Rank: int(p.int("rank")), GainPopulation: p.int("gain_population")}
	if err := pr.fileRadius.add(p, i); err != nil {
		return err
	}
	if p.err != "" {
		return pr.fail(i, "%s", p.err)
	}
	pr.s.Subcentres = append(pr.s.Subcentres, c)
	return nil
}

func (pr *planReader) facility(i int, p *props, pt orb.Point) error {
	f := SceneFacility{ID: p.str("id"), Name: p.str("name"), County: p.str("county"),
		Type: planner.FacilityType(p.str("type")), Location: pt}
	if p.err != "" {
		return pr.fail(i, "%s", p.err)
	}
	pr.s.Facilities = append(pr.s.Facilities, f)
	return nil
}

func (pr *planReader) joint(i int, p *props, pt orb.Point) error {
	members := p.str("members")
	county := p.str("county")
	if p.err != "" {
		return pr.fail(i, "%s", p.err)
	}
	var ids []string
	if members != "" {
		ids = strings.Split(members, ",")
	}
	pr.joints = append(pr.joints, pendingJoint{i, ids})
	pr.s.Joint = append(pr.s.Joint, SceneJoint{County: county, Host: pt})
	return nil
}

func (pr *planReader) route(i int, p *props, g orb.Geometry) error {
	ls, ok := g.(orb.LineString)
	if !ok {
		return pr.fail(i, "an itinerant route must be a LineString")
	}
	for _, q := range ls {
		if !geo.ValidPoint(q) {
			return pr.fail(i, "coordinates (%v, %v) are not a WGS84 longitude and latitude", q[0], q[1])
		}
	}
	rt := SceneRoute{County: p.str("county"), Day: int(p.int("day")), Path: ls}
	if p.err != "" {
		return pr.fail(i, "%s", p.err)
	}
	pr.s.Routes = append(pr.s.Routes, rt)
	return nil
}

// resolveJoints places each joint clinic's members at their villages.
func (pr *planReader) resolveJoints() error {
	for k, j := range pr.joints {
		for _, id := range j.members {
			v, ok := pr.byID[id]
			if !ok {
				return pr.fail(j.feature, "joint clinic member %q is not a village of the file", id)
			}
			pr.s.Joint[k].Members = append(pr.s.Joint[k].Members, pr.s.Villages[v].Location)
		}
	}
	return nil
}

// resolveRadius settles the scene's radius from the file and radiusKm.
func (pr *planReader) resolveRadius(radiusKm float64) error {
	s := pr.s
	km, err := pr.fileRadius.resolve(radiusKm, len(s.Villages)+len(s.Subcentres) > 0)
	if err != nil {
		return err
	}
	s.RadiusKm = km
	for i := range s.Subcentres {
		s.Subcentres[i].RadiusKm = km
	}
	if !pr.fileRadius.found {
		return checkPlanRadius(s, pr.name, km)
	}
	return nil
}

// radiusInFile collects the radius_km of a plan file's features, which
// must all be the same.
type radiusInFile struct {
	name    string
	found   bool
	km      float64
	feature int
}

// add reads feature i's radius_km, if it has one.
func (f *radiusInFile) add(p *props, i int) error {
	v, ok := p.num("radius_km")
	if !ok {
		return nil
	}
	if v <= 0 {
		return &InputError{File: f.name, Feature: i, Reason: fmt.Sprintf("radius_km %v is not positive", v)}
	}
	if !f.found {
		f.found, f.km, f.feature = true, v, i
		return nil
	}
	if v != f.km {
		return &InputError{File: f.name, Feature: i, Reason: fmt.Sprintf(
			"radius_km %g differs from the %g km of feature %d: a plan has one radius", v, f.km, f.feature)}
	}
	return nil
}

// resolve returns the radius to draw with: the file's, which an explicit
// radius (non-zero) must equal, else the explicit one, which a file
// whose coverage depends on the radius (needed) cannot do without.
func (f *radiusInFile) resolve(explicitKm float64, needed bool) (float64, error) {
	switch {
	case f.found && explicitKm != 0 && math.Abs(explicitKm-f.km) > 1e-9:
		return 0, &OptionError{"radius-km", fmt.Sprintf(
			"%g km disagrees with the %g km the plan %s was made with (its radius_km): leave out --radius-km or re-plan",
			explicitKm, f.km, f.name)}
	case f.found:
		return f.km, nil
	case explicitKm == 0 && needed:
		return 0, &OptionError{"radius-km", fmt.Sprintf(
			"the plan %s does not record its radius (no radius_km: written by an older catchment): give the radius it was made with",
			f.name)}
	}
	return explicitKm, nil
}

// planRadiusSlackM allows for the 7-decimal coordinates of plan files
// (about 1 cm) when checking a radius against them.
const planRadiusSlackM = 0.05

// checkPlanRadius verifies that each newly covered village of a plan file
// lies within radiusKm of its sub-centre, so that circles drawn with a
// radius other than the plan's do not contradict the village colours; a
// contradiction is an *OptionError for radius-km.
func checkPlanRadius(s *Scene, name string, radiusKm float64) error {
	if radiusKm == 0 || len(s.Subcentres) == 0 {
		return nil
	}
	site := map[string]orb.Point{}
	for _, c := range s.Subcentres {
		site[c.ID] = c.Location
	}
	for _, v := range s.Villages {
		if v.Status != CountyCareAfter {
			continue
		}
		at, ok := site[v.Subcentre]
		if !ok {
			// A village layer read without its sub-centres: nothing to check.
			continue
		}
		if d := geo.DistanceM(at, v.Location); d > radiusKm*1000+planRadiusSlackM {
			return &OptionError{"radius-km", fmt.Sprintf(
				"%s: village %q has county-level care from sub-centre %q at %.1f km, beyond the %g km radius: the plan was made with a larger radius",
				name, v.ID, v.Subcentre, d/1000, radiusKm)}
		}
	}
	return nil
}

// ReadBoundaries reads Polygon and MultiPolygon features of a GeoJSON
// FeatureCollection as boundaries named by their first non-empty name
// property among nameKeys (tried in order); other geometry types are
// errors, not skipped. name is used in messages.
func ReadBoundaries(r io.Reader, name string, nameKeys ...string) ([]Boundary, error) {
	var out []Boundary
	_, err := readCollection(r, name, func(f geojsonio.Feature) error {
		b, err := boundary(&f, name, nameKeys)
		if err == nil {
			out = append(out, b)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// boundary is feature f of ReadBoundaries.
func boundary(f *geojsonio.Feature, name string, nameKeys []string) (Boundary, error) {
	var mp orb.MultiPolygon
	switch g := f.Geometry.(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		mp = g
	default:
		return Boundary{}, &InputError{File: name, Feature: f.Index, Reason: fmt.Sprintf("geometry %s: want Polygon or MultiPolygon", geometryType(f.Geometry))}
	}
	for _, poly := range mp {
		for _, ring := range poly {
			for _, p := range ring {
				if !geo.ValidPoint(p) {
					return Boundary{}, &InputError{File: name, Feature: f.Index,
						Reason: fmt.Sprintf("coordinates (%v, %v) are not a WGS84 longitude and latitude", p[0], p[1])}
				}
			}
		}
	}
	b := Boundary{Geometry: mp}
	for _, k := range nameKeys {
		v, _ := f.Prop(k)
		if s, ok := v.Text(); ok && s != "" {
			b.Name = s
			break
		}
	}
	return b, nil
}

// BoundaryNameKeys returns the properties ReadBoundaries callers usually
// try for a county name, as a fresh slice on every call: catchment's own,
// then common open-data and Chinese administrative-division field names.
func BoundaryNameKeys() []string { return slices.Clone(boundaryNameKeys) }

var boundaryNameKeys = []string{"county", "name", "NAME", "Name", "name_zh", "NAME_3", "NAME_2", "县", "区县", "名称"}

func geometryType(g orb.Geometry) string {
	if g == nil {
		return "null"
	}
	return g.GeoJSONType()
}

// warnings reads the plan's policy warnings from the collection's
// "warnings" member, when it has one.
func (pr *planReader) warnings(foreign []geojsonio.Property) error {
	for _, m := range foreign {
		if m.Key != "warnings" {
			continue
		}
		var ws []planner.Warning
		if err := json.Unmarshal([]byte(m.Value), &ws); err != nil {
			return &InputError{File: pr.name, Feature: -1, Reason: `"warnings" is not a list of policy warnings: ` + err.Error()}
		}
		pr.s.Warnings = ws
	}
	return nil
}
