package osm

import (
	"strconv"

	"github.com/paulmach/orb"
	posm "github.com/paulmach/osm"

	"github.com/catchment/catchment/roads"
)

// way keeps a highway way as one or more roads.Way pieces, or counts why
// it is skipped.
func (rd *reader) way(w *posm.Way) {
	if !rd.inWays {
		rd.startWays()
	}
	rep := rd.rep
	rep.Ways++
	id := int64(w.ID)
	hw := w.Tags.Find("highway")
	switch {
	case !rd.classes[hw]:
		rep.skip(ReasonNotRoutable, id, "highway="+hw)
		return
	case w.Tags.Find("area") == "yes":
		rep.skip(ReasonArea, id, "highway="+hw)
		return
	}
	if tag, closed := closedToCars(w.Tags); closed {
		rep.skip(ReasonClosed, id, tag)
		return
	}
	base := roads.Way{ID: "way/" + strconv.FormatInt(id, 10), Highway: hw}
	if ms := w.Tags.Find("maxspeed"); ms != "" {
		if v, ok := ParseMaxspeed(ms); ok {
			base.SpeedKmh = v
		} else {
			rep.note(NoteMaxspeed, "way", id, "maxspeed="+ms)
		}
	}
	var note string
	if base.Oneway, note = onewayOf(w.Tags, hw); note != "" {
		rep.note(NoteOneway, "way", id, note)
	}
	rd.cut(w, base)
}

// cut emits the runs of consecutive in-region nodes of w with at least two
// nodes, each as a copy of base.
func (rd *reader) cut(w *posm.Way, base roads.Way) {
	id := int64(w.ID)
	var (
		pts             []orb.Point
		ids             []int64
		idx             []int
		found, pieces   int
		gap, repeated   bool
		allNodesPresent = true
	)
	flush := func() {
		if len(ids) >= 2 {
			piece := base
			piece.Points, piece.NodeIDs = pts, ids
			rd.ways = append(rd.ways, piece)
			for _, i := range idx {
				rd.used[i] = true
			}
			pieces++
		} else if len(ids) == 1 {
			gap = true
		}
		pts, ids, idx = nil, nil, idx[:0]
	}
	for _, wn := range w.Nodes {
		nid := int64(wn.ID)
		i, ok := rd.nodes.index(nid)
		if !ok {
			allNodesPresent = false
			if len(ids) > 0 {
				gap = true
			}
			flush()
			continue
		}
		found++
		if n := len(ids); n > 0 && ids[n-1] == nid {
			repeated = true
			continue
		}
		pts = append(pts, rd.nodes.pts[i])
		ids = append(ids, nid)
		idx = append(idx, i)
	}
	flush()
	rd.account(id, found, pieces, gap || (!allNodesPresent && pieces > 0), repeated)
}

// account records the outcome of cutting way id.
func (rd *reader) account(id int64, found, pieces int, cut, repeated bool) {
	rep := rd.rep
	switch {
	case pieces > 0:
		rep.WaysKept++
		if cut {
			rep.note(NoteCut, "way", id, strconv.Itoa(pieces)+" piece(s) kept")
		}
		if repeated {
			rep.note(NoteRepeated, "way", id, "")
		}
	case found == 0 && rd.reg.all:
		rep.skip(ReasonNodesMissing, id, "")
	case found == 0:
		rep.skip(ReasonOutside, id, "")
	default:
		rep.skip(ReasonTooShort, id, strconv.Itoa(found)+" node(s) in the region")
	}
}
