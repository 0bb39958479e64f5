package maps

import (
	"fmt"
	"strings"

	"github.com/catchment/catchment/planner"
)

// warningsNote is what the title adds when the plan does not meet the
// policy's sub-centre bounds in some of the scene's counties, e.g. " (1
// county could not meet the R4 minimum)"; "" when it meets them all.
func (s *Scene) warningsNote() string {
	var parts []string
	for _, k := range []struct{ code, bound string }{
		{planner.WarnMinSubcentresUnmet, "could not meet the %s minimum"},
		{planner.WarnMaxSubcentresExceeded, "above the %s maximum"},
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
			rule = "policy's"
		}
		parts = append(parts, plural(n, "county", "counties")+" "+fmt.Sprintf(k.bound, rule))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}
