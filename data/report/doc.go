// Package report renders summaries for people: the aligned text tables a
// command prints (WriteCoverageTable, WritePlanTable) and the Markdown plan
// report (WritePlanReport). Text formatting such as digit grouping lives
// here, at the edge, not in package planner.
package report
