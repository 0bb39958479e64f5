package summary

import (
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/table"
)

// ColumnKeys are the per-radius key names of a tally.
type ColumnKeys struct {
	Villages, Population, Share []string
}

func newColumnKeys(radiiKm []float64) (ColumnKeys, error) {
	var k ColumnKeys
	var err error
	if k.Villages, err = table.RadiusColumns("network_covered_villages", radiiKm); err != nil {
		return k, err
	}
	k.Population, _ = table.RadiusColumns("network_covered_population", radiiKm)
	k.Share, _ = table.RadiusColumns("network_covered_share", radiiKm)
	return k, nil
}

// jsonObject appends the members of one JSON object with either compact or
// human-friendly separators.
type jsonObject struct {
	b            []byte
	n            int
	open, comma  string
	colon, close string
}

func newObject(b []byte, pretty, top bool) *jsonObject {
	switch {
	case !pretty:
		return &jsonObject{b: b, open: "{", comma: ",", colon: ":", close: "}"}
	case top:
		return &jsonObject{b: b, open: "{\n  ", comma: ",\n  ", colon: ": ", close: "\n}"}
	default:
		return &jsonObject{b: b, open: "{", comma: ", ", colon: ": ", close: "}"}
	}
}

func (o *jsonObject) key(k string) {
	if o.n == 0 {
		o.b = append(o.b, o.open...)
	} else {
		o.b = append(o.b, o.comma...)
	}
	o.n++
	o.b = enc.AppendJSONString(o.b, k)
	o.b = append(o.b, o.colon...)
}

func (o *jsonObject) str(k, v string) { o.key(k); o.b = enc.AppendJSONString(o.b, v) }
func (o *jsonObject) int(k string, v int64) {
	o.key(k)
	o.b = enc.AppendInt(o.b, int(v))
}

func (o *jsonObject) end() []byte {
	if o.n == 0 {
		return append(o.b, '{', '}')
	}
	return append(o.b, o.close...)
}

// appendList appends n items as a JSON array, one per line when pretty.
func appendList(b []byte, pretty bool, n int, item func(b []byte, i int) []byte) []byte {
	if n == 0 {
		return append(b, '[', ']')
	}
	open, comma, close := "[", ",", "]"
	if pretty {
		open, comma, close = "[\n    ", ",\n    ", "\n  ]"
	}
	b = append(b, open...)
	for i := range n {
		if i > 0 {
			b = append(b, comma...)
		}
		b = item(b, i)
	}
	return append(b, close...)
}

func (k ColumnKeys) appendTally(o *jsonObject, t *SummaryTally) error {
	if len(t.Covered) != len(k.Villages) {
		return &table.WriteInputError{Reason: fmt.Sprintf("summary tally has %d radii, the summary %d", len(t.Covered), len(k.Villages))}
	}
	o.int("villages", int64(t.Villages))
	o.int("population", t.Population)
	for r, c := range t.Covered {
		o.int(k.Villages[r], int64(c.Villages))
		o.int(k.Population[r], c.Population)
		o.key(k.Share[r])
		if !table.Finite(c.Share) {
			return &table.WriteInputError{Reason: fmt.Sprintf("network_covered_share %v is not finite", c.Share)}
		}
		o.b = enc.AppendShortFloat(o.b, c.Share)
	}
	return nil
}

func appendRejection(b []byte, pretty bool, r *table.Rejection) []byte {
	o := newObject(b, pretty, false)
	o.str("file", r.File)
	o.int("line", int64(r.Line))
	o.str("id", r.ID)
	o.str("reason", r.Reason)
	return o.end()
}

// appendJSON encodes s compactly or, when pretty, with one top-level key
// and one list element per line.
func (s *CoverageSummary) appendJSON(b []byte, pretty bool) ([]byte, error) {
	keys, err := s.ColumnKeys()
	if err != nil {
		return nil, err
	}
	top := newObject(b, pretty, true)
	s.appendRadii(top, pretty)
	if err := s.appendTallies(top, pretty, keys); err != nil {
		return nil, err
	}
	if err := s.appendUncovered(top, pretty); err != nil {
		return nil, err
	}
	s.appendInputs(top, pretty)
	if s.Metric != nil {
		mb, err := json.Marshal(s.Metric)
		if err != nil {
			return nil, err
		}
		top.key("metric")
		top.b = append(top.b, mb...)
	}
	return top.end(), nil
}

