package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/catchment/catchment/server/internal/apierr"
)

// InsertRun records a new run (its id, kind, dataset, key, status, created
// and params; the rest takes the schema's defaults).
func (st *Store) InsertRun(ctx context.Context, r *Run) error {
	if err := st.hook("insert-run"); err != nil {
		return err
	}
	_, err := st.db.ExecContext(ctx, `INSERT INTO runs (id, kind, dataset, key, status, created, params)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.ID, r.Kind, r.Dataset, r.Key, r.Status, FormatTime(r.Created), string(r.Params))
	return err
}

const runColumns = `id, kind, dataset, key, status, error, progress, created, finished, params, results`

func scanRun(row scanner) (*Run, error) {
	r := &Run{}
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

// Run returns the record of a run.
func (st *Store) Run(ctx context.Context, id string) (*Run, error) {
	r, err := scanRun(st.db.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &apierr.NotFoundError{What: "run", ID: id}
	}
	return r, err
}

// Runs lists the latest runs, newest first, at most limit of them.
func (st *Store) Runs(ctx context.Context, limit int) ([]*Run, error) {
	rows, err := st.db.QueryContext(ctx, `SELECT `+runColumns+` FROM runs ORDER BY created DESC, id LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Reusable finds the newest run with this key that is done, or still
// queued or running; nil when there is none.
func (st *Store) Reusable(ctx context.Context, key string) (*Run, error) {
	r, err := scanRun(st.db.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs
		WHERE key = ? AND status IN (?, ?, ?) ORDER BY created DESC LIMIT 1`, key, StatusDone, StatusRunning, StatusQueued))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return r, err
}

// SetRunning starts a queued run; false when the run is no longer queued
// (a shutdown failed it first, or it was deleted).
func (st *Store) SetRunning(ctx context.Context, id string) (bool, error) {
	if err := st.hook("start"); err != nil {
		return false, err
	}
	res, err := st.db.ExecContext(ctx, `UPDATE runs SET status = ? WHERE id = ? AND status = ?`, StatusRunning, id, StatusQueued)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// FinishRun records the end of a run, done with its results or failed
// with a message. Only a run still queued or running is changed: one that
// ended already (failed by a shutdown, deleted) keeps its state, and
// FinishRun reports false.
func (st *Store) FinishRun(ctx context.Context, id, status, msg string, progress float64, finished time.Time, results []ResultFile) (bool, error) {
	if err := st.hook("finish"); err != nil {
		return false, err
	}
	if results == nil {
		results = []ResultFile{}
	}
	b, err := json.Marshal(results)
	if err != nil {
		return false, err
	}
	res, err := st.db.ExecContext(ctx, `UPDATE runs SET status = ?, error = ?, progress = ?, finished = ?, results = ?
		WHERE id = ? AND status IN (?, ?)`, status, msg, progress, FormatTime(finished), string(b), id, StatusQueued, StatusRunning)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// DeleteRun removes a run's record unless it is running; the status is
// the run's before the delete ("" when there was no such run). A queued
// run deleted here is skipped by its worker: SetRunning finds no row.
func (st *Store) DeleteRun(ctx context.Context, id string) (status string, deleted bool, err error) {
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
	if status == StatusRunning {
		return status, false, nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM runs WHERE id = ?`, id); err != nil {
		return status, false, err
	}
	return status, true, tx.Commit()
}

// ExcessRuns lists the finished (done or failed) runs beyond the newest
// keep, oldest last.
func (st *Store) ExcessRuns(ctx context.Context, keep int) ([]string, error) {
	return st.ids(ctx, `SELECT id FROM runs WHERE status IN (?, ?)
		ORDER BY finished DESC, created DESC, id DESC LIMIT -1 OFFSET ?`, StatusDone, StatusFailed, keep)
}

// DeleteFinishedRun removes a run's record if it is done or failed.
func (st *Store) DeleteFinishedRun(ctx context.Context, id string) (bool, error) {
	res, err := st.db.ExecContext(ctx, `DELETE FROM runs WHERE id = ? AND status IN (?, ?)`, id, StatusDone, StatusFailed)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// FailUnfinished marks every queued or running run failed with msg and
// returns their ids. At startup it finds runs a crash interrupted; at
// shutdown, runs that never got a worker.
func (st *Store) FailUnfinished(ctx context.Context, msg string) ([]string, error) {
	ids, err := st.ids(ctx, `SELECT id FROM runs WHERE status IN (?, ?)`, StatusQueued, StatusRunning)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, err := st.FinishRun(ctx, id, StatusFailed, msg, 0, time.Now(), nil); err != nil {
			return ids, err
		}
	}
	return ids, nil
}

// ids runs a query of one id column and returns the ids, the rows closed.
func (st *Store) ids(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := st.db.QueryContext(ctx, query, args...)
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

// FailIfQueued marks one run failed if it is still queued; false when it
// had already started or ended.
func (st *Store) FailIfQueued(ctx context.Context, id, msg string) (bool, error) {
	res, err := st.db.ExecContext(ctx, `UPDATE runs SET status = ?, error = ?, finished = ? WHERE id = ? AND status = ?`,
		StatusFailed, msg, FormatTime(time.Now()), id, StatusQueued)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// RunStatuses maps every run id to its status (for cleaning the results
// directory at startup).
func (st *Store) RunStatuses(ctx context.Context) (map[string]string, error) {
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
