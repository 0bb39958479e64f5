package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestUploadLoudRejections: an upload whose village table loses more than
// 1 % of its rows is stored with a note naming the share and the most
// frequent reason, as the command line warns even under --quiet; with
// strict=true it is refused at the first rejected row, as --strict does;
// a table within 1 % gets no note.
func TestUploadLoudRejections(t *testing.T) {
	ts := startTestServer(t, Config{})
	var b strings.Builder
	b.WriteString("id,name,county,township,population,lon,lat\n")
	for i := range 100 {
		pop := "500"
		if i%10 == 0 {
			pop = ""
		}
		fmt.Fprintf(&b, "V%03d,村%d,C1,T1,%s,%.3f,37.0\n", i, i, pop, 112+float64(i)*0.001)
	}
	tenPercent := []file{{"villages", "v.csv", []byte(b.String())}, {"facilities", "f.csv", []byte(facilitiesCSV)}}

	r := upload(t, ts.URL, tenPercent)
	wantStatus(t, r, http.StatusCreated)
	d := decode[DatasetInfo](t, r)
	want := "v.csv: 10 of 100 rows (10.0 %) rejected and left out of the analysis; most frequent: missing population (10) (an upload with strict=true refuses such a table)"
	if d.Rejected != 10 || len(d.Notes) != 1 || d.Notes[0] != want {
		t.Errorf("rejected %d, notes %q; want the note %q", d.Rejected, d.Notes, want)
	}
	if again := decode[DatasetInfo](t, get(t, ts.URL+d.URL)); len(again.Notes) != 1 || again.Notes[0] != want {
		t.Errorf("GET the dataset: notes %q", again.Notes)
	}

	p := wantProblem(t, upload(t, ts.URL, tenPercent, "strict", "true"), http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Line != 2 || p.Errors[0].ID != "V000" || !strings.Contains(p.Errors[0].Reason, "missing population") {
		t.Errorf("strict: errors %+v, want the first rejected row once", p.Errors)
	}
	wantProblem(t, upload(t, ts.URL, tenPercent, "strict", "maybe"), http.StatusBadRequest)

	r = upload(t, ts.URL, []file{{"villages", "v.csv", []byte(villagesCSV)}, {"facilities", "f.csv", []byte(facilitiesCSV)}}, "strict", "true")
	wantStatus(t, r, http.StatusCreated)
	if d := decode[DatasetInfo](t, r); d.Rejected != 0 || len(d.Notes) != 0 {
		t.Errorf("clean upload: rejected %d, notes %q", d.Rejected, d.Notes)
	}
}
