package csvio

import (
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

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

func (p *csvProps) Str(k, v string) { p.put(k, enc.ValidText(v)) }

func (p *csvProps) OptStr(k, v string, ok bool) {
	if !ok {
		v = ""
	}
	p.Str(k, v)
}

func (p *csvProps) Int(k string, v int64) { p.put(k, strconv.FormatInt(v, 10)) }

func (p *csvProps) Count(k string, v int) { p.put(k, enc.CapacityText(v)) }

func (p *csvProps) Bool(k string, v bool) { p.put(k, strconv.FormatBool(v)) }

func (p *csvProps) Km(k string, m float64, ok bool) {
	if !ok {
		p.put(k, "")
		return
	}
	p.num = enc.AppendKm(p.num[:0], m)
	p.put(k, string(p.num))
}

func (p *csvProps) List(k string, values []string) { p.Str(k, strings.Join(values, ",")) }

func (p *csvProps) Point(pt orb.Point) {
	p.num = enc.AppendDeg(p.num[:0], pt[0])
	p.put("lon", string(p.num))
	p.num = enc.AppendDeg(p.num[:0], pt[1])
	p.put("lat", string(p.num))
}

func (p *csvProps) Extras(attrs []planner.Attr, cur *enc.ExtraCursor) {
	at := len(p.row)
	if p.record {
		p.header = append(p.header, p.extraNames...)
	}
	for range p.extraNames {
		p.row = append(p.row, "")
	}
	for j, col := range cur.Columns(attrs, false) {
		p.row[at+col] = enc.ValidText(attrs[j].Value)
	}
}
