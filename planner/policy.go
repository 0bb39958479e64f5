package planner

import (
	"fmt"
	"strings"
)

// Figure is one planning parameter of a Policy with the rule of the policy
// digest it comes from, so every default can be cited in a report.
type Figure[T any] struct {
	Value  T
	Source string
}

// Policy is a regional preset of the planning rules. Every figure names its
// source in the policy digest (rules R1–R18); where a region's documents give
// no figure, the preset borrows another region's and says so.
type Policy struct {
	Name  string // command-line name, e.g. "shanxi"
	Title string

	RadiusKm      Figure[float64]   // emergency radius (R1: 10–20 km)
	SweepRadiiKm  Figure[[]float64] // radii compared in a sweep
	MinSubcentres Figure[int]       // sub-centres per county, lower bound
	MaxSubcentres Figure[int]       // sub-centres per county, upper bound
	MinFarKm      Figure[float64]   // how far from the county hospital a sub-centre must be (R2: "far", left open)

	ItinerantBelow Figure[int]     // R6: itinerant service below this many residents
	MergeBelow     Figure[int]     // R8: joint clinic below this many served
	OwnClinicFrom  Figure[int]     // R9: own clinic from this many served
	MergeKm        Figure[float64] // R7/R8: what "adjacent" means, left open by the documents
	NearTHCKm      Figure[float64] // R6: what "near a township health centre" means, left open
	MaxRouteKm     Figure[float64] // a day's itinerant route, left open

	DoctorsPer1000     Figure[float64] // R10: village doctors per 1,000 served
	THCStaffMinPer1000 Figure[float64] // R11: township centre staff, lower bound per 1,000 residents
	THCStaffMaxPer1000 Figure[float64] // R11: upper bound
}

const (
	srcR1  = "R1 Shanxi Jin Zheng Ban Fa [2023] No. 51, measure 11: service radius 10–20 km"
	srcR2  = "R2 Shanxi [2023] No. 51, measure 2: 1–3 sub-centres per county, far from the county seat"
	srcR3  = "R3 Ordos E Fu Ban Fa [2024] No. 24, section 3: 1–2 sub-centres per banner/district"
	srcR4  = "R4 Xinjiang health commission 2022-08-31, annex 1 item 7: at least one sub-centre per pilot county"
	srcR6  = "R6 Shanxi [2023] No. 51, measure 3: under 200 residents, itinerant or stationed service"
	srcR8  = "R8 Ordos [2024] No. 24, section 3: joint clinic under 500 served"
	srcR9  = "R9 Dadukou implementation plan 2023, task 4: own clinic from 800 served"
	srcR10 = "R10 Shanxi [2023] No. 51, measure 3: at least 1 village doctor per 1,000 served"
	srcR11 = "R11 Dadukou plan, task 18: township centre staff 1.2‰–1.7‰ of residents"
	open   = "left open by the documents; catchment's reading, set your own"
)

// borrowed cites a figure a region's documents do not give: why (for
// example "Ordos gives no figure") and whose figure is used instead.
func borrowed(src, why, from string) string {
	return src + " (" + why + "; " + from + "'s figure is used)"
}

