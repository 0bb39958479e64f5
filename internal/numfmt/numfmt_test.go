package numfmt

import (
	"math"
	"testing"
)

func TestGroupThousands(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", -1000: "-1,000", 12345: "12,345",
		1231695: "1,231,695", -999999: "-999,999", math.MinInt64: "-9,223,372,036,854,775,808",
	} {
		if got := GroupThousands(n); got != want {
			t.Errorf("GroupThousands(%d) = %q, want %q", n, got, want)
		}
	}
}
