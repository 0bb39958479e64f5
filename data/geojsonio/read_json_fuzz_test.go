package geojsonio

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"
)

// FuzzReadJSONWalk checks the in-place JSON walker against encoding/json on
// every valid document: same members, in the same order, with the same
// values.
func FuzzReadJSONWalk(f *testing.F) {
	for _, s := range []string{
		`{"a": 1, "b": [1, {"c": "]}"}], "d\"": "x\\", "e": null, "f": true, "g": -1.5e3}`,
		`[1, "two", [3], {"four": 4}, null]`,
		`{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"k\u00e9y": "v\n"}}]}`,
		`{}`, `[]`, `"s"`, `{"a":{"a":{"a":[[[]]]}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		// encoding/json replaces invalid UTF-8 by U+FFFD; the walker keeps the
		// bytes so that the readers can reject the row instead.
		if !json.Valid(in) || !utf8.Valid(in) {
			return
		}
		w := readJSON{s: string(in)}
		start := w.ws(0)
		compact := func(s string) string {
			var b bytes.Buffer
			if err := json.Compact(&b, []byte(s)); err != nil {
				t.Fatalf("walker value %q is not JSON: %v", s, err)
			}
			return b.String()
		}
		switch in[start] {
		case '{':
			dec := json.NewDecoder(bytes.NewReader(in))
			if _, err := dec.Token(); err != nil {
				t.Fatal(err)
			}
			var want []string
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					t.Fatal(err)
				}
				var v json.RawMessage
				if err := dec.Decode(&v); err != nil {
					t.Fatal(err)
				}
				want = append(want, k.(string)+"="+compact(string(v)))
			}
			var got []string
			if !w.object(start, func(key string, vs, ve int) bool {
				got = append(got, key+"="+compact(w.s[vs:ve]))
				return true
			}) {
				t.Fatalf("walker rejected object %q", in)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("members\n got %q\nwant %q", got, want)
			}
		case '[':
			var elems []json.RawMessage
			if err := json.Unmarshal(in, &elems); err != nil {
				t.Fatal(err)
			}
			var got []string
			if !w.array(start, func(vs, ve int) bool {
				got = append(got, compact(w.s[vs:ve]))
				return true
			}) {
				t.Fatalf("walker rejected array %q", in)
			}
			if len(got) != len(elems) {
				t.Fatalf("%d elements, want %d", len(got), len(elems))
			}
			for i := range elems {
				if got[i] != compact(string(elems[i])) {
					t.Fatalf("element %d %q, want %q", i, got[i], elems[i])
				}
			}
		case '"':
			var want string
			if err := json.Unmarshal(in, &want); err != nil {
				t.Fatal(err)
			}
			got, ok := w.stringAt(start, w.end(start))
			if !ok || got != want {
				t.Fatalf("string %q, %v; want %q", got, ok, want)
			}
		}
	})
}
