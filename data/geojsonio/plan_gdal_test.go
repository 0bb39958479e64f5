package geojsonio

import (
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/catchment/catchment/data/csvio"

	"github.com/catchment/catchment/data/atomicfile"

	"github.com/catchment/catchment/data/internal/fixture"
)

// ogrLayerLine matches a layer in ogrinfo's list: "1: plan (Unknown (any))".
var ogrLayerLine = regexp.MustCompile(`(?m)^\d+: `)

// TestGDALOpensPlan opens the plan GeoJSON, its per-layer files and the
// village table with ogrinfo (what QGIS reads them with): one layer each,
// every feature, and the field types a planner filters on. The plan file
// carries the policy warnings as the foreign member "warnings", which GDAL
// ignores: one layer, no feature or field of its own.
func TestGDALOpensPlan(t *testing.T) {
	ogr := fixture.RequireTool(t, "ogrinfo", "--version")
	f := fixture.NewPlan(t)
	if len(f.Res.Warnings) == 0 {
		t.Fatal(`the fixture plan has no policy warning: its file would have an empty "warnings" member`)
	}
	dir := t.TempDir()
	if err := atomicfile.WriteFileAtomic(filepath.Join(dir, "plan.geojson"), func(w io.Writer) error {
		return WritePlanGeoJSON(w, f.Villages, f.Facilities, f.Res)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := WritePlanLayers(dir, f.Villages, f.Facilities, f.Res); err != nil {
		t.Fatal(err)
	}
	if _, err := csvio.WritePlanCSVTables(dir, planSummary(f)); err != nil {
		t.Fatal(err)
	}
	var sites, joint, days int
	for _, c := range f.Res.Counties {
		sites += len(c.Sites)
	}
	for _, tp := range f.Res.Clinics.Townships {
		joint += len(tp.Joint)
		days += len(tp.Route)
	}
	cases := []struct {
		file     string
		count    int
		geometry string
		types    map[string]string
	}{
		{"plan.geojson", len(f.Villages) + sites + joint + days + len(f.Facilities), "Unknown (any)", map[string]string{
			"layer": "String", "population": "Integer", "county_care_today": "Integer(Boolean)", "network_covered": "Integer(Boolean)", "nearest_thc_km": "Real",
			"subcentre_id": "String", "beds": "Integer", "county_care_today_population": "Integer", "rank": "Integer",
			"members": "String", "length_km": "Real", "flags": "String", "extra_rank": "String", "备注": "String", "type": "String"}},
		{"villages.geojson", len(f.Villages), "Point", map[string]string{
			"county_care_after": "Integer(Boolean)", "required_clinic": "Integer(Boolean)", "host_id": "String"}},
		{"subcentres.geojson", sites, "Point", map[string]string{"gain_population": "Integer", "seat_km": "Real", "staff": "Integer"}},
		{"joint_clinics.geojson", joint, "Point", map[string]string{"member_count": "Integer", "members": "String"}},
		{"itinerant_routes.geojson", days, "Line String", map[string]string{"day": "Integer", "length_km": "Real", "stops": "String"}},
		{"facilities.geojson", len(f.Facilities), "Point", map[string]string{"type": "String", "beds": "Integer"}},
		{"subcentre_circles.geojson", sites, "Polygon", map[string]string{"id": "String", "rank": "Integer", "radius_km": "Real"}},
		// The CSV tables come typed (their .csvt), villages and sites as
		// points (lon and lat are CoordX and CoordY, with a WGS84 .prj).
		{"villages.csv", len(f.Villages), "Point", map[string]string{"id": "String", "lon": "Real", "population": "Integer",
			"required_clinic": "Integer(Boolean)", "nearest_thc_km": "Real", "host_id": "String", "flags": "String"}},
		{"subcentres.csv", sites, "Point", map[string]string{"id": "String", "rank": "Integer", "gain_population": "Integer", "seat_km": "Real"}},
		{"counties.csv", 2, "", map[string]string{"county": "String", "population": "Integer", "seat_lon": "Real",
			"seat_from_hospital": "Integer(Boolean)", "seat_facility_id": "String"}},
		{"townships.csv", len(f.Res.Clinics.Townships), "", map[string]string{"route_km": "Real", "own_clinics": "Integer", "exact": "Integer(Boolean)"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			// One layer per file, whatever its geometries.
			out, err := exec.Command(ogr, "-ro", "-q", filepath.Join(dir, c.file)).CombinedOutput()
			if err != nil {
				t.Fatalf("ogrinfo: %v\n%s", err, out)
			}
			if layers := ogrLayerLine.FindAll(out, -1); len(layers) != 1 {
				t.Errorf("%d layers, want 1:\n%s", len(layers), out)
			}
			l := ogrinfo(t, ogr, filepath.Join(dir, c.file))
			if l.count != c.count {
				t.Errorf("feature count %d, want %d", l.count, c.count)
			}
			if c.geometry != "" && l.geometry != c.geometry {
				t.Errorf("geometry %q, want %q", l.geometry, c.geometry)
			}
			for field, typ := range c.types {
				if l.types[field] != typ {
					t.Errorf("field %s has type %q, want %q", field, l.types[field], typ)
				}
			}
		})
	}
}
