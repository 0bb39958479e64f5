package fresh

import (
	"fmt"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed = append(r.failed, fmt.Sprintf(format, args...))
}

// TestFresh: a function returning a copy passes; one returning a shared
// slice or map fails.
func TestFresh(t *testing.T) {
	shared := []string{"a", "b"}
	sharedMap := map[string]int{"a": 1}
	tests := []struct {
		name  string
		check func(tb testing.TB)
		fails bool
	}{
		{"copied slice", func(tb testing.TB) { Slice(tb, "s", func() []string { return []string{"a", "b"} }, "x") }, false},
		{"shared slice", func(tb testing.TB) { Slice(tb, "s", func() []string { return shared }, "x") }, true},
		{"copied map", func(tb testing.TB) { Map(tb, "m", func() map[string]int { return map[string]int{"a": 1} }, "z", 9) }, false},
		{"shared map", func(tb testing.TB) { Map(tb, "m", func() map[string]int { return sharedMap }, "z", 9) }, true},
	}
	for _, tt := range tests {
		r := &recorder{TB: t}
		tt.check(r)
		if got := len(r.failed) > 0; got != tt.fails {
			t.Errorf("%s: failed %v (%q), want %v", tt.name, got, r.failed, tt.fails)
		}
	}
}