// Policies returns the regional presets, in name order. Each sets the
// figures its region's documents give (cited), borrows the others from the
// region that gives them (said so), and reads what every document leaves
// open (radius tier, "far", "adjacent", route length) for its setting: a
// dense urban district, a hilly province, sparse banners or vast pilot
// counties.
func Policies() []Policy {
	return []Policy{
		{
			Name: "dadukou", Title: "Dadukou district, Chongqing (implementation plan, 2023)",
			RadiusKm:           Figure[float64]{10, srcR1 + " (lower bound: a dense urban district)"},
			SweepRadiiKm:       Figure[[]float64]{[]float64{5, 10, 15}, "around the lower bound of R1, for a dense district: " + open},
			MinSubcentres:      Figure[int]{1, borrowed(srcR2, "Dadukou gives no figure", "Shanxi")},
			MaxSubcentres:      Figure[int]{3, borrowed(srcR2, "Dadukou gives no figure", "Shanxi")},
			MinFarKm:           Figure[float64]{10, "R2 \"far from the county seat\", read for a small district: " + open},
			ItinerantBelow:     Figure[int]{200, borrowed(srcR6, "Dadukou gives no figure", "Shanxi")},
			MergeBelow:         Figure[int]{800, srcR9 + ": villages under 800 need no clinic of their own, so they may share one"},
			OwnClinicFrom:      Figure[int]{800, srcR9},
			MergeKm:            Figure[float64]{2, "R7/R8 \"adjacent\", read for a dense district: " + open},
			NearTHCKm:          Figure[float64]{1.5, "R6 \"near a township health centre\", read for a dense district: " + open},
			MaxRouteKm:         Figure[float64]{40, "a day's itinerant route in a dense district: " + open},
			DoctorsPer1000:     Figure[float64]{1, borrowed(srcR10, "Dadukou gives no figure", "Shanxi")},
			THCStaffMinPer1000: Figure[float64]{1.2, srcR11},
			THCStaffMaxPer1000: Figure[float64]{1.7, srcR11},
		},
		{
			Name: "ordos", Title: "Ordos municipality (E Fu Ban Fa [2024] No. 24)",
			RadiusKm:           Figure[float64]{20, srcR1 + " (upper bound: sparse banners)"},
			SweepRadiiKm:       Figure[[]float64]{[]float64{10, 15, 20}, srcR1},
			MinSubcentres:      Figure[int]{1, srcR3},
			MaxSubcentres:      Figure[int]{2, srcR3},
			MinFarKm:           Figure[float64]{30, "R2/R3 \"service range\", read for large banners: " + open},
			ItinerantBelow:     Figure[int]{200, borrowed(srcR6, "Ordos's R8 names mobile care without a figure", "Shanxi")},
			MergeBelow:         Figure[int]{500, srcR8},
			OwnClinicFrom:      Figure[int]{500, srcR8 + ": villages of 500 or more served keep a clinic of their own"},
			MergeKm:            Figure[float64]{5, "R8 \"geographically adjacent\", read for sparse banners: " + open},
			NearTHCKm:          Figure[float64]{3, "R6 \"near a township health centre\", read for sparse banners: " + open},
			MaxRouteKm:         Figure[float64]{120, "a day's itinerant route across a banner: " + open},
			DoctorsPer1000:     Figure[float64]{1, borrowed(srcR10, "Ordos gives no figure", "Shanxi")},
			THCStaffMinPer1000: Figure[float64]{1.2, borrowed(srcR11, "Ordos gives no figure", "Dadukou")},
			THCStaffMaxPer1000: Figure[float64]{1.7, borrowed(srcR11, "Ordos gives no figure", "Dadukou")},
		},
		{
			Name: "shanxi", Title: "Shanxi province (Jin Zheng Ban Fa [2023] No. 51)",
			RadiusKm:           Figure[float64]{15, srcR1 + " (midpoint)"},
			SweepRadiiKm:       Figure[[]float64]{[]float64{10, 15, 20}, srcR1},
			MinSubcentres:      Figure[int]{1, srcR2},
			MaxSubcentres:      Figure[int]{3, srcR2},
			MinFarKm:           Figure[float64]{20, "R2 \"far from the county seat\": " + open},
			ItinerantBelow:     Figure[int]{200, srcR6},
			MergeBelow:         Figure[int]{500, borrowed(srcR8, "Shanxi's R7 allows joint clinics without a figure", "Ordos")},
			OwnClinicFrom:      Figure[int]{800, borrowed(srcR9, "Shanxi gives no figure", "Dadukou")},
			MergeKm:            Figure[float64]{3, "R7 \"small service radius and convenient transport\": " + open},
			NearTHCKm:          Figure[float64]{2, "R6 \"near a township health centre\": " + open},
			MaxRouteKm:         Figure[float64]{60, "a day's itinerant route in hilly townships: " + open},
			DoctorsPer1000:     Figure[float64]{1, srcR10},
			THCStaffMinPer1000: Figure[float64]{1.2, borrowed(srcR11, "Shanxi gives no figure", "Dadukou")},
			THCStaffMaxPer1000: Figure[float64]{1.7, borrowed(srcR11, "Shanxi gives no figure", "Dadukou")},
		},
		{
			Name: "xinjiang", Title: "Xinjiang pilot counties (health commission notice, 2022-08-31)",
			RadiusKm:           Figure[float64]{20, srcR1 + " (upper bound: vast pilot counties)"},
			SweepRadiiKm:       Figure[[]float64]{[]float64{10, 15, 20}, srcR1},
			MinSubcentres:      Figure[int]{1, srcR4},
			MaxSubcentres:      Figure[int]{3, borrowed(srcR2, "Xinjiang's R4 sets only a lower bound", "Shanxi")},
			MinFarKm:           Figure[float64]{40, "R2 \"far from the county seat\", read for vast counties: " + open},
			ItinerantBelow:     Figure[int]{200, borrowed(srcR6, "Xinjiang gives no figure", "Shanxi")},
			MergeBelow:         Figure[int]{500, borrowed(srcR8, "Xinjiang gives no figure", "Ordos")},
			OwnClinicFrom:      Figure[int]{800, borrowed(srcR9, "Xinjiang gives no figure", "Dadukou")},
			MergeKm:            Figure[float64]{5, "R7/R8 \"adjacent\", read for vast counties: " + open},
			NearTHCKm:          Figure[float64]{3, "R6 \"near a township health centre\", read for vast counties: " + open},
			MaxRouteKm:         Figure[float64]{150, "a day's itinerant route in vast counties: " + open},
			DoctorsPer1000:     Figure[float64]{1, borrowed(srcR10, "Xinjiang gives no figure", "Shanxi")},
			THCStaffMinPer1000: Figure[float64]{1.2, borrowed(srcR11, "Xinjiang gives no figure", "Dadukou")},
			THCStaffMaxPer1000: Figure[float64]{1.7, borrowed(srcR11, "Xinjiang gives no figure", "Dadukou")},
		},
	}
}

// PolicyNames lists the preset names.
func PolicyNames() []string {
	var names []string
	for _, p := range Policies() {
		names = append(names, p.Name)
	}
	return names
}

// LookupPolicy returns the preset with the given name (case-insensitive).
func LookupPolicy(name string) (Policy, error) {
	for _, p := range Policies() {
		if strings.EqualFold(p.Name, strings.TrimSpace(name)) {
			return p, nil
		}
	}
	return Policy{}, &OptionError{"policy", fmt.Sprintf("unknown policy %q (want one of %s)", name, strings.Join(PolicyNames(), ", "))}
}

// AllowsSubcentres reports whether k sub-centres per county is within the
// policy's range.
func (p Policy) AllowsSubcentres(k int) bool {
	return k >= p.MinSubcentres.Value && k <= p.MaxSubcentres.Value
}
