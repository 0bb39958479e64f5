package report

import (
	"cmp"
	"strings"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner"
)

// planFigureLabels name the figures for people, with their unit.
var planFigureLabels = map[string]i18n.Msg{
	"radius_km":              {En: "Emergency service radius (km)", Zh: "急救服务半径（公里）"},
	"sweep_radii_km":         {En: "Radii compared in the sweep (km)", Zh: "方案比较的服务半径（公里）"},
	"min_subcentres":         {En: "Sub-centres per county, at least", Zh: "每县医疗次中心下限（个）"},
	"max_subcentres":         {En: "Sub-centres per county, at most", Zh: "每县医疗次中心上限（个）"},
	"min_far_km":             {En: "Least distance of a sub-centre from a county hospital (km)", Zh: "医疗次中心距县级医院的最小距离（公里）"},
	"itinerant_below":        {En: "Itinerant service below (residents)", Zh: "巡诊服务：常住人口低于（人）"},
	"merge_below":            {En: "Joint clinic below (residents)", Zh: "联办村卫生室：常住人口低于（人）"},
	"own_clinic_from":        {En: "Own clinic from (residents)", Zh: "单设村卫生室：常住人口不低于（人）"},
	"merge_km":               {En: "Joint clinic members within (km of the host)", Zh: "联办村距联办点不超过（公里）"},
	"near_thc_km":            {En: "Served by the township health centre within (km)", Zh: "由乡镇卫生院就近服务的距离（公里）"},
	"max_route_km":           {En: "Longest itinerant route a day (km)", Zh: "每天巡诊路线最长（公里）"},
	"doctors_per_1000":       {En: "Village doctors per 1,000 people served", Zh: "每千服务人口乡村医生数（名）"},
	"thc_staff_min_per_1000": {En: "Township health centre staff per 1,000 residents, at least", Zh: "乡镇卫生院编制下限（每千常住人口）"},
	"thc_staff_max_per_1000": {En: "Township health centre staff per 1,000 residents, at most", Zh: "乡镇卫生院编制上限（每千常住人口）"},
}

// facilityTypeWords name facility types in the plural.
var facilityTypeWords = map[planner.FacilityType]i18n.Msg{
	planner.CountyHospital:       {En: "county hospitals", Zh: "县级医院"},
	planner.TownshipHealthCentre: {En: "township health centres", Zh: "乡镇卫生院"},
	planner.VillageClinic:        {En: "village clinics", Zh: "村卫生室"},
}

func (r *planReport) policy() {
	s := r.s
	if len(s.Policy.Figures) > 0 {
		r.p("## %s\n\n%s", r.l.S(pm.figures), r.l.S(pm.figuresHead))
		for _, f := range s.Policy.Figures {
			if f.Name == "sweep_radii_km" && len(s.Sweep) == 0 {
				continue // no sweep ran: its radii would read as if one had
			}
			label := f.Name
			if m, ok := planFigureLabels[f.Name]; ok {
				label = r.l.S(m)
			}
			r.p("| %s | %s | %s |\n", mdText(label), mdText(summary.FigureText(f.Value)), mdText(notesText(r.l, f.SourceNotes, f.Source)))
		}
		r.p("\n")
	}
	r.otherSettings()
}

func (r *planReport) otherSettings() {
	o := &r.s.Options
	r.f(pm.otherSettings)
	if o.Candidates == "given" {
		r.f(pm.candidatesGiven, numfmt.GroupThousands(int64(o.GivenCandidates)))
	} else {
		far := "?"
		if o.MinFarKm != nil {
			far = r.km(*o.MinFarKm)
		}
		r.f(pm.candidatesFar, far)
	}
	types := make([]string, len(o.ExistingTypes))
	for i, t := range o.ExistingTypes {
		types[i] = cmp.Or(r.l.S(facilityTypeWords[t]), strings.ReplaceAll(string(t), "_", " "))
	}
	r.f(pm.todayCounts, mdText(strings.Join(types, r.l.S(pm.and))))
	// The least gain (min_gain_pop) only steers the automatic choice of
	// the number of sites; say so either way, as it is easy to set it and
	// expect an effect on a fixed number.
	gain := r.n(int64(o.MinGainPop), nounPerson)
	if o.K == 0 {
		r.f(pm.kAuto, o.MaxK, gain)
	} else {
		r.f(pm.kFixed, r.n(int64(o.K), nounSubcentre), gain)
	}
	r.f(pm.routeAtMost, r.km(o.MaxRouteKm))
	r.p("\n\n")
}

func (r *planReport) totals() {
	s, t := r.s, &r.s.Total
	r.p("## %s\n\n", r.l.F(pm.totals, r.radiusText()))
	line := pm.totalsLine
	if t.Population == 1 {
		line = pm.totalsLineOne
	}
	r.f(line, r.n(t.Population, nounPerson), r.n(int64(t.Villages), nounVillage), r.n(int64(len(s.Counties)), nounCounty))
	r.p("\n\n%s", r.l.S(pm.totalsHead))
	// Sub-centres are township health centres, already in the emergency
	// network: they change county-level care only.
	r.p("| %s | %s | %s |\n", r.l.S(pm.networkWith), numfmt.GroupThousands(t.NetworkCoveredPopulation), numfmt.GroupThousands(t.NetworkCoveredPopulation))
	r.p("| %s | %s | %s |\n", r.l.S(pm.networkShare), percent(t.NetworkCoveredShare), percent(t.NetworkCoveredShare))
	r.p("| %s | %s | %s |\n", r.l.S(pm.careWith), numfmt.GroupThousands(t.CountyCareTodayPopulation), numfmt.GroupThousands(t.CountyCareAfterPopulation))
	r.p("| %s | %s | %s |\n", r.l.S(pm.careShare), percent(t.CountyCareTodayShare), percent(t.CountyCareAfterShare))
	r.p("| %s | %s | %s |\n", r.l.S(pm.careWithout), numfmt.GroupThousands(t.Population-t.CountyCareTodayPopulation), numfmt.GroupThousands(t.Population-t.CountyCareAfterPopulation))
	r.p("| %s | | %s |\n\n", r.l.S(pm.subcentresRow), numfmt.GroupThousands(int64(t.Subcentres)))
}

// sweep writes the sweep's comparison table, only when a sweep ran.
func (r *planReport) sweep() {
	if len(r.s.Sweep) == 0 {
		return
	}
	r.p("## %s\n\n", r.l.S(pm.sweep))
	r.f(pm.sweepIntro, r.radiusText())
	r.p("\n\n%s", r.l.S(pm.sweepHead))
	for _, row := range r.s.Sweep {
		k := row.K.String()
		if row.K == 0 {
			k = r.l.S(pm.auto)
		}
		r.p("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", kmText(row.RadiusKm), k, numfmt.GroupThousands(int64(row.Subcentres)),
			numfmt.GroupThousands(row.NetworkCoveredPopulation), numfmt.GroupThousands(row.CountyCareTodayPopulation), numfmt.GroupThousands(row.CountyCareAfterPopulation),
			percent(row.NetworkCoveredShare), percent(row.CountyCareTodayShare), percent(row.CountyCareAfterShare))
	}
	r.p("\n")
}
