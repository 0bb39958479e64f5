package server

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/catchment/catchment/data/atomicfile"
	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/table"
)

// Defaults of the request limits in Config.
const (
	// DefaultMaxColumns is the most columns an uploaded CSV table (or
	// properties a GeoJSON feature) may have: far more than any
	// statistical table, far fewer than an attack needs.
	DefaultMaxColumns = 1000
	// DefaultUploadMinBytesPerSec and DefaultUploadRateWindow: an upload
	// must deliver at least 16 KiB/s on average over every 20 seconds, or
	// it is cut off (408), so a client sending 1 byte a second holds an
	// upload slot for 20 seconds, not for half an hour.
	DefaultUploadMinBytesPerSec = 16 << 10
	DefaultUploadRateWindow     = 20 * time.Second
)

// maxReportRows is how many rejected rows a read report lists in full (in
// the dataset's JSON, a refusal's problem and a run's summary.json); the
// others are counted by reason, and GET /api/v1/datasets/{id}/rejections.csv
// lists them all.
const maxReportRows = 1000

// rejectionsFile is a stored dataset's complete list of rejected rows.
const rejectionsFile = "rejections.csv"

// writeRejections writes every rejected row of reports into dir, when
// there is any.
func writeRejections(dir string, reports []*table.ReadReport) error {
	n := 0
	for _, r := range reports {
		n += r.RejectedTotal()
	}
	if n == 0 {
		return nil
	}
	return atomicfile.WriteFileAtomic(filepath.Join(dir, rejectionsFile), func(w io.Writer) error {
		return csvio.WriteRejectionsCSV(w, reports...)
	})
}

// boundReports bounds each report to maxReportRows listed rejections.
func boundReports(reports []*table.ReadReport) []*table.ReadReport {
	out := make([]*table.ReadReport, len(reports))
	for i, r := range reports {
		out[i] = normalizeReport(r.Bound(maxReportRows))
	}
	return out
}

// handleRejections serves the complete list of a dataset's rejected rows
// as CSV (file,line,id,reason): the stored file, or, for datasets stored
// before it existed and the sample, the list in the record.
func (s *Server) handleRejections(w http.ResponseWriter, r *http.Request) error {
	rec, err := s.dataset(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", mediaCSV)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Disposition", `attachment; filename="`+rec.ID+"-"+rejectionsFile+`"`)
	if !rec.Builtin {
		f, err := os.Open(filepath.Join(s.datasetDir(rec.ID), rejectionsFile))
		if err == nil {
			defer f.Close()
			fi, err := f.Stat()
			if err != nil {
				return err
			}
			h.Set("ETag", etag("rejections", rec.Hash, rec.ID))
			http.NewResponseController(w).SetWriteDeadline(time.Now().Add(streamTimeout))
			http.ServeContent(w, r, rejectionsFile, fi.ModTime(), f)
			return nil
		}
	}
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return nil
	}
	return csvio.WriteRejectionsCSV(w, rec.Reports...)
}
