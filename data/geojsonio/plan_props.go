package geojsonio

import (
	"strconv"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

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

func (p *jsonProps) Str(k, v string) { p.key(k); p.b = enc.AppendJSONString(p.b, v) }

func (p *jsonProps) OptStr(k, v string, ok bool) {
	if !ok {
		p.key(k)
		p.null()
		return
	}
	p.Str(k, v)
}

func (p *jsonProps) Int(k string, v int64) { p.key(k); p.b = strconv.AppendInt(p.b, v, 10) }

func (p *jsonProps) Count(k string, v int) { p.key(k); p.b = enc.AppendCapacity(p.b, v) }

func (p *jsonProps) Bool(k string, v bool) { p.key(k); p.b = enc.AppendBool(p.b, v) }

func (p *jsonProps) Km(k string, m float64, ok bool) {
	p.key(k)
	if !ok {
		p.null()
		return
	}
	p.b = enc.AppendKm(p.b, m)
}

func (p *jsonProps) List(k string, values []string) {
	p.key(k)
	p.b = append(p.b, '"')
	for i, v := range values {
		if i > 0 {
			p.b = append(p.b, ',')
		}
		// Escape v as a JSON string, then drop its own quotes: the values
		// are joined inside one string.
		start := len(p.b)
		p.b = enc.AppendJSONString(p.b, v)
		copy(p.b[start:], p.b[start+1:len(p.b)-1])
		p.b = p.b[:len(p.b)-2]
	}
	p.b = append(p.b, '"')
}

func (p *jsonProps) Point(orb.Point) {}

func (p *jsonProps) Extras(attrs []planner.Attr, cur *enc.ExtraCursor) {
	for j, col := range cur.Columns(attrs, false) {
		p.b = append(p.b, p.extraKeys[col]...)
		p.b = enc.AppendJSONString(p.b, attrs[j].Value)
	}
}
