// Package csvio reads and writes catchment's CSV tables: the input reader
// (a table.Format: comma, tab or semicolon delimited, quoted fields, any
// header order), the coverage table, the input tables written back
// (villages.csv, facilities.csv), the plan's CSV tables, the programme
// tables (BudgetRows, PhaseRows, PhaseSummaryRows, QuotaRows,
// ScorecardRows, written by WriteRows) and the scorecard's small input
// tables (ReadCountyTable, ReadPreviousCards). It is named
// csvio so that it does not shadow encoding/csv, which it uses.
//
// Files meant for spreadsheets start with a UTF-8 byte order mark so that
// Excel shows Chinese names; every writer either writes everything or,
// on inconsistent input, nothing (table.ErrWriteInput).
package csvio
