package geojsonio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
)

// readGeoProp is one feature property with its value as text. JSON numbers
// keep their literal spelling, so "population": 1234 and "1234" read alike.
type readGeoProp struct {
	key, value string
	composite  bool // the value was an object or an array (kept as JSON text)
}

// readGeoFeature is one feature, parsed but not yet validated; props
// holds its properties in document order.
type readGeoFeature struct {
	line     int
	fid      string // the Feature's "id" member, if any
	lon, lat string
	geomOK   bool // a Point with two or three numbers
	props    []readGeoProp
	problems []string
}

// readGeoJSON reads a GeoJSON FeatureCollection of Point features. Each
// feature is one row: lon and lat come from the geometry, every other field
// from the properties under the same names and aliases as CSV columns, and
// the Feature "id" member stands in for a missing id property. Properties
// named like coordinates (lon, 经度, x, ...) are kept as Extra: the geometry
// is authoritative. A feature that is not a valid Point feature is a
// rejected row; invalid JSON, or a document that is not a
// FeatureCollection, is an ErrFormat error. A required property that no
// feature has is a missing column; one that only some features lack
// rejects those features.
//
// The document is validated with json.Valid and then walked in place in
// one pass, so strings without escapes are substrings of text and cost no
// allocation; encoding/json's decoder is several times slower on big files.
func readGeoJSON(ctx *table.Ctx, text string, data []byte) error {
	c := &geoReader{Ctx: ctx}
	if !json.Valid(data) {
		var raw json.RawMessage
		err := json.Unmarshal(data, &raw)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line := 1 + strings.Count(text[:min(int(se.Offset), len(text))], "\n")
			return &table.FormatError{File: c.File, Reason: fmt.Sprintf("invalid JSON near line %d", line), Err: err}
		}
		return &table.FormatError{File: c.File, Reason: "invalid JSON", Err: err}
	}

	// Every feature has a "type": "Feature" member; counting them bounds
	// the rows without a first pass.
	c.EstRows = strings.Count(text, `"Feature"`)
	var rows geoRows
	err := readGeoParse(c, readJSON{s: text}, func(ft *readGeoFeature) error {
		rows.features++
		c.featureRow(ft, &rows)
		return c.Collect(&rows.row)
	})
	if err != nil {
		return err
	}
	if rows.features == 0 {
		return fmt.Errorf("%w in %s (the FeatureCollection has no features)", table.ErrEmpty, c.File)
	}
	if errs := table.MissingColumns(c.File, c.Spec, &rows.present, table.FieldLon, table.FieldLat); len(errs) > 0 {
		// The rows were rejected one by one; the file-level cause is clearer.
		c.Rep.Rows, c.Rep.Accepted, c.Rep.Rejected = 0, 0, nil
		return table.Join(errs)
	}
	return nil
}

// geoRows is the row being built and what readGeoJSON has seen so far.
type geoRows struct {
	row      table.Row
	from     [table.NumFields]string // property key that set each field
	present  [table.NumFields]bool   // fields any feature gave
	features int
}

// featureRow turns feature ft into rows.row: its problems, its properties
// by field (population chosen among several, the rest Extra) and its
// geometry as lon and lat.
func (c *geoReader) featureRow(ft *readGeoFeature, rows *geoRows) {
	row := &rows.row
	row.Reset(ft.line)
	row.Pre = append(row.Pre, ft.problems...)
	if c.MaxCols > 0 && len(ft.props) > c.MaxCols {
		row.Pre = append(row.Pre, (&table.ColumnLimitError{Columns: len(ft.props), Max: c.MaxCols}).Reason())
	}
	pop, nExtra := c.featureFields(ft, row)
	if nExtra > 0 {
		row.Extra = make([]planner.Attr, 0, nExtra)
	}
	for k, p := range ft.props {
		f := c.geoField(p.key)
		if f == table.FieldPopulation && pop.demote && k != pop.use {
			f = table.FieldExtra // a less preferred population figure
		}
		switch {
		case f == table.FieldExtra:
			row.Extra = append(row.Extra, planner.Attr{Key: p.key, Value: p.value})
		case row.Has[f] && f == table.FieldPopulation && pop.conflict:
			// geoPopulation has given the reason.
		case row.Has[f]:
			row.Pre = append(row.Pre, fmt.Sprintf("properties %s and %s both give %s",
				table.Quote(rows.from[f]), table.Quote(p.key), f.Name()))
		case p.composite:
			rows.present[f] = true
			row.Pre = append(row.Pre, fmt.Sprintf("property %s must be a string or a number", table.Quote(p.key)))
		default:
			rows.present[f] = true
			row.Set(f, p.value)
			rows.from[f] = p.key
		}
	}
	if !row.Has[table.FieldID] && ft.fid != "" {
		rows.present[table.FieldID] = true
		row.Set(table.FieldID, ft.fid)
	}
	if ft.geomOK {
		row.Set(table.FieldLon, ft.lon)
		row.Set(table.FieldLat, ft.lat)
	} else {
		row.NoLocation = true // the geometry problem is already a reason
	}
}

