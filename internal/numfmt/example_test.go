package numfmt_test

import (
	"fmt"

	"github.com/catchment/catchment/internal/numfmt"
)

func ExampleGroupThousands() {
	fmt.Println(numfmt.GroupThousands(0), numfmt.GroupThousands(999), numfmt.GroupThousands(1000), numfmt.GroupThousands(-1234567))
	// Output: 0 999 1,000 -1,234,567
}
