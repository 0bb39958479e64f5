package programme

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/catchment/catchment/planner"
)

// milpPython is Debian's interpreter, which has python3-scipy (as make
// verify uses it), or python3 from PATH where there is none.
var milpPython = func() string {
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		return "/usr/bin/python3"
	}
	return "python3"
}()

// requireScipy skips the test when scipy's milp cannot be imported (the
// only reason to skip, and only outside CI: .ci/run installs python3-scipy).
func requireScipy(t *testing.T) {
	t.Helper()
	if err := exec.Command(milpPython, "-c", "from scipy.optimize import milp").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("python3-scipy not importable (%v): .ci/run installs it", err)
		}
		t.Skipf("python3-scipy not importable (%v): apt-get install python3-scipy", err)
	}
}

type milpPoint struct {
	County     string  `json:"county,omitempty"`
	Population int     `json:"population,omitempty"`
	Lon        float64 `json:"lon"`
	Lat        float64 `json:"lat"`
}

type milpInstance struct {
	RadiusM    float64           `json:"radius_m"`
	Total      int               `json:"total"`
	Villages   []milpPoint       `json:"villages"`
	Hospitals  []milpPoint       `json:"hospitals"`
	Candidates []milpPoint       `json:"candidates"`
	Bounds     map[string][2]int `json:"bounds"`
}

type milpAnswer struct {
	Feasible      bool               `json:"feasible"`
	Gain          int64              `json:"gain"`
	Sites         int                `json:"sites"`
	PerCountyGain map[string][]int64 `json:"per_county_gain"`
}

func milpOf(in budgetInstance) milpInstance {
	mi := milpInstance{RadiusM: in.radiusKm * 1000, Total: in.opt.Total, Bounds: map[string][2]int{},
		Villages: []milpPoint{}, Hospitals: []milpPoint{}, Candidates: []milpPoint{}}
	for _, v := range in.villages {
		mi.Villages = append(mi.Villages, milpPoint{v.County, v.Population, v.Location[0], v.Location[1]})
		b := in.opt.bounds(v.County)
		mi.Bounds[v.County] = [2]int{b.Min, b.Max}
	}
	for _, f := range in.facilities {
		p := milpPoint{County: f.County, Lon: f.Location[0], Lat: f.Location[1]}
		switch f.Type {
		case planner.CountyHospital:
			mi.Hospitals = append(mi.Hospitals, p)
		case planner.TownshipHealthCentre:
			mi.Candidates = append(mi.Candidates, p)
		}
	}
	return mi
}

// runMILP solves all instances in one run of the script (scipy's import
// dominates a run).
func runMILP(t *testing.T, ins []budgetInstance) []milpAnswer {
	t.Helper()
	var mis []milpInstance
	for _, in := range ins {
		mis = append(mis, milpOf(in))
	}
	path := filepath.Join(t.TempDir(), "instances.json")
	b, err := json.Marshal(mis)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(milpPython, filepath.Join("..", "..", "tools", "verify_budget.py"), path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("verify_budget.py: %v\n%s", err, stderr.String())
	}
	var ans []milpAnswer
	if err := json.Unmarshal(stdout.Bytes(), &ans); err != nil || len(ans) != len(ins) {
		t.Fatalf("verify_budget.py output %q: %v", stdout.String(), err)
	}
	return ans
}

// TestAllocateSubcentresMILP checks the allocation against scipy's MILP of
// the whole site-level problem on seeded random provinces (ties, twin
// sites, counties with no candidate, unreachable minimums).
func TestAllocateSubcentresMILP(t *testing.T) {
	requireScipy(t)
	ctx := context.Background()
	seeds := uint64(40)
	if testing.Short() {
		seeds = 10
	}
	var ins []budgetInstance
	for seed := range seeds {
		ins = append(ins, randomBudgetInstance(t, 1000+seed, 3+int(seed%4)))
	}
	answers := runMILP(t, ins)
	feasible := 0
	for seed, in := range ins {
		ans := answers[seed]
		got, err := AllocateSubcentres(ctx, in.villages, in.facilities, in.opt)
		if !ans.Feasible {
			if !errors.Is(err, planner.ErrInvalidOptions) {
				t.Fatalf("seed %d: MILP infeasible, AllocateSubcentres err = %v", seed, err)
			}
			continue
		}
		feasible++
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if got.GainPopulation != ans.Gain || got.Allocated != ans.Sites {
			t.Fatalf("seed %d: gain %d with %d sites, MILP %d with %d", seed, got.GainPopulation, got.Allocated, ans.Gain, ans.Sites)
		}
		for _, c := range got.Counties {
			want := ans.PerCountyGain[c.County]
			if len(want) != len(c.GainByK) {
				t.Fatalf("seed %d: county %s: gains %v, MILP %v", seed, c.County, c.GainByK, want)
			}
			for k := range want {
				if want[k] != c.GainByK[k] {
					t.Fatalf("seed %d: county %s: gains %v, MILP %v", seed, c.County, c.GainByK, want)
				}
			}
		}
	}
	if uint64(feasible) < seeds/2 {
		t.Fatalf("only %d of %d instances feasible", feasible, seeds)
	}
}
