package shanxi_test

import (
	"fmt"

	"github.com/catchment/catchment/data/shanxi"
)

// A one-county sample: real names and codes, synthetic positions.
func ExampleGenerate() {
	s, err := shanxi.Generate(shanxi.Options{Seed: 1, City: "太原市", Counties: 1})
	if err != nil {
		panic(err)
	}
	v := s.Villages[0]
	fmt.Println(s.Counties[0].Code, s.Counties[0].Name, len(s.Villages), "villages")
	fmt.Println(v.ID, v.Name, v.Township)
	// Output:
	// 140105 小店区 152 villages
	// 140105001001 师范街社区居委会 坞城街道
}
