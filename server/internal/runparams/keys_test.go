package runparams

import (
	"errors"
	"strings"
	"testing"

	"github.com/catchment/catchment/server/internal/apierr"
)

// TestRunKeysBothSpellings: a run request takes a scenario file's keys as
// they are (radius-km) as well as the documented spelling (radius_km), and
// both give the same run; both spellings of one key are a key given twice.
func TestRunKeysBothSpellings(t *testing.T) {
	canon := func(body string) string {
		t.Helper()
		sp, err := Parse([]byte(body), "sample")
		if err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		b, err := sp.Canonical()
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	pairs := [][2]string{
		{`{"kind": "plan", "radius_km": [20], "min_far_km": 25, "max_route_km": 90}`, `{"kind": "plan", "radius-km": [20], "min-far-km": 25, "max-route-km": 90}`},
		{`{"kind": "coverage", "radius_km": 10, "types": ["county_hospital"]}`, `{"kind": "coverage", "radius-km": 10, "types": ["county_hospital"]}`},
		{`{"kind": "budget", "subcentres_total": 4, "county_max": 2}`, `{"kind": "budget", "subcentres-total": 4, "county-max": 2}`},
	}
	for _, p := range pairs {
		if a, b := canon(p[0]), canon(p[1]); a != b {
			t.Errorf("%s and %s differ:\n%s\n%s", p[0], p[1], a, b)
		}
	}
	_, err := Parse([]byte(`{"kind": "plan", "radius-km": [10], "radius_km": [20]}`), "sample")
	if pe, ok := asParamError(err); !ok || pe.Param != "radius_km" || !strings.Contains(pe.Reason, "given twice") {
		t.Errorf("both spellings: %v", err)
	}
	_, err = Parse([]byte(`{"kind": "plan", "radius-kms": [10]}`), "sample")
	if pe, ok := asParamError(err); !ok || pe.Param != "radius_kms" || !strings.Contains(pe.Reason, "unknown key") {
		t.Errorf("unknown key: %v", err)
	}
}

func asParamError(err error) (*apierr.ParamError, bool) {
	var pe *apierr.ParamError
	return pe, errors.As(err, &pe)
}
