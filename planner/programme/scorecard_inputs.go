package programme

import (
	"slices"
	"strconv"
	"strings"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
)

// cardCount is a sum over facilities of an optional figure: how many
// facilities gave it and how many did not.
type cardCount struct {
	sum           int64
	known, absent int
}

func (c *cardCount) add(v int64, ok bool) {
	if ok {
		c.sum += v
		c.known++
	} else {
		c.absent++
	}
}

// complete reports whether every facility gave the figure (and at least one).
func (c cardCount) complete() bool { return c.known > 0 && c.absent == 0 }

// cardAgg gathers one county's figures for the scorecard.
type cardAgg struct {
	county        string
	residents     int64
	residentsFrom string // note.WordResidentsVillages or note.WordResidentsTable
	served        int64  // village population
	doctors       cardCount
	licensed      cardCount
	thcStaff      cardCount
	workers       cardCount // health_workers of THCs and village clinics
	gps           cardCount
	fever, amb    cardCount // sums count "yes"
	thcs, clinics int
	doctorsNeeded int // from the clinic plan, -1 without one
	tableGPs      int
	tableWorkers  int
}

// cardAggregate sums the facilities' figures by county (the counties of the
// villages, in name order). Unreadable attribute values are notes.
func cardAggregate(villages []planner.Village, facilities []planner.Facility, opt ScorecardOptions) ([]*cardAgg, []note.Note, error) {
	by := map[string]*cardAgg{}
	var names []string
	for i := range villages {
		v := &villages[i]
		if err := planner.CheckVillage(i, v); err != nil {
			return nil, nil, err
		}
		a := by[v.County]
		if a == nil {
			a = &cardAgg{county: v.County, doctorsNeeded: -1, tableGPs: -1, tableWorkers: -1}
			by[v.County] = a
			names = append(names, v.County)
		}
		a.served += int64(v.Population)
	}
	for _, a := range by {
		a.residents, a.residentsFrom = a.served, note.WordResidentsVillages
	}
	for _, f := range opt.Counties {
		if a := by[f.County]; a != nil {
			if f.Residents >= 0 {
				a.residents, a.residentsFrom = f.Residents, note.WordResidentsTable
			}
			a.tableGPs, a.tableWorkers = f.GPs, f.HealthWorkers
		}
	}
	var notes []note.Note
	for i := range facilities {
		f := &facilities[i]
		a := by[f.County]
		if a == nil {
			continue
		}
		notes = append(notes, a.addFacility(f)...)
	}
	if opt.Clinics != nil {
		for _, t := range opt.Clinics.Townships {
			if a := by[t.County]; a != nil {
				a.doctorsNeeded = max(a.doctorsNeeded, 0) + t.DoctorsNeeded
			}
		}
	}
	slices.Sort(names)
	out := make([]*cardAgg, len(names))
	for i, n := range names {
		out[i] = by[n]
	}
	return out, notes, nil
}

func (a *cardAgg) addFacility(f *planner.Facility) []note.Note {
	var notes []note.Note
	num := func(key string) (int64, bool) {
		v, ok, bad := attrInt(f.Extra, key)
		if bad != "" {
			notes = append(notes, note.New(note.CardNotCount, "facility", f.ID, "column", key, "value", bad))
		}
		return v, ok
	}
	flag := func(key string) (int64, bool) {
		v, ok, bad := attrBool(f.Extra, key)
		if bad != "" {
			notes = append(notes, note.New(note.CardNotYesNo, "facility", f.ID, "column", key, "value", bad))
		}
		if v {
			return 1, ok
		}
		return 0, ok
	}
	switch f.Type {
	case planner.VillageClinic:
		a.clinics++
		a.doctors.add(int64(f.Staff), f.Staff >= 0)
		a.licensed.add(num("licensed_doctors"))
		a.workers.add(num("health_workers"))
		a.gps.add(num("gps"))
	case planner.TownshipHealthCentre:
		a.thcs++
		a.thcStaff.add(int64(f.Staff), f.Staff >= 0)
		a.workers.add(num("health_workers"))
		a.gps.add(num("gps"))
		a.fever.add(flag("fever_clinic"))
		a.amb.add(flag("ambulance"))
	}
	return notes
}

// attrValue finds key in attrs (case-insensitive, trimmed); "" counts as absent.
func attrValue(attrs []planner.Attr, key string) (string, bool) {
	for _, x := range attrs {
		if strings.EqualFold(strings.TrimSpace(x.Key), key) {
			v := strings.TrimSpace(x.Value)
			return v, v != ""
		}
	}
	return "", false
}

// attrInt reads a non-negative whole number; bad is the unreadable value.
func attrInt(attrs []planner.Attr, key string) (v int64, ok bool, bad string) {
	s, ok := attrValue(attrs, key)
	if !ok {
		return 0, false, ""
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if f, ferr := strconv.ParseFloat(s, 64); ferr == nil && f == float64(int64(f)) && f >= 0 {
			return int64(f), true, ""
		}
		return 0, false, s
	}
	if n < 0 {
		return 0, false, s
	}
	return n, true, ""
}

// attrBool reads yes/no in English, Chinese or as 1/0.
func attrBool(attrs []planner.Attr, key string) (v, ok bool, bad string) {
	s, ok := attrValue(attrs, key)
	if !ok {
		return false, false, ""
	}
	switch strings.ToLower(s) {
	case "yes", "y", "true", "1", "是", "有":
		return true, true, ""
	case "no", "n", "false", "0", "否", "无", "没有":
		return false, true, ""
	}
	return false, false, s
}
