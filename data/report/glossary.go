package report

import (
	"bufio"
	"fmt"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/planner"
)

var gm = struct {
	glossary, glossaryIntro, glossaryHead, rules, rulesIntro, rulesHead i18n.Msg
}{
	glossary: i18n.Msg{En: "Terms used in this report", Zh: "本报告用语"},
	glossaryIntro: i18n.Msg{En: "Each term has one meaning throughout this report, the tables, the maps and the data files of the same run.",
		Zh: "以下用语在本报告及同一次运行的表格、地图和数据文件中含义一致。"},
	glossaryHead: i18n.Msg{En: "| Term | Meaning | Rule |\n|---|---|---|\n", Zh: "| 用语 | 含义 | 依据 |\n|---|---|---|\n"},
	rules:        i18n.Msg{En: "Appendix: rules R1–R18", Zh: "附录：政策规则R1–R18"},
	rulesIntro: i18n.Msg{En: "The rules of the regional policy documents that this report cites by number (R1–R18), with the figure each sets and the issuing document.",
		Zh: "本报告按编号（R1–R18）引用的各地政策文件规则，及其规定的数值和发文机关、文号。"},
	rulesHead: i18n.Msg{En: "| Rule | What it says | Figure | Issuing document |\n|---|---|---|---|\n",
		Zh: "| 规则 | 内容 | 数值 | 发文机关及文号 |\n|---|---|---|---|\n"},
}

// glossary writes planner.Terms() once, in the report's language; the
// English report gives each term's Chinese as in the documents.
func (r *planReport) glossary() {
	writeGlossary(r.w, r.l)
}

func writeGlossary(w *bufio.Writer, l i18n.Lang) {
	fmt.Fprintf(w, "## %s\n\n%s\n\n%s", l.S(gm.glossary), l.S(gm.glossaryIntro), l.S(gm.glossaryHead))
	for _, t := range planner.Terms() {
		name, def := t.Name+" ("+t.NameZh+")", t.Definition
		if l == i18n.Zh {
			name, def = t.NameZh, t.DefinitionZh
		}
		rule := t.Rule
		if rule == "" {
			rule = "—"
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", mdText(name), mdText(def), mdText(rule))
	}
	fmt.Fprintf(w, "\n")
}

// writeRuleTable writes the whole rule table R1–R18 (planner.Rules) as the
// appendix: rule, what it says, its figure and the issuing document, in
// l.
func writeRuleTable(w *bufio.Writer, l i18n.Lang) {
	fmt.Fprintf(w, "## %s\n\n%s\n\n%s", l.S(gm.rules), l.S(gm.rulesIntro), l.S(gm.rulesHead))
	for _, r := range planner.Rules() {
		text, fig, src := r.Text, r.Figure, r.Source
		if l == i18n.Zh {
			text, fig, src = r.TextZh, ruleFigureZh(r.Figure), r.SourceZh
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", r.ID, mdText(text), mdText(fig), mdText(src))
	}
}

// ruleFiguresZh are the rule table's figures in Chinese (planner.Rule has
// the figure in English only); a test checks that every rule has one.
var ruleFiguresZh = map[string]string{
	"10–20 km":                               "10–20公里",
	"1–3 per county":                         "每县1–3个",
	"1–2 per banner/district":                "每旗区1–2个",
	"≥ 1 per county":                         "每县至少1个",
	"10 by end of 2026":                      "2026年底前10个",
	"< 200 residents":                        "常住人口200人以下",
	"—":                                      "—",
	"< 500 served":                           "服务人口500人以下",
	"≥ 800 served":                           "服务人口800人及以上",
	"≥ 1 per 1,000":                          "每千人至少1名",
	"1.2‰–1.7‰":                              "1.2‰–1.7‰",
	"3.5":                                    "3.5",
	"4":                                      "4",
	"≥ 1000 / 800 / 700 / 600 yuan":          "不低于1000/800/700/600元",
	"100 %":                                  "100%",
	"bottom 2":                               "排名后两位",
	"530 (2024), 1,060 (2025), 1,048 (2026)": "530个（2024年）、1,060个（2025年）、1,048个（2026年）",
	"≥ 45 % (Shanxi); ≥ 50 % (Zibo, Dadukou)": "≥45%（山西）；≥50%（淄博、大渡口）",
}

// ruleFigureZh is a rule's figure in Chinese, or as it is when there is
// no translation.
func ruleFigureZh(f string) string {
	if z, ok := ruleFiguresZh[f]; ok {
		return z
	}
	return f
}
