package roadlines

import (
	"errors"
	"fmt"
)

// Sentinel errors returned (wrapped) by Read and Load.
var (
	// ErrUnreadable means the input could not be opened or read.
	ErrUnreadable = errors.New("roadlines: input unreadable")
	// ErrFormat means the input is not a GeoJSON FeatureCollection, or an
	// option is invalid.
	ErrFormat = errors.New("roadlines: unsupported or malformed input")
	// ErrEmpty means the collection has no features.
	ErrEmpty = errors.New("roadlines: no features")
	// ErrAllRejected means every feature was rejected; the report says why.
	ErrAllRejected = errors.New("roadlines: every feature was rejected")
)

// Rejection is one rejected feature: Feature is its 0-based index in the
// "features" array, Line the 1-based line of its opening brace.
type Rejection struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Feature int    `json:"feature"`
	ID      string `json:"id"`
	Reason  string `json:"reason"`
}

func (r Rejection) String() string {
	s := fmt.Sprintf("%s:%d: feature %d", r.File, r.Line, r.Feature)
	if r.ID != "" {
		s += fmt.Sprintf(" (id %q)", r.ID)
	}
	return s + ": " + r.Reason
}

// Tally counts one note and keeps its first examples.
type Tally struct {
	Reason   string   `json:"reason"`
	Count    int      `json:"count"`
	Examples []string `json:"examples"`
}

// Notes about values read differently from what they say; no feature is
// dropped because of a note.
const (
	NoteNoClass   = "no road class: read as highway=road"
	NoteClass     = "road class not known: read as highway=road"
	NoteSpeed     = "speed ignored (class speed used)"
	NoteOneway    = "oneway value not understood: both ways"
	NoteRepeated  = "repeated consecutive point removed"
	NoteCRSMember = "\"crs\" member names another system; coordinates are read as Options.CRS"
)

// maxExamples is how many examples a Tally keeps.
const maxExamples = 10

// Report accounts for every feature: Features = Accepted + len(Rejected).
// Ways counts the roads.Way values returned (a MultiLineString gives one
// per line).
type Report struct {
	File     string      `json:"file"`
	Features int         `json:"features"`
	Accepted int         `json:"accepted"`
	Ways     int         `json:"ways"`
	Rejected []Rejection `json:"rejected"`
	Notes    []Tally     `json:"notes"`
}

func (r *Report) note(reason, example string) {
	for i := range r.Notes {
		if r.Notes[i].Reason == reason {
			r.Notes[i].Count++
			if len(r.Notes[i].Examples) < maxExamples {
				r.Notes[i].Examples = append(r.Notes[i].Examples, example)
			}
			return
		}
	}
	r.Notes = append(r.Notes, Tally{Reason: reason, Count: 1, Examples: []string{example}})
}

// NoteCount is the count of a note.
func (r *Report) NoteCount(reason string) int {
	for _, t := range r.Notes {
		if t.Reason == reason {
			return t.Count
		}
	}
	return 0
}
