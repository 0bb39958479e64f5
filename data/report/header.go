package report

import (
	"bufio"
	"cmp"
	"fmt"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/internal/numfmt"
)

// policyTitlesZh are the presets' titles in Chinese (planner.Policy.Title
// is English).
var policyTitlesZh = map[string]string{
	"dadukou":  "重庆市大渡口区（实施方案征求意见稿，2023年）",
	"ordos":    "鄂尔多斯市（鄂府办发〔2024〕24号）",
	"shanxi":   "山西省（晋政办发〔2023〕51号）",
	"xinjiang": "新疆维吾尔自治区试点县（自治区卫生健康委等通知，2022-08-31）",
}

// metricWordsZh are the metric descriptions the commands give, in Chinese.
var metricWordsZh = map[string]string{
	"straight line (WGS84 geodesic)": "直线距离（WGS84椭球面测地线）",
	"road by distance":               "沿道路的距离",
	"road by travel time":            "沿道路的行车时间",
	"OD matrix by distance":          "起讫点距离表中的距离",
	"OD matrix by travel time":       "起讫点距离表中的行车时间",
}

var hm = struct {
	date, version, policy, distance, radius, radiusAt, inputs, inputsHead, inputsSep, noInputs i18n.Msg
	rejectedOne, rejectedMany, colon, paren, inputsShort                                       i18n.Msg
}{
	colon:       i18n.Msg{En: ": ", Zh: "："},
	inputsShort: i18n.Msg{En: "| Input | File | SHA-256 |\n|---|---|---|\n", Zh: "| 数据 | 文件 | SHA-256 |\n|---|---|---|\n"},
	paren:       i18n.Msg{En: " (%s)", Zh: "（%s）"},
	date:        i18n.Msg{En: "Date", Zh: "日期"},
	version:     i18n.Msg{En: "Prepared with", Zh: "编制工具"},
	policy:      i18n.Msg{En: "Policy", Zh: "政策依据"},
	distance:    i18n.Msg{En: "Distance", Zh: "距离计算"},
	radius:      i18n.Msg{En: "Service radius", Zh: "服务半径"},
	radiusAt:    i18n.Msg{En: "%s; a village exactly at the radius is within it", Zh: "%s（恰在半径上的村计为半径内）"},
	inputs:      i18n.Msg{En: "Input files (SHA-256 identifies the exact file used):", Zh: "输入文件（SHA-256校验值对应所用文件的确切版本）："},
	inputsHead:  i18n.Msg{En: "| Input | File | Rows | Used | Rejected | SHA-256 |", Zh: "| 数据 | 文件 | 行数 | 采用 | 剔除 | SHA-256 |"},
	inputsSep:   i18n.Msg{En: "|---|---|---:|---:|---:|---|", Zh: "|---|---|---:|---:|---:|---|"},
	noInputs:    i18n.Msg{En: "—", Zh: "—"},
	rejectedOne: i18n.Msg{En: "1 input row was rejected and is not part of this result; the summary JSON gives the reason.",
		Zh: "有1行输入数据被剔除，未纳入本结果；原因见摘要JSON。"},
	rejectedMany: i18n.Msg{En: "%s input rows were rejected and are not part of this result; the summary JSON lists each with its reason.",
		Zh: "有%s行输入数据被剔除，未纳入本结果；摘要JSON逐行列出原因。"},
}

// filing is the header of a report: what a bureau needs to file it and to
// tell which run and which data it came from.
type filing struct {
	l      i18n.Lang
	opt    Options
	policy summary.PlanPolicy // Name "" leaves the line out
	metric string             // "" leaves the line out
	radius string             // formatted; "" leaves the line out
	counts []summary.InputSummary
}

// write writes the bullet lines and the input table.
func (f *filing) write(w *bufio.Writer) {
	l := f.l
	line := func(label i18n.Msg, value string) {
		if value != "" {
			fmt.Fprintf(w, "- **%s**%s%s\n", l.S(label), l.S(hm.colon), value)
		}
	}
	line(hm.date, mdText(f.opt.Date))
	if f.opt.Version != "" {
		line(hm.version, "catchment "+mdText(f.opt.Version))
	}
	if p := f.policy; p.Name != "" || p.Title != "" {
		title := p.Title
		if t, ok := policyTitlesZh[p.Name]; ok && l == i18n.Zh {
			title = t
		}
		line(hm.policy, mdText(cmp.Or(title, p.Name))+l.F(hm.paren, mdCode(p.Name)))
	}
	line(hm.distance, mdText(metricText(l, f.metric)))
	if f.radius != "" {
		line(hm.radius, l.F(hm.radiusAt, f.radius))
	}
	fmt.Fprintf(w, "\n")
	f.inputs(w)
}

// metricText is a metric description in l.
func metricText(l i18n.Lang, d string) string {
	if z, ok := metricWordsZh[d]; ok && l == i18n.Zh {
		return z
	}
	return d
}

// inputs lists the input files: those given with a checksum in
// Options.Inputs first, then any the summary counted that have none.
func (f *filing) inputs(w *bufio.Writer) {
	l := f.l
	if len(f.opt.Inputs) == 0 && len(f.counts) == 0 {
		return
	}
	if f.counts == nil { // a programme report: no row counts
		fmt.Fprintf(w, "%s\n\n%s", l.S(hm.inputs), l.S(hm.inputsShort))
		for _, in := range f.opt.Inputs {
			fmt.Fprintf(w, "| %s | %s | %s |\n", mdText(roleText(l, in.Role)), mdText(in.Path), mdCode(in.SHA256))
		}
		fmt.Fprintf(w, "\n")
		return
	}
	fmt.Fprintf(w, "%s\n\n%s\n%s\n", l.S(hm.inputs), l.S(hm.inputsHead), l.S(hm.inputsSep))
	used := make([]bool, len(f.counts))
	row := func(role, path, sha string) {
		cells := []string{l.S(hm.noInputs), l.S(hm.noInputs), l.S(hm.noInputs)}
		for i, c := range f.counts {
			if !used[i] && c.File == path {
				used[i] = true
				cells = []string{numfmt.GroupThousands(int64(c.Rows)), numfmt.GroupThousands(int64(c.Accepted)), numfmt.GroupThousands(int64(c.Rejected))}
				break
			}
		}
		if sha == "" {
			sha = l.S(hm.noInputs)
		} else {
			sha = mdCode(sha)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", mdText(roleText(l, role)), mdText(path), cells[0], cells[1], cells[2], sha)
	}
	for _, in := range f.opt.Inputs {
		row(in.Role, in.Path, in.SHA256)
	}
	for i, c := range f.counts {
		if !used[i] {
			row("", c.File, "")
		}
	}
	fmt.Fprintf(w, "\n")
}

// rejected says how many input rows were rejected, if any.
func rejectedLine(w *bufio.Writer, l i18n.Lang, n int) {
	switch {
	case n == 1:
		fmt.Fprintf(w, "%s\n\n", l.S(hm.rejectedOne))
	case n > 1:
		fmt.Fprintf(w, "%s\n\n", l.F(hm.rejectedMany, numfmt.GroupThousands(int64(n))))
	}
}
