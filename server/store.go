package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/catchment/catchment/data/table"
	_ "modernc.org/sqlite" // pure-Go SQLite driver "sqlite": no cgo
)

// Run states. A run moves queued -> running -> done or failed; a run found
// queued or running when the server starts was interrupted and becomes
// failed.
const (
	statusQueued  = "queued"
	statusRunning = "running"
	statusDone    = "done"
	statusFailed  = "failed"
)

// Run kinds.
const (
	kindCoverage = "coverage"
	kindPlan     = "plan"
)

// datasetRecord is a stored dataset: its identity, size and the read
// reports of its upload. The tables themselves are files (see
// Server.datasetDir).
type datasetRecord struct {
	ID, Name   string
	Builtin    bool // the embedded sample: not stored, cannot be deleted
	Created    time.Time
	Hash       string // sha256 of the canonical CSV tables, hex
	Villages   int
	Facilities int
	Population int64
	Counties   []string // by name
	// Reports are the read reports of the upload (villages, facilities);
	// nil in records from listDatasets.
	Reports []*table.ReadReport
	// Rejected and Warnings count the rows of all reports.
	Rejected, Warnings int
	// Boundaries is whether the dataset has county boundaries (see
	// Server.boundariesPath); not a database column.
	Boundaries bool
	// Roads describes the dataset's road network, nil when it has none
	// (see Server.roadsInfo); not a database column.
	Roads *RoadsInfo
}

// resultFile is one result of a finished run.
type resultFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// runRecord is a stored run.
type runRecord struct {
	ID, Kind, Dataset string
	// Key identifies the computation: equal keys give equal results.
	Key      string
	Status   string
	Error    string
	Progress float64
	Created  time.Time
	Finished time.Time // zero until done or failed
	Params   json.RawMessage
	Results  []resultFile
}

func (r *runRecord) result(name string) (resultFile, bool) {
	for _, f := range r.Results {
		if f.Name == name {
			return f, true
		}
	}
	return resultFile{}, false
}

// store is the SQLite database of datasets and runs. All access goes
// through one connection: the writes are small and few, and one
// connection cannot meet SQLITE_BUSY from itself.
type store struct {
	db *sql.DB
	// failWrite, set by tests, is called before the writes named by op
	// ("finish", "start", "insert-run", "insert-dataset"); an error it
	// returns is the write's, as a full disk would give it.
	failWrite atomic.Pointer[func(op string) error]
}

// hook returns the error a test injects for op, or nil.
func (st *store) hook(op string) error {
	if f := st.failWrite.Load(); f != nil {
		return (*f)(op)
	}
	return nil
}

const schema = `
CREATE TABLE IF NOT EXISTS datasets (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	created    TEXT NOT NULL,
	hash       TEXT NOT NULL,
	villages   INTEGER NOT NULL,
	facilities INTEGER NOT NULL,
	population INTEGER NOT NULL,
	counties   TEXT NOT NULL,
	rejected   INTEGER NOT NULL,
	warnings   INTEGER NOT NULL,
	reports    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
	id       TEXT PRIMARY KEY,
	kind     TEXT NOT NULL,
	dataset  TEXT NOT NULL,
	key      TEXT NOT NULL,
	status   TEXT NOT NULL,
	error    TEXT NOT NULL DEFAULT '',
	progress REAL NOT NULL DEFAULT 0,
	created  TEXT NOT NULL,
	finished TEXT NOT NULL DEFAULT '',
	params   TEXT NOT NULL,
	results  TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS runs_key ON runs (key, status);
CREATE INDEX IF NOT EXISTS runs_created ON runs (created);
`

func openStore(path string) (*store, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("server: open database %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("server: database %s: %w", path, err)
	}
	return &store{db: db}, nil
}

func (st *store) close() error { return st.db.Close() }

