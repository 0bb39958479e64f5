// Package summary condenses a coverage or plan run into the figures a
// planner reads: totals, per-county and per-township tables (with both
// cover measures, see planner.Terms), the villages without emergency
// network cover, the policy figures used and the input reports; and
// encodes them as JSON (WriteSummaryJSON, WritePlanSummaryJSON), which
// decodes back into the same values.
package summary