// featureFields counts the Extra properties of ft and, when it has several
// population properties, picks the one to use (the others then count as
// Extra).
func (c *geoReader) featureFields(ft *readGeoFeature, row *table.Row) (pop readGeoPop, nExtra int) {
	nPop := 0
	for _, p := range ft.props {
		switch c.geoField(p.key) {
		case table.FieldExtra:
			nExtra++
		case table.FieldPopulation:
			nPop++
		}
	}
	if nPop > 1 {
		pop = c.geoPopulation(ft, row)
		if pop.demote {
			nExtra += nPop - 1
		}
	}
	return pop, nExtra
}

// readGeoPop is how the population properties of a feature with several
// are read.
type readGeoPop struct {
	use      int  // index in the feature's props of the one used
	demote   bool // several of different kinds: the others become Extra
	conflict bool // two of the same kind: the row is rejected
}

// geoPopulation picks the population property of a feature with several,
// by the preference of readPopKind, as the CSV header does for columns.
// Properties are chosen feature by feature because features need not
// share keys; the file-level warning is given once per combination.
func (c *geoReader) geoPopulation(ft *readGeoFeature, row *table.Row) readGeoPop {
	pop := readGeoPop{use: -1}
	for k, p := range ft.props {
		if c.geoField(p.key) != table.FieldPopulation {
			continue
		}
		kind := table.PopKindOf(p.key)
		for _, q := range ft.props[:k] {
			if c.geoField(q.key) == table.FieldPopulation && table.PopKindOf(q.key) == kind && !pop.conflict {
				pop.conflict = true
				row.Pre = append(row.Pre, fmt.Sprintf("properties %s and %s both give population; rename one",
					table.Quote(q.key), table.Quote(p.key)))
			}
		}
		if pop.use < 0 || kind > table.PopKindOf(ft.props[pop.use].key) {
			pop.use = k
		}
	}
	if pop.conflict {
		return pop
	}
	pop.demote = true
	used := ft.props[pop.use].key
	var kept []string
	for k, p := range ft.props {
		if k != pop.use && c.geoField(p.key) == table.FieldPopulation {
			kept = append(kept, p.key)
		}
	}
	key := used + "\x00" + strings.Join(kept, "\x00")
	if !c.popWarned[key] {
		if c.popWarned == nil {
			c.popWarned = make(map[string]bool)
		}
		c.popWarned[key] = true
		c.Warn(0, table.PopChoice(used, kept))
	}
	return pop
}

// geoField maps a property key to a field; coordinates come only from the
// geometry. Keys repeat in every feature, so the mapping is cached.
func (c *geoReader) geoField(key string) table.Field {
	if f, ok := c.fields[key]; ok {
		return f
	}
	f := c.Spec.Field(key)
	if f == table.FieldLon || f == table.FieldLat {
		f = table.FieldExtra
	}
	if c.fields == nil {
		c.fields = make(map[string]table.Field)
	}
	c.fields[key] = f
	return f
}

// readGeoParse walks the top-level object of a valid JSON document and
// hands each feature to fn, stopping at fn's first error.
func readGeoParse(c *geoReader, w readJSON, fn func(*readGeoFeature) error) error {
	var (
		typ          string
		typOK        = true
		haveFeatures bool
		ferr         error
		ft           readGeoFeature
	)
	lines := readLineCounter{s: w.s, line: 1}
	top := w.ws(0)
	isObject := w.object(top, func(key string, vs, ve int) bool {
		switch key {
		case "type":
			typ, typOK = w.stringAt(vs, ve)
		case "features":
			if haveFeatures {
				ferr = &table.FormatError{File: c.File, Reason: `"features" appears twice`}
				return false
			}
			haveFeatures = true
			if !w.array(vs, func(fs, fe int) bool {
				readGeoFeatureAt(w, fs, lines.at(fs), &ft)
				ferr = fn(&ft)
				return ferr == nil
			}) && ferr == nil {
				ferr = &table.FormatError{File: c.File, Reason: `"features" must be an array`}
			}
		case "crs":
			if name := readGeoCRSName(w.s[vs:ve]); name != "" && !readGeoCRSIsWGS84(name) {
				ferr = &table.FormatError{File: c.File, Reason: fmt.Sprintf(
					"GeoJSON crs %s is not longitude/latitude on WGS84; reproject to EPSG:4326", table.Quote(name))}
			}
		}
		return ferr == nil
	})
	switch {
	case ferr != nil:
		return ferr
	case !isObject:
		return &table.FormatError{File: c.File, Reason: "GeoJSON input must be a JSON object"}
	case !typOK:
		return &table.FormatError{File: c.File, Reason: `GeoJSON "type" must be a string`}
	case typ != "FeatureCollection":
		return &table.FormatError{File: c.File, Reason: fmt.Sprintf("GeoJSON must be a FeatureCollection, not %s", table.Quote(typ))}
	case !haveFeatures:
		return &table.FormatError{File: c.File, Reason: `the FeatureCollection has no "features" member`}
	}
	return nil
}

