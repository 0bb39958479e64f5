package report

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/i18n"
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
func radiusLabels(s summary.CoverageSummary, l i18n.Lang) []string {
	if len(s.RadiiMinutes) > 0 {
		labels := make([]string, len(s.RadiiMinutes))
		for k, r := range s.RadiiMinutes {
			labels[k] = l.F(tm.minutes, strconv.FormatFloat(r, 'f', -1, 64))
		}
		return labels
	}
	labels := make([]string, len(s.RadiiKm))
	for k, r := range s.RadiiKm {
		labels[k] = l.F(pm.km, strconv.FormatFloat(r, 'f', -1, 64))
	}
	return labels
}

var mm = struct{ roads, roadStats, roadsAlong, speeds, od i18n.Msg }{
	roads:      i18n.Msg{En: "Road network: %s", Zh: "路网：%s"},
	roadStats:  i18n.Msg{En: " (%s nodes, %s segments, %s components)", Zh: "（%s个节点，%s个路段，%s个连通分量）"},
	roadsAlong: i18n.Msg{En: ". Itinerant routes are measured and drawn along the roads.", Zh: "。巡诊路线沿道路计算和绘制。"},
	speeds: i18n.Msg{En: "Speeds assumed by catchment (km/h, typical rural driving, overridable in a scenario's `[speeds]` table): %s; off-road legs at %g km/h, at most %g km from a road.",
		Zh: "catchment假定的车速（公里/小时，农村道路一般行驶速度，可在方案文件的`[speeds]`表中修改）：%s；离开道路的路段按%g公里/小时计，距道路不超过%g公里。"},
	od: i18n.Msg{En: "Distances from the origin–destination table %s (%d pairs); pairs absent are not reachable.",
		Zh: "距离取自起讫点距离表%s（%d对）；表中没有的起讫点视为不可达。"},
}

// planMetric states the road network and catchment's speed assumptions in
// the plan report.
func (r *planReport) planMetric(m *summary.PlanMetric) {
	if m.RoadFile != "" {
		r.f(mm.roads, mdText(m.RoadFile))
		if st := m.Stats; st != nil {
			r.f(mm.roadStats, numfmt.GroupThousands(int64(st.Nodes)), numfmt.GroupThousands(int64(st.Segments)), numfmt.GroupThousands(int64(st.Components)))
		}
		r.f(mm.roadsAlong)
		r.p("\n\n")
	}
	if len(m.SpeedsKmh) > 0 {
		r.f(mm.speeds, mdText(SpeedsText(m.SpeedsKmh)), m.AccessSpeedKmh, m.MaxSnapKm)
		r.p("\n\n")
	}
	if m.ODFile != "" {
		r.f(mm.od, mdText(m.ODFile), m.ODPairs)
		r.p("\n\n")
	}
}
