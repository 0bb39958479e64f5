package synth

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

var updateSample = flag.Bool("update-sample", false, "rewrite data/synth/sample/*.csv from Synth")

func synthMust(t testing.TB, counties int, seed uint64) ([]planner.Village, []planner.Facility) {
	t.Helper()
	v, f, err := Synth(SynthOptions{Counties: counties, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	if len(v) == 0 || len(f) == 0 {
		t.Fatalf("Synth(%d counties, seed %d) gave %d villages, %d facilities", counties, seed, len(v), len(f))
	}
	return v, f
}

func TestSynthDeterministic(t *testing.T) {
	v1, f1 := synthMust(t, 6, 42)
	v2, f2 := synthMust(t, 6, 42)
	if !reflect.DeepEqual(v1, v2) || !reflect.DeepEqual(f1, f2) {
		t.Fatal("same options gave different output")
	}
	v3, f3 := synthMust(t, 6, 43)
	if reflect.DeepEqual(v1, v3) || reflect.DeepEqual(f1, f3) {
		t.Fatal("different seeds gave identical output")
	}
	// Fewer counties give a prefix of the output.
	v4, f4 := synthMust(t, 3, 42)
	if !reflect.DeepEqual(v4, v1[:len(v4)]) || !reflect.DeepEqual(f4, f1[:len(f4)]) {
		t.Fatal("3-county output is not a prefix of the 6-county output")
	}
	if v1[len(v4)].County == v4[len(v4)-1].County {
		t.Fatal("prefix boundary does not fall between counties")
	}
}

func TestSynthValidate(t *testing.T) {
	tests := []struct {
		counties int
		ok       bool
	}{{0, true}, {1, true}, {MaxSynthCounties(), true}, {-1, false}, {MaxSynthCounties() + 1, false}}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.counties), func(t *testing.T) {
			opt := SynthOptions{Counties: tt.counties}
			err := opt.Validate()
			if tt.ok != (err == nil) {
				t.Fatalf("Validate() = %v, want ok=%v", err, tt.ok)
			}
			if err != nil {
				if !errors.Is(err, ErrSynthOptions) {
					t.Errorf("error %v does not wrap ErrSynthOptions", err)
				}
				if v, f, err := Synth(opt); !errors.Is(err, ErrSynthOptions) || v != nil || f != nil {
					t.Errorf("Synth on invalid options: %d villages, %d facilities, %v; want nothing and ErrSynthOptions", len(v), len(f), err)
				}
			}
		})
	}
	if v, f, err := Synth(SynthOptions{}); err != nil || len(v) != 0 || len(f) != 0 {
		t.Errorf("0 counties gave %d villages, %d facilities, %v", len(v), len(f), err)
	}
	// 3,600 counties must fit, with room to spare, for the ~1M benchmark.
	if MaxSynthCounties() < 2*SynthCountiesFor(1_000_000) {
		t.Errorf("MaxSynthCounties() = %d, want room for twice %d", MaxSynthCounties(), SynthCountiesFor(1_000_000))
	}
}

func TestSynthCountiesFor(t *testing.T) {
	tests := []struct{ villages, want int }{
		{-5, 0}, {0, 0}, {1, 1}, {276, 1}, {277, 2}, {1_000_000, 3624},
	}
	for _, tt := range tests {
		if got := SynthCountiesFor(tt.villages); got != tt.want {
			t.Errorf("SynthCountiesFor(%d) = %d, want %d", tt.villages, got, tt.want)
		}
	}
}

// TestSynthVolume checks the mean villages per county and the facility
// ratio (about 600,000 facilities per 1,000,000 villages) on 400 counties.
func TestSynthVolume(t *testing.T) {
	const counties = 400
	v, f := synthMust(t, counties, 3)
	perCounty := float64(len(v)) / counties
	ratio := float64(len(f)) / float64(len(v))
	t.Logf("%d counties: %d villages (%.1f per county), %d facilities (%.3f per village)", counties, len(v), perCounty, len(f), ratio)
	if math.Abs(perCounty-SynthMeanVillagesPerCounty) > 0.02*SynthMeanVillagesPerCounty {
		t.Errorf("%.1f villages per county, want %d ± 2%%", perCounty, SynthMeanVillagesPerCounty)
	}
	if ratio < 0.57 || ratio > 0.63 {
		t.Errorf("%.3f facilities per village, want 0.57–0.63", ratio)
	}
}