// readGeoFeatureAt parses the feature value starting at vs into ft,
// reusing its slices. Anything wrong with the feature is recorded as a
// problem, never an error, so one bad feature rejects only itself.
func readGeoFeatureAt(w readJSON, vs, line int, ft *readGeoFeature) {
	*ft = readGeoFeature{line: line, props: ft.props[:0], problems: ft.problems[:0]}
	m, ok := w.members(vs)
	if !ok {
		ft.problems = append(ft.problems, "not a GeoJSON Feature object")
		return
	}
	if m.idStart >= 0 {
		ft.fid, _ = w.scalarAt(m.idStart, m.idEnd)
	}
	if !m.typOK || m.typ != "Feature" {
		ft.problems = append(ft.problems, fmt.Sprintf("feature type is %s, not \"Feature\"", table.Quote(m.typ)))
	}
	geomS, propS := m.geometry, m.properties

	if propS >= 0 && !w.isNull(propS) {
		if !w.object(propS, func(key string, a, b int) bool {
			v, scalar := w.scalarAt(a, b)
			ft.props = append(ft.props, readGeoProp{key: key, value: v, composite: !scalar})
			return true
		}) {
			ft.problems = append(ft.problems, "properties must be an object")
		}
	}

	if geomS < 0 || w.isNull(geomS) {
		ft.problems = append(ft.problems, "feature has no geometry")
		return
	}
	g, ok := w.members(geomS)
	if !ok || !g.typOK {
		ft.problems = append(ft.problems, "geometry is not a GeoJSON geometry object")
		return
	}
	if g.typ != "Point" {
		ft.problems = append(ft.problems, fmt.Sprintf("geometry is %s; only Point is accepted", table.Quote(g.typ)))
		return
	}
	crdS := g.coordinates
	var xy [3]string
	n, numbers := 0, true
	if crdS < 0 || !w.array(crdS, func(a, b int) bool {
		if n < len(xy) {
			xy[n] = w.s[a:b]
		}
		n++
		numbers = numbers && w.isNumber(a)
		return true
	}) || !numbers || n < 2 || n > 3 {
		ft.problems = append(ft.problems, "Point coordinates must be [longitude, latitude]")
		return
	}
	ft.lon, ft.lat, ft.geomOK = xy[0], xy[1], true
}

// readGeoCRSName extracts the name of a (pre-RFC 7946) named crs member.
func readGeoCRSName(raw string) string {
	var crs struct {
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
	}
	if json.Unmarshal([]byte(raw), &crs) != nil {
		return ""
	}
	return crs.Properties.Name
}

// readGeoCRSIsWGS84 reports whether a crs name denotes WGS84 (or CGCS2000,
// which catchment treats as identical) longitude/latitude.
func readGeoCRSIsWGS84(name string) bool {
	n := strings.ToUpper(name)
	return strings.HasSuffix(n, "CRS84") || strings.HasSuffix(n, ":4326") || strings.HasSuffix(n, ":4490")
}

// readJSON walks a JSON document that json.Valid has accepted. Because the
// syntax is known to be valid the walker only finds boundaries; it still
// checks every index so that it cannot panic even on invalid input.
type readJSON struct {
	s string
}

