package data

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// readTestFC wraps feature texts, one per line from line 3, in a
// FeatureCollection.
func readTestFC(features ...string) string {
	return "{\"type\": \"FeatureCollection\",\n\"features\": [\n" + strings.Join(features, ",\n") + "\n]}\n"
}

func readTestFeature(props, geometry string) string {
	return `{"type": "Feature", "properties": ` + props + `, "geometry": ` + geometry + `}`
}

const readTestPoint = `{"type": "Point", "coordinates": [116.5, 39.5]}`

func TestReadGeoJSONVillages(t *testing.T) {
	in := readTestFC(
		readTestFeature(`{"id": "V1", "name": "甲村", "county": "A县", "township": "甲镇", "population": 1200}`, readTestPoint),
		// Chinese aliases, numbers given as strings, extras of every JSON kind in order.
		readTestFeature(`{"编号": "V2", "村名": "乙村", "县": "A县", "乡镇": "乙镇", "常住人口": "35", "备注": "河边", "平原": true,
			"海拔": 52.5, "来源": null, "标签": ["a", "b"], "元": {"k": 1}}`, `{"type": "Point", "coordinates": [116.25, 39.75, 80]}`),
		// The Feature id stands in for a missing id property; lon/lat properties are extras.
		`{"type": "Feature", "id": 7, "properties": {"name": "丙村", "county": "B县", "township": "丙镇", "population": 0, "lon": 1, "纬度": 2},
		  "geometry": {"type": "Point", "coordinates": [-70.5, -33.25]}}`,
	)
	vs, rep, err := ReadVillages(strings.NewReader(in), "v.geojson", table.ReadOptions{})
	readTestAccounting(t, rep, len(vs), err)
	readTestMust(t, err)
	want := []planner.Village{
		{ID: "V1", Name: "甲村", County: "A县", Township: "甲镇", Population: 1200, Location: orb.Point{116.5, 39.5}},
		{ID: "V2", Name: "乙村", County: "A县", Township: "乙镇", Population: 35, Location: orb.Point{116.25, 39.75},
			Extra: readTestAttrs("备注", "河边", "平原", "true", "海拔", "52.5", "来源", "", "标签", `["a","b"]`, "元", `{"k":1}`)},
		{ID: "7", Name: "丙村", County: "B县", Township: "丙镇", Population: 0, Location: orb.Point{-70.5, -33.25},
			Extra: readTestAttrs("lon", "1", "纬度", "2")},
	}
	if !readTestEqualVillages(vs, want) {
		t.Errorf("villages\n got %+v\nwant %+v", vs, want)
	}
	if rep.Format != "geojson" || rep.Rows != 3 || rep.Accepted != 3 {
		t.Errorf("report %+v", rep)
	}
}

