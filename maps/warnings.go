package maps

import (
	"strings"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/planner"
)

// warningsNote is what the title adds when the plan does not meet the
// policy's sub-centre bounds in some of the scene's counties, e.g. " (1
// county could not meet the R4 minimum)"; "" when it meets them all.
func (s *Scene) warningsNote(l i18n.Lang) string {
	var parts []string
	for _, k := range []struct {
		code  string
		bound i18n.Msg
	}{
		{planner.WarnMinSubcentresUnmet, i18n.Msg{En: " could not meet the %s minimum", Zh: "未达到%s下限"}},
		{planner.WarnMaxSubcentresExceeded, i18n.Msg{En: " above the %s maximum", Zh: "超过%s上限"}},
	} {
		n, rule := 0, ""
		for _, w := range s.Warnings {
			if w.Code == k.code {
				n, rule = n+1, w.Rule
			}
		}
		if n == 0 {
			continue
		}
		if rule == "" {
			rule = l.S(i18n.Msg{En: "policy's", Zh: "政策"})
		}
		parts = append(parts, l.N(int64(n), nounCounty)+l.F(k.bound, rule))
	}
	if len(parts) == 0 {
		return ""
	}
	if l == i18n.Zh {
		return "（" + strings.Join(parts, "；") + "）"
	}
	return " (" + strings.Join(parts, "; ") + ")"
}
