package csvio

import (
	"encoding/csv"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/atomicfile"
	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
)

// WritePlanCSVTables writes the plan summary as CSV tables into dir
// (created if missing), for spreadsheet users:
//
//	counties.csv    one row per county: the cover and sub-centre choice of PlanCounty
//	                (id lists joined by commas; alternatives "A,B;C,D"), seat as seat_lon, seat_lat
//	subcentres.csv  one row per chosen site with its explanation (PlanSite), by county and rank
//	townships.csv   one row per township: the clinic plan of PlanTownship, flags joined by commas
//	sweep.csv       one row per radius and sub-centre count, only when a sweep ran
//	villages.csv    one row per village: the properties of the village layer of
//	                WritePlanGeoJSON with lon and lat after population; only when s
//	                comes from NewPlanSummary (a summary decoded from JSON has no villages)
//
// Column names are the summary's JSON keys, with locations split into lon
// and lat (seat_lon, seat_lat) columns. Unknown figures and missing
// distances are empty cells; booleans are true and false; shares are
// fractions in [0, 1]. Files start with a UTF-8 byte order mark so that
// Excel shows Chinese names (GDAL, pandas and catchment skip it) and are
// each replaced atomically with WriteFileAtomic, with the GDAL sidecars
// of WriteSidecars beside them (a .csvt of column types; villages.csv, whose
// lon and lat make points, also a .prj). It returns the paths of the CSV
// tables written, in the order above (not the sidecars); on an error the
// files already written stay and are returned with it.
func WritePlanCSVTables(dir string, s summary.PlanSummary) ([]string, error) {
	var villages *enc.Plan
	if v, f, res := s.Plan(); res != nil {
		var err error
		if villages, err = enc.NewPlan(v, f, res); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &table.WriteError{Path: dir, Err: err}
	}
	tables := []planCSVFile{
		{"counties.csv", func(t *csvTable) { countiesCSV(&s, t) }},
		{"subcentres.csv", func(t *csvTable) { subcentresCSV(&s, t) }},
		{"townships.csv", func(t *csvTable) { townshipsCSV(&s, t) }},
	}
	if len(s.Sweep) > 0 {
		tables = append(tables, planCSVFile{"sweep.csv", func(t *csvTable) { sweepCSV(&s, t) }})
	}
	if villages != nil {
		tables = append(tables, planCSVFile{"villages.csv", func(t *csvTable) { villagesCSV(villages, t) }})
	}
	var paths []string
	for _, tb := range tables {
		path := filepath.Join(dir, tb.file)
		err := atomicfile.WriteFileAtomic(path, func(w io.Writer) error {
			cw, flush := newCSVWriter(w, CSVOptions{BOM: true})
			t := &csvTable{cw: cw}
			tb.write(t)
			if t.err != nil {
				return table.WrapWrite(t.err)
			}
			return table.WrapWrite(flush())
		})
		if err != nil {
			return paths, err
		}
		paths = append(paths, path)
		if _, err := WriteSidecars(path); err != nil {
			return paths, err
		}
	}
	return paths, nil
}

type planCSVFile struct {
	file  string
	write func(t *csvTable)
}

// csvTable writes a table row by row; the first row is the header. The
// first write error sticks and stops the writing.
type csvTable struct {
	cw  *csv.Writer
	cur []string
	err error
}

func (t *csvTable) row(cells []string) {
	if t.err == nil {
		t.err = t.cw.Write(cells)
	}
}

func (t *csvTable) header(cols ...string) { t.row(cols) }

// end writes the cells added since the last end as one row.
func (t *csvTable) end() {
	t.row(t.cur)
	t.cur = t.cur[:0]
}

func (t *csvTable) cell(v string)         { t.cur = append(t.cur, enc.ValidText(v)) }
func (t *csvTable) Int(v int64)           { t.cur = append(t.cur, strconv.FormatInt(v, 10)) }
func (t *csvTable) float(v float64)       { t.cur = append(t.cur, string(enc.AppendShortFloat(nil, v))) }
func (t *csvTable) Bool(v bool)           { t.cur = append(t.cur, strconv.FormatBool(v)) }
func (t *csvTable) Count(v summary.Count) { t.cur = append(t.cur, enc.CapacityText(int(v))) }
func (t *csvTable) List(v []string)       { t.cell(strings.Join(v, ",")) }

func (t *csvTable) cover(c *summary.PlanCover) {
	t.Int(int64(c.Villages))
	t.Int(c.Population)
	t.Int(c.NetworkCoveredPopulation)
	t.float(c.NetworkCoveredShare)
	t.Int(c.CountyCareTodayPopulation)
	t.float(c.CountyCareTodayShare)
	t.Int(c.CountyCareAfterPopulation)
	t.float(c.CountyCareAfterShare)
}

// planCoverColumns are the summary's PlanCover keys, in its order.
var planCoverColumns = []string{"villages", "population", "network_covered_population", "network_covered_share",
	"county_care_today_population", "county_care_today_share", "county_care_after_population", "county_care_after_share"}