// appendRadii appends "radius_km" and "notes".
func (s *CoverageSummary) appendRadii(top *jsonObject, pretty bool) {
	top.key("radius_km")
	top.b = append(top.b, '[')
	for i, r := range s.RadiiKm {
		if i > 0 && pretty {
			top.b = append(top.b, ',', ' ')
		} else if i > 0 {
			top.b = append(top.b, ',')
		}
		top.b = enc.AppendShortFloat(top.b, r)
	}
	top.b = append(top.b, ']')
	if len(s.RadiiMinutes) > 0 {
		mb, _ := json.Marshal(s.RadiiMinutes)
		top.key("radius_minutes")
		top.b = append(top.b, mb...)
	}

	top.key("notes")
	top.b = appendList(top.b, pretty, len(s.Notes), func(b []byte, i int) []byte {
		return enc.AppendJSONString(b, s.Notes[i])
	})
}

// appendTallies appends "total" and "counties".
func (s *CoverageSummary) appendTallies(top *jsonObject, pretty bool, keys ColumnKeys) error {
	top.key("total")
	o := newObject(top.b, pretty, false)
	if err := keys.appendTally(o, &s.Total); err != nil {
		return err
	}
	top.b = o.end()

	var err error
	top.key("counties")
	top.b = appendList(top.b, pretty, len(s.Counties), func(b []byte, i int) []byte {
		c := &s.Counties[i]
		o := newObject(b, pretty, false)
		o.str("county", c.County)
		if e := keys.appendTally(o, &c.SummaryTally); e != nil && err == nil {
			err = e
		}
		return o.end()
	})
	return err
}

// appendUncovered appends "network_uncovered_radius_km" and "network_uncovered".
func (s *CoverageSummary) appendUncovered(top *jsonObject, pretty bool) error {
	var err error
	top.key("network_uncovered_radius_km")
	top.b = enc.AppendShortFloat(top.b, s.UncoveredRadiusKm())
	top.key("network_uncovered")
	top.b = appendList(top.b, pretty, len(s.Uncovered), func(b []byte, i int) []byte {
		u := &s.Uncovered[i]
		o := newObject(b, pretty, false)
		o.str("id", u.ID)
		o.str("name", u.Name)
		o.str("county", u.County)
		o.str("township", u.Township)
		o.int("population", int64(u.Population))
		if !u.HasNearest() {
			o.key("nearest_facility_id")
			o.b = append(o.b, "null"...)
			o.key("nearest_facility_km")
			o.b = append(o.b, "null"...)
			return o.end()
		}
		o.str("nearest_facility_id", u.NearestFacilityID)
		o.key("nearest_facility_km")
		q, neg, ok := enc.RoundScaled(u.NearestFacilityKm, 1e6)
		if !ok && err == nil {
			err = &table.WriteInputError{Record: fmt.Sprintf("village %q", u.ID), Reason: fmt.Sprintf("distance %v km cannot be encoded", u.NearestFacilityKm)}
		}
		o.b = enc.AppendFixed(o.b, q, neg, 6, 1e6, false)
		return o.end()
	})
	return err
}

// appendInputs appends "inputs", "rejected_count", "rejected" and
// "warnings".
func (s *CoverageSummary) appendInputs(top *jsonObject, pretty bool) {
	top.key("inputs")
	top.b = appendList(top.b, pretty, len(s.Inputs), func(b []byte, i int) []byte {
		in := &s.Inputs[i]
		o := newObject(b, pretty, false)
		o.str("file", in.File)
		o.int("rows", int64(in.Rows))
		o.int("accepted", int64(in.Accepted))
		o.int("rejected", int64(in.Rejected))
		o.int("warnings", int64(in.Warnings))
		return o.end()
	})
	top.int("rejected_count", int64(s.RejectedCount))
	top.key("rejected")
	top.b = appendList(top.b, pretty, len(s.Rejected), func(b []byte, i int) []byte {
		return appendRejection(b, pretty, &s.Rejected[i])
	})
	top.key("warnings")
	top.b = appendList(top.b, pretty, len(s.Warnings), func(b []byte, i int) []byte {
		return appendRejection(b, pretty, &s.Warnings[i])
	})
}

// MarshalJSON encodes s compactly in the shape documented on
// CoverageSummary, with keys in that order.
func (s CoverageSummary) MarshalJSON() ([]byte, error) {
	return s.appendJSON(nil, false)
}

