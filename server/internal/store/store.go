package store

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
	"github.com/catchment/catchment/server/internal/apierr"
	_ "modernc.org/sqlite" // pure-Go SQLite driver "sqlite": no cgo
)

// Run states. A run moves queued -> running -> done or failed; a run found
// queued or running when the server starts was interrupted and becomes
// failed.
const (
	StatusQueued  = "queued"
	StatusRunning = "running"
	StatusDone    = "done"
	StatusFailed  = "failed"
)

// Dataset is a stored dataset: its identity, size and the read reports of
// its upload. The tables themselves are files, kept by the server.
type Dataset struct {
	ID, Name   string
	Created    time.Time
	Hash       string // sha256 of the canonical CSV tables, hex
	Villages   int
	Facilities int
	Population int64
	Counties   []string // by name
	// Reports are the read reports of the upload (villages, facilities);
	// nil in records from Datasets.
	Reports []*table.ReadReport
	// Rejected and Warnings count the rows of all reports.
	Rejected, Warnings int
}

// ResultFile is one result of a finished run.
type ResultFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Run is a stored run.
type Run struct {
	ID, Kind, Dataset string
	// Key identifies the computation: equal keys give equal results.
	Key      string
	Status   string
	Error    string
	Progress float64
	Created  time.Time
	Finished time.Time // zero until done or failed
	Params   json.RawMessage
	Results  []ResultFile
}

// Result finds the run's result of this name.
func (r *Run) Result(name string) (ResultFile, bool) {
	for _, f := range r.Results {
		if f.Name == name {
			return f, true
		}
	}
	return ResultFile{}, false
}

// timeLayout is how times appear in the database (and in the server's
// JSON): RFC 3339 in UTC with milliseconds, which sorts as text.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// FormatTime writes t as the database stores it, which is also how the
// server's JSON shows times.
func FormatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s) // written by FormatTime
	return t
}

// Store is the SQLite database of datasets and runs. All access goes
// through one connection (see the package documentation).
type Store struct {
	db *sql.DB
	// failWrite, set by tests, is called before the writes named by op
	// (see SetWriteHook).
	failWrite atomic.Pointer[func(op string) error]
}

// SetWriteHook is for tests: f is called before the writes named by op
// ("finish", "start", "insert-run", "insert-dataset"), and an error it
// returns is the write's, as a full disk would give it. nil removes it.
func (st *Store) SetWriteHook(f func(op string) error) {
	if f == nil {
		st.failWrite.Store(nil)
		return
	}
	st.failWrite.Store(&f)
}

// hook returns the error a test injects for op, or nil.
func (st *Store) hook(op string) error {
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

// Open opens the database at path, creating it and its tables if missing.
func Open(path string) (*Store, error) {
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
	return &Store{db: db}, nil
}

// Close closes the database.
func (st *Store) Close() error { return st.db.Close() }

// InsertDataset records a new dataset.
func (st *Store) InsertDataset(ctx context.Context, d *Dataset) error {
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
		d.ID, d.Name, FormatTime(d.Created), d.Hash, d.Villages, d.Facilities, d.Population, string(counties),
		d.Rejected, d.Warnings, string(reports))
	return err
}

const datasetColumns = `id, name, created, hash, villages, facilities, population, counties, rejected, warnings`

type scanner interface{ Scan(dest ...any) error }

func scanDataset(row scanner, withReports bool) (*Dataset, error) {
	d := &Dataset{}
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

// Dataset returns the record of a dataset with its reports.
func (st *Store) Dataset(ctx context.Context, id string) (*Dataset, error) {
	row := st.db.QueryRowContext(ctx, `SELECT `+datasetColumns+`, reports FROM datasets WHERE id = ?`, id)
	d, err := scanDataset(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &apierr.NotFoundError{What: "dataset", ID: id}
	}
	return d, err
}

// Datasets lists every dataset, oldest first, without their reports.
func (st *Store) Datasets(ctx context.Context) ([]*Dataset, error) {
	rows, err := st.db.QueryContext(ctx, `SELECT `+datasetColumns+` FROM datasets ORDER BY created, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Dataset
	for rows.Next() {
		d, err := scanDataset(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DeleteDataset removes the record; false when there was none.
func (st *Store) DeleteDataset(ctx context.Context, id string) (bool, error) {
	res, err := st.db.ExecContext(ctx, `DELETE FROM datasets WHERE id = ?`, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}
