package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/server/internal/reqio"
	"github.com/catchment/catchment/server/internal/store"
)

// DatasetInfo is the JSON form of a dataset. Reports (the read reports of
// the upload: every rejected row and warning with file, line and reason)
// are given for a single dataset and omitted from the list.
type DatasetInfo struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Builtin     bool     `json:"builtin"`
	Created     string   `json:"created"`
	Villages    int      `json:"villages"`
	Facilities  int      `json:"facilities"`
	Population  int64    `json:"population"`
	Counties    []string `json:"counties"`
	ContentHash string   `json:"content_hash"`
	Rejected    int      `json:"rejected"`
	Warnings    int      `json:"warnings"`
	Boundaries  bool     `json:"boundaries"`
	// Roads is the dataset's road network (the upload's "roads" part),
	// null when it has none.
	Roads   *RoadsInfo    `json:"roads"`
	Reports []*ReadReport `json:"reports,omitempty"`
	// Notes are what a reader of the reports must not miss, in words: a
	// table that lost more than 1 % of its rows (table.LoudRejection), as
	// the command line warns even under --quiet. Given with the reports.
	Notes []string `json:"notes,omitempty"`
	URL   string   `json:"url"`
	// RejectionsURL lists every rejected row as CSV; the reports list the
	// first ones in full and count the others by reason.
	RejectionsURL string `json:"rejections_url"`
	CoverageURL   string `json:"coverage_url"`
}

func datasetURL(id string) string { return "/api/v1/datasets/" + id }

func datasetInfo(d *datasetRecord, withReports bool) DatasetInfo {
	info := DatasetInfo{ID: d.ID, Name: d.Name, Builtin: d.Builtin, Created: store.FormatTime(d.Created),
		Villages: d.Villages, Facilities: d.Facilities, Population: d.Population, Counties: d.Counties,
		ContentHash: d.Hash, Rejected: d.Rejected, Warnings: d.Warnings, Boundaries: d.Boundaries, Roads: d.Roads,
		URL: datasetURL(d.ID), CoverageURL: datasetURL(d.ID) + "/coverage", RejectionsURL: datasetURL(d.ID) + "/" + rejectionsFile}
	if info.Counties == nil {
		info.Counties = []string{}
	}
	if withReports {
		info.Reports = readReports(d.Reports)
		info.Notes = datasetNotes(d.Reports)
	}
	return info
}

// datasetNotes are the loud rejections of a dataset's tables.
func datasetNotes(reports []*table.ReadReport) []string {
	var notes []string
	for _, r := range reports {
		if msg, loud := table.LoudRejection(r); loud {
			notes = append(notes, r.File+": "+msg+" (an upload with strict=true refuses such a table)")
		}
	}
	return notes
}

// parseStrict reads the upload field strict: true refuses an upload at
// its first rejected row, as --strict does on the command line.
func parseStrict(v string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "false", "0", "no":
		return false, nil
	case "true", "1", "yes":
		return true, nil
	}
	return false, &ParamError{Param: "strict", Reason: fmt.Sprintf("want true or false, got %q", v)}
}

func (s *Server) handleListDatasets(w http.ResponseWriter, r *http.Request) error {
	recs, err := s.st.Datasets(r.Context())
	if err != nil {
		return err
	}
	list := []DatasetInfo{datasetInfo(s.sample, false)}
	for _, d := range recs {
		rec := &datasetRecord{Dataset: *d, Boundaries: s.boundariesPath(d.ID) != "", Roads: s.roadsInfo(d.ID)}
		list = append(list, datasetInfo(rec, false))
	}
	writeJSON(w, http.StatusOK, map[string]any{"datasets": list})
	return nil
}

