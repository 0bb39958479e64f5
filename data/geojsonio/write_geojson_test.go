package geojsonio

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/csvio"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/internal/fixture"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// exponent matches a number in exponent notation.
var exponent = regexp.MustCompile(`[0-9.][eE][-+]?[0-9]`)

// checkCoverageFeatures checks every feature against the fixture it was
// written from: geometry, each property value and the property order.
func checkCoverageFeatures(t *testing.T, f fixture.Coverage, features []*geojson.Feature, rawProps [][]byte) {
	t.Helper()
	if len(features) != len(f.Villages) {
		t.Fatalf("%d features for %d villages", len(features), len(f.Villages))
	}
	covered, err := table.NetworkCoveredColumns(f.Res.RadiiKm)
	if err != nil {
		t.Fatal(err)
	}
	for i, feat := range features {
		v, vc := f.Villages[i], f.Res.Villages[i]
		p, ok := feat.Geometry.(orb.Point)
		if !ok {
			t.Fatalf("feature %d: geometry %T, want Point", i, feat.Geometry)
		}
		if want := (orb.Point{fixture.Rounded7(t, v.Location[0]), fixture.Rounded7(t, v.Location[1])}); p != want {
			t.Errorf("feature %d: point %v, want %v", i, p, want)
		}
		want := map[string]any{
			"id": v.ID, "name": enc.ValidText(v.Name), "county": v.County, "township": v.Township,
			"population": float64(v.Population), "nearest_facility_id": nil, "nearest_facility_km": nil,
		}
		order := []string{"id", "name", "county", "township", "population", "nearest_facility_id", "nearest_facility_km"}
		if vc.Nearest >= 0 {
			want["nearest_facility_id"] = f.Facilities[vc.Nearest].ID
		}
		for k, c := range covered {
			want[c] = vc.Covered[k]
		}
		order = append(order, covered...)
		for _, a := range v.Extra {
			name := a.Key
			if strings.EqualFold(name, "id") {
				name = "extra_" + name
			}
			want[name] = a.Value
			order = append(order, name)
		}
		got := map[string]any(feat.Properties)
		km := got["nearest_facility_km"]
		delete(got, "nearest_facility_km")
		if vc.Nearest >= 0 {
			d, ok := km.(float64)
			if !ok || math.Abs(d-vc.DistanceM/1000) > 5e-7 {
				t.Errorf("feature %d: nearest_facility_km %v, want %.6f", i, km, vc.DistanceM/1000)
			}
		} else if km != nil {
			t.Errorf("feature %d: nearest_facility_km %v, want null", i, km)
		}
		delete(want, "nearest_facility_km")
		for k, w := range want {
			if g, ok := got[k]; !ok || g != w {
				t.Errorf("feature %d: property %q = %#v, want %#v", i, k, g, w)
			}
		}
		if len(got) != len(want) {
			t.Errorf("feature %d: %d properties, want %d: %v", i, len(got), len(want), got)
		}
		if keys := fixture.ObjectKeys(t, rawProps[i]); !slices.Equal(keys, order) {
			t.Errorf("feature %d: property order\n got %q\nwant %q", i, keys, order)
		}
	}
}

// featureProps extracts the raw properties object of each feature line.
func featureProps(t *testing.T, lines [][]byte) [][]byte {
	t.Helper()
	var props [][]byte
	for _, line := range lines {
		var f struct{ Properties json.RawMessage }
		if err := json.Unmarshal(line, &f); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		props = append(props, f.Properties)
	}
	return props
}

func TestWriteCoverageGeoJSONRoundTrip(t *testing.T) {
	for _, radii := range [][]float64{{15}, {10, 12.5, 20}} {
		t.Run(fmt.Sprint(radii), func(t *testing.T) {
			f := fixture.NewCoverage(t, radii...)
			var buf bytes.Buffer
			if err := WriteCoverageGeoJSON(&buf, f.Villages, f.Facilities, f.Res); err != nil {
				t.Fatal(err)
			}
			if !json.Valid(buf.Bytes()) {
				t.Fatal("output is not valid JSON")
			}
			if m := exponent.Find(buf.Bytes()); m != nil {
				t.Errorf("exponent notation in output: %s", m)
			}
			fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			// One feature per line between the header and the footer.
			lines := bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
			if len(lines) != len(f.Villages)+2 {
				t.Fatalf("%d lines, want %d", len(lines), len(f.Villages)+2)
			}
			for i := 1; i < len(lines)-2; i++ {
				lines[i] = bytes.TrimSuffix(lines[i], []byte(","))
			}
			checkCoverageFeatures(t, f, fc.Features, featureProps(t, lines[1:len(lines)-1]))
		})
	}
}

