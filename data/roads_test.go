package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestLoadRoadsAndorra reads the real Andorra extract (ODbL, see
// data/osm/testdata) and checks the prepared form gives the same network.
func TestLoadRoadsAndorra(t *testing.T) {
	pbf := filepath.Join("osm", "testdata", "andorra-2021-10-28.osm.pbf")
	net, rep, err := LoadRoads(context.Background(), pbf, RoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Format != RoadFormatOSMPBF || rep.Routable == 0 || rep.Stats.Nodes == 0 || len(rep.Notes) == 0 {
		t.Fatalf("report %+v", rep)
	}
	prepared := filepath.Join(t.TempDir(), "andorra"+PreparedRoadsExt)
	f, err := os.Create(prepared)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := net.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	again, prep, err := LoadRoads(context.Background(), prepared, RoadOptions{SpeedsKmh: map[string]float64{"track": 5}})
	if err != nil {
		t.Fatal(err)
	}
	if again.Stats() != net.Stats() || prep.Format != RoadFormatPrepared || len(prep.Notes) != 1 {
		t.Errorf("prepared %+v (notes %q), want the stats of %+v and a note on the speeds", again.Stats(), prep.Notes, net.Stats())
	}
}

func TestLoadRoadsErrors(t *testing.T) {
	for _, path := range []string{"roads.shp", filepath.Join(t.TempDir(), "missing.osm.pbf"), filepath.Join(t.TempDir(), "missing.roads")} {
		if _, _, err := LoadRoads(context.Background(), path, RoadOptions{}); !errors.Is(err, ErrRoads) {
			t.Errorf("%s: err %v, want ErrRoads", path, err)
		}
	}
}
