package pgrouting

import (
	"testing"
)

// TestClusterRoutes starts a cluster and checks pgRouting answers a
// shortest path on a hand-made three-edge graph.
func TestClusterRoutes(t *testing.T) {
	if err := Available(); err != nil {
		t.Fatalf("%v (.ci/run installs it)", err)
	}
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
	c, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	if err := c.CreateDB("t"); err != nil {
		t.Fatal(err)
	}
	rows, err := c.SQL("t", `CREATE TABLE e (id int, source int, target int, cost float8, reverse_cost float8);
		INSERT INTO e VALUES (1,1,2,1,1),(2,2,3,1,-1),(3,1,3,5,5);
		SELECT agg_cost FROM pgr_dijkstraCost('SELECT * FROM e', 1, 3) UNION ALL
		SELECT agg_cost FROM pgr_dijkstraCost('SELECT * FROM e', 3, 1)`)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0][0] != "2" || rows[1][0] != "5" {
		t.Fatalf("costs 1→3 and 3→1 = %v, want 2 (via 2) and 5 (edge 2 is one way)", rows)
	}
}
