package runparams

// The values the coverage GET (its query) shares with run requests.

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/server/internal/apierr"
)

// DefaultRadiusKm is the coverage radius when a request gives none, as on
// the command line.
const DefaultRadiusKm = 15

// ParseRadii reads radii in km; errors name param.
func ParseRadii(param string, items []string) ([]float64, error) {
	radii, err := parseNumbers(param, items, "radii", "kilometres")
	if err != nil {
		return nil, err
	}
	return checkRadii(param, radii)
}

// parseNumbers reads at most MaxRadii numbers of unit (for messages; what
// names them in the limit's); errors name param. The list is never nil.
func parseNumbers(param string, items []string, what, unit string) ([]float64, error) {
	if len(items) > MaxRadii {
		return nil, &apierr.LimitError{Param: param, Reason: fmt.Sprintf("%d %s, more than the limit of %d per request", len(items), what, MaxRadii)}
	}
	out := make([]float64, 0, len(items))
	for _, s := range items {
		s = strings.TrimSpace(s)
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, &planner.OptionError{Option: param, Reason: fmt.Sprintf("%q is not a number of %s", s, unit)}
		}
		out = append(out, x)
	}
	return out, nil
}

// MaxRadii is the most radii one request (a coverage GET or a run) may
// ask for: each radius adds a column per village to a coverage answer
// and a whole plan to a plan run, so 2,000 of them cost gigabytes and
// minutes. Twenty covers any comparison a planner reads.
const MaxRadii = 20

func checkRadii(param string, radii []float64) ([]float64, error) {
	if len(radii) == 0 {
		return nil, &planner.OptionError{Option: param, Reason: "at least one radius is needed"}
	}
	if len(radii) > MaxRadii {
		return nil, &apierr.LimitError{Param: param, Reason: fmt.Sprintf("%d radii, more than the limit of %d per request", len(radii), MaxRadii)}
	}
	for i, r := range radii {
		if err := planner.ValidateRadiusKm(param, r); err != nil {
			return nil, err
		}
		// Equal radii would give two columns of one name. The planner
		// refuses them too, with this message; checking here refuses a
		// run request with a 400 instead of queueing a run that fails.
		if slices.Contains(radii[:i], r) {
			return nil, &planner.OptionError{Option: param, Reason: fmt.Sprintf("radius %v km is listed twice", r)}
		}
	}
	return radii, nil
}

// ParseTypes reads facility type names; errors name param.
func ParseTypes(param string, items []string) ([]planner.FacilityType, error) {
	var types []planner.FacilityType
	for _, s := range items {
		t := planner.FacilityType(strings.TrimSpace(s))
		if t == "" {
			continue
		}
		if !t.Valid() {
			return nil, &planner.OptionError{Option: param, Reason: fmt.Sprintf("unknown facility type %q (want county_hospital, township_health_centre or village_clinic)", t)}
		}
		if !slices.Contains(types, t) {
			types = append(types, t)
		}
	}
	if len(types) == 0 {
		return nil, &planner.OptionError{Option: param, Reason: "at least one facility type is needed"}
	}
	return types, nil
}

// idPattern is what a dataset or run id must look like before it is used
// in a file path or a query: no dots, slashes or upper case, so an id can
// never reach outside its directory, whatever the request path held.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

func ValidID(id string) bool { return idPattern.MatchString(id) }

// CheckID validates an id taken from a request.
func CheckID(param, id string) error {
	if !ValidID(id) {
		return &apierr.ParamError{Param: param, Reason: "invalid id: want 1–64 characters of a-z, 0-9 and '-', starting with a letter or digit"}
	}
	return nil
}
