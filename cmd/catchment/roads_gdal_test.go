package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Road outputs open in GDAL (ogrinfo, what QGIS reads with) and geopandas
// with the metric columns typed as numbers, like the straight-line outputs
// do (data/geojsonio's GDAL tests). Debian's gdal-bin and python3-geopandas
// are installed by .ci/run; a missing tool fails the test.
func TestRoadOutputsOpenInGDALAndGeopandas(t *testing.T) {
	ogr, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Fatalf("ogrinfo not found (.ci/run installs gdal-bin): %v", err)
	}
	dir := t.TempDir()
	cov, csvOut, plan := filepath.Join(dir, "cov.geojson"), filepath.Join(dir, "cov.csv"), filepath.Join(dir, "plan.geojson")
	for _, args := range [][]string{
		andorraArgs("coverage", "--roads", andorraPBF, "--max-snap-km", "0.2", "--out", cov),
		andorraArgs("coverage", "--roads", andorraPBF, "--out", csvOut),
		{"plan", "-q", "--distance", "road", "--out", plan},
	} {
		if code, _, stderr := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	out, err := exec.Command(ogr, "-al", "-so", cov).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	for _, want := range []string{"Feature Count: 66", "road_km: Real", "minutes: Real", "snap_m: Real", "unreachable: String",
		"straight_nearest_id: String", "straight_km: Real"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("ogrinfo output lacks %q:\n%s", want, out)
		}
	}
	out, err = exec.Command(ogr, "-al", "-so", "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "AUTODETECT_TYPE=YES", csvOut).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Feature Count: 66") || !strings.Contains(string(out), "road_km: Real") {
		t.Errorf("ogrinfo on the CSV: %v\n%s", err, out)
	}
	out, err = exec.Command(ogr, "-al", "-so", plan).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Feature Count:") {
		t.Errorf("ogrinfo on the road plan: %v\n%s", err, out)
	}

	py := "/usr/bin/python3"
	script := `import sys, json, geopandas
df = geopandas.read_file(sys.argv[1])
print(json.dumps({"n": len(df), "dtypes": {c: str(t) for c, t in df.dtypes.items() if c != "geometry"},
  "unreachable": int(df["unreachable"].notna().sum())}))`
	b, err := exec.Command(py, "-c", script, cov).Output()
	if err != nil {
		t.Fatalf("geopandas (.ci/run installs python3-geopandas): %v", err)
	}
	var got struct {
		N           int
		Dtypes      map[string]string
		Unreachable int
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.N != 66 || got.Unreachable == 0 {
		t.Errorf("geopandas read %d rows, %d unreachable; want 66 rows, some unreachable within 200 m of a road", got.N, got.Unreachable)
	}
	for _, c := range []string{"road_km", "straight_km", "minutes", "snap_m"} {
		if !slices.Contains([]string{"float64"}, got.Dtypes[c]) {
			t.Errorf("column %s has dtype %q, want float64", c, got.Dtypes[c])
		}
	}
}
