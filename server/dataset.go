package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/atomicfile"
	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/synth"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/server/internal/reqio"
	"github.com/catchment/catchment/server/internal/runparams"
	"github.com/catchment/catchment/server/internal/store"
)

// SampleID is the id of the embedded sample dataset, always present and
// never deleted.
const SampleID = "sample"

// Names of a stored dataset's canonical tables.
const (
	villagesFile   = "villages.csv"
	facilitiesFile = "facilities.csv"
)

// datasetRecord is a dataset as the server shows it: its stored record,
// and what is not a database column.
type datasetRecord struct {
	store.Dataset
	Builtin bool // the embedded sample: not stored, cannot be deleted
	// Boundaries is whether the dataset has county boundaries (see
	// Server.boundariesPath).
	Boundaries bool
	// Roads describes the dataset's road network, nil when it has none
	// (see Server.roadsInfo).
	Roads *RoadsInfo
}

// dataset is a dataset parsed and ready to compute on. Its slices are
// shared by every computation and never modified.
type dataset struct {
	villages   []planner.Village
	facilities []planner.Facility
	reports    []*table.ReadReport
}

// loadSample reads the embedded sample exactly as the command line does
// when given no input files (same reader, same file names in the reports),
// so the server's sample results equal the CLI's.
func (s *Server) loadSample() error {
	villages, vrep, verr := data.ReadVillages(bytes.NewReader(synth.SampleVillagesCSV()), "sample:"+synth.SampleVillagesFile, table.ReadOptions{})
	facilities, frep, ferr := data.ReadFacilities(bytes.NewReader(synth.SampleFacilitiesCSV()), "sample:"+synth.SampleFacilitiesFile, table.ReadOptions{})
	if err := errors.Join(verr, ferr); err != nil {
		return fmt.Errorf("server: embedded sample: %w", err)
	}
	h, err := hashTables(villages, facilities, nil)
	if err != nil {
		return fmt.Errorf("server: embedded sample: %w", err)
	}
	d := &dataset{villages: villages, facilities: facilities, reports: []*table.ReadReport{normalizeReport(vrep), normalizeReport(frep)}}
	s.sample = newDatasetRecord(SampleID, "Embedded sample", time.Now(), h, d)
	s.sample.Builtin = true
	s.cache.Pin(SampleID, d)
	return nil
}

// hashTables hashes the canonical tables (catchment's own input format)
// of villages and facilities, and the canonical county boundaries when
// there are any, as storeDataset writes them: the hash identifies the
// dataset's content. Without boundaries it is the hash of the tables
// alone, as before boundaries existed.
func hashTables(villages []planner.Village, facilities []planner.Facility, boundaries []byte) (hash.Hash, error) {
	h := sha256.New()
	if err := csvio.WriteVillagesCSV(h, villages); err != nil {
		return nil, err
	}
	h.Write([]byte{0}) // separates the tables
	if err := csvio.WriteFacilitiesCSV(h, facilities); err != nil {
		return nil, err
	}
	if boundaries != nil {
		h.Write([]byte{0})
		h.Write(boundaries)
	}
	return h, nil
}

func hexSum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

func newDatasetRecord(id, name string, created time.Time, h hash.Hash, d *dataset) *datasetRecord {
	rec := &datasetRecord{Dataset: store.Dataset{ID: id, Name: name, Created: created, Hash: hexSum(h),
		Villages: len(d.villages), Facilities: len(d.facilities), Reports: d.reports}}
	seen := map[string]bool{}
	for i := range d.villages {
		v := &d.villages[i]
		rec.Population += int64(v.Population)
		if !seen[v.County] {
			seen[v.County] = true
			rec.Counties = append(rec.Counties, v.County)
		}
	}
	slices.Sort(rec.Counties)
	for _, r := range d.reports {
		rec.Rejected += r.RejectedTotal()
		rec.Warnings += len(r.Warnings)
	}
	return rec
}

// normalizeReport makes the report's lists non-nil, so that JSON shows
// empty lists rather than null.
func normalizeReport(r *table.ReadReport) *table.ReadReport {
	if r == nil {
		return &table.ReadReport{Rejected: []table.Rejection{}, Warnings: []table.Rejection{}}
	}
	if r.Rejected == nil {
		r.Rejected = []table.Rejection{}
	}
	if r.Warnings == nil {
		r.Warnings = []table.Rejection{}
	}
	return r
}

