package data

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/geo"
)

// readTestRejection checks that rep rejected exactly one row, on line,
// with id, for reasons containing every string in want.
func readTestRejection(t *testing.T, rep *table.ReadReport, file string, line int, id string, want ...string) {
	t.Helper()
	if len(rep.Rejected) != 1 {
		t.Fatalf("rejected %+v, want exactly one", rep.Rejected)
	}
	r := rep.Rejected[0]
	if r.File != file || r.Line != line || r.ID != id {
		t.Errorf("rejection at %s:%d id %q, want %s:%d id %q (%s)", r.File, r.Line, r.ID, file, line, id, r.Reason)
	}
	for _, w := range want {
		if !strings.Contains(r.Reason, w) {
			t.Errorf("reason %q lacks %q", r.Reason, w)
		}
	}
}

func TestReadVillageRejections(t *testing.T) {
	tests := []struct {
		name string
		row  string // the bad row, placed on line 3
		id   string
		want []string
	}{
		{"missing id", ",甲村,A县,甲镇,10,116,39", "", []string{"missing id"}},
		{"blank id", "  ,甲村,A县,甲镇,10,116,39", "", []string{"missing id"}},
		{"missing county", "X,甲村,,甲镇,10,116,39", "X", []string{"missing county"}},
		{"missing population", "X,甲村,A县,甲镇,,116,39", "X", []string{"missing population"}},
		{"population not a number", "X,甲村,A县,甲镇,abc,116,39", "X", []string{`population "abc" is not a number`}},
		{"population NaN", "X,甲村,A县,甲镇,NaN,116,39", "X", []string{`population "NaN" is not a number`}},
		{"population negative", "X,甲村,A县,甲镇,-5,116,39", "X", []string{`population "-5" is negative`}},
		{"population negative float", "X,甲村,A县,甲镇,-5.0,116,39", "X", []string{`population "-5.0" is negative`}},
		{"population fraction", "X,甲村,A县,甲镇,12.5,116,39", "X", []string{`population "12.5" is not a whole number`}},
		{"population trailing dot", "X,甲村,A县,甲镇,12.,116,39", "X", []string{`population "12." is not a whole number`}},
		{"population decimal comma", `X,甲村,A县,甲镇,"2,73",116,39`, "X", []string{`population "2,73" has a comma that is not a thousands separator`, "decimal comma is not read"}},
		{"population full-width comma, bad groups", "X,甲村,A县,甲镇,1，2345,116,39", "X", []string{`population "1，2345" has a comma that is not a thousands separator`}},
		{"population space, bad groups", "X,甲村,A县,甲镇,27 31,116,39", "X", []string{`population "27 31" has a space that is not a thousands separator`}},
		{"population mixed separators", `X,甲村,A县,甲镇,"1,234 567",116,39`, "X", []string{"mixes commas and spaces"}},
		{"population exponent", "X,甲村,A县,甲镇,1e3,116,39", "X", []string{`population "1e3" is not written as a whole number`}},
		{"population too large", "X,甲村,A县,甲镇,5000000000,116,39", "X", []string{"too large"}},
		{"population overflows int64", "X,甲村,A县,甲镇,99999999999999999999,116,39", "X", []string{"too large"}},
		{"missing longitude", "X,甲村,A县,甲镇,10,,39", "X", []string{"missing longitude"}},
		{"missing latitude", "X,甲村,A县,甲镇,10,116,", "X", []string{"missing latitude"}},
		{"longitude not a number", "X,甲村,A县,甲镇,10,东经116,39", "X", []string{`longitude "东经116" is not a number`}},
		{"longitude decimal comma", `X,甲村,A县,甲镇,10,"116,5",39`, "X", []string{`longitude "116,5"`, "decimal separator"}},
		{"longitude hex", "X,甲村,A县,甲镇,10,0x1p6,39", "X", []string{`longitude "0x1p6" is not a number`}},
		{"longitude NaN", "X,甲村,A县,甲镇,10,NaN,39", "X", []string{`longitude "NaN" is not a finite number`}},
		{"latitude Inf", "X,甲村,A县,甲镇,10,116,-Inf", "X", []string{`latitude "-Inf" is not a finite number`}},
		{"longitude overflows float64", "X,甲村,A县,甲镇,10,1e400,39", "X", []string{`longitude "1e400" is not a finite number`}},
		{"longitude out of range", "X,甲村,A县,甲镇,10,181,39", "X", []string{`longitude "181" is outside [-180, 180]`}},
		{"latitude out of range", "X,甲村,A县,甲镇,10,116,-91", "X", []string{`latitude "-91" is outside [-90, 90]`}},
		{"both out of range", "X,甲村,A县,甲镇,10,200,100", "X", []string{`longitude "200" is outside`, `latitude "100" is outside`}},
		{"swapped", "X,甲村,A县,甲镇,10,39.9,116.4", "X", []string{"latitude and longitude appear swapped"}},
		{"swapped negative", "X,甲村,A县,甲镇,10,-33.5,-170.6", "X", []string{"appear swapped"}},
		{"null island", "X,甲村,A县,甲镇,10,0,0", "X", []string{"(0, 0)"}},
		{"swapped inside valid ranges", "X,甲村,A县,甲镇,10,39.47,75.99", "X",
			[]string{"longitude and latitude appear swapped: (39.47, 75.99) is outside China, (75.99, 39.47) inside"}},
		{"swapped inside valid ranges, other spelling", "X,甲村,A县,甲镇,10,3.947e1,+75.990", "X",
			[]string{"swapped: (39.47, 75.99) is outside China, (75.99, 39.47) inside"}},
		{"missing name", "X,,A县,甲镇,10,116,39", "X", []string{"missing name"}},
		{"blank name", "X,\u3000 ,A县,甲镇,10,116,39", "X", []string{"missing name"}},
		{"missing township", "X,甲村,A县,,10,116,39", "X", []string{"missing township"}},
		{"missing name and township", "X,,A县,\" \",10,116,39", "X", []string{"missing name; missing township"}},
		{"several problems", "X,甲村,A县,甲镇,abc,200,39", "X", []string{`population "abc"`, "; ", `longitude "200"`}},
		{"long value shortened", "X,甲村,A县,甲镇," + strings.Repeat("九", 60) + ",116,39", "X",
			[]string{`population "` + strings.Repeat("九", 40) + `"… is not a number`}},
		{"too few fields", "X,甲村,A县", "X", []string{"row has 3 fields, header has 7"}},
		{"too many fields", "X,甲村,A县,甲镇,10,116,39,多余", "X", []string{"row has 8 fields, header has 7"}},
		{"text after closing quote", `X,"甲"村,A县,甲镇,10,116,39`, "X", []string{"malformed CSV", "after the closing quote of field 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := readTestVillageHeader + "\nV1,甲村,A县,甲镇,10,116,39\n" + tt.row + "\nV2,乙村,A县,乙镇,20,117,40\n"
			vs, rep, err := readTestVillages(t, in, table.ReadOptions{})
			readTestMust(t, err)
			if len(vs) != 2 || vs[0].ID != "V1" || vs[1].ID != "V2" {
				t.Errorf("accepted %+v, want V1 and V2", vs)
			}
			if rep.Rows != 3 {
				t.Errorf("rows %d, want 3", rep.Rows)
			}
			readTestRejection(t, rep, "v.csv", 3, tt.id, tt.want...)
		})
	}
}