func (s *Server) handleGetDataset(w http.ResponseWriter, r *http.Request) error {
	d, err := s.dataset(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if !d.Builtin { // the sample's record is shared and set up front
		d.Boundaries = s.boundariesPath(d.ID) != ""
		d.Roads = s.roadsInfo(d.ID)
	}
	writeJSON(w, http.StatusOK, datasetInfo(d, true))
	return nil
}

func (s *Server) handleDeleteDataset(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := s.deleteDataset(r.Context(), id); err != nil {
		return err
	}
	s.log.Info("dataset deleted", "dataset", id)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// uploadForm is a received upload: the files, each streamed to a
// temporary file, and the plain fields.
type uploadForm struct {
	dir    string                // the temporary directory of the files
	files  map[string]uploadFile // by field: villages, facilities, boundaries
	fields map[string]string
	seen   map[string]bool
}

// uploadFile is one file of an upload on disk.
type uploadFile struct {
	path string // the temporary copy
	name string // the client's file name, for reports and format detection
}

// Upload form fields besides the files, with the longest value accepted.
var uploadFields = map[string]int{"name": 200, "encoding": 32, "crs": 32, "strict": 5}

// uploadFiles are the file fields of an upload; boundaries is optional.
var uploadFiles = []string{"villages", "facilities", "boundaries", "roads"}

// handleUpload reads a multipart form with the villages and facilities
// tables (CSV or GeoJSON files), optionally the county boundaries
// (GeoJSON), and the optional fields name, encoding and crs, with the
// command line's readers and validation. Accepted tables are stored in
// canonical form and answered 201 with the read reports (rejected rows
// and warnings included); a refused upload is answered 422 with every
// fault, line by line.
//
// At most Config.UploadSlots uploads are received at a time (others wait
// up to Config.UploadWait, then 503 with Retry-After), and each file is
// streamed to a temporary file under the data directory rather than held
// in memory, so memory grows with the readers of the uploads being read,
// not with the number of clients sending.
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) error {
	boundary, err := multipartBoundary(r)
	if err != nil {
		return err
	}
	release, err := s.acquireUpload(r.Context())
	if err != nil {
		// The client may still be sending: close rather than read it all.
		w.Header().Set("Connection", "close")
		return err
	}
	defer release()
	form, err := s.receiveUpload(w, r, boundary)
	if err != nil {
		return err
	}
	defer os.RemoveAll(form.dir)
	releaseMem, err := s.mem.Acquire(r.Context(), uploadMemory(form), s.cfg.UploadWait, "reading this upload")
	if err != nil {
		return err
	}
	defer releaseMem()
	start := time.Now()
	up, err := s.readUpload(r.Context(), form)
	if err != nil {
		return err
	}
	rec, err := s.storeDataset(r.Context(), newID(), up.name, up.d, up.boundaries, up.roads)
	if err != nil {
		return err
	}
	s.log.Info("dataset uploaded", "dataset", rec.ID, "villages", rec.Villages, "facilities", rec.Facilities,
		"rejected", rec.Rejected, "boundaries", rec.Boundaries, "took", time.Since(start))
	for _, n := range datasetNotes(up.d.reports) {
		s.log.Warn("dataset uploaded with many rows rejected", "dataset", rec.ID, "note", n)
	}
	w.Header().Set("Location", datasetURL(rec.ID))
	writeJSON(w, http.StatusCreated, datasetInfo(rec, true))
	return nil
}

// multipartBoundary checks that the request is a multipart form and
// returns its boundary.
func multipartBoundary(r *http.Request) (string, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return "", fmt.Errorf("%w: want multipart/form-data with the files villages and facilities, got %q",
			ErrUnsupportedMediaType, r.Header.Get("Content-Type"))
	}
	return params["boundary"], nil
}

