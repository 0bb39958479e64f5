package enc

import (
	"slices"

	"github.com/catchment/catchment/planner"
)

// The layers of a plan, as named in each feature's "layer" property.
const (
	LayerVillage     = "village"
	LayerSubcentre   = "subcentre"
	LayerJointClinic = "joint_clinic"
	LayerRoute       = "itinerant_route"
)

// PlanReserved returns the property names of every plan layer, which
// village Extra columns must not take (a fresh slice on every call): GDAL
// merges the properties of all features of a file into one schema, so an
// extra "rank" on villages would clash with the sub-centres' integer rank.
// lon and lat are the CSV coordinate columns and geometry is geopandas's.
func PlanReserved() []string { return slices.Clone(planReserved) }

var planReserved = []string{
	"layer", "id", "name", "county", "township", "population", "lon", "lat", "geometry",
	"radius_km", "network_covered", "county_care_today", "county_care_after", "subcentre_id", "service", "required_clinic",
	"host_id", "hosts_joint_clinic", "nearest_thc_id", "nearest_thc_km", "flags",
	"rank", "beds", "staff", "gain_population", "gain_villages", "standalone_population",
	"county_hospital_km", "seat_km", "county_care_today_population", "county_care_after_population", "rule",
	"host_name", "members", "member_count", "population_served", "doctors_needed",
	"thc_id", "day", "stops", "stop_count", "length_km",
}

// Plan holds a validated plan and what every plan writer needs.
type Plan struct {
	Villages   []planner.Village
	Facilities []planner.Facility
	Res        *planner.PlanResult
	Extras     *ExtraSchema
	// Features of the small layers, as (county or township, item) pairs.
	Sites, Joints, Routes [][2]int
}

func NewPlan(villages []planner.Village, facilities []planner.Facility, res *planner.PlanResult) (*Plan, error) {
	if err := CheckPlan(villages, facilities, res); err != nil {
		return nil, err
	}
	e := &Plan{Villages: villages, Facilities: facilities, Res: res, Extras: NewExtraSchema(planReserved...)}
	e.Extras.AddAll(len(villages), func(i int) []planner.Attr { return villages[i].Extra })
	for c := range res.Counties {
		for s := range res.Counties[c].Sites {
			e.Sites = append(e.Sites, [2]int{c, s})
		}
	}
	for t := range res.Clinics.Townships {
		tp := &res.Clinics.Townships[t]
		for j := range tp.Joint {
			e.Joints = append(e.Joints, [2]int{t, j})
		}
		for d := range tp.Route {
			e.Routes = append(e.Routes, [2]int{t, d})
		}
	}
	return e, nil
}

// VillageProps describes village i for both the village layer and
// villages.csv.
func (e *Plan) VillageProps(p Props, i int, cur *ExtraCursor) {
	v, vp, vs := &e.Villages[i], &e.Res.Villages[i], &e.Res.Clinics.Villages[i]
	p.Str("id", v.ID)
	p.Str("name", v.Name)
	p.Str("county", v.County)
	p.Str("township", v.Township)
	p.Int("population", int64(v.Population))
	p.Point(v.Location)
	p.Km("radius_km", e.Res.RadiusKm*1000, true)
	p.Bool("network_covered", vp.NetworkCovered)
	p.Bool("county_care_today", vp.CountyCareToday)
	p.Bool("county_care_after", vp.CountyCareAfter)
	var sub string
	if vp.Subcentre >= 0 {
		sub = e.Res.Candidates[vp.Subcentre].ID
	}
	p.OptStr("subcentre_id", sub, vp.Subcentre >= 0)
	p.Str("service", string(vs.Service))
	p.Bool("required_clinic", vs.Required)
	var host string
	if vs.HostIndex >= 0 {
		host = e.Villages[vs.HostIndex].ID
	}
	p.OptStr("host_id", host, vs.HostIndex >= 0)
	p.Bool("hosts_joint_clinic", vs.HostsJointClinic)
	var thc string
	if vs.NearestTHCIndex >= 0 {
		thc = e.Facilities[vs.NearestTHCIndex].ID
	}
	p.OptStr("nearest_thc_id", thc, vs.NearestTHCIndex >= 0)
	p.Km("nearest_thc_km", vs.NearestTHCDistanceM, vs.NearestTHCIndex >= 0)
	p.List("flags", vs.Flags)
	p.Extras(v.Extra, cur)
}
