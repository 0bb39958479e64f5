package summary

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/table"
)

// WritePlanSummaryJSON writes s as JSON in the layout of WriteSummaryJSON:
// one top-level key, and one figure, county, township, sweep row, input or
// rejection per line, so that large runs stay readable and diff-able. Keys
// are the json tags of PlanSummary, in that order:
//
//	{"radius_km": 15,
//	 "policy": {"name", "title", "figures": [{"name", "value", "source", "source_notes"}]},
//	 "options": {"k", "max_k", "min_gain_pop", "existing_types", "candidates", "given_candidates",
//	             "min_far_km", "max_alternatives", "itinerant_below", "merge_below",
//	             "own_clinic_from", "merge_km", "near_thc_km", "max_route_km"},
//	 "total": {"villages", "population", "network_covered_population", "network_covered_share",
//	           "county_care_today_population", "county_care_today_share",
//	           "county_care_after_population", "county_care_after_share", "subcentres"},
//	 "counties": [{"county", ...cover as in total, "subcentres": [ids], "alternatives": [[ids]],
//	               "optimal_sets", "tie_break", "tie_break_notes", "greedy_subcentres",
//	               "greedy_county_care_after_population", "greedy_gap", "candidates", "too_close", "k",
//	               "requested_k", "note", "notes", "seat": [lon, lat],
//	               "seat_from_hospital", "seat_facility_id", "explanation": [{"rank", "id", "name",
//	               "township", "location", "gain_population", "gain_villages", "standalone_population",
//	               "county_hospital_km", "seat_km", "beds", "staff", "rule"}]}],
//	 "townships": [{"township", "county", "villages", "population", "own_clinics", "joint_clinics",
//	                "joint_members", "itinerant_villages", "township_centre_villages", "single_villages",
//	                "route_km", "route_days", "tour_km", "staff_needed", "village_clinics",
//	                "village_clinic_staff", "doctor_gap", "thc_id", "thc_staff_min", "thc_staff_max",
//	                "thc_staff", "thc_staff_gap", "exact", "flags": [township flags],
//	                "flag_counts": {village or route-day flag: count}}],
//	 "sweep": [{"radius_km", "k", ...cover, "subcentres"}],       (only when a sweep ran)
//	 "inputs", "rejected_count", "rejected"                       (as in the coverage summary),
//	 "warnings": [{"code", "county", "rule", "file", "line", "id", "reason", "suggestion",
//	               "reason_notes", "suggestion_notes"}]}
//
// "warnings" lists the policy rules the plan does not meet (code
// "min_subcentres_unmet" or "max_subcentres_exceeded", with county, rule,
// reason and suggestion), then the input warnings (code "input", with file,
// line, id and reason, as in the coverage summary); see Warning.
//
// A township's "flags" are its own (no township health centre of its own,
// ...); the flags of its villages and itinerant days are counted in
// "flag_counts" instead, so "flags" may be [] while "flag_counts" is not.
// Each "…_notes" (and a county's "notes") is the English text beside it as
// structured notes, [{"code", "args": {name: value}, "parts": [notes]}]
// (package planner/note), for clients that render or test by code.
// "k" and "requested_k" are a number or "auto"; unknown staff and beds,
// and a missing county hospital distance, are null. Strings are valid
// UTF-8 (invalid bytes become U+FFFD). A summary with a non-finite number
// fails with ErrWriteInput before anything is written; errors from w
// unwrap to ErrWrite.
func WritePlanSummaryJSON(w io.Writer, s PlanSummary) error {
	l := planJSONLayout{}
	l.b = append(l.b, "{\n  "...)
	l.member("radius_km", s.RadiusKm)
	l.b = append(l.b, ",\n  \"policy\": {\"name\": "...)
	l.value(s.Policy.Name)
	l.b = append(l.b, `, "title": `...)
	l.value(s.Policy.Title)
	l.b = append(l.b, `, "figures": `...)
	l.list("  ", len(s.Policy.Figures), func(i int) any { return s.Policy.Figures[i] })
	l.b = append(l.b, '}')
	l.next()
	l.member("options", s.Options)
	l.next()
	l.member("total", s.Total)
	l.next()
	l.key("counties")
	l.list("", len(s.Counties), func(i int) any { return &s.Counties[i] })
	l.next()
	l.key("townships")
	l.list("", len(s.Townships), func(i int) any { return &s.Townships[i] })
	if len(s.Sweep) > 0 {
		l.next()
		l.key("sweep")
		l.list("", len(s.Sweep), func(i int) any { return &s.Sweep[i] })
	}
	l.next()
	l.key("inputs")
	l.list("", len(s.Inputs), func(i int) any { return &s.Inputs[i] })
	l.next()
	l.member("rejected_count", s.RejectedCount)
	l.next()
	l.key("rejected")
	l.list("", len(s.Rejected), func(i int) any { return &s.Rejected[i] })
	l.next()
	l.key("warnings")
	l.list("", len(s.Warnings), func(i int) any { return &s.Warnings[i] })
	if s.Metric != nil {
		l.next()
		l.member("metric", s.Metric)
	}
	l.b = append(l.b, "\n}\n"...)
	if l.err != nil {
		return &table.WriteInputError{Reason: "plan summary: " + l.err.Error()}
	}
	_, err := w.Write(l.b)
	return table.WrapWrite(err)
}

// planJSONLayout lays out a summary: values are encoded by encoding/json
// (without HTML escaping) and spaced like the coverage summary.
type planJSONLayout struct {
	b   []byte
	buf bytes.Buffer
	err error
}

func (l *planJSONLayout) next() { l.b = append(l.b, ",\n  "...) }

func (l *planJSONLayout) key(k string) {
	l.b = enc.AppendJSONString(l.b, k)
	l.b = append(l.b, ':', ' ')
}

func (l *planJSONLayout) member(k string, v any) {
	l.key(k)
	l.value(v)
}

func (l *planJSONLayout) value(v any) {
	l.buf.Reset()
	enc := json.NewEncoder(&l.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		if l.err == nil {
			l.err = err
		}
		l.b = append(l.b, "null"...)
		return
	}
	l.b = appendSpacedJSON(l.b, bytes.TrimSuffix(l.buf.Bytes(), []byte{'\n'}))
}

// list writes n items one per line, indented by two more spaces than indent.
func (l *planJSONLayout) list(indent string, n int, item func(i int) any) {
	if n == 0 {
		l.b = append(l.b, '[', ']')
		return
	}
	l.b = append(l.b, '[')
	for i := range n {
		if i > 0 {
			l.b = append(l.b, ',')
		}
		l.b = append(l.b, '\n', ' ', ' ', ' ', ' ')
		l.b = append(l.b, indent...)
		l.value(item(i))
	}
	l.b = append(l.b, '\n', ' ', ' ')
	l.b = append(l.b, indent...)
	l.b = append(l.b, ']')
}

// appendSpacedJSON appends compact JSON with a space after every colon and
// comma outside strings: {"a": 1, "b": [1, 2]}.
func appendSpacedJSON(dst, compact []byte) []byte {
	inString, escaped := false, false
	for _, c := range compact {
		dst = append(dst, c)
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && (c == ':' || c == ','):
			dst = append(dst, ' ')
		}
	}
	return dst
}