func TestSynthPopulation(t *testing.T) {
	v, _ := synthMust(t, 200, 5)
	pops := make([]int, len(v))
	var under200, under500, from800, over3000 int
	for i, x := range v {
		p := x.Population
		pops[i] = p
		if p <= 0 {
			t.Fatalf("%s has population %d", x.ID, p)
		}
		switch {
		case p < 200:
			under200++
			under500++
		case p < 500:
			under500++
		case p > 3000:
			over3000++
			from800++
		case p >= 800:
			from800++
		}
	}
	slices.Sort(pops)
	n := float64(len(v))
	median := pops[len(pops)/2]
	t.Logf("%d villages: median %d, <200 %.1f%%, <500 %.1f%%, >=800 %.1f%%, >3000 %.1f%%, max %d",
		len(v), median, 100*float64(under200)/n, 100*float64(under500)/n, 100*float64(from800)/n, 100*float64(over3000)/n, pops[len(pops)-1])
	checks := []struct {
		name   string
		got    float64
		lo, hi float64
	}{
		{"median", float64(median), 500, 700},
		{"share <200", float64(under200) / n, 0.12, 0.18},
		{"share <500", float64(under500) / n, 0.36, 0.48},
		{"share >=800", float64(from800) / n, 0.33, 0.45},
		{"share >3000", float64(over3000) / n, 0.02, 0.10},
	}
	for _, c := range checks {
		if c.got < c.lo || c.got > c.hi {
			t.Errorf("%s = %.3f, want %.3f–%.3f", c.name, c.got, c.lo, c.hi)
		}
	}
}

var synthIDPattern = regexp.MustCompile(`^[VF][0-9]{6,}$`)

// TestSynthStructure checks the documented shape of every county, for
// several seeds.
func TestSynthStructure(t *testing.T) {
	for _, seed := range []uint64{0, 1, 99} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			v, f := synthMust(t, 30, seed)
			synthCheckStructure(t, v, f)
		})
	}
}