func TestReadGeoJSONRejections(t *testing.T) {
	good := readTestFeature(`{"id": "G", "name": "a", "county": "c", "township": "t", "population": 1}`, readTestPoint)
	props := `{"id": "X", "name": "a", "county": "c", "township": "t", "population": 1}`
	tests := []struct {
		name    string
		feature string
		id      string
		want    []string
	}{
		{"LineString", readTestFeature(props, `{"type": "LineString", "coordinates": [[116, 39], [117, 40]]}`), "X", []string{`geometry is "LineString"; only Point is accepted`}},
		{"MultiPoint", readTestFeature(props, `{"type": "MultiPoint", "coordinates": [[116, 39]]}`), "X", []string{`geometry is "MultiPoint"`}},
		{"null geometry", readTestFeature(props, `null`), "X", []string{"feature has no geometry"}},
		{"no geometry member", `{"type": "Feature", "properties": ` + props + `}`, "X", []string{"feature has no geometry"}},
		{"geometry not an object", readTestFeature(props, `[116, 39]`), "X", []string{"not a GeoJSON geometry object"}},
		{"one coordinate", readTestFeature(props, `{"type": "Point", "coordinates": [116]}`), "X", []string{"Point coordinates must be [longitude, latitude]"}},
		{"four coordinates", readTestFeature(props, `{"type": "Point", "coordinates": [116, 39, 1, 2]}`), "X", []string{"Point coordinates must be"}},
		{"string coordinates", readTestFeature(props, `{"type": "Point", "coordinates": ["east", 39]}`), "X", []string{"Point coordinates must be"}},
		{"null coordinate", readTestFeature(props, `{"type": "Point", "coordinates": [null, 39]}`), "X", []string{"Point coordinates must be"}},
		{"out of range", readTestFeature(props, `{"type": "Point", "coordinates": [116, 95]}`), "X", []string{`latitude "95" is outside`}},
		{"swapped", readTestFeature(props, `{"type": "Point", "coordinates": [39.9, 116.4]}`), "X", []string{"appear swapped"}},
		{"swapped inside valid ranges", readTestFeature(props, `{"type": "Point", "coordinates": [39.47, 75.99]}`), "X",
			[]string{"longitude and latitude appear swapped: (39.47, 75.99) is outside China, (75.99, 39.47) inside"}},
		{"blank township", readTestFeature(`{"id": "X", "name": "a", "county": "c", "township": "", "population": 1}`, readTestPoint), "X",
			[]string{"missing township"}},
		{"null name", readTestFeature(`{"id": "X", "name": null, "county": "c", "township": "t", "population": 1}`, readTestPoint), "X",
			[]string{"missing name"}},
		{"not a Feature", `{"type": "Point", "coordinates": [116, 39]}`, "", []string{`feature type is "Point"`, "no geometry"}},
		{"feature is an array", `[1, 2]`, "", []string{"not a GeoJSON Feature object"}},
		{"properties an array", readTestFeature(`[1]`, readTestPoint), "", []string{"properties must be an object", "missing id"}},
		{"missing property", readTestFeature(`{"id": "X", "name": "a", "county": "c", "township": "t"}`, readTestPoint), "X", []string{"missing population"}},
		{"composite known property", readTestFeature(`{"id": "X", "name": "a", "county": "c", "township": "t", "population": [1]}`, readTestPoint), "X",
			[]string{`property "population" must be a string or a number`}},
		{"two aliases for one field", readTestFeature(`{"id": "X", "name": "a", "名称": "b", "county": "c", "township": "t", "population": 1}`, readTestPoint), "X",
			[]string{`properties "name" and "名称" both give name`}},
		{"bad population", readTestFeature(`{"id": "X", "name": "a", "county": "c", "township": "t", "population": 1.5}`, readTestPoint), "X",
			[]string{`population "1.5" is not a whole number`}},
		{"duplicate id", readTestFeature(`{"id": "G", "name": "a", "county": "c", "township": "t", "population": 1}`, readTestPoint), "G",
			[]string{`duplicate id "G" (first on line 3)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := readTestFC(good, tt.feature)
			vs, rep, err := ReadVillages(strings.NewReader(in), "v.geojson", table.ReadOptions{})
			readTestAccounting(t, rep, len(vs), err)
			readTestMust(t, err)
			if len(vs) != 1 || vs[0].ID != "G" || rep.Rows != 2 {
				t.Errorf("accepted %+v rows %d", vs, rep.Rows)
			}
			readTestRejection(t, rep, "v.geojson", 4, tt.id, tt.want...)
		})
	}
}

func TestReadGeoJSONLines(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[` + "\n\n" +
		readTestFeature(`{"id":"A","name":"a","county":"c","township":"t","population":-1}`, readTestPoint) + ", " + // line 3
		readTestFeature(`{"id":"B","name":"b","county":"c","township":"t","population":-1}`, readTestPoint) + ",\n" + // still line 3
		"  " + readTestFeature(`{"id":"C","name":"c",`+"\n"+`"county":"c","township":"t","population":1}`, readTestPoint) + ",\n" + // 4-5
		readTestFeature(`{"id":"D","name":"d","county":"c","township":"t","population":-1}`, readTestPoint) + "]}" // 6
	_, rep, err := ReadVillages(strings.NewReader(in), "v.geojson", table.ReadOptions{})
	readTestMust(t, err)
	var got []int
	for _, r := range rep.Rejected {
		got = append(got, r.Line)
	}
	if want := []int{3, 3, 6}; !reflect.DeepEqual(got, want) {
		t.Errorf("lines %v, want %v", got, want)
	}
}

func TestReadGeoJSONFacilities(t *testing.T) {
	in := readTestFC(
		readTestFeature(`{"id": "H", "name": "医院", "type": "县医院", "county": "A县", "township": "城关镇", "beds": 300, "staff": "420"}`, readTestPoint),
		readTestFeature(`{"id": "C", "name": "卫生室", "类型": "village_clinic", "county": "A县", "township": "甲镇", "beds": null}`, readTestPoint),
	)
	fs, rep, err := ReadFacilities(strings.NewReader(in), "f.geojson", table.ReadOptions{})
	readTestAccounting(t, rep, len(fs), err)
	readTestMust(t, err)
	want := []planner.Facility{
		{ID: "H", Name: "医院", Type: planner.CountyHospital, County: "A县", Township: "城关镇", Location: orb.Point{116.5, 39.5}, Beds: 300, Staff: 420},
		{ID: "C", Name: "卫生室", Type: planner.VillageClinic, County: "A县", Township: "甲镇", Location: orb.Point{116.5, 39.5},
			Beds: planner.CapacityUnknown, Staff: planner.CapacityUnknown},
	}
	if !readTestEqualFacilities(fs, want) {
		t.Errorf("facilities\n got %+v\nwant %+v", fs, want)
	}
}

func TestReadGeoJSONErrors(t *testing.T) {
	feature := readTestFeature(`{"id": "V1", "name": "a", "county": "c", "township": "t", "population": 1}`, readTestPoint)
	tests := []struct {
		name string
		in   string
		is   error
		want string
	}{
		{"invalid JSON", "{\"type\": \"FeatureCollection\",\n\"features\": [\n{\"type\": \"Feature\",,}]}", table.ErrFormat, "invalid JSON near line 3"},
		{"truncated", `{"type": "FeatureCollection", "features": [` + feature, table.ErrFormat, "invalid JSON"},
		{"single Feature", feature, table.ErrFormat, `must be a FeatureCollection, not "Feature"`},
		{"geometry object", readTestPoint, table.ErrFormat, `not "Point"`},
		{"no type", `{"features": [` + feature + `]}`, table.ErrFormat, `not ""`},
		{"type not a string", `{"type": 1, "features": []}`, table.ErrFormat, `"type" must be a string`},
		{"no features", `{"type": "FeatureCollection"}`, table.ErrFormat, `no "features" member`},
		{"features not an array", `{"type": "FeatureCollection", "features": {}}`, table.ErrFormat, `"features" must be an array`},
		{"features null", `{"type": "FeatureCollection", "features": null}`, table.ErrFormat, `"features" must be an array`},
		{"features twice", `{"type": "FeatureCollection", "features": [], "features": []}`, table.ErrFormat, "twice"},
		{"trailing data", `{"type": "FeatureCollection", "features": [` + feature + `]} {}`, table.ErrFormat, "after top-level value"},
		{"projected crs", `{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}, "features": [` + feature + `]}`,
			table.ErrFormat, "reproject to EPSG:4326"},
		{"empty collection", `{"type": "FeatureCollection", "features": []}`, table.ErrEmpty, "no features"},
		{"missing property everywhere", readTestFC(readTestFeature(`{"id": "V1", "name": "a", "county": "c", "township": "t"}`, readTestPoint)),
			table.ErrMissingColumn, `missing column "population"`},
		{"all rejected", readTestFC(readTestFeature(`{"id": "V1", "name": "a", "county": "c", "township": "t", "population": 1}`, "null")),
			table.ErrAllRejected, "no geometry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, rep, err := ReadVillages(strings.NewReader(tt.in), "v.geojson", table.ReadOptions{})
			readTestAccounting(t, rep, len(vs), err)
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %v with %q", err, tt.is, tt.want)
			}
		})
	}

	// WGS84 crs names are accepted.
	for _, name := range []string{"urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4490"} {
		in := `{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "` + name + `"}}, "features": [` + feature + `]}`
		if _, _, err := ReadVillages(strings.NewReader(in), "v.geojson", table.ReadOptions{}); err != nil {
			t.Errorf("crs %s: %v", name, err)
		}
	}
}

func TestReadGeoJSONStrict(t *testing.T) {
	in := readTestFC(
		readTestFeature(`{"id": "V1", "name": "a", "county": "c", "township": "t", "population": 1}`, readTestPoint),
		readTestFeature(`{"id": "V2", "name": "a", "county": "c", "township": "t", "population": 1}`, `{"type": "Polygon", "coordinates": []}`),
	)
	_, _, err := ReadVillages(strings.NewReader(in), "v.geojson", table.ReadOptions{Strict: true})
	var re *table.RowError
	if !errors.As(err, &re) || re.Line != 4 || re.ID != "V2" || !strings.Contains(re.Reason, "Polygon") {
		t.Errorf("error %v, want RowError at line 4 for V2", err)
	}
}

func TestReadGeoJSONEscapes(t *testing.T) {
	// Escaped keys and values, brackets and quotes inside strings, and
	// nested values must not confuse the in-place walker.
	in := `{"features": [{"geometry": {"coordinates": [116.5, 39.5], "type": "Point", "bbox": [1, 2, 3, 4]},
		"properties": {"na\u006de": "甲\"村]}\\", "id": "V\/1", "county": "c", "township": "t\u9547",
		"population": 10, "note": {"a": "}]\"", "b": [[], {}]}, "x\"y": "\\\""}, "type": "Feature"}],
		"type": "FeatureCollection", "bbox": [0, 0, 1, 1]}`
	vs, rep, err := ReadVillages(strings.NewReader(in), "v.geojson", table.ReadOptions{})
	readTestAccounting(t, rep, len(vs), err)
	readTestMust(t, err)
	want := []planner.Village{{ID: "V/1", Name: `甲"村]}\`, County: "c", Township: "t镇", Population: 10, Location: orb.Point{116.5, 39.5},
		Extra: readTestAttrs("note", `{"a":"}]\"","b":[[],{}]}`, `x"y`, `\"`)}}
	if !readTestEqualVillages(vs, want) {
		t.Errorf("villages\n got %+v\nwant %+v", vs, want)
	}
}
