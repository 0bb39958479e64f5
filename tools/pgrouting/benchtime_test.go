package pgrouting

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchRuns is how many times each timed job runs; the best counts (the
// machine is shared, so the least disturbed run is the fairest).
const benchRuns = 5

type timing struct{ wall, cpu float64 }

// bestOf runs fn benchRuns times and returns its least wall time and least
// process CPU time (user and system, all threads), in seconds.
func bestOf(fn func()) timing {
	best := timing{math.Inf(1), math.Inf(1)}
	for range benchRuns {
		c0, t0 := cpuSeconds(), time.Now()
		fn()
		best.wall = min(best.wall, time.Since(t0).Seconds())
		best.cpu = min(best.cpu, cpuSeconds()-c0)
	}
	return best
}

// bestOfMs runs fn benchRuns times and returns the least of the
// milliseconds it reports, in seconds.
func bestOfMs(fn func() float64) float64 {
	best := math.Inf(1)
	for range benchRuns {
		best = min(best, fn())
	}
	return best / 1000
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// loadAverage is the first three fields of /proc/loadavg.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

// backendCPUFunc defines cpu_ms(query): the CPU time in milliseconds that
// the server process answering it spends running query to the end (its
// rows counted, not sent), from the process's own /proc/self/stat (user
// plus system clock ticks, tick ms each): the figure comparable with
// catchment's CPU time on a shared machine.
const backendCPUFunc = `CREATE OR REPLACE FUNCTION cpu_ms(q text, tick float8) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE a text[]; b text[]; n bigint;
BEGIN
  a := regexp_split_to_array(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ');
  EXECUTE 'SELECT count(*) FROM (' || q || ') s' INTO n;
  b := regexp_split_to_array(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ');
  RETURN ((b[12]::bigint + b[13]::bigint) - (a[12]::bigint + a[13]::bigint)) * tick;
END $$`

// backendCPUs is the server's CPU time in seconds running query (see
// backendCPUFunc), the least of benchRuns runs.
func backendCPUs(b *testing.B, c *Cluster, query string, tickMs float64) float64 {
	b.Helper()
	return bestOfMs(func() float64 {
		rows, err := c.SQL("bench", fmt.Sprintf("SELECT cpu_ms(%s, %g)", quote(query), tickMs))
		if err != nil {
			b.Fatal(err)
		}
		return mustFloat(b, rows[0][0])
	})
}

// clockTickMs is the length of a /proc clock tick in milliseconds.
func clockTickMs(b *testing.B) float64 {
	b.Helper()
	out, err := exec.Command("getconf", "CLK_TCK").Output()
	if err != nil {
		b.Fatal(err)
	}
	hz := mustFloat(b, strings.TrimSpace(string(out)))
	return 1000 / hz
}

// explainMs is the server's execution time of query in milliseconds
// (EXPLAIN ANALYZE without per-node timing).
func explainMs(b *testing.B, c *Cluster, query string) float64 {
	b.Helper()
	rows, err := c.SQL("bench", "EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) "+query)
	if err != nil {
		b.Fatal(err)
	}
	var plan []struct {
		ExecutionTime float64 `json:"Execution Time"`
		PlanningTime  float64 `json:"Planning Time"`
	}
	if len(rows) == 0 || len(rows[0]) == 0 || json.Unmarshal([]byte(rows[0][0]), &plan) != nil || len(plan) == 0 {
		b.Fatalf("EXPLAIN gave %v", rows)
	}
	return plan[0].ExecutionTime + plan[0].PlanningTime
}
