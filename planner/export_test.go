package planner

// WarnFourClusters is the world of TestPlanWarnsMaximumExceeded, for the
// budget's test in package planner_test (which may import programme).
func WarnFourClusters() ([]Village, []Facility) {
	w := scFourClusters()
	for i := range w.vs {
		w.vs[i].Township = "t"
	}
	return w.vs, w.fs
}
