package runparams

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/server/internal/apierr"
)

// values reads the members of a JSON object; null counts as absent.
type values struct{ raw map[string]json.RawMessage }

func (v values) has(key string) bool {
	b, ok := v.raw[key]
	return ok && string(bytes.TrimSpace(b)) != "null"
}

func (v values) decode(key string, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(v.raw[key]))
	dec.UseNumber()
	return dec.Decode(dst)
}

func (v values) str(key string) (string, error) {
	if !v.has(key) {
		return "", &apierr.ParamError{Param: key, Reason: "missing"}
	}
	var s string
	if err := v.decode(key, &s); err != nil {
		return "", &apierr.ParamError{Param: key, Reason: "want a string"}
	}
	return s, nil
}

func toFloat(key string, n json.Number) (float64, error) {
	f, err := n.Float64()
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, &apierr.ParamError{Param: key, Reason: fmt.Sprintf("%s is not a finite number", n)}
	}
	return f, nil
}

func (v values) number(key string) (float64, error) {
	var n json.Number
	if err := v.decode(key, &n); err != nil {
		return 0, &apierr.ParamError{Param: key, Reason: "want a number"}
	}
	return toFloat(key, n)
}

func (v values) integer(key string) (int, error) {
	var n json.Number
	if err := v.decode(key, &n); err != nil {
		return 0, &apierr.ParamError{Param: key, Reason: "want a whole number"}
	}
	f, err := toFloat(key, n)
	if err != nil {
		return 0, err
	}
	if f != math.Trunc(f) || math.Abs(f) > 1e15 {
		return 0, &apierr.ParamError{Param: key, Reason: fmt.Sprintf("%s is not a whole number", n)}
	}
	return int(f), nil
}

// numbers reads a number or a list of numbers.
func (v values) numbers(key string) ([]float64, error) {
	var list []json.Number
	if err := v.decode(key, &list); err != nil {
		var one json.Number
		if err := v.decode(key, &one); err != nil {
			return nil, &apierr.ParamError{Param: key, Reason: "want a number or a list of numbers, e.g. [10, 15, 20]"}
		}
		list = []json.Number{one}
	}
	out := make([]float64, len(list))
	for i, n := range list {
		f, err := toFloat(key, n)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

// strs reads a list of strings, or one comma-separated string as the
// command line takes it.
func (v values) strs(key string) ([]string, error) {
	var list []string
	if err := v.decode(key, &list); err != nil {
		var one string
		if err := v.decode(key, &one); err != nil {
			return nil, &apierr.ParamError{Param: key, Reason: "want a list of strings"}
		}
		list = strings.Split(one, ",")
	}
	return list, nil
}

// subcentres reads sites per county: "auto" or a number, or a list of
// them; "auto" is 0 as in planner.Scenario.
func (v values) subcentres(key string) ([]int, error) {
	var items []any
	if err := v.decode(key, &items); err != nil {
		var one any
		if err := v.decode(key, &one); err != nil {
			return nil, &apierr.ParamError{Param: key, Reason: `want "auto", a number of sites per county, or a list of them`}
		}
		items = []any{one}
		if s, ok := one.(string); ok {
			items = items[:0]
			for _, part := range strings.Split(s, ",") {
				items = append(items, strings.TrimSpace(part))
			}
		}
	}
	if len(items) == 0 {
		return nil, &planner.OptionError{Option: key, Reason: "at least one value is needed"}
	}
	out := make([]int, 0, len(items))
	for _, it := range items {
		var k int
		switch x := it.(type) {
		case string:
			if strings.EqualFold(x, "auto") {
				break
			}
			n, err := strconv.Atoi(x)
			if err != nil {
				return nil, &apierr.ParamError{Param: key, Reason: fmt.Sprintf(`%q: want "auto" or a number of sites per county`, x)}
			}
			k = n
		case json.Number:
			n, err := strconv.Atoi(x.String())
			if err != nil {
				return nil, &apierr.ParamError{Param: key, Reason: fmt.Sprintf(`%s: want "auto" or a whole number of sites per county`, x)}
			}
			k = n
		default:
			return nil, &apierr.ParamError{Param: key, Reason: `want "auto" or a number of sites per county`}
		}
		if k == 0 && !isAuto(it) {
			return nil, &planner.OptionError{Option: key, Reason: `0 sites per county: want 1..3, or "auto"`}
		}
		out = append(out, k)
	}
	return out, nil
}

func isAuto(v any) bool {
	s, ok := v.(string)
	return ok && strings.EqualFold(s, "auto")
}

// underscoreKeys spells every top-level key of a run request with '_'
// for '-' (duplicateKey has made sure no two spellings of one key meet).
func underscoreKeys(raw map[string]json.RawMessage) map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(raw))
	for k, v := range raw {
		out[JSONKey(k)] = v
	}
	return out
}

// duplicateKey finds a key given twice in the JSON object body (which has
// decoded as one), in either spelling (radius-km, radius_km), and returns
// it with '_'. encoding/json keeps the last of such keys silently; a run
// request that says two things is refused instead.
func duplicateKey(body []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if _, err := dec.Token(); err != nil { // '{'
		return "", false
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		key, _ := tok.(string)
		key = JSONKey(key) // radius-km is radius_km
		if seen[key] {
			return key, true
		}
		seen[key] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return "", false
		}
	}
	return "", false
}

// JSONKey spells a planner option name ("radius-km") as the API's JSON
// key ("radius_km").
func JSONKey(option string) string { return strings.ReplaceAll(option, "-", "_") }
