// Package store is the server's SQLite database (catchment.db in the data
// directory, the pure-Go modernc.org/sqlite driver, no cgo): the records
// of uploaded datasets and of runs. The datasets' tables and the runs'
// result files are files beside it, kept by package server; a record here
// says what they are.
//
// Schema (created if missing, never altered, so a data directory written
// by an earlier server opens unchanged):
//
//   - datasets: id, name, created, hash (sha256 of the canonical tables,
//     hex), villages, facilities, population, counties (JSON list),
//     rejected, warnings, reports (JSON list of table.ReadReport, bounded
//     by the server before they are stored).
//   - runs: id, kind, dataset, key (the computation's identity: equal keys
//     give equal results), status, error, progress (0..1), created,
//     finished ("" until the run ends), params (the canonical request
//     JSON), results (JSON list of ResultFile). Indexes on (key, status)
//     and created.
//
// Times are stored as text in FormatTime's layout (RFC 3339, UTC,
// milliseconds), which sorts as text.
//
// Run states: a run moves queued -> running -> done or failed, and the
// updates here only move it forward (SetRunning needs queued, FinishRun
// and FailIfQueued need a run not yet ended), so a late writer never
// revives a run that something else ended.
//
// Concurrency: the database is opened in WAL mode with synchronous=FULL
// and a 10 s busy timeout, and all access goes through one connection:
// the writes are small and few, one connection cannot meet SQLITE_BUSY
// from itself, and statements are serialized by database/sql. A Store is
// safe for concurrent use; ordering whole operations (a lookup and an
// insert that must not interleave with another's) is the caller's, with
// its own locks. One data directory serves one process at a time (package
// server holds a lock file), so nothing here guards against another
// process writing the same database.
//
// Errors: a record that does not exist is an *apierr.NotFoundError
// (server.ErrNotFound); other errors are the driver's, so that the server
// can tell a full disk (SQLITE_FULL) from them.
package store