// UnmarshalJSON decodes what MarshalJSON encodes. Null nearest facility
// fields decode to "" and +Inf. "network_uncovered_radius_km" may be absent (older
// files); when present it must be the largest radius.
func (s *CoverageSummary) UnmarshalJSON(data []byte) error {
	type rawUncovered struct {
		UncoveredVillage
		NearestFacilityID *string  `json:"nearest_facility_id"`
		NearestFacilityKm *float64 `json:"nearest_facility_km"`
	}
	var raw struct {
		RadiiKm           []float64                    `json:"radius_km"`
		RadiiMinutes      []float64                    `json:"radius_minutes"`
		Notes             []string                     `json:"notes"`
		Total             map[string]json.RawMessage   `json:"total"`
		Counties          []map[string]json.RawMessage `json:"counties"`
		UncoveredRadiusKm *float64                     `json:"network_uncovered_radius_km"`
		Uncovered         []rawUncovered               `json:"network_uncovered"`
		Inputs            []InputSummary               `json:"inputs"`
		RejectedCount     int                          `json:"rejected_count"`
		Rejected          []table.Rejection            `json:"rejected"`
		Warnings          []table.Rejection            `json:"warnings"`
		Metric            *MetricCoverage              `json:"metric"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	out := CoverageSummary{RadiiKm: raw.RadiiKm, RadiiMinutes: raw.RadiiMinutes, Notes: raw.Notes, Inputs: raw.Inputs, RejectedCount: raw.RejectedCount,
		Rejected: raw.Rejected, Warnings: raw.Warnings, Metric: raw.Metric,
		Counties:  make([]CountySummary, 0, len(raw.Counties)),
		Uncovered: make([]UncoveredVillage, 0, len(raw.Uncovered))}
	keys, err := out.ColumnKeys()
	if err != nil {
		return fmt.Errorf("data: summary radius_km: %w", err)
	}
	radii := out.TallyRadii()
	// The uncovered radius is derived, not stored: a file whose value is
	// not the largest radius was not written by MarshalJSON.
	if r := raw.UncoveredRadiusKm; r != nil && *r != out.UncoveredRadiusKm() {
		return fmt.Errorf("data: summary network_uncovered_radius_km %v is not the largest radius %v", *r, out.UncoveredRadiusKm())
	}
	if out.Total, err = keys.decodeTally(raw.Total, radii); err != nil {
		return fmt.Errorf("data: summary total: %w", err)
	}
	for i, c := range raw.Counties {
		cs := CountySummary{}
		if err := json.Unmarshal(c["county"], &cs.County); err != nil {
			return fmt.Errorf("data: summary county %d: %w", i, err)
		}
		if cs.SummaryTally, err = keys.decodeTally(c, radii); err != nil {
			return fmt.Errorf("data: summary county %q: %w", cs.County, err)
		}
		out.Counties = append(out.Counties, cs)
	}
	for _, r := range raw.Uncovered {
		u := r.UncoveredVillage
		u.NearestFacilityKm = math.Inf(1)
		if r.NearestFacilityKm != nil {
			u.NearestFacilityKm = *r.NearestFacilityKm
		}
		if r.NearestFacilityID != nil {
			u.NearestFacilityID = *r.NearestFacilityID
		}
		out.Uncovered = append(out.Uncovered, u)
	}
	*s = out
	return nil
}

func (k ColumnKeys) decodeTally(m map[string]json.RawMessage, radiiKm []float64) (SummaryTally, error) {
	t := SummaryTally{Covered: make([]RadiusCoverage, len(radiiKm))}
	get := func(key string, v any) error {
		raw, ok := m[key]
		if !ok {
			return fmt.Errorf("missing %q", key)
		}
		if err := json.Unmarshal(raw, v); err != nil {
			return fmt.Errorf("%q: %w", key, err)
		}
		return nil
	}
	if err := get("villages", &t.Villages); err != nil {
		return t, err
	}
	if err := get("population", &t.Population); err != nil {
		return t, err
	}
	for r, radius := range radiiKm {
		c := &t.Covered[r]
		c.RadiusKm = radius
		if err := get(k.Villages[r], &c.Villages); err != nil {
			return t, err
		}
		if err := get(k.Population[r], &c.Population); err != nil {
			return t, err
		}
		if err := get(k.Share[r], &c.Share); err != nil {
			return t, err
		}
	}
	return t, nil
}

// WriteSummaryJSON writes s as indented JSON (one top-level key, county,
// uncovered village or rejection per line, so that large runs stay
// readable and diff-able) followed by a newline.
func WriteSummaryJSON(w io.Writer, s CoverageSummary) error {
	b, err := s.appendJSON(nil, true)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return table.WrapWrite(err)
}

// ColumnKeys are the per-radius keys of the tallies: by km, or by minutes
// when the cover is by travel time (one per TallyRadii).
func (s *CoverageSummary) ColumnKeys() (ColumnKeys, error) {
	if len(s.RadiiMinutes) == 0 {
		return newColumnKeys(s.RadiiKm)
	}
	var k ColumnKeys
	var err error
	if k.Villages, err = table.MinutesColumns("network_covered_villages", s.RadiiMinutes); err != nil {
		return k, err
	}
	k.Population, _ = table.MinutesColumns("network_covered_population", s.RadiiMinutes)
	k.Share, _ = table.MinutesColumns("network_covered_share", s.RadiiMinutes)
	return k, nil
}

// TallyRadii are the radii the tallies are per: RadiiMinutes when the
// cover is by travel time, else RadiiKm.
func (s *CoverageSummary) TallyRadii() []float64 {
	if len(s.RadiiMinutes) > 0 {
		return s.RadiiMinutes
	}
	return s.RadiiKm
}
