// Package report renders summaries for people, in Chinese or English
// (package i18n; the catalogues are the messages_*.go files): the aligned
// text tables a command prints (WriteCoverageTableIn, WritePlanTableIn)
// and the Markdown plan report (WritePlanReport), and the programme
// sections of issue 11, each explaining its result with its rule: the
// city-wide budget (R5, WriteBudgetSection, WritePlanBudgetReport), phased
// upgrades (R17, WritePhaseReport), staff quotas (R10/R11,
// WriteQuotaReport) and the county scorecard (R16, WriteScorecardReport).
//
// A report opens with the header a health bureau files it with (Options:
// date, catchment version, policy, each input file's SHA-256, all passed
// in by the caller) and ends with the rules it cites from planner.Rules()
// (the plan report with the whole table R1–R18, the programme reports with
// WriteRulesAppendix). WriteHTML turns any of them into one HTML page laid
// out for print on A4. The planner's explanations come as notes (package
// planner/note: a code and the values it states) beside their English; an
// English report shows the English, a Chinese report renders the notes
// from its own catalogue (notes_zh.go) and the texts they cite (policy
// sources, the programme's rules) from cited_zh.go. Text formatting such
// as digit grouping lives here, at the edge, not in package planner.
package report