func synthCheckStructure(t *testing.T, villages []planner.Village, facilities []planner.Facility) {
	t.Helper()
	ids := make(map[string]bool, len(villages)+len(facilities))
	checkID := func(id string, prefix byte, n int) {
		t.Helper()
		if !synthIDPattern.MatchString(id) || id[0] != prefix || ids[id] {
			t.Fatalf("bad or duplicate id %q", id)
		}
		if got, _ := strconv.Atoi(id[1:]); got != n {
			t.Fatalf("id %q out of sequence, want number %d", id, n)
		}
		ids[id] = true
	}
	checkPoint := func(what string, p orb.Point) {
		t.Helper()
		if !synthExtent.Contains(p) {
			t.Fatalf("%s at %v is outside China's extent", what, p)
		}
		for _, x := range p {
			if s := strconv.FormatFloat(x, 'f', -1, 64); len(s)-strings.IndexByte(s+".", '.') > 7 {
				t.Fatalf("%s coordinate %s has more than 6 decimals", what, s)
			}
		}
	}

	type township struct{ villages, thcs, clinics int }
	type county struct {
		townships map[string]*township
		hospitals int
	}
	counties := map[string]*county{}
	var order []string
	for i, v := range villages {
		checkID(v.ID, 'V', i+1)
		checkPoint(v.ID, v.Location)
		if !strings.HasSuffix(v.County, "县") || !strings.HasSuffix(v.Name, "村") ||
			!(strings.HasSuffix(v.Township, "镇") || strings.HasSuffix(v.Township, "乡")) {
			t.Fatalf("%s: unexpected names %q/%q/%q", v.ID, v.County, v.Township, v.Name)
		}
		c := counties[v.County]
		if c == nil {
			c = &county{townships: map[string]*township{}}
			counties[v.County] = c
			order = append(order, v.County)
		} else if order[len(order)-1] != v.County {
			t.Fatalf("%s: county %s is not contiguous (counties must have unique names)", v.ID, v.County)
		}
		tw := c.townships[v.Township]
		if tw == nil {
			tw = &township{}
			c.townships[v.Township] = tw
		}
		tw.villages++
	}
	typesSeen := map[planner.FacilityType]int{}
	for i, f := range facilities {
		checkID(f.ID, 'F', i+1)
		checkPoint(f.ID, f.Location)
		typesSeen[f.Type]++
		c := counties[f.County]
		if c == nil || c.townships[f.Township] == nil {
			t.Fatalf("%s in unknown county/township %q/%q", f.ID, f.County, f.Township)
		}
		tw := c.townships[f.Township]
		switch f.Type {
		case planner.CountyHospital:
			c.hospitals++
			if f.Beds < 300 || f.Beds > 900 || f.Staff < f.Beds {
				t.Errorf("%s county hospital beds %d staff %d", f.ID, f.Beds, f.Staff)
			}
		case planner.TownshipHealthCentre:
			tw.thcs++
			if f.Beds < 10 || f.Beds > 80 || f.Staff < 10 || f.Staff > 90 || f.Name != f.Township+"卫生院" {
				t.Errorf("%s %s beds %d staff %d", f.ID, f.Name, f.Beds, f.Staff)
			}
		case planner.VillageClinic:
			tw.clinics++
			if f.Beds != 0 || f.Staff < 1 || f.Staff > 3 || !strings.HasSuffix(f.Name, "村卫生室") {
				t.Errorf("%s %s beds %d staff %d", f.ID, f.Name, f.Beds, f.Staff)
			}
		default:
			t.Fatalf("%s has type %q", f.ID, f.Type)
		}
	}
	for _, ft := range planner.FacilityTypes() {
		if typesSeen[ft] == 0 {
			t.Errorf("no facility of type %s", ft)
		}
	}
	for _, name := range order {
		c := counties[name]
		if n := len(c.townships); n < 10 || n > 14 {
			t.Errorf("%s has %d townships, want 10–14", name, n)
		}
		if c.townships["城关镇"] == nil {
			t.Errorf("%s has no 城关镇", name)
		}
		if c.hospitals < 1 || c.hospitals > 2 {
			t.Errorf("%s has %d county hospitals, want 1–2", name, c.hospitals)
		}
		for tn, tw := range c.townships {
			if tw.villages < 14 || tw.villages > 32 || tw.thcs != 1 || tw.clinics >= tw.villages {
				t.Errorf("%s %s: %d villages, %d health centres, %d clinics", name, tn, tw.villages, tw.thcs, tw.clinics)
			}
		}
	}
}

// TestSynthExtentAllCells generates counties directly on a spread of layout
// cells, including the outermost ones used only by the largest requests,
// and checks every point stays inside China's extent.
func TestSynthExtentAllCells(t *testing.T) {
	cells := synthCells
	var picked []int
	for k := 0; k < len(cells); k += 25 {
		picked = append(picked, k)
	}
	for k := max(0, len(cells)-150); k < len(cells); k++ {
		picked = append(picked, k)
	}
	g := synthGen{}
	lo, hi := orb.Point{180, 90}, orb.Point{-180, -90}
	for _, k := range picked {
		g.r = rand.New(rand.NewPCG(1, uint64(k)))
		g.county("测试县", cells[k])
	}
	for _, v := range g.villages {
		lo, hi = orb.Point{min(lo[0], v.Location[0]), min(lo[1], v.Location[1])}, orb.Point{max(hi[0], v.Location[0]), max(hi[1], v.Location[1])}
		if !synthExtent.Contains(v.Location) {
			t.Fatalf("village at %v is outside China's extent", v.Location)
		}
	}
	for _, f := range g.facilities {
		if !synthExtent.Contains(f.Location) {
			t.Fatalf("facility at %v is outside China's extent", f.Location)
		}
	}
	t.Logf("%d of %d cells, %d villages, bounds %v–%v", len(picked), len(cells), len(g.villages), lo, hi)
	// The first 3,600 cells (the ~1M-village case) start around Shanxi.
	for _, c := range cells[:3600] {
		if math.Abs(c[0]-synthOriginLon) > 20 || math.Abs(c[1]-synthOriginLat) > 15 {
			t.Fatalf("cell %v of the first 3,600 is far from the origin", c)
		}
	}
}

