package data

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
)

// readFuzzEncodings are the Encoding options the fuzz targets cycle through.
var readFuzzEncodings = []string{"", "utf-8", "gbk", "gb18030"}

func readFuzzSeeds(f *testing.F, seeds ...string) {
	f.Helper()
	for i, s := range seeds {
		f.Add([]byte(s), uint8(i), i%3 == 0)
	}
}

// readFuzzCheck holds for every input: a report, full accounting, values
// only with success, and rejection lines that point into the input.
func readFuzzCheck(t *testing.T, in []byte, n int, rep *table.ReadReport, err error, strict bool) {
	t.Helper()
	if rep == nil {
		t.Fatal("nil report")
	}
	if rep.Accepted+len(rep.Rejected) != rep.Rows {
		t.Fatalf("accepted %d + rejected %d != rows %d", rep.Accepted, len(rep.Rejected), rep.Rows)
	}
	if err == nil && (n != rep.Accepted || n == 0) {
		t.Fatalf("success with %d values, %d accepted", n, rep.Accepted)
	}
	if err != nil && n != 0 {
		t.Fatalf("error %v with %d values", err, n)
	}
	if errors.Is(err, table.ErrAllRejected) && (rep.Accepted != 0 || rep.Rows == 0) {
		t.Fatalf("ErrAllRejected with report %+v", rep)
	}
	if strict && errors.Is(err, table.ErrInvalidRow) && len(rep.Rejected) != 1 {
		t.Fatalf("strict error after %d rejections", len(rep.Rejected))
	}
	lines := bytes.Count(in, []byte("\n")) + bytes.Count(in, []byte("\r")) + 1
	for _, r := range rep.Rejected {
		if r.Line < 1 || r.Line > lines || r.Reason == "" {
			t.Fatalf("rejection %+v outside the input's %d lines", r, lines)
		}
	}
}

// readFuzzCheckLocation holds for every accepted location (the fuzz
// targets read WGS84, so the location is the input's).
func readFuzzCheckLocation(t *testing.T, id string, lon, lat float64) {
	t.Helper()
	if math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		t.Fatalf("%q accepted at (%v, %v)", id, lon, lat)
	}
	if !table.InChina(lon, lat) && table.InChina(lat, lon) {
		t.Fatalf("%q accepted at (%v, %v), which is swapped China", id, lon, lat)
	}
}

func FuzzReadVillages(f *testing.F) {
	readFuzzSeeds(f,
		readTestVillageHeader+"\nV1,甲村,A县,甲镇,10,116,39\nV2,乙村,A县,乙镇,-1,117,40\n",
		"\ufeff编号,村名,县,乡镇,常住人口,经度,纬度,备注\r\nV1,\"甲,\"\"村\"\"\",A县,甲镇,10.0,116,39,\"多\r\n行\"\r\n,,,,,,,\r\n",
		readTestVillageHeader+"\nV1,甲村,A县,甲镇,1e3,39,116\nV1,甲村,A县,甲镇,NaN,0,0\nV3,\"unterminated,A县\n",
		"id\tname\tcounty\ttownship\tpopulation\tlon\tlat\nV1\ta\tb\tc\t1\t116\t39\n",
		"id,name,county,township,population,lon,lat\r\n\xb6\xab,\xb4\xe5,\xcf\xd8,\xd5\xf2,1,116,39\r\n",
		readTestFC(
			readTestFeature(`{"id": "V1", "name": "a", "county": "c", "township": "t", "population": 1, "x": [1]}`, readTestPoint),
			readTestFeature(`{"id": "V1", "name": "a", "county": "c", "township": "t", "population": "2"}`, `{"type": "LineString", "coordinates": []}`),
			`{"type": "Feature", "id": 3, "properties": null, "geometry": {"type": "Point", "coordinates": [1e999, 2]}}`,
		),
		`{"type": "Feature", "features": [[]]}`,
		"",
		readTestVillageHeader+"\nV1,甲村,A县,甲镇,\"2,731\",116,39\nV2,乙村,A县,乙镇,２\u202f７３１,１１６．５,39\nV3,丙村,A县,乙镇,\"2,73\",116,39\n,合计,,,\"5,462\",,\n",
		readTestVillageHeader+"\n合计,甲村,A县,甲镇,1,116,39\nV1,甲村,A县,甲镇,1 234 567,116,39\n",
	)
	f.Fuzz(func(t *testing.T, in []byte, enc uint8, strict bool) {
		opt := table.ReadOptions{Encoding: readFuzzEncodings[int(enc)%len(readFuzzEncodings)], Strict: strict}
		vs, rep, err := ReadVillages(bytes.NewReader(in), "fuzz", opt)
		readFuzzCheck(t, in, len(vs), rep, err, strict)
		seen := make(map[string]bool, len(vs))
		for _, v := range vs {
			if v.ID == "" || seen[v.ID] || v.Name == "" || v.County == "" || v.Township == "" ||
				v.Population < 0 || v.Population > table.MaxCount {
				t.Fatalf("accepted bad village %+v", v)
			}
			seen[v.ID] = true
			readFuzzCheckLocation(t, v.ID, v.Location[0], v.Location[1])
		}
	})
}

