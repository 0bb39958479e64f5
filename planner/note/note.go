// Package note holds the explanations the planner packages give (why a
// county gets no sub-centre, what settled a tie, why a county got its share
// of a budget, what a policy warning means and what would meet it, where a
// figure or a scorecard value comes from) as structured messages: a Code
// naming the sentence and the values it states (counts, people,
// kilometres, minutes, ids, names, ordinals), by name in Args.
//
// A Catalogue renders notes in one language. English is this package's
// (English); it is what the planner's English string fields (a county's
// Note, a warning's Reason, ...) are made of, so those stay exactly as they
// were. A report renders the same notes in another language from its own
// catalogue (data/report has the Chinese one), so no wording change here
// can silently break a translation: a code without a rendering shows up in
// that package's test.
//
// Notes are plain data with json tags ({"code", "args", "parts"}), so API
// clients can read the codes too; numbers decoded from JSON (float64) read
// back through the same accessors. The package does no I/O.
package note

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/catchment/catchment/internal/numfmt"
)

// Code names one sentence, for example "subcentre.no_sites.too_close".
// Codes are stable: a new wording keeps its code, a new meaning gets a new
// one.
type Code string

// Note is one sentence of an explanation: Code names it, Args are the
// values it states, by name (units in the names: "radius_km",
// "min_far_km"), and Parts are the sentences it contains (a budget's
// reasons inside "budget (R5): …", a warning's detail). Arg values are
// whole numbers (int64), other numbers (float64), texts (string), truth
// values (bool) or lists of whole numbers ([]int64).
type Note struct {
	Code  Code           `json:"code"`
	Args  map[string]any `json:"args,omitempty"`
	Parts []Note         `json:"parts,omitempty"`
}

// New makes a note of code with the values given as name, value pairs
// (New(SubNoSitesTooClose, "thcs", 11, "min_far_km", 20.0)). Whole numbers
// of any Go integer type are stored as int64, lists of them as []int64, so
// that equal notes compare equal.
func New(code Code, kv ...any) Note {
	n := Note{Code: code}
	for i := 0; i+1 < len(kv); i += 2 {
		key, ok := kv[i].(string)
		if !ok {
			continue
		}
		if n.Args == nil {
			n.Args = make(map[string]any, len(kv)/2)
		}
		n.Args[key] = normalize(kv[i+1])
	}
	return n
}

// With returns n with parts as its Parts.
func (n Note) With(parts ...Note) Note {
	n.Parts = parts
	return n
}

// String is n in English.
func (n Note) String() string { return English().Render(n) }

// Text is notes in English, joined by "; " as the planner's string fields
// join their sentences.
func Text(notes []Note) string { return English().Join(notes) }

func normalize(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case []int:
		out := make([]int64, len(x))
		for i, y := range x {
			out[i] = int64(y)
		}
		return out
	}
	return v
}

// V is what a catalogue writes one sentence from: the note's values by
// name, and its parts rendered in the same language. A value missing or
// of another kind reads as zero ("" for texts), never a panic: notes may
// come from a decoded file.
type V struct {
	n *Note
	c *Catalogue
}

// Has reports whether the note states key.
func (v V) Has(key string) bool {
	_, ok := v.n.Args[key]
	return ok
}

// Int is a whole number (int64, or a float64 decoded from JSON).
func (v V) Int(key string) int64 {
	i, _ := number(v.n.Args[key])
	return i
}

// Float is a number.
func (v V) Float(key string) float64 {
	_, f := number(v.n.Args[key])
	return f
}

// number reads a value as a whole number and as a float64: an int64 (or
// int) as New stores it, a float64 as encoding/json decodes it (a
// non-finite one is no whole number).
func number(x any) (int64, float64) {
	switch x := x.(type) {
	case int64:
		return x, float64(x)
	case int:
		return int64(x), float64(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, x
		}
		return int64(x), x
	}
	return 0, 0
}

// Str is a text as it is (a name, an id, an option).
func (v V) Str(key string) string {
	s, _ := v.n.Args[key].(string)
	return s
}

// Bool is a truth value.
func (v V) Bool(key string) bool {
	b, _ := v.n.Args[key].(bool)
	return b
}