// TestSynthNetwork checks the geography that the planners rely on, with
// geodesic distances: every county has a township health centre at least
// 20 km from its nearest county hospital (a sub-centre candidate), and
// emergency coverage is high but not complete.
func TestSynthNetwork(t *testing.T) {
	v, f := synthMust(t, 12, 11)
	far := map[string]float64{}
	for _, thc := range f {
		if thc.Type != planner.TownshipHealthCentre {
			continue
		}
		nearest := math.Inf(1)
		for _, h := range f {
			if h.Type == planner.CountyHospital && h.County == thc.County {
				nearest = min(nearest, geo.DistanceM(h.Location, thc.Location))
			}
		}
		far[thc.County] = max(far[thc.County], nearest)
	}
	for county, d := range far {
		if d < 20e3 || d > 50e3 {
			t.Errorf("%s: farthest health centre %.1f km from a county hospital, want 20–50 km", county, d/1e3)
		}
	}
	res, err := planner.Coverage(context.Background(), v, f, planner.CoverageOptions{RadiiKm: []float64{10, 20}})
	if err != nil {
		t.Fatal(err)
	}
	tot := res.Total
	share10 := float64(tot.CoveredVillages[0]) / float64(tot.Villages)
	share20 := float64(tot.CoveredVillages[1]) / float64(tot.Villages)
	t.Logf("%d villages: %.2f%% covered within 10 km, %.2f%% within 20 km (%d uncovered)", tot.Villages, 100*share10, 100*share20, tot.Villages-tot.CoveredVillages[1])
	if share10 < 0.85 || share10 >= 1 || share20 < share10 || share20 >= 1 {
		t.Errorf("coverage %.4f (10 km) / %.4f (20 km), want 0.85 <= 10 km <= 20 km < 1", share10, share20)
	}
}

func TestSynthID(t *testing.T) {
	tests := []struct {
		prefix byte
		n      int
		want   string
	}{{'V', 1, "V000001"}, {'F', 45, "F000045"}, {'V', 999999, "V999999"}, {'V', 1000000, "V1000000"}}
	for _, tt := range tests {
		if got := synthID(tt.prefix, tt.n); got != tt.want {
			t.Errorf("synthID(%c, %d) = %q, want %q", tt.prefix, tt.n, got, tt.want)
		}
	}
}

// Chinese spreadsheet headers and type names of the embedded sample.
var (
	sampleVillageHeader  = []string{"编号", "村名", "区县", "乡镇", "常住人口", "经度", "纬度"}
	sampleFacilityHeader = []string{"编号", "名称", "机构类型", "区县", "乡镇", "经度", "纬度", "床位", "人员"}
	sampleTypeNames      = map[planner.FacilityType]string{
		planner.CountyHospital:       "县医院",
		planner.TownshipHealthCentre: "乡镇卫生院",
		planner.VillageClinic:        "村卫生室",
	}
)

