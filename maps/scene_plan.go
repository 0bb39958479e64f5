package maps

import (
	"fmt"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// SceneFromPlan builds the scene of a plan: res must be the result of
// planner.Plan (or planner.RunScenario) for exactly these villages and
// facilities. Every facility is drawn; the chosen sub-centres get circles
// of the plan's radius. A result that does not match the inputs is an
// error unwrapping to ErrInput.
func SceneFromPlan(villages []planner.Village, facilities []planner.Facility, res *planner.PlanResult) (*Scene, error) {
	mismatch := func(format string, a ...any) error {
		return &InputError{File: "plan", Feature: -1, Reason: fmt.Sprintf(format, a...)}
	}
	if res == nil {
		return nil, mismatch("no plan result")
	}
	if len(res.Villages) != len(villages) {
		return nil, mismatch("the result has %d villages, the input %d", len(res.Villages), len(villages))
	}
	s := &Scene{RadiusKm: res.RadiusKm, RadiusMinutes: res.RadiusMinutes, Metric: res.Metric, Warnings: res.Warnings}
	s.Villages = make([]SceneVillage, len(villages))
	for i, v := range villages {
		vp := res.Villages[i]
		sv := SceneVillage{ID: v.ID, Name: v.Name, County: v.County, Location: v.Location, Population: v.Population, NetworkCovered: vp.NetworkCovered}
		switch {
		case vp.CountyCareToday:
			sv.Status = CountyCareToday
		case vp.CountyCareAfter:
			sv.Status = CountyCareAfter
			if vp.Subcentre < 0 || vp.Subcentre >= len(res.Candidates) {
				return nil, mismatch("village %q has county-level care from site %d, which is not a candidate", v.ID, vp.Subcentre)
			}
			sv.Subcentre = res.Candidates[vp.Subcentre].ID
		}
		s.Villages[i] = sv
	}
	s.Facilities = make([]SceneFacility, len(facilities))
	for i, f := range facilities {
		s.Facilities[i] = SceneFacility{ID: f.ID, Name: f.Name, County: f.County, Type: f.Type, Location: f.Location}
	}
	for _, c := range res.Counties {
		for _, site := range c.Sites {
			f := site.Facility
			// The county of a site is the county it was chosen for, which
			// a candidate file may not state.
			s.Subcentres = append(s.Subcentres, SceneSubcentre{ID: f.ID, Name: f.Name, County: c.County,
				Location: f.Location, RadiusKm: res.RadiusKm, Rank: site.Rank, GainPopulation: site.GainPopulation})
		}
	}
	if res.Clinics == nil {
		return s, nil
	}
	if len(res.Clinics.Villages) != len(villages) {
		return nil, mismatch("the clinic plan has %d villages, the input %d", len(res.Clinics.Villages), len(villages))
	}
	if err := s.setPlanClinics(res.Clinics.Villages); err != nil {
		return nil, mismatch("%v", err)
	}
	village := func(i int) (orb.Point, error) {
		if i < 0 || i >= len(villages) {
			return orb.Point{}, mismatch("joint clinic village index %d out of range", i)
		}
		return villages[i].Location, nil
	}
	for _, tp := range res.Clinics.Townships {
		for _, jc := range tp.Joint {
			host, err := village(jc.Host)
			if err != nil {
				return nil, err
			}
			j := SceneJoint{County: tp.County, Host: host}
			for _, m := range jc.Members {
				p, err := village(m)
				if err != nil {
					return nil, err
				}
				j.Members = append(j.Members, p)
			}
			s.Joint = append(s.Joint, j)
		}
		for _, day := range tp.Route {
			s.Routes = append(s.Routes, SceneRoute{County: tp.County, Day: day.Day, Path: day.Path})
		}
	}
	return s, nil
}

// setPlanClinics sets each village's clinic from its plan service.
func (s *Scene) setPlanClinics(services []planner.VillageService) error {
	for i, vs := range services {
		clinic, ok := clinicOfService(string(vs.Service), vs.HostsJointClinic)
		if !ok {
			return fmt.Errorf("village %q has the unknown service %q", s.Villages[i].ID, vs.Service)
		}
		s.Villages[i].Clinic = clinic
	}
	return nil
}