// receiveUpload streams the parts of an upload into a new temporary
// directory under the data directory (form.dir, which the caller
// removes), at Config.UploadMinBytesPerSec at least.
func (s *Server) receiveUpload(w http.ResponseWriter, r *http.Request, boundary string) (*uploadForm, error) {
	// An upload may take long on a slow link: the server's read timeout is
	// for ordinary requests. It must keep a minimum rate, though, or a
	// trickling client would hold an upload slot for the whole timeout.
	body := reqio.NewRateReader(r.Body, w, s.cfg.UploadMinBytesPerSec, s.cfg.UploadRateWindow)
	tmp, err := os.MkdirTemp(filepath.Join(s.cfg.DataDir, "uploads"), "up-")
	if err != nil {
		return nil, fmt.Errorf("server: upload: %w", err)
	}
	form, err := readUploadForm(multipart.NewReader(body, boundary), tmp, s.cfg.MaxRoadsBytes)
	if err != nil {
		os.RemoveAll(tmp)
		if errors.Is(err, ErrSlowUpload) {
			w.Header().Set("Connection", "close")
		}
		return nil, err
	}
	form.dir = tmp
	http.NewResponseController(w).SetReadDeadline(time.Time{}) // the body is in
	return form, nil
}

// uploadedDataset is a received upload, read and checked: what storeDataset
// stores.
type uploadedDataset struct {
	name       string
	d          *dataset
	boundaries []byte         // canonical county boundaries, or nil
	roads      *uploadedRoads // or nil
}

// readUpload reads the files of a received upload with the command
// line's readers and validation, as its fields ask.
func (s *Server) readUpload(ctx context.Context, form *uploadForm) (*uploadedDataset, error) {
	opt, err := uploadReadOptions(ctx, form.fields, s.cfg.MaxColumns)
	if err != nil {
		return nil, err
	}
	vf, ff := form.files["villages"], form.files["facilities"]
	up := &uploadedDataset{name: strings.TrimSpace(form.fields["name"])}
	if up.d, err = readUploadedTables(ctx, vf, ff, opt); err != nil {
		return nil, err
	}
	if bf, ok := form.files["boundaries"]; ok {
		if up.boundaries, err = readUploadedBoundaries(bf); err != nil {
			return nil, err
		}
	}
	if rf, ok := form.files["roads"]; ok {
		if up.roads, err = s.readUploadedRoads(ctx, rf, up.d); err != nil {
			return nil, err
		}
	}
	if up.name == "" {
		up.name = strings.TrimSuffix(vf.name, filepath.Ext(vf.name))
	}
	return up, nil
}

// uploadReadOptions are the reading options the upload fields encoding,
// strict and crs ask for.
func uploadReadOptions(ctx context.Context, fields map[string]string, maxColumns int) (table.ReadOptions, error) {
	opt := table.ReadOptions{Encoding: fields["encoding"], MaxColumns: maxColumns, Context: ctx}
	if !knownEncoding(opt.Encoding) {
		return opt, &ParamError{Param: "encoding", Reason: fmt.Sprintf("unknown encoding %q (want auto, utf-8, gbk or gb18030)", opt.Encoding)}
	}
	var err error
	if opt.Strict, err = parseStrict(fields["strict"]); err != nil {
		return opt, err
	}
	if c := fields["crs"]; c != "" {
		crs, err := geo.ParseCRS(c)
		if err != nil {
			return opt, &ParamError{Param: "crs", Reason: strings.TrimPrefix(err.Error(), "geo: ")}
		}
		opt.CRS = crs
	}
	return opt, nil
}

