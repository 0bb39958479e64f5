// Package report renders summaries for people: the aligned text tables a
// command prints (WriteCoverageTable, WritePlanTable) and the Markdown plan
// report (WritePlanReport), and the programme sections of issue 11, each
// explaining its result with its rule: the city-wide budget (R5,
// WriteBudgetSection, WritePlanBudgetReport), phased upgrades (R17,
// WritePhaseReport), staff quotas (R10/R11, WriteQuotaReport) and the
// county scorecard (R16, WriteScorecardReport), each ending with
// WriteRulesAppendix, which resolves every rule cited from
// planner.Rules(). Text formatting such as digit grouping lives
// here, at the edge, not in package planner.
package report
