package report

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/internal/numfmt"
)

// writeMetricLines states the metric of a coverage run other than the
// straight line: what it is, the road network, catchment's speed
// assumptions and how many villages change status against the straight
// line. Nothing is written for the straight line.
func writeMetricLines(w io.Writer, s summary.CoverageSummary) {
	m := s.Metric
	if m == nil {
		return
	}
	fmt.Fprintf(w, "\nDistance: %s", m.Description)
	if m.RoadFile != "" {
		fmt.Fprintf(w, " along %s", m.RoadFile)
	}
	if m.ODFile != "" {
		fmt.Fprintf(w, " from %s (%d pairs)", m.ODFile, m.ODPairs)
	}
	fmt.Fprintln(w)
	if st := m.Stats; st != nil {
		fmt.Fprintf(w, "Road network: %s nodes, %s segments, %s graph nodes, %s components (largest %s nodes)\n",
			numfmt.GroupThousands(int64(st.Nodes)), numfmt.GroupThousands(int64(st.Segments)), numfmt.GroupThousands(int64(st.GraphNodes)),
			numfmt.GroupThousands(int64(st.Components)), numfmt.GroupThousands(int64(st.LargestComponent)))
	}
	if len(m.SpeedsKmh) > 0 {
		fmt.Fprintf(w, "Speeds assumed by catchment (km/h): %s; off-road legs at %g km/h, at most %g km\n",
			SpeedsText(m.SpeedsKmh), m.AccessSpeedKmh, m.MaxSnapKm)
	}
	for k := range m.CoverLost {
		label := radiusLabel(s, m, k)
		fmt.Fprintf(w, "Against the straight line within %s: %s villages lose emergency network cover, %s gain it\n",
			label, numfmt.GroupThousands(int64(m.CoverLost[k])), numfmt.GroupThousands(int64(at(m.CoverGained, k))))
	}
	fmt.Fprintf(w, "Villages reaching no emergency facility by this metric: %s\n", numfmt.GroupThousands(int64(m.Unreachable)))
}

func radiusLabel(s summary.CoverageSummary, m *summary.MetricCoverage, k int) string {
	if k < len(s.RadiiKm) {
		l := strconv.FormatFloat(s.RadiiKm[k], 'f', -1, 64) + " km"
		if k < len(m.RadiiMinutes) {
			l = strconv.FormatFloat(m.RadiiMinutes[k], 'f', -1, 64) + " min (straight " + l + ")"
		}
		return l
	}
	return "radius " + strconv.Itoa(k+1)
}

func at(s []int, k int) int {
	if k < len(s) {
		return s[k]
	}
	return 0
}

// SpeedsText renders a speed table sorted by class: "motorway 100, ...".
func SpeedsText(sp map[string]float64) string {
	keys := slices.Sorted(maps.Keys(sp))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + " " + strconv.FormatFloat(sp[k], 'f', -1, 64)
	}
	return strings.Join(parts, ", ")
}

// radiusLabels are the coverage table's radii: "15 km", or "30 min" when
// the cover is by travel time (the largest last, as planner sorts them).
func radiusLabels(s summary.CoverageSummary) []string {
	if len(s.RadiiMinutes) > 0 {
		labels := make([]string, len(s.RadiiMinutes))
		for k, r := range s.RadiiMinutes {
			labels[k] = strconv.FormatFloat(r, 'f', -1, 64) + " min"
		}
		return labels
	}
	labels := make([]string, len(s.RadiiKm))
	for k, r := range s.RadiiKm {
		labels[k] = strconv.FormatFloat(r, 'f', -1, 64) + " km"
	}
	return labels
}

// planMetric states the road network and catchment's speed assumptions in
// the plan report.
func (r *planReport) planMetric(m *summary.PlanMetric) {
	if m.RoadFile != "" {
		r.p("Road network: %s", mdText(m.RoadFile))
		if st := m.Stats; st != nil {
			r.p(" (%s nodes, %s segments, %s components)", numfmt.GroupThousands(int64(st.Nodes)),
				numfmt.GroupThousands(int64(st.Segments)), numfmt.GroupThousands(int64(st.Components)))
		}
		r.p(". Itinerant routes are measured and drawn along the roads.\n\n")
	}
	if len(m.SpeedsKmh) > 0 {
		r.p("Speeds assumed by catchment (km/h, typical rural driving, overridable in a scenario's `[speeds]` table): %s; "+
			"off-road legs at %g km/h, at most %g km from a road.\n\n", mdText(SpeedsText(m.SpeedsKmh)), m.AccessSpeedKmh, m.MaxSnapKm)
	}
	if m.ODFile != "" {
		r.p("Distances from the origin–destination table %s (%d pairs); pairs absent are not reachable.\n\n", mdText(m.ODFile), m.ODPairs)
	}
}
