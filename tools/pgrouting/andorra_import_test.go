package pgrouting

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/catchment/catchment/roads"
)

// importAndorra converts the extract to OSM XML with osmium-tool
// ("osmium cat", an implementation independent of catchment's reader),
// imports it with osm2pgrouting under catchment's mapconfig, and removes
// the edges of ways catchment does not route on although their class is
// routable: ways closed to cars (access/vehicle/motor_vehicle/motorcar =
// no|private) and area=yes, which osm2pgrouting's mapconfig cannot
// express (it selects by highway class only). It fails if a way catchment
// keeps is missing from pgRouting.
func importAndorra(t testing.TB, c *Cluster, db string, ways []roads.Way) {
	t.Helper()
	xml := filepath.Join(c.Dir(), "andorra.osm")
	if out, err := exec.Command("osmium", "cat", andorraPBF, "-o", xml, "-f", "osm", "--overwrite").CombinedOutput(); err != nil {
		t.Fatalf("osmium cat: %v\n%s", err, out)
	}
	conf := writeFile(t, c, "mapconfig.xml", catchmentMapConfig(t))
	if err := c.ImportOSM(db, xml, conf); err != nil {
		t.Fatal(err)
	}
	kept := map[int64]bool{}
	var ids []int64
	for _, w := range ways {
		id, err := strconv.ParseInt(strings.TrimPrefix(w.ID, "way/"), 10, 64)
		if err != nil {
			t.Fatalf("way id %q", w.ID)
		}
		if !kept[id] {
			kept[id] = true
			ids = append(ids, id)
		}
	}
	rows, err := c.SQL(db, "SELECT DISTINCT osm_id FROM ways WHERE osm_id <> ALL("+intArray(ids)+")")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("pgRouting imported %d OSM ways that catchment does not route on (closed to cars or area=yes); removed", len(rows))
	if _, err := c.SQL(db, "DELETE FROM ways WHERE osm_id <> ALL("+intArray(ids)+")"); err != nil {
		t.Fatal(err)
	}
	rows, err = c.SQL(db, "SELECT DISTINCT osm_id FROM ways")
	if err != nil {
		t.Fatal(err)
	}
	have := map[int64]bool{}
	for _, r := range rows {
		have[mustInt(t, r[0])] = true
	}
	var missing []int64
	for _, id := range ids {
		if !have[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d ways catchment routes on are not in pgRouting, e.g. %v", len(missing), missing[:min(5, len(missing))])
	}
	t.Logf("both sides route on %d OSM ways", len(ids))
}

// onewayMismatches lists the OSM ways whose permitted directions differ
// between catchment (roads.Way.Oneway from data/osm) and osm2pgrouting
// (the sign of cost and reverse_cost).
func onewayMismatches(t testing.TB, c *Cluster, db string, ways []roads.Way) []string {
	t.Helper()
	rows, err := c.SQL(db, "SELECT osm_id, bool_or(cost < 0), bool_or(reverse_cost < 0) FROM ways GROUP BY osm_id")
	if err != nil {
		t.Fatal(err)
	}
	pg := map[string]roads.Oneway{}
	for _, r := range rows {
		d := roads.BothWays
		switch {
		case r[1] == "t" && r[2] == "t":
			d = 99
		case r[1] == "t":
			d = roads.Backward
		case r[2] == "t":
			d = roads.Forward
		}
		pg["way/"+r[0]] = d
	}
	var out []string
	seen := map[string]bool{}
	for _, w := range ways {
		if d, ok := pg[w.ID]; ok && d != w.Oneway && !seen[w.ID] {
			seen[w.ID] = true
			out = append(out, w.ID+": catchment "+strconv.Itoa(int(w.Oneway))+", pgRouting "+strconv.Itoa(int(d)))
		}
	}
	return out
}
