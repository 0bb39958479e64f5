package data

import (
	"fmt"
	"strings"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// DeriveFacilityDivisions fills in the county and township that facility
// rows left blank, from the nearest village (WGS84 geodesic distance),
// and records what it did in rep (the facilities' read report; may be
// nil): one file-level warning with the counts, and one entry per derived
// facility in rep.Derived naming the facility, the village and the
// distance.
//
// A facility with no county gets the nearest village's county. A township
// is derived only where the plan uses it: township health centres and
// village clinics serve their township, while a county hospital belongs to
// its county and keeps a blank township. facilities is modified in place;
// villages are not. With no villages nothing can be derived and nothing
// changes. The cost is one index build over the villages and one nearest
// query per facility that needs it.
func DeriveFacilityDivisions(villages []planner.Village, facilities []planner.Facility, rep *table.ReadReport) {
	if len(villages) == 0 {
		return
	}
	var ix *geo.Index
	var counties, townships int
	for i := range facilities {
		f := &facilities[i]
		needTownship := f.Township == "" && f.Type != planner.CountyHospital
		if f.County != "" && !needTownship {
			continue
		}
		if ix == nil {
			pts := make([]orb.Point, len(villages))
			for j := range villages {
				pts[j] = villages[j].Location
			}
			ix = geo.NewIndex(pts)
		}
		j, distM, ok := ix.Nearest(f.Location)
		if !ok {
			continue
		}
		v := &villages[j]
		var what []string
		if f.County == "" {
			f.County = v.County
			counties++
			what = append(what, "county "+table.Quote(v.County))
		}
		if needTownship && f.County == v.County {
			f.Township = v.Township
			townships++
			what = append(what, "township "+table.Quote(v.Township))
		}
		if rep != nil && len(what) > 0 {
			rep.Derived = append(rep.Derived, table.Rejection{File: rep.File, ID: f.ID, Reason: fmt.Sprintf(
				"%s taken from the nearest village %s (%.0f m away)", strings.Join(what, " and "), table.Quote(v.ID), distM)})
		}
	}
	if rep != nil && counties+townships > 0 {
		rep.Warnings = append(rep.Warnings, table.Rejection{File: rep.File, Reason: fmt.Sprintf(
			"%d facilities without a county and %d township health centres or clinics without a township: "+
				"taken from the nearest village (county hospitals need no township)", counties, townships)})
	}
}
