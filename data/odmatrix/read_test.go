package odmatrix

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/catchment/catchment/geo"
)

var nan = math.NaN()

func od(o, d string, km, minutes float64) geo.ODPair {
	return geo.ODPair{OriginID: o, DestinationID: d, Km: km, Minutes: minutes}
}

func pairsEqual(a, b []geo.ODPair) bool {
	if len(a) != len(b) {
		return false
	}
	eq := func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) || math.Abs(x-y) < 1e-12 }
	for i := range a {
		if a[i].OriginID != b[i].OriginID || a[i].DestinationID != b[i].DestinationID ||
			!eq(a[i].Km, b[i].Km) || !eq(a[i].Minutes, b[i].Minutes) {
			return false
		}
	}
	return true
}

func TestRead(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []geo.ODPair
		rejected []string // "line: reason prefix"
		warnings int
	}{
		{"plain", "origin_id,destination_id,km,minutes\nv1,f1,12.5,20\nv1,f2,,7\nv2,f1,3,\n",
			[]geo.ODPair{od("v1", "f1", 12.5, 20), od("v1", "f2", nan, 7), od("v2", "f1", 3, nan)}, nil, 0},
		{"bom crlf", "\ufeffOrigin ID,Destination ID,KM\r\nv1,f1,1\r\n\r\nv2,f1,2\r\n",
			[]geo.ODPair{od("v1", "f1", 1, nan), od("v2", "f1", 2, nan)}, nil, 0},
		{"chinese", "起点编号,终点编号,距离(km),用时（分钟）,备注\n村1,院1,5,9,x\n",
			[]geo.ODPair{od("村1", "院1", 5, 9)}, nil, 0},
		{"osrm units", "from,to,distance_m,duration_s\na,b,1500,90\n",
			[]geo.ODPair{od("a", "b", 1.5, 1.5)}, nil, 0},
		{"tabs", "origin\tdestination\tminutes\na\tb\t3\n", []geo.ODPair{od("a", "b", nan, 3)}, nil, 1},
		{"rejects", "origin_id,destination_id,km,minutes\n" +
			"a,b,1,2\n" + // 2 kept
			",b,1,2\n" + // 3 blank id
			"a,c,-1,2\n" + // 4 negative
			"a,c,x,2\n" + // 5 not a number
			"a,c,,\n" + // 6 no cost
			"a,b,3,4\n" + // 7 repeat of line 2
			"a,d,NaN,1\n" + // 8 NaN
			"a,e,1,Inf\n" + // 9 Inf
			"a,b,5,5\n" + // 10 repeat of line 2
			"b,a,1,1\n", // 11 kept
			[]geo.ODPair{od("a", "b", 1, 2), od("b", "a", 1, 1)},
			[]string{"3: blank", "4: km \"-1\"", "5: km \"x\"", "6: neither", "7: repeats the pair \"a\" → \"b\" of line 2",
				"8: km \"NaN\"", "9: minutes \"Inf\"", "10: repeats the pair \"a\" → \"b\" of line 2"}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, rep, err := Read(strings.NewReader(c.in), "od.csv")
			if err != nil {
				t.Fatal(err)
			}
			if !pairsEqual(got, c.want) {
				t.Errorf("pairs %v, want %v", got, c.want)
			}
			if rep.Rows != rep.Accepted+len(rep.Rejected) || rep.Accepted != len(got) {
				t.Errorf("report does not add up: %+v", rep)
			}
			if c.name == "chinese" { // the ignored column is a warning, not a rejection
				if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0].Reason, "备注") {
					t.Errorf("warnings %v", rep.Warnings)
				}
				return
			}
			if len(rep.Rejected) != len(c.rejected) || len(rep.Warnings) != c.warnings {
				t.Fatalf("rejected %v warnings %v", rep.Rejected, rep.Warnings)
			}
			for i, r := range rep.Rejected {
				if s := strings.TrimPrefix(r.String(), "od.csv:"); !strings.HasPrefix(s, c.rejected[i]) {
					t.Errorf("rejection %d = %q, want prefix %q", i, s, c.rejected[i])
				}
			}
		})
	}
}

func TestReadGBK(t *testing.T) {
	in, err := simplifiedchinese.GBK.NewEncoder().String("起点,终点,公里\n村一,卫生院,4.5\n")
	if err != nil {
		t.Fatal(err)
	}
	got, rep, err := Read(strings.NewReader(in), "gbk.csv")
	if err != nil || rep.Encoding != "gb18030" || len(rep.Warnings) != 1 {
		t.Fatalf("err %v report %+v", err, rep)
	}
	if !pairsEqual(got, []geo.ODPair{od("村一", "卫生院", 4.5, nan)}) {
		t.Errorf("pairs %v", got)
	}
}

func TestReadErrors(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     error
	}{
		{"empty", "", ErrEmpty},
		{"header only", "origin_id,destination_id,km\n", ErrEmpty},
		{"no cost column", "origin_id,destination_id,cost\na,b,1\n", ErrMissingColumn},
		{"no origin", "id,destination_id,km\na,b,1\n", ErrMissingColumn},
		{"two units", "origin_id,destination_id,km,distance_m\na,b,1,1000\n", ErrFormat},
		{"two origins", "origin_id,from,destination_id,km\na,a,b,1\n", ErrFormat},
		{"all rejected", "origin_id,destination_id,km\na,b,x\n", ErrAllRejected},
	} {
		_, rep, err := Read(strings.NewReader(c.in), c.name)
		if !errors.Is(err, c.want) || rep == nil {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
	if _, _, err := Load(filepath.Join(t.TempDir(), "none.csv")); !errors.Is(err, ErrUnreadable) {
		t.Errorf("missing file: %v", err)
	}
}

func TestLoadFixture(t *testing.T) {
	got, rep, err := Load("testdata/od.csv")
	if err != nil {
		t.Fatal(err)
	}
	var withKm []geo.ODPair // NewODMatrix needs the chosen cost on every pair
	for _, p := range got {
		if !math.IsNaN(p.Km) {
			withKm = append(withKm, p)
		}
	}
	m, err := geo.NewODMatrix(withKm, geo.Metres)
	if err != nil {
		t.Fatal(err)
	}
	if km, _, ok := m.Pair("V001", "F01"); !ok || km != 4.2 || rep.Accepted != 4 || len(rep.Rejected) != 1 {
		t.Errorf("pair %v %v, report %+v", km, ok, rep)
	}
	raw, _ := os.ReadFile("testdata/od.csv")
	if !reflect.DeepEqual(raw[:3], []byte{0xEF, 0xBB, 0xBF}) || !strings.Contains(string(raw), "\r\n") {
		t.Error("fixture lost its BOM or CRLF")
	}
}
