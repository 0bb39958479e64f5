package osm

import (
	"fmt"

	"github.com/paulmach/orb"
)

// Reasons a way is skipped, as Tally.Reason in Report.Skipped.
const (
	ReasonNoHighway    = "no highway tag"
	ReasonNotRoutable  = "highway class not routable"
	ReasonArea         = "area=yes"
	ReasonClosed       = "closed to cars"
	ReasonOutside      = "no node in the region"
	ReasonTooShort     = "fewer than 2 nodes in the region"
	ReasonNodesMissing = "every node missing from the file"
)

// Notes about values read differently from what they say, as Tally.Reason
// in Report.Notes. No way is dropped because of a note.
const (
	NoteMaxspeed     = "maxspeed ignored (class speed used)"
	NoteOneway       = "oneway value simplified"
	NoteCut          = "way cut at the region edge or at missing nodes"
	NoteRepeated     = "repeated consecutive node removed"
	NoteBadNode      = "node with invalid coordinates dropped"
	NoteUnsortedNode = "nodes not in id order (sorted before the ways)"
)

// Tally counts one reason and keeps its first examples in full, each
// "way/ID: detail" or "node/ID: detail".
type Tally struct {
	Reason   string   `json:"reason"`
	Count    int      `json:"count"`
	Examples []string `json:"examples"`
}

// Report accounts for one read: every way seen is kept (WaysKept) or
// counted under one reason in Skipped.
type Report struct {
	File   string `json:"file"`
	Format string `json:"format"` // "pbf" or "xml"
	// Region is Options.Bound grown by the margin; the zero Bound when the
	// whole file was read.
	Region orb.Bound `json:"region"`
	Bytes  int64     `json:"bytes"` // bytes of input read
	// Nodes counts the nodes in the file, NodesInRegion those kept while
	// reading, NodesUsed the distinct ones in the returned ways.
	Nodes         int64 `json:"nodes"`
	NodesInRegion int   `json:"nodes_in_region"`
	NodesUsed     int   `json:"nodes_used"`
	// Ways counts the ways in the file, WaysKept those with at least one
	// returned piece, Pieces the returned roads.Way values (a way cut at
	// the region edge gives several).
	Ways     int64 `json:"ways"`
	WaysKept int   `json:"ways_kept"`
	Pieces   int   `json:"pieces"`
	// Skipped lists why ways were not kept, Notes the tag values ignored or
	// simplified, each in order of first occurrence.
	Skipped []Tally `json:"skipped"`
	Notes   []Tally `json:"notes"`

	maxExamples int
}

// skip counts a skipped way.
func (r *Report) skip(reason string, wayID int64, detail string) {
	r.Skipped = r.tally(r.Skipped, reason, "way", wayID, detail)
}

// note counts a note about an element of kind "way" or "node".
func (r *Report) note(reason, kind string, id int64, detail string) {
	r.Notes = r.tally(r.Notes, reason, kind, id, detail)
}

func (r *Report) tally(ts []Tally, reason, kind string, id int64, detail string) []Tally {
	i := 0
	for i < len(ts) && ts[i].Reason != reason {
		i++
	}
	if i == len(ts) {
		ts = append(ts, Tally{Reason: reason})
	}
	t := &ts[i]
	t.Count++
	if len(t.Examples) < r.maxExamples {
		ex := fmt.Sprintf("%s/%d", kind, id)
		if detail != "" {
			ex += ": " + detail
		}
		t.Examples = append(t.Examples, ex)
	}
	return ts
}

// SkippedCount is the number of ways skipped for reason.
func (r *Report) SkippedCount(reason string) int { return count(r.Skipped, reason) }

// NoteCount is the number of notes for reason.
func (r *Report) NoteCount(reason string) int { return count(r.Notes, reason) }

func count(ts []Tally, reason string) int {
	for _, t := range ts {
		if t.Reason == reason {
			return t.Count
		}
	}
	return 0
}