func TestReadFacilityRejections(t *testing.T) {
	tests := []struct {
		name string
		row  string
		want []string
	}{
		{"unknown type", "X,诊所,诊所,A县,甲镇,116,39,,", []string{`unknown facility type "诊所"`,
			"county_hospital (县医院, 县级医院, 县人民医院)", "township_health_centre (乡镇卫生院, 中心卫生院, 卫生院)", "village_clinic (村卫生室, 卫生室)"}},
		{"missing type", "X,卫生室,,A县,甲镇,116,39,,", []string{"missing facility type"}},
		{"beds not a number", "X,卫生院,卫生院,A县,甲镇,116,39,many,", []string{`beds "many" is not a number`}},
		{"beds fraction", "X,卫生院,卫生院,A县,甲镇,116,39,2.5,", []string{`beds "2.5" is not a whole number`}},
		{"staff negative", "X,卫生院,卫生院,A县,甲镇,116,39,,-1", []string{`staff "-1" is negative`}},
		{"coordinates swapped", "X,卫生院,卫生院,A县,甲镇,39,116,,", []string{"appear swapped"}},
		{"coordinates swapped inside valid ranges", "X,卫生院,卫生院,A县,甲镇,39.47,75.99,,",
			[]string{"longitude and latitude appear swapped: (39.47, 75.99) is outside China, (75.99, 39.47) inside"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := readTestFacilityHeader + "\nF1,医院,county_hospital,A县,城关镇,116,39,1,2\n" + tt.row + "\n"
			fs, rep, err := readTestFacilities(t, in, table.ReadOptions{})
			readTestMust(t, err)
			if len(fs) != 1 || fs[0].ID != "F1" {
				t.Errorf("accepted %+v, want F1", fs)
			}
			readTestRejection(t, rep, "f.csv", 3, "X", tt.want...)
		})
	}
}

