package planner

// VillageDoctorsNeeded returns the village doctors a clinic serving
// servedPopulation residents needs: at least one per thousand served
// people, rounded up, and never fewer than one (R10).
func VillageDoctorsNeeded(servedPopulation int) int {
	if servedPopulation <= 1000 {
		return 1
	}
	return (servedPopulation + 999) / 1000
}

// THCStaffRange returns the township health centre staffing quota for a
// township of residents people (R11: 1.2‰–1.7‰ of residents).
//
// The lower end is rounded up, ceil(1.2‰·residents), since it is a floor
// the centre must reach; the upper end is rounded down, floor(1.7‰·
// residents), since it is a cap the quota must not exceed. For small
// townships (under about 2,000 residents) that cap can fall below the
// floor; maxStaff is then raised to minStaff so the range is never empty.
// The arithmetic is in integers, so there is no float rounding at the
// boundaries. Negative residents count as zero.
func THCStaffRange(residents int64) (minStaff, maxStaff int) {
	if residents <= 0 {
		return 0, 0
	}
	lo := (12*residents + 9999) / 10000
	hi := 17 * residents / 10000
	return int(lo), int(max(lo, hi))
}

// StaffGap returns how many staff are missing to reach need when have are
// present: max(0, need-have), or CapacityUnknown when have is unknown.
func StaffGap(need, have int) int {
	if have == CapacityUnknown {
		return CapacityUnknown
	}
	return max(0, need-have)
}
