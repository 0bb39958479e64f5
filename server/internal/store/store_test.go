package store

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/server/internal/apierr"
)

func openTemp(t *testing.T, dir string) *Store {
	t.Helper()
	st, err := Open(filepath.Join(dir, "catchment.db"))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func queuedRun(t *testing.T, st *Store, id string) {
	t.Helper()
	if err := st.InsertRun(context.Background(), &Run{ID: id, Kind: "coverage", Dataset: "sample", Key: "k" + id,
		Status: StatusQueued, Created: time.Now(), Params: json.RawMessage(`{}`)}); err != nil {
		t.Fatal(err)
	}
}

// TestFinishRunKeepsEndedState: a run that ended (failed) is not flipped
// to done by a late finish.
func TestFinishRunKeepsEndedState(t *testing.T) {
	st := openTemp(t, t.TempDir())
	defer st.Close()
	ctx := context.Background()
	id := "00000000000000b1"
	queuedRun(t, st, id)
	if ok, err := st.SetRunning(ctx, id); !ok || err != nil {
		t.Fatalf("SetRunning: %v %v", ok, err)
	}
	if ids, err := st.FailUnfinished(ctx, "stopped"); err != nil || len(ids) != 1 {
		t.Fatalf("FailUnfinished: %v %v", ids, err)
	}
	ok, err := st.FinishRun(ctx, id, StatusDone, "", 1, time.Now(), []ResultFile{{Name: "summary.json"}})
	if err != nil || ok {
		t.Fatalf("FinishRun on a failed run: changed %v, err %v; want unchanged", ok, err)
	}
	r, err := st.Run(ctx, id)
	if err != nil || r.Status != StatusFailed || r.Error != "stopped" || len(r.Results) != 0 {
		t.Fatalf("run %+v (%v), want failed \"stopped\" without results", r, err)
	}
}

// TestReopen: what one Store wrote, a Store opened later on the same file
// reads back (the schema is created once and left as it is).
func TestReopen(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	created := time.Date(2026, 1, 2, 3, 4, 5, 6_000_000, time.UTC)
	want := &Dataset{ID: "d1", Name: "upload", Created: created, Hash: "ab", Villages: 3, Facilities: 2, Population: 900,
		Counties: []string{"A", "B"}, Reports: []*table.ReadReport{{File: "villages.csv", Rows: 3, Accepted: 3}}, Rejected: 0, Warnings: 1}
	st := openTemp(t, dir)
	if err := st.InsertDataset(ctx, want); err != nil {
		t.Fatal(err)
	}
	queuedRun(t, st, "r1")
	if ok, err := st.FinishRun(ctx, "r1", StatusDone, "", 1, created, []ResultFile{{Name: "summary.json", Size: 7, SHA256: "cd"}}); !ok || err != nil {
		t.Fatalf("FinishRun: %v %v", ok, err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st = openTemp(t, dir)
	defer st.Close()
	got, err := st.Dataset(ctx, "d1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != want.Name || !got.Created.Equal(created) || got.Population != 900 || len(got.Counties) != 2 ||
		len(got.Reports) != 1 || got.Reports[0].File != "villages.csv" || got.Warnings != 1 {
		t.Errorf("dataset read back as %+v, want %+v", got, want)
	}
	list, err := st.Datasets(ctx)
	if err != nil || len(list) != 1 || list[0].Reports != nil {
		t.Errorf("Datasets: %v (%v), want one record without reports", list, err)
	}
	r, err := st.Run(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := r.Result("summary.json"); r.Status != StatusDone || !r.Finished.Equal(created) || !ok || f.Size != 7 {
		t.Errorf("run read back as %+v", r)
	}
	if reuse, err := st.Reusable(ctx, "kr1"); err != nil || reuse == nil || reuse.ID != "r1" {
		t.Errorf("Reusable: %v (%v), want r1", reuse, err)
	}
}

// TestNotFound: a missing dataset or run is an apierr.NotFoundError
// naming it; deleting one reports that nothing was deleted.
func TestNotFound(t *testing.T) {
	st := openTemp(t, t.TempDir())
	defer st.Close()
	ctx := context.Background()
	for _, tc := range []struct {
		what string
		get  func() error
	}{
		{"dataset", func() error { _, err := st.Dataset(ctx, "nope"); return err }},
		{"run", func() error { _, err := st.Run(ctx, "nope"); return err }},
	} {
		var nf *apierr.NotFoundError
		if err := tc.get(); !errors.As(err, &nf) || nf.What != tc.what || nf.ID != "nope" {
			t.Errorf("%s: %v, want a NotFoundError", tc.what, err)
		}
	}
	if ok, err := st.DeleteDataset(ctx, "nope"); ok || err != nil {
		t.Errorf("DeleteDataset: %v %v", ok, err)
	}
	if status, ok, err := st.DeleteRun(ctx, "nope"); status != "" || ok || err != nil {
		t.Errorf("DeleteRun: %q %v %v", status, ok, err)
	}
}

// TestWriteHook: an error the hook returns is the write's, and nothing is
// written; removing the hook lets writes through again.
func TestWriteHook(t *testing.T) {
	st := openTemp(t, t.TempDir())
	defer st.Close()
	full := errors.New("disk full")
	st.SetWriteHook(func(op string) error {
		if op == "insert-run" {
			return full
		}
		return nil
	})
	err := st.InsertRun(context.Background(), &Run{ID: "r1", Status: StatusQueued, Params: json.RawMessage(`{}`)})
	if !errors.Is(err, full) {
		t.Fatalf("InsertRun with the hook: %v", err)
	}
	st.SetWriteHook(nil)
	queuedRun(t, st, "r1")
}