// acquireUpload takes an upload slot, waiting up to Config.UploadWait;
// the returned function gives it back.
func (s *Server) acquireUpload(ctx context.Context) (func(), error) {
	select {
	case s.uploads <- struct{}{}:
		return func() { <-s.uploads }, nil
	default:
	}
	t := time.NewTimer(s.cfg.UploadWait)
	defer t.Stop()
	select {
	case s.uploads <- struct{}{}:
		return func() { <-s.uploads }, nil
	case <-t.C:
		return nil, fmt.Errorf("%w: all %d upload slots are taken; retry shortly", ErrBusy, cap(s.uploads))
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// readUploadedTables reads the two uploaded tables from their temporary
// files with the command line's readers, under the client's file names.
// Reading stops when ctx is done (the client went away).
func readUploadedTables(ctx context.Context, vf, ff uploadFile, opt table.ReadOptions) (*dataset, error) {
	v, err := os.Open(vf.path)
	if err != nil {
		return nil, err
	}
	defer v.Close()
	f, err := os.Open(ff.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, err := readInputs(reqio.ContextReader(ctx, v), vf.name, reqio.ContextReader(ctx, f), ff.name, opt)
	if err != nil && ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return d, err
}

// uploadMemory estimates the memory of reading an upload from the sizes
// of its files.
func uploadMemory(form *uploadForm) int64 {
	var n int64
	for field, f := range form.files {
		if fi, err := os.Stat(f.path); err == nil {
			if field == "roads" {
				n += roadsMemory(fi.Size())
				continue
			}
			n += fi.Size() * uploadBytesPerByte
		}
	}
	return n + 1<<20
}

func readUploadedBoundaries(bf uploadFile) ([]byte, error) {
	f, err := os.Open(bf.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readBoundaries(f, bf.name)
}

func knownEncoding(e string) bool {
	switch strings.ToLower(strings.TrimSpace(e)) {
	case "", "auto", "utf-8", "utf8", "gbk", "cp936", "gb2312", "gb18030":
		return true
	}
	return false
}

// readUploadForm receives the parts of an upload, streaming each file to
// dir under its field name.
func readUploadForm(mr *multipart.Reader, dir string, maxRoadsBytes int64) (*uploadForm, error) {
	f := &uploadForm{files: map[string]uploadFile{}, fields: map[string]string{}, seen: map[string]bool{}}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, formError(err)
		}
		name := p.FormName()
		if f.seen[name] {
			return nil, &ParamError{Param: name, Reason: "form field given twice"}
		}
		f.seen[name] = true
		switch {
		case slices.Contains(uploadFiles, name):
			path := filepath.Join(dir, name)
			var src io.Reader = p
			if name == "roads" {
				src = &cappedReader{r: p, left: maxRoadsBytes}
			}
			if err := saveTo(path, src); err != nil {
				return nil, err
			}
			file := p.FileName()
			if file == "" {
				file = name
			}
			f.files[name] = uploadFile{path: path, name: file}
		default:
			limit, ok := uploadFields[name]
			if !ok {
				return nil, &ParamError{Param: name, Reason: "unknown form field (want the files villages and facilities, and optionally boundaries, roads, name, encoding, crs and strict)"}
			}
			b, err := io.ReadAll(io.LimitReader(p, int64(limit)*4+1))
			if err != nil {
				return nil, formError(err)
			}
			if !utf8.Valid(b) || utf8.RuneCount(b) > limit {
				return nil, &ParamError{Param: name, Reason: fmt.Sprintf("want UTF-8 text of at most %d characters", limit)}
			}
			if strings.ContainsFunc(string(b), unicode.IsControl) {
				return nil, &ParamError{Param: name, Reason: "control characters (line breaks, tabs, escapes) are not allowed"}
			}
			f.fields[name] = string(b)
		}
		p.Close()
	}
	for _, name := range []string{"villages", "facilities"} {
		if !f.seen[name] {
			return nil, &ParamError{Param: name, Reason: fmt.Sprintf("missing form field: the %s table, a CSV or GeoJSON file", name)}
		}
	}
	return f, nil
}

// saveTo copies one part to a new file. Failing to read the part is the
// client's (formError); failing to write the file is the server's.
func saveTo(path string, p io.Reader) error {
	out, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("server: upload: %w", err)
	}
	src := &readErr{r: p}
	_, err = io.Copy(out, src)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if src.err != nil {
		return formError(src.err)
	}
	if err != nil {
		return fmt.Errorf("server: upload: %w", err)
	}
	return nil
}

// readErr remembers the error of its reader, to tell it from a write
// error in io.Copy.
type readErr struct {
	r   io.Reader
	err error
}

func (r *readErr) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF {
		r.err = err
	}
	return n, err
}

// formError classifies a failure to read the form: too large stays a
// MaxBytesError (413), anything else is a malformed request (400).
func formError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) || errors.Is(err, ErrSlowUpload) || errors.Is(err, context.Canceled) {
		return err
	}
	return &ParamError{Param: "body", Reason: "malformed multipart form: " + err.Error()}
}
