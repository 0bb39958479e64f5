// Package xlsx reads the tables county health bureaus circulate as Excel
// workbooks (.xlsx) and writes plan tables back as a workbook, using
// github.com/xuri/excelize/v2. It is format-only: ReadRecords returns a
// header and string cells with their spreadsheet row numbers; header
// matching and row validation belong to the caller's table layer, which can
// report a rejected row as "file.xlsx:ROW: reason" exactly as for a CSV
// line.
//
// Reading rules (ReadRecords):
//
//   - The first sheet is read unless Options.Sheet names another (matched
//     exactly, then case-insensitively after trimming spaces); an unknown
//     name is a *SheetError listing the sheets.
//   - Cells are the text a person sees, with these exceptions for numbers:
//     thousands separators are dropped ("2,731" → "2731"), scientific
//     notation is never returned for a value whose digits are in the cell
//     (a 12-digit division code 140105001001 stays 140105001001 even under
//     a "0.00E+00" format), binary float artefacts are rounded away at
//     Excel's 15 significant digits (2730.9999999999995 → 2731), and a
//     numeric cell whose fraction ends in six or more 0s or 9s and at most
//     two further digits is rounded before that run (2731.0000001 → 2731,
//     2730.99999999999 → 2731). Numbers
//     stored as text are returned as stored. Dates and percentages are
//     returned as displayed. Surrounding white space (including the
//     ideographic space U+3000) is trimmed.
//   - Empty rows are skipped wherever they are; trailing empty cells are
//     dropped from every row.
//   - Title rows above the header are skipped with a Warning: a leading row
//     that lies in a merged range spanning two or more columns and holds at
//     most one distinct value, or a leading row with a single non-empty
//     cell followed by a row with two or more. At most MaxTitleRows rows are
//     skipped this way; the first other row is the header.
//   - Total rows (first non-empty cell 合计, 总计, 小计, 共计, 总数, Total,
//     Subtotal, Grand total or Sum, ignoring case, spaces and a trailing
//     colon) are skipped with a Warning wherever they are, so a subtotal
//     never counts a population twice.
//   - Bounded: at most Options.MaxBytes of input, MaxRows non-empty rows and
//     MaxCols columns; beyond that the error wraps ErrTooLarge.
//
// Writing (WriteTables): one sheet per table, header row bold and frozen,
// typed cells (numbers as numbers, booleans, text as text so codes keep
// their leading zeros), column widths from the display width of the header
// and the first 1,000 rows (CJK counted double, 8 to 60 characters), sheet
// names sanitised to Excel's rules (no []:*?/\, at most 31 characters,
// unique ignoring case).
package xlsx
