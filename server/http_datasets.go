package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/geo"
)

// DatasetInfo is the JSON form of a dataset. Reports (the read reports of
// the upload: every rejected row and warning with file, line and reason)
// are given for a single dataset and omitted from the list.
type DatasetInfo struct {
	ID          string             `json:"id"`
	Name        string             `json:"name"`
	Builtin     bool               `json:"builtin"`
	Created     string             `json:"created"`
	Villages    int                `json:"villages"`
	Facilities  int                `json:"facilities"`
	Population  int64              `json:"population"`
	Counties    []string           `json:"counties"`
	ContentHash string             `json:"content_hash"`
	Rejected    int                `json:"rejected"`
	Warnings    int                `json:"warnings"`
	Reports     []*data.ReadReport `json:"reports,omitempty"`
	URL         string             `json:"url"`
	CoverageURL string             `json:"coverage_url"`
}

func datasetURL(id string) string { return "/api/v1/datasets/" + id }

func datasetInfo(d *datasetRecord, withReports bool) DatasetInfo {
	info := DatasetInfo{ID: d.ID, Name: d.Name, Builtin: d.Builtin, Created: formatTime(d.Created),
		Villages: d.Villages, Facilities: d.Facilities, Population: d.Population, Counties: d.Counties,
		ContentHash: d.Hash, Rejected: d.Rejected, Warnings: d.Warnings,
		URL: datasetURL(d.ID), CoverageURL: datasetURL(d.ID) + "/coverage"}
	if info.Counties == nil {
		info.Counties = []string{}
	}
	if withReports {
		info.Reports = d.Reports
	}
	return info
}

func (s *Server) handleListDatasets(w http.ResponseWriter, r *http.Request) error {
	recs, err := s.st.datasets(r.Context())
	if err != nil {
		return err
	}
	list := []DatasetInfo{datasetInfo(s.sample, false)}
	for _, d := range recs {
		list = append(list, datasetInfo(d, false))
	}
	writeJSON(w, http.StatusOK, map[string]any{"datasets": list})
	return nil
}

func (s *Server) handleGetDataset(w http.ResponseWriter, r *http.Request) error {
	d, err := s.dataset(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
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

// uploadForm is a parsed upload: the two tables and the reader options.
type uploadForm struct {
	villages, facilities         []byte
	villagesName, facilitiesName string
	fields                       map[string]string
	seen                         map[string]bool
}

// Upload form fields besides the two tables, with the longest value
// accepted.
var uploadFields = map[string]int{"name": 200, "encoding": 32, "crs": 32}

// handleUpload reads a multipart form with the villages and facilities
// tables (CSV or GeoJSON files), and the optional fields name, encoding
// and crs, with the command line's readers and validation. Accepted
// tables are stored in canonical form and answered 201 with the read
// reports (rejected rows and warnings included); a refused upload is
// answered 422 with every fault, line by line.
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) error {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return fmt.Errorf("%w: want multipart/form-data with the files villages and facilities, got %q",
			ErrUnsupportedMediaType, r.Header.Get("Content-Type"))
	}
	// An upload may take long on a slow link: the server's read timeout is
	// for ordinary requests.
	http.NewResponseController(w).SetReadDeadline(time.Now().Add(uploadTimeout))
	form, err := readUploadForm(multipart.NewReader(r.Body, params["boundary"]))
	if err != nil {
		return err
	}
	opt := data.ReadOptions{Encoding: form.fields["encoding"]}
	if !knownEncoding(opt.Encoding) {
		return &ParamError{"encoding", fmt.Sprintf("unknown encoding %q (want auto, utf-8, gbk or gb18030)", opt.Encoding)}
	}
	if c := form.fields["crs"]; c != "" {
		crs, err := geo.ParseCRS(c)
		if err != nil {
			return &ParamError{"crs", strings.TrimPrefix(err.Error(), "geo: ")}
		}
		opt.CRS = crs
	}
	start := time.Now()
	d, err := readInputs(bytes.NewReader(form.villages), form.villagesName, bytes.NewReader(form.facilities), form.facilitiesName, opt)
	if err != nil {
		return err
	}
	name := strings.TrimSpace(form.fields["name"])
	if name == "" {
		name = strings.TrimSuffix(form.villagesName, filepath.Ext(form.villagesName))
	}
	rec, err := s.storeDataset(r.Context(), newID(), name, d)
	if err != nil {
		return err
	}
	s.log.Info("dataset uploaded", "dataset", rec.ID, "villages", rec.Villages, "facilities", rec.Facilities,
		"rejected", rec.Rejected, "took", time.Since(start))
	w.Header().Set("Location", datasetURL(rec.ID))
	writeJSON(w, http.StatusCreated, datasetInfo(rec, true))
	return nil
}

func knownEncoding(e string) bool {
	switch strings.ToLower(strings.TrimSpace(e)) {
	case "", "auto", "utf-8", "utf8", "gbk", "cp936", "gb2312", "gb18030":
		return true
	}
	return false
}

func readUploadForm(mr *multipart.Reader) (*uploadForm, error) {
	f := &uploadForm{fields: map[string]string{}, seen: map[string]bool{}}
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
			return nil, &ParamError{name, "form field given twice"}
		}
		f.seen[name] = true
		switch name {
		case "villages", "facilities":
			b, err := io.ReadAll(p)
			if err != nil {
				return nil, formError(err)
			}
			file := p.FileName()
			if file == "" {
				file = name
			}
			if name == "villages" {
				f.villages, f.villagesName = b, file
			} else {
				f.facilities, f.facilitiesName = b, file
			}
		default:
			limit, ok := uploadFields[name]
			if !ok {
				return nil, &ParamError{name, "unknown form field (want the files villages and facilities, and optionally name, encoding and crs)"}
			}
			b, err := io.ReadAll(io.LimitReader(p, int64(limit)*4+1))
			if err != nil {
				return nil, formError(err)
			}
			if !utf8.Valid(b) || utf8.RuneCount(b) > limit {
				return nil, &ParamError{name, fmt.Sprintf("want UTF-8 text of at most %d characters", limit)}
			}
			f.fields[name] = string(b)
		}
		p.Close()
	}
	for _, name := range []string{"villages", "facilities"} {
		if !f.seen[name] {
			return nil, &ParamError{name, fmt.Sprintf("missing form field: the %s table, a CSV or GeoJSON file", name)}
		}
	}
	return f, nil
}

// formError classifies a failure to read the form: too large stays a
// MaxBytesError (413), anything else is a malformed request (400).
func formError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return err
	}
	return &ParamError{"body", "malformed multipart form: " + err.Error()}
}