func (st *store) insertDataset(ctx context.Context, d *datasetRecord) error {
	if err := st.hook("insert-dataset"); err != nil {
		return err
	}
	counties, err := json.Marshal(d.Counties)
	if err != nil {
		return err
	}
	reports, err := json.Marshal(d.Reports)
	if err != nil {
		return err
	}
	_, err = st.db.ExecContext(ctx, `INSERT INTO datasets
		(id, name, created, hash, villages, facilities, population, counties, rejected, warnings, reports)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.Name, formatTime(d.Created), d.Hash, d.Villages, d.Facilities, d.Population, string(counties),
		d.Rejected, d.Warnings, string(reports))
	return err
}

const datasetColumns = `id, name, created, hash, villages, facilities, population, counties, rejected, warnings`

type scanner interface{ Scan(dest ...any) error }

func scanDataset(row scanner, withReports bool) (*datasetRecord, error) {
	d := &datasetRecord{}
	var created, counties, reports string
	dest := []any{&d.ID, &d.Name, &created, &d.Hash, &d.Villages, &d.Facilities, &d.Population, &counties, &d.Rejected, &d.Warnings}
	if withReports {
		dest = append(dest, &reports)
	}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	d.Created = parseTime(created)
	if err := json.Unmarshal([]byte(counties), &d.Counties); err != nil {
		return nil, fmt.Errorf("server: dataset %s: counties: %w", d.ID, err)
	}
	if withReports {
		if err := json.Unmarshal([]byte(reports), &d.Reports); err != nil {
			return nil, fmt.Errorf("server: dataset %s: reports: %w", d.ID, err)
		}
	}
	return d, nil
}

func (st *store) dataset(ctx context.Context, id string) (*datasetRecord, error) {
	row := st.db.QueryRowContext(ctx, `SELECT `+datasetColumns+`, reports FROM datasets WHERE id = ?`, id)
	d, err := scanDataset(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &NotFoundError{What: "dataset", ID: id}
	}
	return d, err
}

func (st *store) datasets(ctx context.Context) ([]*datasetRecord, error) {
	rows, err := st.db.QueryContext(ctx, `SELECT `+datasetColumns+` FROM datasets ORDER BY created, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*datasetRecord
	for rows.Next() {
		d, err := scanDataset(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// deleteDataset removes the record; false when there was none.
func (st *store) deleteDataset(ctx context.Context, id string) (bool, error) {
	res, err := st.db.ExecContext(ctx, `DELETE FROM datasets WHERE id = ?`, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

func (st *store) insertRun(ctx context.Context, r *runRecord) error {
	if err := st.hook("insert-run"); err != nil {
		return err
	}
	_, err := st.db.ExecContext(ctx, `INSERT INTO runs (id, kind, dataset, key, status, created, params)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.ID, r.Kind, r.Dataset, r.Key, r.Status, formatTime(r.Created), string(r.Params))
	return err
}

const runColumns = `id, kind, dataset, key, status, error, progress, created, finished, params, results`

func scanRun(row scanner) (*runRecord, error) {
	r := &runRecord{}
	var created, finished, params, results string
	if err := row.Scan(&r.ID, &r.Kind, &r.Dataset, &r.Key, &r.Status, &r.Error, &r.Progress, &created, &finished, &params, &results); err != nil {
		return nil, err
	}
	r.Created = parseTime(created)
	if finished != "" {
		r.Finished = parseTime(finished)
	}
	r.Params = json.RawMessage(params)
	if err := json.Unmarshal([]byte(results), &r.Results); err != nil {
		return nil, fmt.Errorf("server: run %s: results: %w", r.ID, err)
	}
	return r, nil
}

func (st *store) run(ctx context.Context, id string) (*runRecord, error) {
	r, err := scanRun(st.db.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &NotFoundError{What: "run", ID: id}
	}
	return r, err
}

// runs lists the latest runs, newest first.
func (st *store) runs(ctx context.Context, limit int) ([]*runRecord, error) {
	rows, err := st.db.QueryContext(ctx, `SELECT `+runColumns+` FROM runs ORDER BY created DESC, id LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*runRecord
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// reusable finds the newest run with this key that is done, or still
// queued or running; nil when there is none.
func (st *store) reusable(ctx context.Context, key string) (*runRecord, error) {
	r, err := scanRun(st.db.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs
		WHERE key = ? AND status IN (?, ?, ?) ORDER BY created DESC LIMIT 1`, key, statusDone, statusRunning, statusQueued))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return r, err
}

// setRunning starts a queued run; false when the run is no longer queued
// (a shutdown failed it first).
func (st *store) setRunning(ctx context.Context, id string) (bool, error) {
	if err := st.hook("start"); err != nil {
		return false, err
	}
	res, err := st.db.ExecContext(ctx, `UPDATE runs SET status = ? WHERE id = ? AND status = ?`, statusRunning, id, statusQueued)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// finishRun records the end of a run, done with its results or failed
// with a message. Only a run still queued or running is changed: one that
// ended already (failed by a shutdown, deleted) keeps its state, and
// finishRun reports false.
func (st *store) finishRun(ctx context.Context, id, status, msg string, progress float64, finished time.Time, results []resultFile) (bool, error) {
	if err := st.hook("finish"); err != nil {
		return false, err
	}
	if results == nil {
		results = []resultFile{}
	}
	b, err := json.Marshal(results)
	if err != nil {
		return false, err
	}
	res, err := st.db.ExecContext(ctx, `UPDATE runs SET status = ?, error = ?, progress = ?, finished = ?, results = ?
		WHERE id = ? AND status IN (?, ?)`, status, msg, progress, formatTime(finished), string(b), id, statusQueued, statusRunning)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// deleteRun removes a run's record unless it is running; the status is
// the run's before the delete ("" when there was no such run). A queued
// run deleted here is skipped by its worker: setRunning finds no row.
func (st *store) deleteRun(ctx context.Context, id string) (status string, deleted bool, err error) {
	tx, err := st.db.BeginTx(ctx, nil)
	if err != nil {
		return "", false, err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `SELECT status FROM runs WHERE id = ?`, id).Scan(&status); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return "", false, nil
		}
		return "", false, err
	}
	if status == statusRunning {
		return status, false, nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM runs WHERE id = ?`, id); err != nil {
		return status, false, err
	}
	return status, true, tx.Commit()
}

// excessRuns lists the finished (done or failed) runs beyond the newest
// keep, oldest last.
func (st *store) excessRuns(ctx context.Context, keep int) ([]string, error) {
	rows, err := st.db.QueryContext(ctx, `SELECT id FROM runs WHERE status IN (?, ?)
		ORDER BY finished DESC, created DESC, id DESC LIMIT -1 OFFSET ?`, statusDone, statusFailed, keep)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// deleteFinishedRun removes a run's record if it is done or failed.
func (st *store) deleteFinishedRun(ctx context.Context, id string) (bool, error) {
	res, err := st.db.ExecContext(ctx, `DELETE FROM runs WHERE id = ? AND status IN (?, ?)`, id, statusDone, statusFailed)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// failUnfinished marks every queued or running run failed with msg and
// returns their ids. At startup it finds runs a crash interrupted; at
// shutdown, runs that never got a worker.
func (st *store) failUnfinished(ctx context.Context, msg string) ([]string, error) {
	rows, err := st.db.QueryContext(ctx, `SELECT id FROM runs WHERE status IN (?, ?)`, statusQueued, statusRunning)
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, err := st.finishRun(ctx, id, statusFailed, msg, 0, time.Now(), nil); err != nil {
			return ids, err
		}
	}
	return ids, nil
}

// failIfQueued marks one run failed if it is still queued; false when it
// had already started or ended.
func (st *store) failIfQueued(ctx context.Context, id, msg string) (bool, error) {
	res, err := st.db.ExecContext(ctx, `UPDATE runs SET status = ?, error = ?, finished = ? WHERE id = ? AND status = ?`,
		statusFailed, msg, formatTime(time.Now()), id, statusQueued)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// runStatuses maps every run id to its status (for cleaning the results
// directory at startup).
func (st *store) runStatuses(ctx context.Context) (map[string]string, error) {
	rows, err := st.db.QueryContext(ctx, `SELECT id, status FROM runs`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, status string
		if err := rows.Scan(&id, &status); err != nil {
			return nil, err
		}
		out[id] = status
	}
	return out, rows.Err()
}