func sampleCoord(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func sampleCapacity(n int) string {
	if n == planner.CapacityUnknown {
		return ""
	}
	return strconv.Itoa(n)
}

// sampleCSV renders the sample tables with encoding/csv (UTF-8, no BOM, LF).
func sampleCSV(t *testing.T, villages []planner.Village, facilities []planner.Facility) (vcsv, fcsv []byte) {
	t.Helper()
	write := func(header []string, n int, row func(i int) []string) []byte {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		if err := w.Write(header); err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if err := w.Write(row(i)); err != nil {
				t.Fatal(err)
			}
		}
		w.Flush()
		if err := w.Error(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	vcsv = write(sampleVillageHeader, len(villages), func(i int) []string {
		v := &villages[i]
		return []string{v.ID, v.Name, v.County, v.Township, strconv.Itoa(v.Population), sampleCoord(v.Location[0]), sampleCoord(v.Location[1])}
	})
	fcsv = write(sampleFacilityHeader, len(facilities), func(i int) []string {
		f := &facilities[i]
		typ, ok := sampleTypeNames[f.Type]
		if !ok {
			t.Fatalf("%s: no Chinese name for type %q", f.ID, f.Type)
		}
		return []string{f.ID, f.Name, typ, f.County, f.Township, sampleCoord(f.Location[0]), sampleCoord(f.Location[1]), sampleCapacity(f.Beds), sampleCapacity(f.Staff)}
	})
	return vcsv, fcsv
}

// TestSampleUpToDate checks that the embedded sample is exactly what Synth
// and the writer above produce; with -update-sample it rewrites the files.
func TestSampleUpToDate(t *testing.T) {
	v, f := synthMust(t, SampleCounties, SampleSeed)
	vcsv, fcsv := sampleCSV(t, v, f)
	files := []struct {
		name     string
		want     []byte
		embedded []byte
	}{
		{SampleVillagesFile, vcsv, SampleVillagesCSV()},
		{SampleFacilitiesFile, fcsv, SampleFacilitiesCSV()},
	}
	for _, file := range files {
		path := filepath.Join("sample", file.name)
		if *updateSample {
			if err := os.WriteFile(path, file.want, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%d bytes)", path, len(file.want))
			continue
		}
		onDisk, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(onDisk, file.want) || !bytes.Equal(file.embedded, file.want) {
			t.Errorf("%s is out of date with Synth; run go generate ./data/synth (go test ./data/synth -run TestSampleUpToDate -update-sample)", path)
		}
	}
}

// TestSampleContent parses the embedded tables independently of the data
// readers and checks they hold the Synth output exactly, in the documented
// spreadsheet style.
func TestSampleContent(t *testing.T) {
	v, f := synthMust(t, SampleCounties, SampleSeed)
	if len(v) < 900 || len(v) > 1300 {
		t.Errorf("sample has %d villages, want about 1,100", len(v))
	}
	synthCheckStructure(t, v, f)
	for _, b := range [][]byte{SampleVillagesCSV(), SampleFacilitiesCSV()} {
		if bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) || bytes.Contains(b, []byte("\r")) {
			t.Error("sample CSV has a BOM or CR")
		}
	}
	parse := func(b []byte, header []string) [][]string {
		t.Helper()
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 || !slices.Equal(rows[0], header) {
			t.Fatalf("header %v, want %v", rows[:min(1, len(rows))], header)
		}
		return rows[1:]
	}
	num := func(s string) float64 {
		t.Helper()
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	vrows := parse(SampleVillagesCSV(), sampleVillageHeader)
	if len(vrows) != len(v) {
		t.Fatalf("%d village rows, want %d", len(vrows), len(v))
	}
	for i, r := range vrows {
		got := planner.Village{ID: r[0], Name: r[1], County: r[2], Township: r[3], Population: int(num(r[4])), Location: orb.Point{num(r[5]), num(r[6])}}
		if !reflect.DeepEqual(got, v[i]) {
			t.Fatalf("village row %d = %+v, want %+v", i+1, got, v[i])
		}
	}
	typeOf := map[string]planner.FacilityType{}
	for ft, name := range sampleTypeNames {
		typeOf[name] = ft
	}
	frows := parse(SampleFacilitiesCSV(), sampleFacilityHeader)
	if len(frows) != len(f) {
		t.Fatalf("%d facility rows, want %d", len(frows), len(f))
	}
	for i, r := range frows {
		got := planner.Facility{ID: r[0], Name: r[1], Type: typeOf[r[2]], County: r[3], Township: r[4],
			Location: orb.Point{num(r[5]), num(r[6])}, Beds: int(num(r[7])), Staff: int(num(r[8]))}
		if !reflect.DeepEqual(got, f[i]) {
			t.Fatalf("facility row %d = %+v, want %+v", i+1, got, f[i])
		}
	}
}

func ExampleSynth() {
	villages, facilities, err := Synth(SynthOptions{Counties: SampleCounties, Seed: SampleSeed})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(villages), "villages,", len(facilities), "facilities")
	fmt.Println(villages[0].ID, villages[0].County, villages[0].Township)
	fmt.Println(facilities[0].ID, facilities[0].Name, facilities[0].Type)
	// Output:
	// 1116 villages, 667 facilities
	// V000001 明寿县 城关镇
	// F000001 明寿县人民医院 county_hospital
}

func BenchmarkSynth(b *testing.B) {
	for _, counties := range []int{4, 100, 3600} {
		b.Run(fmt.Sprintf("counties=%d", counties), func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				v, _, err := Synth(SynthOptions{Counties: counties, Seed: 1})
				if err != nil {
					b.Fatal(err)
				}
				n = len(v)
			}
			b.ReportMetric(float64(n), "villages")
		})
	}
}
