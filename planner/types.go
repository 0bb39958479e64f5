package planner

import "github.com/paulmach/orb"

// FacilityType is the tier of a health facility in the rural emergency
// network (policy digest R1): county hospital, township health centre or
// village clinic.
type FacilityType string

// The facility tiers catchment understands.
const (
	CountyHospital       FacilityType = "county_hospital"
	TownshipHealthCentre FacilityType = "township_health_centre"
	VillageClinic        FacilityType = "village_clinic"
)

// FacilityTypes lists every known tier, highest first, in a new slice.
func FacilityTypes() []FacilityType {
	return []FacilityType{CountyHospital, TownshipHealthCentre, VillageClinic}
}

// Valid reports whether t is one of the known tiers.
func (t FacilityType) Valid() bool {
	switch t {
	case CountyHospital, TownshipHealthCentre, VillageClinic:
		return true
	}
	return false
}

// CapacityUnknown marks a Beds or Staff figure the input did not give.
const CapacityUnknown = -1

// Attr is one extra input column carried through to outputs unchanged.
type Attr struct {
	Key, Value string
}

// Village is an administrative village (行政村) with its resident population.
// Location is WGS84 longitude/latitude in degrees.
type Village struct {
	ID         string
	Name       string
	County     string
	Township   string
	Population int
	Location   orb.Point
	Extra      []Attr
}

// Facility is a health facility. Location is WGS84 longitude/latitude in
// degrees. Beds and Staff are CapacityUnknown when the input had no figure.
type Facility struct {
	ID       string
	Name     string
	Type     FacilityType
	County   string
	Township string
	Location orb.Point
	Beds     int
	Staff    int
	Extra    []Attr
}
