package programme

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/catchment/catchment/planner"
)

func TestQuotaStaffHand(t *testing.T) {
	// 10 staff, needs 5, 3, 2 +0 → exact 5, 3, 2; needs 1,1,1 → 3.33 each.
	res, err := QuotaStaff(10, []CountyNeed{{County: "A", DoctorGap: 1}, {County: "B", THCStaffGap: 1}, {County: "C", DoctorGap: 1}})
	if err != nil {
		t.Fatal(err)
	}
	// floors 3,3,3, one left: equal remainders and needs → name order: A.
	want := []int{4, 3, 3}
	for i, c := range res.Counties {
		if c.Quota != want[i] || c.Exact != "3.333" {
			t.Errorf("%s: quota %d (exact %s), want %d (3.333)", c.County, c.Quota, c.Exact, want[i])
		}
	}
	// 7 staff, needs 6, 3, 1: exact 4.2, 2.1, 0.7 → floors 4,2,0, one left to C (0.7).
	res, _ = QuotaStaff(7, []CountyNeed{{County: "A", DoctorGap: 4, THCStaffGap: 2}, {County: "B", DoctorGap: 3}, {County: "C", THCStaffGap: 1}})
	for i, w := range []int{4, 2, 1} {
		if res.Counties[i].Quota != w {
			t.Errorf("7 staff: %s gets %d, want %d", res.Counties[i].County, res.Counties[i].Quota, w)
		}
	}
	// Equal remainders, different need: 1 staff, needs 2 and 2 → tie on need too → A; needs 1, 3 with 2 staff: 0.5,1.5 → floors 0,1; remainders equal → larger need (B).
	res, _ = QuotaStaff(2, []CountyNeed{{County: "A", DoctorGap: 1}, {County: "B", DoctorGap: 3}})
	if res.Counties[0].Quota != 0 || res.Counties[1].Quota != 2 {
		t.Errorf("needs 1 and 3, 2 staff: %d and %d, want 0 and 2 (equal remainders, larger need first)", res.Counties[0].Quota, res.Counties[1].Quota)
	}
	// No need anywhere: equal split, said so.
	res, _ = QuotaStaff(5, []CountyNeed{{County: "A"}, {County: "B"}})
	if res.Counties[0].Quota != 3 || res.Counties[1].Quota != 2 || res.Note == "" {
		t.Errorf("no need: %+v", res)
	}
}

// TestQuotaStaffProperties: the quotas sum exactly, each lies within the
// floor and ceiling of its exact share, and a larger remainder is never
// passed over for a smaller one.
func TestQuotaStaffProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for it := range 2000 {
		n := 1 + r.IntN(12)
		needs := make([]CountyNeed, n)
		for i := range needs {
			needs[i] = CountyNeed{County: fmt.Sprintf("C%02d", i), DoctorGap: r.IntN(40) * r.IntN(2), THCStaffGap: r.IntN(10)}
		}
		total := r.IntN(1000)
		res, err := QuotaStaff(total, needs)
		if err != nil {
			t.Fatal(err)
		}
		sum, need := 0, int64(res.TotalNeed)
		w := func(i int) int64 { return int64(needs[i].Need()) }
		if need == 0 {
			need = int64(n)
			w = func(int) int64 { return 1 }
		}
		for i, c := range res.Counties {
			sum += c.Quota
			lo := int64(total) * w(i) / need
			hi := lo
			if int64(total)*w(i)%need != 0 {
				hi++
			}
			if int64(c.Quota) < lo || int64(c.Quota) > hi {
				t.Fatalf("it %d: %s quota %d outside [%d, %d]", it, c.County, c.Quota, lo, hi)
			}
		}
		if sum != total {
			t.Fatalf("it %d: quotas sum to %d, want %d", it, sum, total)
		}
		for i, a := range res.Counties {
			for j, b := range res.Counties {
				ra, rb := int64(total)*w(i)%need, int64(total)*w(j)%need
				if !a.RoundedUp && b.RoundedUp && ra > rb {
					t.Fatalf("it %d: %s (remainder %d) not rounded up but %s (%d) is", it, a.County, ra, b.County, rb)
				}
			}
		}
	}
}

func TestQuotaStaffErrors(t *testing.T) {
	cases := []struct {
		total int
		needs []CountyNeed
	}{
		{-1, []CountyNeed{{County: "A"}}},
		{5, nil},
		{5, []CountyNeed{{County: "A", DoctorGap: -1}}},
		{5, []CountyNeed{{County: "A"}, {County: "A"}}},
	}
	for _, c := range cases {
		if _, err := QuotaStaff(c.total, c.needs); !errors.Is(err, planner.ErrInvalidOptions) {
			t.Errorf("%d %+v: err = %v", c.total, c.needs, err)
		}
	}
}