// ws skips white space from i.
func (w readJSON) ws(i int) int {
	for i < len(w.s) {
		switch w.s[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// end returns the index just past the value that starts at i.
func (w readJSON) end(i int) int {
	s := w.s
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '"':
		return w.stringEnd(i)
	case '{', '[':
		depth := 0
		for i < len(s) {
			switch s[i] {
			case '"':
				i = w.stringEnd(i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(s)
	}
	for i < len(s) {
		switch s[i] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return i
		}
		i++
	}
	return i
}

// stringEnd returns the index just past the string whose quote is at i.
func (w readJSON) stringEnd(i int) int {
	for j := i + 1; j < len(w.s); {
		q := strings.IndexByte(w.s[j:], '"')
		if q < 0 {
			break
		}
		j += q
		// The quote is escaped if an odd number of backslashes precede it.
		k := j
		for k > i+1 && w.s[k-1] == '\\' {
			k--
		}
		if (j-k)%2 == 0 {
			return j + 1
		}
		j++
	}
	return len(w.s)
}

// object calls fn for each member of the object at i, with the extent of
// its value, until fn returns false. It reports whether there was a
// well-formed object at i (true also when fn stopped early).
func (w readJSON) object(i int, fn func(key string, vs, ve int) bool) bool {
	s := w.s
	if i >= len(s) || s[i] != '{' {
		return false
	}
	i = w.ws(i + 1)
	if i < len(s) && s[i] == '}' {
		return true
	}
	for i < len(s) && s[i] == '"' {
		ke := w.stringEnd(i)
		key, _ := w.stringAt(i, ke)
		i = w.ws(ke)
		if i >= len(s) || s[i] != ':' {
			return false
		}
		vs := w.ws(i + 1)
		ve := w.end(vs)
		if ve <= vs {
			return false
		}
		if !fn(key, vs, ve) {
			return true
		}
		i = w.ws(ve)
		if i < len(s) && s[i] == ',' {
			i = w.ws(i + 1)
			continue
		}
		return i < len(s) && s[i] == '}'
	}
	return false
}

// array calls fn with the extent of each element of the array at i until
// fn returns false, and reports whether there was a well-formed array at i
// (true also when fn stopped early).
func (w readJSON) array(i int, fn func(vs, ve int) bool) bool {
	s := w.s
	if i >= len(s) || s[i] != '[' {
		return false
	}
	i = w.ws(i + 1)
	if i < len(s) && s[i] == ']' {
		return true
	}
	for i < len(s) {
		ve := w.end(i)
		if ve <= i {
			return false
		}
		if !fn(i, ve) {
			return true
		}
		i = w.ws(ve)
		if i < len(s) && s[i] == ',' {
			i = w.ws(i + 1)
			continue
		}
		return i < len(s) && s[i] == ']'
	}
	return false
}

// stringAt returns the JSON string in s[a:b], unescaped, and whether it was
// a string at all.
func (w readJSON) stringAt(a, b int) (string, bool) {
	if a >= b || b > len(w.s) || w.s[a] != '"' || b-a < 2 {
		return "", false
	}
	raw := w.s[a:b]
	if strings.IndexByte(raw, '\\') < 0 {
		return raw[1 : len(raw)-1], true
	}
	var v string
	if json.Unmarshal([]byte(raw), &v) != nil {
		return "", false
	}
	return v, true
}

// scalarAt returns the value in s[a:b] as text: strings unquoted, numbers
// and booleans as written, null as "". Objects and arrays come back as
// compact JSON with scalar false.
func (w readJSON) scalarAt(a, b int) (string, bool) {
	if a >= b || b > len(w.s) {
		return "", true
	}
	switch w.s[a] {
	case '"':
		v, _ := w.stringAt(a, b)
		return v, true
	case 'n':
		return "", true
	case '{', '[':
		var buf bytes.Buffer
		if json.Compact(&buf, []byte(w.s[a:b])) != nil {
			return w.s[a:b], false
		}
		return buf.String(), false
	}
	return w.s[a:b], true
}

func (w readJSON) isNull(i int) bool { return strings.HasPrefix(w.s[min(i, len(w.s)):], "null") }

func (w readJSON) isNumber(i int) bool {
	return i < len(w.s) && (w.s[i] == '-' || w.s[i] >= '0' && w.s[i] <= '9')
}

// readLineCounter converts increasing byte offsets to 1-based line numbers.
type readLineCounter struct {
	s    string
	pos  int
	line int
}

func (lc *readLineCounter) at(off int) int {
	off = min(max(off, 0), len(lc.s))
	if off < lc.pos { // out of order: count from the start
		return 1 + strings.Count(lc.s[:off], "\n")
	}
	lc.line += strings.Count(lc.s[lc.pos:off], "\n")
	lc.pos = off
	return lc.line
}

// geoReader is the state of one GeoJSON read beyond the table's.
type geoReader struct {
	*table.Ctx
	fields    map[string]table.Field // property key -> field
	popWarned map[string]bool        // population choices already warned about
}

// Format is GeoJSON as an input format of data's readers: chosen by the
// option "geojson" or "json", a .geojson or .json file name, or content
// starting with '{'.
func Format() table.Format {
	return table.Format{
		Name:     "geojson",
		Aliases:  []string{"json"},
		Exts:     []string{".geojson", ".json"},
		Sniff:    func(text string) bool { return text[0] == '{' },
		Mismatch: "GeoJSON input must start with '{'",
		Read:     readGeoJSON,
	}
}
