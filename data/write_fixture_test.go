package data

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// writeFixture is a small hand-built coverage run with the awkward cases
// the writers must survive: quotes, commas, a newline, Chinese text, an
// invalid UTF-8 byte, an extra column named like a reserved one, a village
// exactly on the radius, and a village with no facility at all. The result
// is built by hand, not by planner.Coverage, so that the golden files do not
// move when the geodesic code changes.
type writeFixture struct {
	villages   []planner.Village
	facilities []planner.Facility
	res        *planner.CoverageResult
}

func fixtureFacilities() []planner.Facility {
	return []planner.Facility{
		{ID: "F01", Name: "甲县人民医院", Type: planner.CountyHospital, County: "甲县", Township: "城关镇",
			Location: orb.Point{113.05, 23.15}, Beds: 500, Staff: 620},
		{ID: "F02", Name: "东镇卫生院", Type: planner.TownshipHealthCentre, County: "甲县", Township: "东镇",
			Location: orb.Point{113.1234567, 23.2}, Beds: planner.CapacityUnknown, Staff: 31,
			Extra: []planner.Attr{{Key: "电话", Value: "0351-1234567"}}},
		{ID: "F03", Name: `Clinic "A", east`, Type: planner.VillageClinic, County: "乙县", Township: "西镇",
			Location: orb.Point{113.4, 23.0000001}, Beds: planner.CapacityUnknown, Staff: planner.CapacityUnknown,
			Extra: []planner.Attr{{Key: "电话", Value: ""}, {Key: "Type", Value: "legacy"}}},
	}
}

func fixtureVillages() []planner.Village {
	return []planner.Village{
		{ID: "V001", Name: "东村", County: "甲县", Township: "东镇", Population: 1200,
			Location: orb.Point{113.1, 23.2}, Extra: []planner.Attr{{Key: "备注", Value: "平原"}, {Key: "ID", Value: "old-1"}}},
		{ID: "V002", Name: `He said "hi", twice`, County: "甲县", Township: "西镇", Population: 800,
			Location: orb.Point{113.25, 23.123456789}, Extra: []planner.Attr{{Key: "备注", Value: "a,b"}, {Key: "ID", Value: "old-2"}}},
		{ID: "V003", Name: "Line\nbreak\tand\x01ctl", County: "乙县", Township: "西镇", Population: 50,
			Location: orb.Point{113.4000000001, 22.99999999}, Extra: []planner.Attr{{Key: "备注", Value: "多行\n备注"}, {Key: "ID", Value: ""}}},
		{ID: "V004", Name: "bad\xffbyte", County: "乙县", Township: "北乡", Population: 3000,
			Location: orb.Point{114.0, 24.5}, Extra: []planner.Attr{{Key: "备注", Value: "孤村"}, {Key: "ID", Value: "old-4"}}},
		{ID: "V005", Name: "远村", County: "丙县", Township: "南乡", Population: 2000,
			Location: orb.Point{113.6, 23.3}, Extra: []planner.Attr{{Key: "备注", Value: ""}, {Key: "ID", Value: "old-5"}}},
	}
}

// nearest facility and distance per village, as Coverage would report them.
var fixtureNearest = []struct {
	facility  int
	distanceM float64
}{
	{1, 2345.6789}, // 2.345679 km
	{0, 15000},     // exactly on a 15 km radius: covered (inclusive)
	{2, 10000.4999},
	{-1, math.Inf(1)}, // no emergency facility at all
	{1, 22000.0005},   // just below half a millimetre in binary: 22.000000
}

// newWriteFixture builds the run for radii, tallying like planner.Coverage.
func newWriteFixture(t testing.TB, radiiKm ...float64) writeFixture {
	t.Helper()
	f := writeFixture{villages: fixtureVillages(), facilities: fixtureFacilities()}
	res := &planner.CoverageResult{RadiiKm: radiiKm}
	for _, n := range fixtureNearest {
		vc := planner.VillageCoverage{Nearest: n.facility, DistanceM: n.distanceM, Covered: make([]bool, len(radiiKm))}
		for k, r := range radiiKm {
			vc.Covered[k] = n.facility >= 0 && n.distanceM <= r*1000
		}
		res.Villages = append(res.Villages, vc)
	}
	tallyFixture(res, f.villages)
	f.res = res
	return f
}

// tallyFixture fills Total, Counties and Uncovered the way planner does.
func tallyFixture(res *planner.CoverageResult, villages []planner.Village) {
	n := len(res.RadiiKm)
	newTally := func() planner.Tally {
		return planner.Tally{CoveredVillages: make([]int, n), CoveredPopulation: make([]int64, n)}
	}
	add := func(t *planner.Tally, v *planner.Village, covered []bool) {
		t.Villages++
		t.Population += int64(v.Population)
		for k, c := range covered {
			if c {
				t.CoveredVillages[k]++
				t.CoveredPopulation[k] += int64(v.Population)
			}
		}
	}
	res.Total = newTally()
	res.Counties, res.Uncovered = nil, nil
	largest := slices.Index(res.RadiiKm, slices.Max(res.RadiiKm))
	for i := range villages {
		v, vc := &villages[i], &res.Villages[i]
		add(&res.Total, v, vc.Covered)
		j := slices.IndexFunc(res.Counties, func(c planner.CountyTally) bool { return c.County == v.County })
		if j < 0 {
			res.Counties = append(res.Counties, planner.CountyTally{County: v.County, Tally: newTally()})
			j = len(res.Counties) - 1
		}
		add(&res.Counties[j].Tally, v, vc.Covered)
		if !vc.Covered[largest] {
			res.Uncovered = append(res.Uncovered, i)
		}
	}
	slices.SortFunc(res.Counties, func(a, b planner.CountyTally) int { return strings.Compare(a.County, b.County) })
	slices.SortStableFunc(res.Uncovered, func(a, b int) int { return villages[b].Population - villages[a].Population })
}

func fixtureReports() []*ReadReport {
	return []*ReadReport{
		{File: "villages.csv", Format: "csv", Encoding: "utf-8", Rows: 7, Accepted: 5,
			Rejected: []Rejection{
				{File: "villages.csv", Line: 4, ID: "V010", Reason: "population \"abc\" is not a whole number"},
				{File: "villages.csv", Line: 9, ID: "", Reason: "missing id"},
			}},
		nil, // skipped
		{File: "facilities.geojson", Format: "geojson", Encoding: "gb18030", Rows: 3, Accepted: 3,
			Warnings: []Rejection{{File: "facilities.geojson", Reason: "not UTF-8; decoded as GB18030"}}},
	}
}

// inputFixtureVillages are the fixture villages without the extra column
// "ID", which the village reader would take for the id column.
func inputFixtureVillages() []planner.Village {
	vs := fixtureVillages()
	for i := range vs {
		vs[i].Extra = slices.DeleteFunc(vs[i].Extra, func(a planner.Attr) bool { return a.Key == "ID" })
	}
	return vs
}

// inputFixtureFacilities are the fixture facilities without the extra
// column "Type", which the facility reader would take for the type column.
func inputFixtureFacilities() []planner.Facility {
	fs := fixtureFacilities()
	for i := range fs {
		fs[i].Extra = slices.DeleteFunc(fs[i].Extra, func(a planner.Attr) bool { return a.Key == "Type" })
	}
	return fs
}
