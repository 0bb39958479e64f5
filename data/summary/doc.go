// Package summary condenses a coverage or plan run into the figures a
// planner reads: totals, per-county and per-township tables, uncovered
// villages, the policy figures used and the input reports; and encodes
// them as JSON (WriteSummaryJSON, WritePlanSummaryJSON), which decodes
// back into the same values.
package summary