func countiesCSV(s *summary.PlanSummary, t *csvTable) {
	t.header(append(append([]string{"county"}, planCoverColumns...),
		"subcentres", "alternatives", "optimal_sets", "tie_break", "greedy_subcentres", "greedy_county_care_after_population", "greedy_gap",
		"candidates", "too_close", "k", "requested_k", "note", "seat_lon", "seat_lat", "seat_from_hospital", "seat_facility_id")...)
	for i := range s.Counties {
		c := &s.Counties[i]
		t.cell(c.County)
		t.cover(&c.PlanCover)
		t.List(c.Subcentres)
		alts := make([]string, len(c.Alternatives))
		for j, a := range c.Alternatives {
			alts[j] = strings.Join(a, ",")
		}
		t.cell(strings.Join(alts, ";"))
		t.Int(int64(c.OptimalSets))
		t.cell(c.TieBreak)
		t.List(c.GreedySubcentres)
		t.Int(c.GreedyCountyCareAfter)
		t.Int(c.GreedyGap)
		t.Int(int64(c.Candidates))
		t.Int(int64(c.TooClose))
		t.Int(int64(c.K))
		t.cell(c.RequestedK.String())
		t.cell(c.Note)
		t.cell(string(enc.AppendDeg(nil, c.Seat[0])))
		t.cell(string(enc.AppendDeg(nil, c.Seat[1])))
		t.Bool(c.SeatFromHospital)
		t.cell(c.SeatFacilityID)
		t.end()
	}
}

func subcentresCSV(s *summary.PlanSummary, t *csvTable) {
	t.header("county", "rank", "id", "name", "township", "lon", "lat", "gain_population", "gain_villages",
		"standalone_population", "county_hospital_km", "seat_km", "beds", "staff", "rule")
	for i := range s.Counties {
		c := &s.Counties[i]
		for j := range c.Explanation {
			e := &c.Explanation[j]
			t.cell(c.County)
			t.Int(int64(e.Rank))
			t.cell(e.ID)
			t.cell(e.Name)
			t.cell(e.Township)
			t.cell(string(enc.AppendDeg(nil, e.Location[0])))
			t.cell(string(enc.AppendDeg(nil, e.Location[1])))
			t.Int(e.GainPopulation)
			t.Int(int64(e.GainVillages))
			t.Int(e.StandalonePopulation)
			if e.CountyHospitalKm != nil {
				t.float(*e.CountyHospitalKm)
			} else {
				t.cell("")
			}
			t.float(e.SeatKm)
			t.Count(e.Beds)
			t.Count(e.Staff)
			t.cell(e.Rule)
			t.end()
		}
	}
}

func townshipsCSV(s *summary.PlanSummary, t *csvTable) {
	t.header("county", "township", "villages", "population", "own_clinics", "joint_clinics", "joint_members",
		"itinerant_villages", "township_centre_villages", "single_villages", "route_km", "route_days", "tour_km",
		"staff_needed", "village_clinics", "village_clinic_staff", "doctor_gap", "thc_id", "thc_staff_min",
		"thc_staff_max", "thc_staff", "thc_staff_gap", "exact", "flags", "flag_counts")
	for i := range s.Townships {
		p := &s.Townships[i]
		t.cell(p.County)
		t.cell(p.Township)
		for _, n := range []int{p.Villages, int(p.Population), p.OwnClinics, p.JointClinics, p.JointMembers,
			p.ItinerantVillages, p.TownshipCentreVillages, p.SingleVillages} {
			t.Int(int64(n))
		}
		t.float(p.RouteKm)
		t.Int(int64(p.RouteDays))
		t.float(p.TourKm)
		t.Int(int64(p.StaffNeeded))
		t.Int(int64(p.VillageClinics))
		t.Count(p.VillageClinicStaff)
		t.Count(p.DoctorGap)
		t.cell(p.THCID)
		t.Int(int64(p.THCStaffMin))
		t.Int(int64(p.THCStaffMax))
		t.Count(p.THCStaff)
		t.Count(p.THCStaffGap)
		t.Bool(p.Exact)
		t.List(p.Flags)
		t.cell(flagCountsText(p.FlagCounts, "=", ","))
		t.end()
	}
}

func sweepCSV(s *summary.PlanSummary, t *csvTable) {
	t.header(append(append([]string{"radius_km", "k"}, planCoverColumns...), "subcentres")...)
	for i := range s.Sweep {
		r := &s.Sweep[i]
		t.float(r.RadiusKm)
		t.cell(r.K.String())
		t.cover(&r.PlanCover)
		t.Int(int64(r.Subcentres))
		t.end()
	}
}

// villagesCSV writes the village layer of WritePlanGeoJSON as a table,
// from the same description (VillageProps).
func villagesCSV(e *enc.Plan, t *csvTable) {
	// The header comes from describing a placeholder village, so that an
	// empty plan still gets one.
	ph := &enc.Plan{
		Villages: []planner.Village{{}},
		Res: &planner.PlanResult{Villages: []planner.VillagePlan{{Subcentre: -1}},
			Clinics: &planner.ClinicPlan{Villages: []planner.VillageService{{HostIndex: -1, NearestTHCIndex: -1}}}},
		Extras: e.Extras,
	}
	p := &csvProps{extraNames: e.Extras.Names, record: true}
	cur := enc.ExtraCursor{S: e.Extras}
	ph.VillageProps(p, 0, &cur)
	t.header(p.header...)
	p.record = false
	for i := range e.Villages {
		p.row = p.row[:0]
		e.VillageProps(p, i, &cur)
		t.row(p.row)
	}
}

// flagCountsText lists flag counts in flag order: "a=1,b=2".
func flagCountsText(counts map[string]int, eq, sep string) string {
	var b strings.Builder
	for i, f := range slices.Sorted(maps.Keys(counts)) {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(f)
		b.WriteString(eq)
		b.WriteString(strconv.Itoa(counts[f]))
	}
	return b.String()
}