func FuzzReadFacilities(f *testing.F) {
	readFuzzSeeds(f,
		readTestFacilityHeader+"\nF1,医院,county_hospital,A县,城关镇,116,39,1,2\nF2,室,诊所,A县,甲镇,116,39,,\n",
		"机构代码,机构名称,机构类型,县,乡镇,经度,纬度,床位数,卫技人员\r\nT1,卫生院,乡镇卫生院,A县,甲镇,116,39,-1,x\r\n",
		"id,name,type,county,township,lon,lat\nC1,\"a\"b,村卫生室,A县,甲镇,116,39\n",
		readTestFC(
			readTestFeature(`{"id": "H", "name": "医院", "type": "县医院", "county": "A县", "township": "城关镇", "beds": 300, "staff": "420"}`, readTestPoint),
			readTestFeature(`{"id": "C", "类型": "village_clinic", "county": "A县", "beds": {"n": 1}}`, readTestPoint),
		),
		`{"type": "FeatureCollection", "crs": {"properties": {"name": "EPSG:3857"}}, "features": []}`,
	)
	f.Fuzz(func(t *testing.T, in []byte, enc uint8, strict bool) {
		opt := table.ReadOptions{Encoding: readFuzzEncodings[int(enc)%len(readFuzzEncodings)], Strict: strict}
		fs, rep, err := ReadFacilities(bytes.NewReader(in), "fuzz", opt)
		readFuzzCheck(t, in, len(fs), rep, err, strict)
		seen := make(map[string]bool, len(fs))
		for _, x := range fs {
			// County and township may be blank: they are derived after
			// reading (data.DeriveFacilityDivisions).
			if x.ID == "" || seen[x.ID] || x.Name == "" || !x.Type.Valid() ||
				x.Beds < planner.CapacityUnknown || x.Staff < planner.CapacityUnknown {
				t.Fatalf("accepted bad facility %+v", x)
			}
			seen[x.ID] = true
			readFuzzCheckLocation(t, x.ID, x.Location[0], x.Location[1])
		}
	})
}

func FuzzReadCandidates(f *testing.F) {
	readFuzzSeeds(f,
		"id,county,lon,lat\nS1,A县,116,39\nS1,A县,39.47,75.99\n",
		"编号,名称,类型,县,乡镇,经度,纬度,床位数,常住人口\r\nS1,,拟建,A县,,116,39,x,1\r\nS2,卫生院,卫生院,A县,甲镇,116,39,,\r\n",
		"id,county,lon,lat,type,type\nS1,A县,116,39,a,b\n",
		readTestFC(
			readTestFeature(`{"id": "S1", "county": "A县", "type": ["x"]}`, readTestPoint),
			readTestFeature(`{"id": "S2", "县": "A县", "类型": "空地"}`, readTestPoint),
		),
	)
	f.Fuzz(func(t *testing.T, in []byte, enc uint8, strict bool) {
		opt := table.ReadOptions{Encoding: readFuzzEncodings[int(enc)%len(readFuzzEncodings)], Strict: strict}
		cs, rep, err := ReadCandidates(bytes.NewReader(in), "fuzz", opt)
		readFuzzCheck(t, in, len(cs), rep, err, strict)
		seen := make(map[string]bool, len(cs))
		for _, x := range cs {
			if x.ID == "" || seen[x.ID] || x.County == "" || !x.Type.Valid() ||
				x.Beds < planner.CapacityUnknown || x.Staff < planner.CapacityUnknown {
				t.Fatalf("accepted bad candidate %+v", x)
			}
			seen[x.ID] = true
			readFuzzCheckLocation(t, x.ID, x.Location[0], x.Location[1])
		}
	})
}
