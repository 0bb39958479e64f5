package data

import (
	"strconv"
	"strings"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// planProps receives the properties of one plan record in order. The
// GeoJSON writer appends them to a feature (jsonProps), the CSV writer to a
// row (csvProps), so the village layer and villages.csv are described once
// and cannot drift apart.
type planProps interface {
	str(key, v string)
	// optStr is null (JSON) or empty (CSV) unless ok.
	optStr(key, v string, ok bool)
	int(key string, v int64)
	// count is null/empty when v is planner.CapacityUnknown.
	count(key string, v int)
	bool(key string, v bool)
	// km takes metres and writes kilometres with 6 decimals; null/empty
	// unless ok.
	km(key string, m float64, ok bool)
	// list joins values with commas: GIS fields must be scalar.
	list(key string, values []string)
	// point is the record's location: lon and lat columns in CSV; GeoJSON
	// carries it in the geometry instead.
	point(p orb.Point)
	extras(attrs []planner.Attr, cur *extraCursor)
}

// jsonProps appends `,"key":value` members; the feature prefix has already
// written the first member ("layer"). Keys are ASCII literals of this
// package and need no escaping; extra keys come escaped from propertyKeys.
type jsonProps struct {
	b         []byte
	extraKeys [][]byte
}

func (p *jsonProps) key(k string) {
	p.b = append(p.b, ',', '"')
	p.b = append(p.b, k...)
	p.b = append(p.b, '"', ':')
}

func (p *jsonProps) null() { p.b = append(p.b, "null"...) }

func (p *jsonProps) str(k, v string) { p.key(k); p.b = appendJSONString(p.b, v) }

func (p *jsonProps) optStr(k, v string, ok bool) {
	if !ok {
		p.key(k)
		p.null()
		return
	}
	p.str(k, v)
}

func (p *jsonProps) int(k string, v int64) { p.key(k); p.b = strconv.AppendInt(p.b, v, 10) }
func (p *jsonProps) count(k string, v int) { p.key(k); p.b = appendCapacity(p.b, v) }
func (p *jsonProps) bool(k string, v bool) { p.key(k); p.b = appendBool(p.b, v) }

func (p *jsonProps) km(k string, m float64, ok bool) {
	p.key(k)
	if !ok {
		p.null()
		return
	}
	p.b = appendKm(p.b, m)
}

func (p *jsonProps) list(k string, values []string) {
	p.key(k)
	p.b = append(p.b, '"')
	for i, v := range values {
		if i > 0 {
			p.b = append(p.b, ',')
		}
		// Escape v as a JSON string, then drop its own quotes: the values
		// are joined inside one string.
		start := len(p.b)
		p.b = appendJSONString(p.b, v)
		copy(p.b[start:], p.b[start+1:len(p.b)-1])
		p.b = p.b[:len(p.b)-2]
	}
	p.b = append(p.b, '"')
}

func (p *jsonProps) point(orb.Point) {}

func (p *jsonProps) extras(attrs []planner.Attr, cur *extraCursor) {
	for j, col := range cur.columns(attrs, false) {
		p.b = append(p.b, p.extraKeys[col]...)
		p.b = appendJSONString(p.b, attrs[j].Value)
	}
}

// csvProps fills one CSV row. With header set it also records the column
// names, so the header comes from the same code as the rows.
type csvProps struct {
	row        []string
	header     []string
	record     bool
	extraNames []string
	num        []byte
}

func (p *csvProps) put(k, v string) {
	if p.record {
		p.header = append(p.header, k)
	}
	p.row = append(p.row, v)
}

func (p *csvProps) str(k, v string) { p.put(k, csvText(v)) }

func (p *csvProps) optStr(k, v string, ok bool) {
	if !ok {
		v = ""
	}
	p.str(k, v)
}

func (p *csvProps) int(k string, v int64) { p.put(k, strconv.FormatInt(v, 10)) }
func (p *csvProps) count(k string, v int) { p.put(k, capacityText(v)) }
func (p *csvProps) bool(k string, v bool) { p.put(k, strconv.FormatBool(v)) }

func (p *csvProps) km(k string, m float64, ok bool) {
	if !ok {
		p.put(k, "")
		return
	}
	p.num = appendKm(p.num[:0], m)
	p.put(k, string(p.num))
}

func (p *csvProps) list(k string, values []string) { p.str(k, strings.Join(values, ",")) }

func (p *csvProps) point(pt orb.Point) {
	p.num = appendDeg(p.num[:0], pt[0])
	p.put("lon", string(p.num))
	p.num = appendDeg(p.num[:0], pt[1])
	p.put("lat", string(p.num))
}

func (p *csvProps) extras(attrs []planner.Attr, cur *extraCursor) {
	at := len(p.row)
	if p.record {
		p.header = append(p.header, p.extraNames...)
	}
	for range p.extraNames {
		p.row = append(p.row, "")
	}
	for j, col := range cur.columns(attrs, false) {
		p.row[at+col] = csvText(attrs[j].Value)
	}
}
