package boundary_test

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/boundary"
	"github.com/catchment/catchment/data/gpkg"
	"github.com/paulmach/orb"
)

func TestFromGeoJSONWarnings(t *testing.T) {
	src := `{"type":"FeatureCollection","features":[
	 {"type":"Feature","properties":{"adcode":140105000000,"名称":"小店区"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
	 {"type":"Feature","properties":{"code":"140106"},"geometry":{"type":"Point","coordinates":[0,0]}},
	 {"type":"Feature","properties":{"other":"x"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}`
	b, warns, err := boundary.FromGeoJSON(strings.NewReader(src), "c.geojson", boundary.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := b.Region(0); b.Len() != 1 || r.Code != "140105000000" || r.Name != "小店区" {
		t.Fatalf("regions: %d %+v", b.Len(), r)
	}
	if len(warns) != 2 || !strings.Contains(warns[0].String(), "c.geojson: feature 1: geometry orb.Point is not a polygon") ||
		!strings.Contains(warns[1].String(), "feature 2: neither a code") {
		t.Fatalf("warnings %v", warns)
	}
	if _, _, err := boundary.FromGeoJSON(strings.NewReader(`{"type":"FeatureCollection","features":[]}`), "e", boundary.Options{}); !errors.Is(err, boundary.ErrInvalid) {
		t.Fatalf("empty: %v", err)
	}
}

// TestFromGeoPackage writes the Shanxi shapes as a GeoPackage layer and
// checks the boundaries read back locate exactly as the GeoJSON ones.
func TestFromGeoPackage(t *testing.T) {
	want, _ := shanxiRaw(t)
	l := want.Layer("counties")
	path := filepath.Join(t.TempDir(), "c.gpkg")
	if err := gpkg.Write(context.Background(), path, []gpkg.Layer{l}); err != nil {
		t.Fatal(err)
	}
	rl, err := gpkg.ReadLayer(path, "counties")
	if err != nil {
		t.Fatal(err)
	}
	got, warns, err := boundary.FromLayer(rl, path, boundary.Options{})
	if err != nil || len(warns) != 0 || got.Len() != want.Len() {
		t.Fatalf("%v %v %d", err, warns, got.Len())
	}
	for x := 110.5; x < 114.5; x += 0.05 {
		for y := 34.8; y < 40.6; y += 0.05 {
			p := orb.Point{x, y}
			c1, n1, ok1 := want.Locate(p)
			c2, n2, ok2 := got.Locate(p)
			if c1 != c2 || n1 != n2 || ok1 != ok2 {
				t.Fatalf("%v: geojson %s %s, gpkg %s %s", p, c1, n1, c2, n2)
			}
		}
	}
}

// TestFromGDALGeoPackage reads a GeoPackage written by GDAL (ogr2ogr from
// the published GeoJSON), not by package gpkg, and checks it locates as
// the GeoJSON does.
func TestFromGDALGeoPackage(t *testing.T) {
	want, src := shanxiRaw(t)
	ogr, err := exec.LookPath("ogr2ogr")
	if err != nil {
		t.Fatalf("ogr2ogr (Debian gdal-bin) is required: %v", err)
	}
	path := filepath.Join(t.TempDir(), "gdal.gpkg")
	if out, err := exec.Command(ogr, "-f", "GPKG", "-nln", "县界", path, src).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, out)
	}
	if _, err := gpkg.ReadLayer(path, "counties"); !errors.Is(err, gpkg.ErrNoLayer) || !strings.Contains(err.Error(), "县界") {
		t.Fatalf("missing layer: %v", err)
	}
	rl, err := gpkg.ReadLayer(path, "县界")
	if err != nil {
		t.Fatal(err)
	}
	got, warns, err := boundary.FromLayer(rl, path, boundary.Options{})
	if err != nil || len(warns) != 0 || got.Len() != want.Len() {
		t.Fatalf("%v %v %d", err, warns, got.Len())
	}
	if viaLoad, _, err := boundary.Load(path, "", boundary.Options{}); err != nil || viaLoad.Len() != want.Len() {
		t.Fatalf("Load(gpkg): %v", err)
	}
	if viaLoad, _, err := boundary.Load(src, "", boundary.Options{}); err != nil || viaLoad.Len() != want.Len() {
		t.Fatalf("Load(geojson): %v", err)
	}
	if _, _, err := boundary.Load(src, "x", boundary.Options{}); !errors.Is(err, boundary.ErrInvalid) {
		t.Fatalf("Load(geojson, layer): %v", err)
	}
	for x := 110.5; x < 114.5; x += 0.07 {
		for y := 34.8; y < 40.6; y += 0.07 {
			p := orb.Point{x, y}
			c1, _, _ := want.Locate(p)
			c2, _, _ := got.Locate(p)
			if c1 != c2 {
				t.Fatalf("%v: geojson %s, GDAL gpkg %s", p, c1, c2)
			}
		}
	}
}
