package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
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

// ctxReader fails reads once ctx is done: request-bound reading stops
// when the client goes away.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// ctxWriter fails writes once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// rateReader cuts off an upload that arrives slower than min bytes per
// window on average. Each window it moves the connection's read deadline
// to the end of the next one, so a client that sends nothing at all is
// cut off by the deadline, and one that trickles by the count.
type rateReader struct {
	r       io.Reader
	rc      *http.ResponseController
	min     int64 // bytes per window
	window  time.Duration
	start   time.Time // of the current window
	got     int64     // bytes in the current window
	tripped bool
}

func newRateReader(r io.Reader, w http.ResponseWriter, bytesPerSec int64, window time.Duration) *rateReader {
	rr := &rateReader{r: r, rc: http.NewResponseController(w), min: int64(float64(bytesPerSec) * window.Seconds()),
		window: window, start: time.Now()}
	rr.rc.SetReadDeadline(rr.start.Add(window))
	return rr
}

func (rr *rateReader) Read(p []byte) (int, error) {
	if rr.tripped {
		return 0, rr.err()
	}
	n, err := rr.r.Read(p)
	rr.got += int64(n)
	now := time.Now()
	if now.Sub(rr.start) >= rr.window {
		if rr.got < rr.min {
			rr.tripped = true
			return n, rr.err()
		}
		rr.start, rr.got = now, 0
		rr.rc.SetReadDeadline(now.Add(rr.window))
	}
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
		rr.tripped = true
		return n, rr.err()
	}
	return n, err
}

func (rr *rateReader) err() error {
	return fmt.Errorf("%w: the upload arrived slower than %d bytes per %v; the connection is closed", ErrSlowUpload, rr.min, rr.window)
}
