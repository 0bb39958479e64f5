package planner

import "testing"

func TestVillageDoctorsNeeded(t *testing.T) {
	tests := []struct{ served, want int }{
		{0, 1}, {1, 1}, {999, 1}, {1000, 1}, {1001, 2}, {1999, 2}, {2000, 2}, {2001, 3}, {12345, 13}, {-5, 1},
	}
	for _, tc := range tests {
		if got := VillageDoctorsNeeded(tc.served); got != tc.want {
			t.Errorf("VillageDoctorsNeeded(%d) = %d, want %d", tc.served, got, tc.want)
		}
	}
}

func TestTHCStaffRange(t *testing.T) {
	tests := []struct {
		residents        int64
		wantMin, wantMax int
	}{
		{0, 0, 0},
		{-10, 0, 0},
		{1, 1, 1},        // ceil(0.0012)=1, floor(0.0017)=0 -> raised to 1
		{1000, 2, 2},     // ceil(1.2)=2, floor(1.7)=1 -> raised to 2
		{2000, 3, 3},     // 2.4 -> 3, 3.4 -> 3
		{5000, 6, 8},     // exactly 6.0 stays 6, 8.5 -> 8
		{10000, 12, 17},  // exact products are not rounded away
		{10001, 13, 17},  // 12.0012 -> 13, 17.0017 -> 17
		{25000, 30, 42},  // 42.5 -> 42
		{58824, 71, 100}, // 70.5888 -> 71, 100.0008 -> 100
		{1_000_000, 1200, 1700},
	}
	for _, tc := range tests {
		lo, hi := THCStaffRange(tc.residents)
		if lo != tc.wantMin || hi != tc.wantMax {
			t.Errorf("THCStaffRange(%d) = %d..%d, want %d..%d", tc.residents, lo, hi, tc.wantMin, tc.wantMax)
		}
	}
}

func TestStaffGap(t *testing.T) {
	tests := []struct{ need, have, want int }{
		{12, 10, 2}, {12, 12, 0}, {12, 20, 0}, {0, 0, 0}, {5, 0, 5}, {12, CapacityUnknown, CapacityUnknown},
	}
	for _, tc := range tests {
		if got := StaffGap(tc.need, tc.have); got != tc.want {
			t.Errorf("StaffGap(%d, %d) = %d, want %d", tc.need, tc.have, got, tc.want)
		}
	}
}