func TestWriteCoverageGeoJSONSeq(t *testing.T) {
	f := fixture.NewCoverage(t, 10, 12.5, 20)
	var buf bytes.Buffer
	if err := WriteCoverageGeoJSONSeq(&buf, f.Villages, f.Facilities, f.Res); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if len(data) == 0 || data[0] != 0x1e || data[len(data)-1] != '\n' {
		t.Fatalf("not an RFC 8142 sequence: %q...", data[:min(20, len(data))])
	}
	records := bytes.Split(data[1:], []byte{0x1e})
	var features []*geojson.Feature
	var lines [][]byte
	for i, r := range records {
		if !bytes.HasSuffix(r, []byte("\n")) || bytes.Count(r, []byte("\n")) != 1 {
			t.Fatalf("record %d is not one LF-terminated line: %q", i, r)
		}
		feat, err := geojson.UnmarshalFeature(r)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		features = append(features, feat)
		lines = append(lines, r)
	}
	checkCoverageFeatures(t, f, features, featureProps(t, lines))
}

func TestWriteCoverageGeoJSONEmpty(t *testing.T) {
	res := &planner.CoverageResult{RadiiKm: []float64{15}}
	var buf bytes.Buffer
	if err := WriteCoverageGeoJSON(&buf, nil, nil, res); err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil {
		t.Fatalf("%v: %q", err, buf.String())
	}
	if len(fc.Features) != 0 {
		t.Errorf("%d features, want 0", len(fc.Features))
	}
	buf.Reset()
	if err := WriteCoverageGeoJSONSeq(&buf, nil, nil, res); err != nil || buf.Len() != 0 {
		t.Errorf("empty sequence: %q, %v", buf.String(), err)
	}
}

// TestCoverageWritersReject checks that inconsistent inputs are reported as
// ErrWriteInput before anything is written, by every coverage writer.
func TestCoverageWritersReject(t *testing.T) {
	writers := map[string]func(io.Writer, []planner.Village, []planner.Facility, *planner.CoverageResult) error{
		"geojson":    WriteCoverageGeoJSON,
		"geojsonseq": WriteCoverageGeoJSONSeq,
		"csv":        csvio.WriteCoverageCSV,
	}
	cases := []struct {
		name   string
		mutate func(f *fixture.Coverage)
	}{
		{"nil result", func(f *fixture.Coverage) { f.Res = nil }},
		{"no radius", func(f *fixture.Coverage) { f.Res.RadiiKm = nil }},
		{"duplicate radius", func(f *fixture.Coverage) {
			f.Res.RadiiKm = []float64{10, 10}
			for i := range f.Res.Villages {
				f.Res.Villages[i].Covered = []bool{false, false}
			}
		}},
		{"NaN radius", func(f *fixture.Coverage) { f.Res.RadiiKm = []float64{math.NaN()} }},
		{"fewer results than villages", func(f *fixture.Coverage) { f.Res.Villages = f.Res.Villages[:2] }},
		{"nearest out of range", func(f *fixture.Coverage) { f.Res.Villages[1].Nearest = len(f.Facilities) }},
		{"nearest below -1", func(f *fixture.Coverage) { f.Res.Villages[1].Nearest = -2 }},
		{"NaN distance", func(f *fixture.Coverage) { f.Res.Villages[0].DistanceM = math.NaN() }},
		{"infinite distance with a facility", func(f *fixture.Coverage) { f.Res.Villages[0].DistanceM = math.Inf(1) }},
		{"negative distance", func(f *fixture.Coverage) { f.Res.Villages[0].DistanceM = -1 }},
		{"covered flags missing", func(f *fixture.Coverage) { f.Res.Villages[2].Covered = nil }},
		{"covered without facility", func(f *fixture.Coverage) { f.Res.Villages[3].Covered[0] = true }},
		{"NaN longitude", func(f *fixture.Coverage) { f.Villages[4].Location[0] = math.NaN() }},
		{"infinite latitude", func(f *fixture.Coverage) { f.Villages[4].Location[1] = math.Inf(-1) }},
	}
	for _, c := range cases {
		for name, write := range writers {
			t.Run(c.name+"/"+name, func(t *testing.T) {
				f := fixture.NewCoverage(t, 15)
				c.mutate(&f)
				var buf bytes.Buffer
				err := write(&buf, f.Villages, f.Facilities, f.Res)
				if !errors.Is(err, table.ErrWriteInput) {
					t.Fatalf("err = %v, want ErrWriteInput", err)
				}
				if buf.Len() != 0 {
					t.Errorf("wrote %d bytes before failing", buf.Len())
				}
			})
		}
	}
}

