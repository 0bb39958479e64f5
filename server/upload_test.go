package server

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestUploadAccepted(t *testing.T) {
	ts := startTestServer(t, Config{})
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("编号,村名,区县,乡镇,常住人口,经度,纬度\n" +
		"V1,榆坪村,明寿县,城关镇,650,112.0,37.0\nV2,康家泉村,明寿县,城关镇,1196,112.2,37.1\n")
	if err != nil {
		t.Fatal(err)
	}
	geojson := `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[112.0,37.0]},"properties":{"id":"V1","name":"A","county":"C1","township":"T1","population":300}}]}`
	cases := []struct {
		name      string
		villages  file
		fields    []string
		villageN  int
		rejected  int
		encoding  string
		firstName string
	}{
		{"csv with a bad row", file{"villages", "v.csv", []byte(villagesCSV + "V4,D,C2,T2,-5,112.1,37.3\n")}, nil, 3, 1, "utf-8", "A"},
		{"gbk detected", file{"villages", "gbk.csv", []byte(gbk)}, nil, 2, 0, "gb18030", "榆坪村"},
		{"gbk given", file{"villages", "gbk.csv", []byte(gbk)}, []string{"encoding", "gbk"}, 2, 0, "gbk", "榆坪村"},
		{"geojson", file{"villages", "v.geojson", []byte(geojson)}, nil, 1, 0, "utf-8", "A"},
		{"gcj02", file{"villages", "v.csv", []byte(villagesCSV)}, []string{"crs", "gcj02"}, 3, 0, "utf-8", "A"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := upload(t, ts.URL, []file{c.villages, {"facilities", "f.csv", []byte(facilitiesCSV)}}, c.fields...)
			wantStatus(t, r, http.StatusCreated)
			d := decode[DatasetInfo](t, r)
			if d.Villages != c.villageN || d.Rejected != c.rejected || len(d.Reports) != 2 {
				t.Fatalf("dataset %+v, want %d villages and %d rejected", d, c.villageN, c.rejected)
			}
			rep := d.Reports[0]
			if rep.File != c.villages.name || rep.Encoding != c.encoding || len(rep.Rejected) != c.rejected || rep.Rows != c.villageN+c.rejected {
				t.Errorf("villages report %+v", rep)
			}
			if c.rejected > 0 && (rep.Rejected[0].Line != 5 || rep.Rejected[0].ID != "V4" || rep.Rejected[0].Reason == "") {
				t.Errorf("rejection %+v, want line 5, id V4 and a reason", rep.Rejected[0])
			}
			// What is computed on is what was uploaded.
			cov := get(t, ts.URL+d.CoverageURL+"?format=csv")
			wantStatus(t, cov, http.StatusOK)
			lines := strings.Split(strings.TrimSpace(string(cov.Body)), "\n")
			if len(lines) != 1+c.villageN || !strings.Contains(lines[1], ","+c.firstName+",") {
				t.Errorf("coverage of the upload:\n%s", cov.Body)
			}
			if c.name == "gcj02" && strings.Contains(lines[1], ",112,37,") {
				t.Errorf("GCJ-02 coordinates were not converted to WGS84: %s", lines[1])
			}
		})
	}
}

func TestUploadRefused(t *testing.T) {
	ts := startTestServer(t, Config{MaxUploadBytes: 64 << 10})
	facilities := file{"facilities", "f.csv", []byte(facilitiesCSV)}
	garbage := make([]byte, 4096)
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range garbage {
		garbage[i] = byte(rnd.UintN(256))
	}
	allBad := "id,name,county,township,population,lon,lat\nV1,A,C1,T1,many,112,37\nV2,B,C1,T1,3,0,0\n"
	cases := []struct {
		name   string
		files  []file
		fields []string
		status int
		option string
		rows   []string // substrings of the reasons in "errors", in order
	}{
		{"wrong columns", []file{{"villages", "v.csv", []byte("village,people\nA,3\n")}, facilities}, nil,
			http.StatusUnprocessableEntity, "", []string{`missing column "id"`, `missing column "name"`}},
		{"binary garbage", []file{{"villages", "v.csv", garbage}, facilities}, nil, http.StatusUnprocessableEntity, "", []string{""}},
		{"every row rejected", []file{{"villages", "v.csv", []byte(allBad)}, facilities}, nil,
			http.StatusUnprocessableEntity, "", []string{"", "population", "(0, 0)"}},
		{"empty", []file{{"villages", "v.csv", nil}, facilities}, nil, http.StatusUnprocessableEntity, "", []string{""}},
		{"bad json", []file{{"villages", "v.geojson", []byte(`{"type":`)}, facilities}, nil, http.StatusUnprocessableEntity, "", []string{""}},
		{"missing facilities", []file{{"villages", "v.csv", []byte(villagesCSV)}}, nil, http.StatusBadRequest, "facilities", nil},
		{"missing villages", []file{facilities}, nil, http.StatusBadRequest, "villages", nil},
		{"unknown field", []file{{"villages", "v.csv", []byte(villagesCSV)}, facilities}, []string{"radius", "15"}, http.StatusBadRequest, "radius", nil},
		{"field twice", []file{{"villages", "v.csv", []byte(villagesCSV)}, {"villages", "v.csv", []byte(villagesCSV)}, facilities}, nil,
			http.StatusBadRequest, "villages", nil},
		{"bad encoding", []file{{"villages", "v.csv", []byte(villagesCSV)}, facilities}, []string{"encoding", "latin1"}, http.StatusBadRequest, "encoding", nil},
		{"bad crs", []file{{"villages", "v.csv", []byte(villagesCSV)}, facilities}, []string{"crs", "mars"}, http.StatusBadRequest, "crs", nil},
		{"too large", []file{{"villages", "v.csv", bytes.Repeat([]byte("x"), 100<<10)}, facilities}, nil, http.StatusRequestEntityTooLarge, "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := wantProblem(t, upload(t, ts.URL, c.files, c.fields...), c.status)
			if p.Option != c.option {
				t.Errorf("option %q, want %q (detail %q)", p.Option, c.option, p.Detail)
			}
			if len(p.Errors) < len(c.rows) {
				t.Fatalf("errors %+v, want at least %d", p.Errors, len(c.rows))
			}
			for i, want := range c.rows {
				if e := p.Errors[i]; !strings.Contains(e.Reason, want) || e.File == "" || e.Reason == "" {
					t.Errorf("errors[%d] = %+v, want a reason containing %q", i, e, want)
				}
			}
		})
	}

	// A body of unknown length is cut off at the limit as it streams in.
	body, ct := multipartBody(t, []file{{"villages", "v.csv", bytes.Repeat([]byte("y"), 200<<10)}, facilities})
	r := do(t, http.MethodPost, ts.URL+"/api/v1/datasets", io.MultiReader(body), "Content-Type", ct)
	wantProblem(t, r, http.StatusRequestEntityTooLarge)

	wantProblem(t, do(t, http.MethodPost, ts.URL+"/api/v1/datasets", strings.NewReader(villagesCSV), "Content-Type", "text/csv"),
		http.StatusUnsupportedMediaType)
	wantProblem(t, do(t, http.MethodPost, ts.URL+"/api/v1/datasets", strings.NewReader("--x\r\nbroken"),
		"Content-Type", "multipart/form-data; boundary=x"), http.StatusBadRequest)

	list := decode[struct{ Datasets []json.RawMessage }](t, get(t, ts.URL+"/api/v1/datasets")).Datasets
	if len(list) != 1 {
		t.Errorf("refused uploads were stored: %d datasets", len(list))
	}
}