// TestReadSwappedInChina checks the China-extent swap rule on its edges:
// a pair is rejected only when it is outside China's box as given and
// inside it once exchanged, edges included.
func TestReadSwappedInChina(t *testing.T) {
	tests := []struct {
		lon, lat string
		swapped  bool
	}{
		{"39.47", "75.99", true},   // Kashgar typed latitude first
		{"53.6", "73", true},       // the box's corner, swapped
		{"18", "135.1", false},     // latitude out of range: the older rule says swapped
		{"53.61", "73", false},     // swapped, the latitude is just north of the box
		{"39.47", "72.99", false},  // swapped, the longitude is just west of the box
		{"75.99", "39.47", false},  // Kashgar
		{"73", "18", false},        // the box's corner
		{"135.1", "53.6", false},   // the opposite corner
		{"20", "60", false},        // Scandinavia: outside China either way
		{"-70.5", "-33.25", false}, // Santiago
		{"25", "80", true},         // Svalbard is not in scope: rejected
	}
	for _, tt := range tests {
		t.Run(tt.lon+","+tt.lat, func(t *testing.T) {
			in := readTestVillageHeader + "\nV1,甲村,A县,甲镇,10,116,39\nX,乙村,A县,乙镇,10," + tt.lon + "," + tt.lat + "\n"
			for _, crs := range []geo.CRS{geo.WGS84, geo.GCJ02} {
				_, rep, err := readTestVillages(t, in, table.ReadOptions{CRS: crs})
				readTestMust(t, err)
				got := len(rep.Rejected) == 1 && strings.Contains(rep.Rejected[0].Reason, "outside China")
				if got != tt.swapped {
					t.Errorf("%s: rejected %+v, want swapped %v", crs, rep.Rejected, tt.swapped)
				}
			}
		})
	}
}

func TestReadDuplicateID(t *testing.T) {
	in := readTestVillageHeader + "\n" +
		"V1,甲村,A县,甲镇,10,116,39\n" + // 2
		"V2,乙村,A县,乙镇,bad,117,40\n" + // 3: rejected, but its id still counts
		"V1,丙村,A县,丙镇,30,118,41\n" + // 4
		"V2,丁村,A县,丁镇,40,118,41\n" // 5
	vs, rep, err := readTestVillages(t, in, table.ReadOptions{})
	readTestMust(t, err)
	if len(vs) != 1 || vs[0].Name != "甲村" {
		t.Errorf("accepted %+v, want only the first V1", vs)
	}
	if len(rep.Rejected) != 3 {
		t.Fatalf("rejected %+v, want 3", rep.Rejected)
	}
	for i, want := range []struct {
		line   int
		reason string
	}{{3, "population"}, {4, `duplicate id "V1" (first on line 2)`}, {5, `duplicate id "V2" (first on line 3)`}} {
		r := rep.Rejected[i]
		if r.Line != want.line || !strings.Contains(r.Reason, want.reason) {
			t.Errorf("rejection %d: line %d %q, want line %d with %q", i, r.Line, r.Reason, want.line, want.reason)
		}
	}
}

func TestReadUnterminatedQuote(t *testing.T) {
	in := readTestVillageHeader + "\n" +
		"V1,甲村,A县,甲镇,10,116,39\n" +
		"V2,\"乙村,A县,乙镇,20,117,40\n" + // 3: the quote swallows the rest
		"V3,丙村,A县,丙镇,30,118,41\n"
	vs, rep, err := readTestVillages(t, in, table.ReadOptions{})
	readTestMust(t, err)
	if len(vs) != 1 {
		t.Errorf("accepted %+v, want V1 only", vs)
	}
	readTestRejection(t, rep, "v.csv", 3, "V2", "quoted field opened on line 3 is never closed")
}