func (s *Server) datasetDir(id string) string { return filepath.Join(s.cfg.DataDir, "datasets", id) }

// readInputs reads a villages and a facilities table with the readers of
// the command line. A refusal is a rowsError carrying every rejected row
// and file-level fault of both tables, for the 422 answer.
//
// The reports of the returned dataset are complete (every rejected row);
// storeDataset writes them as rejectionsFile and keeps them bounded
// (maxReportRows) in the record. A refusal lists at most maxReportRows
// rows per table and counts the others by reason.
func readInputs(vr io.Reader, vname string, fr io.Reader, fname string, opt table.ReadOptions) (*dataset, error) {
	d := &dataset{}
	var (
		vrep, frep *table.ReadReport
		verr, ferr error
		wg         sync.WaitGroup
	)
	wg.Go(func() { d.facilities, frep, ferr = data.ReadFacilities(fr, fname, opt) })
	d.villages, vrep, verr = data.ReadVillages(vr, vname, opt)
	wg.Wait()
	vrep, frep = normalizeReport(vrep), normalizeReport(frep)
	d.reports = []*table.ReadReport{vrep, frep}
	if err := errors.Join(verr, ferr); err != nil {
		re := &rowsError{err: err}
		for _, x := range []struct {
			err error
			rep *table.ReadReport
		}{{verr, vrep}, {ferr, frep}} {
			var rowErr *table.RowError
			if !errors.As(x.err, &rowErr) { // a strict-mode row is in the report already
				re.rows = append(re.rows, faultRows(x.err, x.rep.File)...)
			}
			b := x.rep.Bound(maxReportRows)
			re.rows = append(re.rows, b.Rejected...)
			re.omitted = append(re.omitted, b.Omitted...)
		}
		return nil, re
	}
	return d, nil
}

// faultRows lists the file-level faults in err (missing columns, format,
// a strict-mode row) as report rows; line 0 means the file as a whole.
func faultRows(err error, file string) []table.Rejection {
	if err == nil {
		return nil
	}
	var rowErr *table.RowError
	var colErr *table.MissingColumnError
	switch {
	case errors.As(err, &rowErr):
		return []table.Rejection{{File: rowErr.File, Line: rowErr.Line, ID: rowErr.ID, Reason: rowErr.Reason}}
	case errors.As(err, &colErr):
		if joined, ok := err.(interface{ Unwrap() []error }); ok {
			var out []table.Rejection
			for _, e := range joined.Unwrap() {
				out = append(out, faultRows(e, file)...)
			}
			return out
		}
		return []table.Rejection{{File: colErr.File, Line: 1,
			Reason: fmt.Sprintf("missing column %q (accepted names: %s)", colErr.Column, strings.Join(colErr.Aliases, ", "))}}
	}
	return []table.Rejection{{File: file, Reason: strings.TrimPrefix(err.Error(), "data: ")}}
}

