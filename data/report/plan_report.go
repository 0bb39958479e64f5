package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"
)

// reportDetailCounties is how many counties WritePlanReport describes in
// full; the others get one table row each.
const reportDetailCounties = 30

// WritePlanReport writes s as a Markdown report a county health bureau can
// file, in opt.Lang (Chinese or English): a header with the date, the
// catchment version, the policy, the distance and radius and each input
// file with its rows and SHA-256 (opt); the glossary of the words the
// report uses, each with one meaning (planner.Terms); the planning figures
// and the source of each; county-level care cover within the radius today
// and with the proposed sub-centres; the sweep, only when one ran; per
// county the chosen sites in rank order and why (people newly within
// reach, distance from the county hospital and the seat, capacity, the
// rule), whether the choice is unique and how far the greedy choice falls
// short; the clinic plan per township with its rules and thresholds,
// flags in words (one sentence per kind, including township health
// centres staffed above their R11 quota); and last the rule table R1–R18
// (planner.Rules), so that every R-number cited resolves.
//
// Every site is named with its id in brackets ("县人民医院 (F000333)") when
// the summary knows its name. With more than 30 counties, the 30 with the
// largest gain are described in full (in name order) and the rest
// summarised in one table each for sub-centres and clinics; every figure
// is in the summary JSON and CSV tables. Numbers have thousands
// separators and agree with their nouns ("1 county"), shares are
// percentages and distances kilometres with one decimal. Input text is
// escaped only where Markdown would read it as structure (see mdText).
// WritePlanHTML renders the same report as HTML for print.
func WritePlanReport(w io.Writer, s summary.PlanSummary, opt Options) error {
	return writePlanReport(w, &s, opt, nil)
}

// writePlanReport writes the plan report; extra, when not nil, writes a
// section of its own before the appendix.
func writePlanReport(w io.Writer, s *summary.PlanSummary, opt Options, extra func(w *bufio.Writer, l i18n.Lang) error) error {
	r := newPlanReport(w, s, opt)
	r.header()
	r.glossary()
	r.policy()
	r.totals()
	r.warnings()
	r.sweep()
	r.counties()
	r.clinics()
	if extra != nil {
		if err := extra(r.w, r.l); err != nil {
			return err
		}
		r.p("\n")
	}
	writeRuleTable(r.w, r.l)
	return table.WrapWrite(r.w.Flush())
}

type planReport struct {
	s   *summary.PlanSummary
	w   *bufio.Writer
	l   i18n.Lang
	opt Options
	// names are the sites' names by id (facilities, given candidates and
	// the chosen sites' explanations).
	names map[string]string
	// detail marks the counties described in full.
	detail map[string]bool
}

func newPlanReport(w io.Writer, s *summary.PlanSummary, opt Options) *planReport {
	r := &planReport{s: s, w: bufio.NewWriter(w), l: opt.Lang.Or(i18n.En), opt: opt, names: map[string]string{}}
	_, facilities, res := s.Plan()
	for _, f := range facilities {
		r.names[f.ID] = f.Name
	}
	if res != nil {
		for _, f := range res.Candidates {
			r.names[f.ID] = cmp.Or(f.Name, r.names[f.ID])
		}
	}
	for _, c := range s.Counties {
		for _, e := range c.Explanation {
			r.names[e.ID] = cmp.Or(e.Name, r.names[e.ID])
		}
	}
	return r
}

func (r *planReport) p(format string, args ...any) { fmt.Fprintf(r.w, format, args...) }

// f writes m in the report's language with args.
func (r *planReport) f(m i18n.Msg, args ...any) { r.w.WriteString(r.l.F(m, args...)) }

// n is a count with its noun in the report's language.
func (r *planReport) n(n int64, noun i18n.Noun) string { return r.l.N(n, noun) }

// km is a distance in kilometres: "15 km", "15公里".
func (r *planReport) km(km float64) string { return r.l.F(pm.km, kmText(km)) }

// site is a site's name with its id in brackets, escaped for Markdown:
// "龙黎乡卫生院 (F000360)", or the id alone when the name is unknown.
func (r *planReport) site(id string) string {
	if name := strings.TrimSpace(r.names[id]); name != "" && name != id {
		return mdText(name) + " (" + mdText(id) + ")"
	}
	return mdText(id)
}

// sites lists sites with site, comma-separated.
func (r *planReport) sites(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = r.site(id)
	}
	return strings.Join(out, r.l.S(pm.listSep))
}

// radiusText is the sub-centre radius in words: "15 km", or "30 minutes"
// when the metric counts time.
func (r *planReport) radiusText() string {
	if m := r.s.Metric; m != nil && m.RadiusMinutes > 0 {
		return r.l.F(pm.minutes, strconv.FormatFloat(m.RadiusMinutes, 'f', -1, 64))
	}
	return r.km(r.s.RadiusKm)
}

func (r *planReport) header() {
	s := r.s
	r.p("# %s\n\n", r.l.S(pm.title))
	f := filing{l: r.l, opt: r.opt, policy: s.Policy, radius: r.radiusText(), counts: s.Inputs,
		metric: "straight line (WGS84 geodesic)"}
	if m := s.Metric; m != nil {
		f.metric = m.Description
	}
	f.write(r.w)
	if m := s.Metric; m != nil {
		r.f(pm.clinicMetric, mdText(metricText(r.l, m.Clinic)))
		r.p("\n\n")
		r.planMetric(m)
	}
	rejectedLine(r.w, r.l, s.RejectedCount)
}