func TestReadAllRejected(t *testing.T) {
	in := readTestVillageHeader + "\nV1,甲村,A县,甲镇,-1,116,39\nV2,乙村,A县,乙镇,20,0,0\n"
	vs, rep, err := readTestVillages(t, in, table.ReadOptions{})
	if !errors.Is(err, table.ErrAllRejected) {
		t.Fatalf("error %v, want ErrAllRejected", err)
	}
	if vs != nil || rep.Rows != 2 || len(rep.Rejected) != 2 {
		t.Errorf("villages %v, report %+v", vs, rep)
	}
	if !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "negative") {
		t.Errorf("message %q should cite the first rejection", err)
	}
}

func TestReadParseCount(t *testing.T) {
	tests := []struct {
		in     string
		want   int
		reason string
	}{
		{"0", 0, ""},
		{"1234", 1234, ""},
		{"+7", 7, ""},
		{"1234.0", 1234, ""},
		{"1234.000", 1234, ""},
		{"1000000000", 1000000000, ""},
		{"1000000001", 0, "too large"},
		{"-1", 0, "negative"},
		{"1.5", 0, "not a whole number"},
		{"1e3", 0, "not written as a whole number"},
		{".0", 0, "not written as a whole number"},
		{"1,000", 0, "thousands"},
		{"一千", 0, "not a number"},
		{"１２", 0, "not a number"},
		{"Inf", 0, "not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, reason := table.ParseCount(tt.in)
			if tt.reason == "" {
				if reason != "" || n != tt.want {
					t.Errorf("readParseCount(%q) = %d, %q; want %d", tt.in, n, reason, tt.want)
				}
				return
			}
			if !strings.Contains(reason, tt.reason) {
				t.Errorf("readParseCount(%q) reason %q, want %q", tt.in, reason, tt.reason)
			}
		})
	}
}

func TestReadDuplicateIDOrder(t *testing.T) {
	// Increasing ids (in length-then-byte order) take the fast path; the
	// first one out of order switches to a map holding all earlier ids.
	in := readTestVillageHeader + "\n" +
		"9,a,c,t,1,116,39\n" + // 2
		"10,a,c,t,1,116,39\n" + // 3: "10" after "9" is still increasing
		"10,a,c,t,1,116,39\n" + // 4: duplicate while increasing
		"11,a,c,t,1,116,39\n" + // 5
		"9,a,c,t,1,116,39\n" + // 6: out of order and duplicate
		"5,a,c,t,1,116,39\n" + // 7: out of order, new
		"5,a,c,t,1,116,39\n" // 8
	vs, rep, err := readTestVillages(t, in, table.ReadOptions{})
	readTestMust(t, err)
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
	}
	if want := []string{"9", "10", "11", "5"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("accepted %v, want %v", ids, want)
	}
	var got []string
	for _, r := range rep.Rejected {
		got = append(got, fmt.Sprintf("%d:%s", r.Line, r.Reason))
	}
	want := []string{`4:duplicate id "10" (first on line 3)`, `6:duplicate id "9" (first on line 2)`, `8:duplicate id "5" (first on line 7)`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rejections %q, want %q", got, want)
	}
}

// TestReadDuplicateIDRandom compares duplicate detection with a brute-force
// scan on seeded random files, mostly increasing ids with some repeats and
// some out of order.
func TestReadDuplicateIDRandom(t *testing.T) {
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 7))
		var b strings.Builder
		b.WriteString(readTestVillageHeader + "\n")
		var ids []string
		next := 0
		for range 200 {
			var id string
			switch r := rng.IntN(10); {
			case r == 0 && len(ids) > 0:
				id = ids[rng.IntN(len(ids))] // repeat
			case r == 1:
				id = strconv.Itoa(rng.IntN(next + 1)) // maybe out of order
			default:
				next += 1 + rng.IntN(3)
				id = strconv.Itoa(next)
			}
			ids = append(ids, id)
			fmt.Fprintf(&b, "%s,a,c,t,1,116,39\n", id)
		}
		_, rep, err := readTestVillages(t, b.String(), table.ReadOptions{})
		readTestMust(t, err)
		var want []string
		for i, id := range ids {
			for j := range i {
				if ids[j] == id {
					want = append(want, fmt.Sprintf("%d:duplicate id %q (first on line %d)", i+2, id, j+2))
					break
				}
			}
		}
		var got []string
		for _, r := range rep.Rejected {
			got = append(got, fmt.Sprintf("%d:%s", r.Line, r.Reason))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("seed %d: rejections\n got %q\nwant %q", seed, got, want)
		}
	}
}
