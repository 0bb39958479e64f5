package server

import (
	"bufio"
	"io"
	"slices"
	"strconv"

	"github.com/catchment/catchment/roads"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Bounds of GET /api/v1/datasets/{id}/roads.geojson: a browser draws a
// few hundred thousand points comfortably, and the answer stays a few
// megabytes.
const (
	// MaxRoadLines is the most lines served; beyond it the longest are kept.
	MaxRoadLines = 50_000
	// MaxRoadPoints is the most points served: the tolerance is raised
	// (four times at a step, up to MaxSimplifyM) until the lines fit, and
	// the longest lines that fit are kept when even that is not enough.
	MaxRoadPoints = 400_000
	// MaxSimplifyM is the largest simplification tolerance, in metres.
	MaxSimplifyM = 10_000
	// defaultSimplifyM is the tolerance when the request gives none: a
	// pixel at zoom 13 or so.
	defaultSimplifyM = 10
)

// servedLines are the lines of a network as served, with what was done
// to bound them.
type servedLines struct {
	lines      orb.MultiLineString
	total      int     // lines at the final tolerance, before the cap
	toleranceM float64 // the simplification used
}

func (l servedLines) truncated() bool { return len(l.lines) < l.total }

func points(ls orb.MultiLineString) int {
	n := 0
	for _, l := range ls {
		n += len(l)
	}
	return n
}

// roadLines simplifies net's lines at simplifyM (defaultSimplifyM when
// negative), more when they pass MaxRoadPoints, and keeps the longest
// that fit MaxRoadLines and MaxRoadPoints. Cost: one Lines call per
// tolerance tried, at most six.
func roadLines(net *roads.Network, simplifyM float64) servedLines {
	tol := simplifyM
	if tol < 0 {
		tol = defaultSimplifyM
	}
	lines := net.Lines(tol)
	for points(lines) > MaxRoadPoints && tol < MaxSimplifyM {
		tol = min(max(tol*4, 1), MaxSimplifyM)
		lines = net.Lines(tol)
	}
	out := servedLines{lines: lines, total: len(lines), toleranceM: tol}
	if len(lines) <= MaxRoadLines && points(lines) <= MaxRoadPoints {
		return out
	}
	// Longest first (planar length in degrees is enough to rank them).
	type ranked struct {
		i   int
		len float64
	}
	rk := make([]ranked, len(lines))
	for i, l := range lines {
		rk[i] = ranked{i, planar.Length(l)}
	}
	slices.SortStableFunc(rk, func(a, b ranked) int {
		switch {
		case a.len > b.len:
			return -1
		case a.len < b.len:
			return 1
		}
		return 0
	})
	kept := make(orb.MultiLineString, 0, min(len(lines), MaxRoadLines))
	n := 0
	for _, r := range rk {
		if len(kept) == MaxRoadLines {
			break
		}
		if n+len(lines[r.i]) > MaxRoadPoints {
			continue
		}
		n += len(lines[r.i])
		kept = append(kept, lines[r.i])
	}
	out.lines = kept
	return out
}

// writeRoadLines writes lines as a GeoJSON FeatureCollection of
// LineStrings without properties, coordinates to 6 decimals (0.1 m).
func writeRoadLines(w io.Writer, lines orb.MultiLineString) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(`{"type":"FeatureCollection","features":[`)
	buf := make([]byte, 0, 64)
	for i, l := range lines {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString(`{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[`)
		for j, p := range l {
			buf = buf[:0]
			if j > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, '[')
			buf = strconv.AppendFloat(buf, p[0], 'f', 6, 64)
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, p[1], 'f', 6, 64)
			buf = append(buf, ']')
			if _, err := bw.Write(buf); err != nil {
				return err
			}
		}
		bw.WriteString("]}}")
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}