func TestWriteCoverageGeoJSONParallelMatchesSerial(t *testing.T) {
	f := fixture.SyntheticRun(3*enc.EncodeChunk+17, 7)
	parallel := checkParallelMatchesSerial(t, func(w io.Writer) error { return WriteCoverageGeoJSON(w, f.Villages, f.Facilities, f.Res) })
	fc, err := geojson.UnmarshalFeatureCollection(parallel)
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != len(f.Villages) {
		t.Fatalf("%d features, want %d", len(fc.Features), len(f.Villages))
	}
	for i, feat := range fc.Features {
		if feat.Properties["id"] != f.Villages[i].ID {
			t.Fatalf("feature %d has id %v, want %s: out of order", i, feat.Properties["id"], f.Villages[i].ID)
		}
	}
}

func TestWriteCoverageGeoJSONWriteError(t *testing.T) {
	f := fixture.SyntheticRun(3*enc.EncodeChunk+17, 8)
	checkWriteFailures(t, func(w io.Writer) error { return WriteCoverageGeoJSON(w, f.Villages, f.Facilities, f.Res) })
}

// checkParallelMatchesSerial writes on one goroutine and on four and
// requires the same bytes, which it returns.
func checkParallelMatchesSerial(t *testing.T, write func(io.Writer) error) []byte {
	t.Helper()
	run := func(procs int) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	serial, parallel := run(1), run(4)
	if !bytes.Equal(serial, parallel) {
		t.Fatal("parallel output differs from serial output")
	}
	return parallel
}

// checkWriteFailures runs write against a destination that fails after
// some bytes, at several points: the error must wrap ErrWrite and the cause,
// and what was written must be a prefix of the full output (on 4 goroutines,
// so parallel encoders are exercised).
func checkWriteFailures(t *testing.T, write func(io.Writer) error) {
	t.Helper()
	var full bytes.Buffer
	if err := write(&full); err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, limit := range []int{0, 10, full.Len() / 3, full.Len() / 2, full.Len() - 1} {
		t.Run(strconv.Itoa(limit), func(t *testing.T) {
			w := &fixture.FailingWriter{Limit: limit}
			err := write(w)
			if !errors.Is(err, table.ErrWrite) || !errors.Is(err, fixture.ErrDiskFull) {
				t.Fatalf("err = %v, want ErrWrite wrapping the cause", err)
			}
			if !bytes.HasPrefix(full.Bytes(), w.W.Bytes()) {
				t.Error("bytes written before the failure are not a prefix of the full output")
			}
		})
	}
}

// TestWriteCoverageGeoJSONWithPlanner writes a real planner.Coverage result
// and checks that the file agrees with it.
func TestWriteCoverageGeoJSONWithPlanner(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 42))
	villages := make([]planner.Village, 300)
	for i := range villages {
		villages[i] = planner.Village{ID: fmt.Sprintf("v%d", i), County: fmt.Sprintf("c%d", i%3), Population: 1 + rng.IntN(900),
			Location: orb.Point{112 + rng.Float64(), 23 + rng.Float64()}}
	}
	facilities := make([]planner.Facility, 6)
	for i := range facilities {
		facilities[i] = planner.Facility{ID: fmt.Sprintf("f%d", i), Type: planner.FacilityTypes()[i%3],
			Location: orb.Point{112 + rng.Float64(), 23 + rng.Float64()}, Beds: planner.CapacityUnknown, Staff: planner.CapacityUnknown}
	}
	res, err := planner.Coverage(context.Background(), villages, facilities, planner.CoverageOptions{RadiiKm: []float64{10, 20}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCoverageGeoJSON(&buf, villages, facilities, res); err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for i, feat := range fc.Features {
		vc := res.Villages[i]
		if got := feat.Properties["nearest_facility_id"]; got != facilities[vc.Nearest].ID {
			t.Errorf("village %d: nearest %v, want %s", i, got, facilities[vc.Nearest].ID)
		}
		if got := feat.Properties["nearest_facility_km"].(float64); math.Abs(got-vc.DistanceM/1000) > 5e-7 {
			t.Errorf("village %d: %v km, want %v m", i, got, vc.DistanceM)
		}
		if feat.Properties["network_covered_10km"] != vc.Covered[0] || feat.Properties["network_covered_20km"] != vc.Covered[1] {
			t.Errorf("village %d: covered flags %v %v, want %v", i, feat.Properties["network_covered_10km"], feat.Properties["network_covered_20km"], vc.Covered)
		}
	}
}