// Ints is a list of whole numbers.
func (v V) Ints(key string) []int64 {
	switch x := v.n.Args[key].(type) {
	case []int64:
		return x
	case []any:
		out := make([]int64, len(x))
		for i, y := range x {
			out[i], _ = number(y)
		}
		return out
	}
	return nil
}

// Value is the raw value of key (a figure: a number or a list of numbers).
func (v V) Value(key string) any { return v.n.Args[key] }

// Word is the catalogue's words for the word key held in key ("people
// served" for "people_served"); a key without words reads as itself.
func (v V) Word(key string) string { return v.c.word(v.Str(key)) }

// Cited is a text held in key that is quoted from elsewhere (a policy
// figure's source, a documented rule) in the catalogue's language: the
// catalogue's Cited function, or the text as it is.
func (v V) Cited(key string) string {
	s := v.Str(key)
	if v.c.cited != nil {
		return v.c.cited(s)
	}
	return s
}

// Parts are the note's parts, rendered and joined by the catalogue.
func (v V) Parts() string { return v.c.Join(v.n.Parts) }

// Language is what NewCatalogue builds a catalogue from.
type Language struct {
	// Sep joins the sentences of a list ("; ").
	Sep string
	// Say writes each code's sentence.
	Say map[Code]func(V) string
	// Words are the words of the word keys some values hold (V.Word).
	Words map[string]string
	// Cited renders a quoted text (V.Cited); nil keeps it as it is.
	Cited func(string) string
}

// Catalogue renders notes in one language. It does not change once
// built.
type Catalogue struct {
	sep      string
	say      map[Code]func(V) string
	words    map[string]string
	cited    func(string) string
	fallback *Catalogue
}

// NewCatalogue builds a catalogue from l. A code or word it lacks is
// rendered by fallback (nil: the code itself, in brackets, and the word
// key as it is), so that nothing is dropped.
func NewCatalogue(l Language, fallback *Catalogue) *Catalogue {
	return &Catalogue{sep: l.Sep, say: maps.Clone(l.Say), words: maps.Clone(l.Words), cited: l.Cited, fallback: fallback}
}

// Render writes n.
func (c *Catalogue) Render(n Note) string {
	if f, ok := c.say[n.Code]; ok {
		return f(V{n: &n, c: c})
	}
	if c.fallback != nil {
		return c.fallback.Render(n)
	}
	return "[" + string(n.Code) + "]"
}

// Join writes notes joined by the catalogue's separator.
func (c *Catalogue) Join(notes []Note) string {
	parts := make([]string, len(notes))
	for i, n := range notes {
		parts[i] = c.Render(n)
	}
	return strings.Join(parts, c.sep)
}

// Has reports whether the catalogue has its own sentence for code.
func (c *Catalogue) Has(code Code) bool {
	_, ok := c.say[code]
	return ok
}

// Codes lists the codes the catalogue has sentences for, sorted.
func (c *Catalogue) Codes() []Code { return slices.Sorted(maps.Keys(c.say)) }

// WordKeys lists the word keys the catalogue has words for, sorted.
func (c *Catalogue) WordKeys() []string { return slices.Sorted(maps.Keys(c.words)) }

// Word is the catalogue's words for a word key.
func (c *Catalogue) Word(key string) string { return c.word(key) }

func (c *Catalogue) word(key string) string {
	if w, ok := c.words[key]; ok {
		return w
	}
	if c.fallback != nil {
		return c.fallback.word(key)
	}
	return key
}

// FigureText formats a figure's value for people: 15, 2.5, 1,000,
// "10, 15, 20" (a list decoded from JSON too). JSON does not tell whole
// numbers from others: a whole number decoded from it is a float64 and
// reads without thousands separators (1200).
func FigureText(v any) string {
	switch v := v.(type) {
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return numfmt.GroupThousands(int64(v))
	case int64:
		return numfmt.GroupThousands(v)
	case []float64:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = strconv.FormatFloat(x, 'f', -1, 64)
		}
		return strings.Join(parts, ", ")
	case []any: // decoded from JSON
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = FigureText(x)
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}
