package synth

import _ "embed" // for the sample tables

//go:generate go test -run TestSampleUpToDate -update-sample .

// The embedded sample is Synth(SynthOptions{Counties: SampleCounties, Seed:
// SampleSeed}) written as the CSV tables a county health bureau would keep
// in a Chinese spreadsheet: UTF-8 without BOM, LF line ends, Chinese headers
// (编号,村名,区县,乡镇,常住人口,经度,纬度 and 编号,名称,机构类型,区县,乡镇,经度,纬度,床位,人员)
// and Chinese facility types (县医院, 乡镇卫生院, 村卫生室). Coordinates are
// WGS84 with 6 decimals. TestSampleUpToDate fails if the files drift from
// what Synth produces; `go generate ./data/synth` rewrites them.
const (
	SampleCounties = 4
	SampleSeed     = 2024

	// File names of the sample tables, for writing them out.
	SampleVillagesFile   = "villages.csv"
	SampleFacilitiesFile = "facilities.csv"
)

// SampleVillagesCSV returns the embedded sample's village table (about
// 1,100 administrative villages in 4 counties), a fresh copy on every call.
func SampleVillagesCSV() []byte { return []byte(sampleVillagesCSV) }

// SampleFacilitiesCSV returns the embedded sample's facility table (county
// hospitals, township health centres and village clinics of the same
// counties), a fresh copy on every call.
func SampleFacilitiesCSV() []byte { return []byte(sampleFacilitiesCSV) }

// The tables are embedded as strings so that nothing can change them.
var (
	//go:embed sample/villages.csv
	sampleVillagesCSV string
	//go:embed sample/facilities.csv
	sampleFacilitiesCSV string
)