// storeDataset writes the canonical tables of d under a new dataset
// directory, records the dataset and keeps it parsed in the cache. The
// stored tables are what every later computation reads, before and after
// a restart, so they are read back here and must give the same rows.
//
// boundaries, when not nil, are the canonical county boundaries
// (readBoundaries), stored as boundaries.geojson and part of the hash.
//
// roads, when not nil, is an uploaded road file, moved into the dataset
// directory with its report; its digest is part of the hash.
func (s *Server) storeDataset(ctx context.Context, id, name string, d *dataset, boundaries []byte, roads *uploadedRoads) (*datasetRecord, error) {
	final := s.datasetDir(id)
	tmp := filepath.Join(s.cfg.DataDir, "datasets", ".tmp-"+id)
	if err := os.RemoveAll(tmp); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	h := sha256.New()
	err := atomicfile.WriteFileAtomic(filepath.Join(tmp, villagesFile), func(w io.Writer) error {
		return csvio.WriteVillagesCSV(reqio.ContextWriter(ctx, io.MultiWriter(w, h)), d.villages)
	})
	if err != nil {
		return nil, err
	}
	h.Write([]byte{0}) // as hashTables does
	err = atomicfile.WriteFileAtomic(filepath.Join(tmp, facilitiesFile), func(w io.Writer) error {
		return csvio.WriteFacilitiesCSV(reqio.ContextWriter(ctx, io.MultiWriter(w, h)), d.facilities)
	})
	if err != nil {
		return nil, err
	}
	if err := writeRejections(tmp, d.reports); err != nil {
		return nil, err
	}
	d.reports = boundReports(d.reports)
	if boundaries != nil {
		h.Write([]byte{0}) // as hashTables does
		h.Write(boundaries)
		err := atomicfile.WriteFileAtomic(filepath.Join(tmp, boundariesFile), func(w io.Writer) error {
			_, err := w.Write(boundaries)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	if err := storeRoads(tmp, roads, h); err != nil {
		return nil, err
	}
	stored, err := loadTables(tmp, d.reports)
	if err != nil {
		return nil, err
	}
	if len(stored.villages) != len(d.villages) || len(stored.facilities) != len(d.facilities) {
		return nil, fmt.Errorf("server: dataset %s: the stored tables read back as %d villages and %d facilities, not %d and %d",
			id, len(stored.villages), len(stored.facilities), len(d.villages), len(d.facilities))
	}
	rec := newDatasetRecord(id, name, time.Now(), h, stored)
	rec.Boundaries = boundaries != nil
	// The tables are complete: publish them. The lock orders this against
	// loads and deletes; writing and checking above needed none (the id is
	// new, or derived from the content).
	s.datasetMu.Lock()
	defer s.datasetMu.Unlock()
	if err := os.Rename(tmp, final); err != nil {
		return nil, err
	}
	if err := s.st.InsertDataset(ctx, &rec.Dataset); err != nil {
		os.RemoveAll(final)
		return nil, err
	}
	s.cache.Put(id, stored, nil)
	if roads != nil {
		s.nets.Put(id, roads.net, s.mem.Hold(roads.net.Stats().Bytes))
		rec.Roads = s.roadsInfo(id)
	}
	return rec, nil
}

// loadTables reads a dataset's canonical tables from dir.
func loadTables(dir string, reports []*table.ReadReport) (*dataset, error) {
	opt := table.ReadOptions{Encoding: "utf-8", Format: "csv"}
	d := &dataset{reports: reports}
	var vrep, frep *table.ReadReport
	var err error
	if d.villages, vrep, err = data.LoadVillages(filepath.Join(dir, villagesFile), opt); err != nil {
		return nil, fmt.Errorf("server: stored dataset: %w", err)
	}
	if d.facilities, frep, err = data.LoadFacilities(filepath.Join(dir, facilitiesFile), opt); err != nil {
		return nil, fmt.Errorf("server: stored dataset: %w", err)
	}
	if n := vrep.RejectedTotal() + frep.RejectedTotal(); n > 0 {
		return nil, fmt.Errorf("server: stored dataset %s: %d rows rejected on reading back", dir, n)
	}
	return d, nil
}

// dataset returns the record of a dataset.
func (s *Server) dataset(ctx context.Context, id string) (*datasetRecord, error) {
	if err := runparams.CheckID("id", id); err != nil {
		return nil, err
	}
	if id == SampleID {
		return s.sample, nil
	}
	d, err := s.st.Dataset(ctx, id)
	if err != nil {
		return nil, err
	}
	return &datasetRecord{Dataset: *d}, nil
}

// load returns a dataset parsed, from the cache or from its files.
func (s *Server) load(ctx context.Context, rec *datasetRecord) (*dataset, error) {
	return s.cache.Get(rec.ID, func() (*dataset, func(), error) {
		s.datasetMu.RLock()
		defer s.datasetMu.RUnlock()
		reports := rec.Reports
		if reports == nil {
			full, err := s.st.Dataset(ctx, rec.ID)
			if err != nil {
				return nil, nil, err
			}
			reports = full.Reports
		}
		start := time.Now()
		d, err := loadTables(s.datasetDir(rec.ID), reports)
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil, &NotFoundError{What: "dataset", ID: rec.ID}
		}
		if err == nil {
			s.log.Info("dataset loaded", slog.String("dataset", rec.ID), slog.Int("villages", len(d.villages)),
				slog.Duration("took", time.Since(start)))
		}
		return d, nil, err
	})
}

// deleteDataset removes an uploaded dataset: its record, its files, its
// cache entry and its coverage answers kept on disk. Runs made from it
// keep their results.
func (s *Server) deleteDataset(ctx context.Context, id string) error {
	if err := runparams.CheckID("id", id); err != nil {
		return err
	}
	if id == SampleID {
		return conflictf("the embedded sample cannot be deleted")
	}
	s.datasetMu.Lock()
	defer s.datasetMu.Unlock()
	ok, err := s.st.DeleteDataset(ctx, id)
	if err != nil {
		return err
	}
	if !ok {
		return &NotFoundError{What: "dataset", ID: id}
	}
	s.cache.Drop(id)
	s.coverageFiles.DropPrefix(id + "/")
	s.nets.Drop(id)
	return os.RemoveAll(s.datasetDir(id))
}

// cleanDataDir removes what a crash can leave behind: temporary dataset
// directories, dataset directories without a record (the sample's
// boundaries too: they are attached anew at each start), result
// directories of runs that did not finish, and partial uploads.
func (s *Server) cleanDataDir(ctx context.Context) error {
	recs, err := s.st.Datasets(ctx)
	if err != nil {
		return fmt.Errorf("server: database: %w", err)
	}
	known := map[string]bool{}
	for _, d := range recs {
		known[d.ID] = true
	}
	s.removeUnknown(filepath.Join(s.cfg.DataDir, "datasets"), func(name string) bool { return known[name] })
	statuses, err := s.st.RunStatuses(ctx)
	if err != nil {
		return fmt.Errorf("server: database: %w", err)
	}
	s.removeUnknown(filepath.Join(s.cfg.DataDir, "runs"), func(name string) bool { return statuses[name] == store.StatusDone })
	// Uploads being received when the server stopped.
	s.removeUnknown(filepath.Join(s.cfg.DataDir, "uploads"), func(string) bool { return false })
	return nil
}

func (s *Server) removeUnknown(dir string, keep func(name string) bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		s.log.Warn("cannot list data directory", slog.String("dir", dir), slog.Any("err", err))
		return
	}
	for _, e := range entries {
		if keep(e.Name()) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if err := os.RemoveAll(path); err != nil {
			s.log.Warn("cannot remove leftover", slog.String("path", path), slog.Any("err", err))
		} else {
			s.log.Info("removed leftover", slog.String("path", path))
		}
	}
}

// ImportFiles reads a villages and a facilities file with the command
// line's readers and stores them as a dataset named name (default: the
// villages file name). The id is "files-" and the first 12 hex digits of
// the content hash, so starting the server again with the same files finds
// the dataset stored the first time instead of adding a copy. The reports
// list the rows rejected on reading; a file that cannot be used is an
// error wrapping the data package's sentinels, as for the command line.
// boundariesPath, when not "", is a county boundary file stored with the
// dataset (see AttachSampleBoundaries for its form); it is part of the
// content hash, so the same tables with other boundaries are another
// dataset.
func (s *Server) ImportFiles(ctx context.Context, name, villagesPath, facilitiesPath, boundariesPath string, opt table.ReadOptions) (id string, reports []*table.ReadReport, err error) {
	vf, err := os.Open(villagesPath)
	if err != nil {
		return "", nil, fmt.Errorf("%w: %w", table.ErrUnreadable, err)
	}
	defer vf.Close()
	ff, err := os.Open(facilitiesPath)
	if err != nil {
		return "", nil, fmt.Errorf("%w: %w", table.ErrUnreadable, err)
	}
	defer ff.Close()
	d, err := readInputs(vf, villagesPath, ff, facilitiesPath, opt)
	if err != nil {
		return "", nil, err
	}
	var boundaries []byte
	if boundariesPath != "" {
		bf, err := os.Open(boundariesPath)
		if err != nil {
			return "", nil, fmt.Errorf("%w: %w", table.ErrUnreadable, err)
		}
		boundaries, err = readBoundaries(bf, boundariesPath)
		bf.Close()
		if err != nil {
			return "", nil, err
		}
	}
	h, err := hashTables(d.villages, d.facilities, boundaries)
	if err != nil {
		return "", nil, err
	}
	id = "files-" + hexSum(h)[:12]
	if rec, err := s.st.Dataset(ctx, id); err == nil {
		return id, rec.Reports, nil
	} else if !errors.Is(err, ErrNotFound) {
		return "", nil, err
	}
	if name == "" {
		base := filepath.Base(villagesPath)
		name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	rec, err := s.storeDataset(ctx, id, name, d, boundaries, nil)
	if err != nil {
		return "", nil, err
	}
	s.log.Info("dataset imported", slog.String("dataset", id), slog.String("villages", villagesPath),
		slog.String("facilities", facilitiesPath))
	return id, rec.Reports, nil
}
