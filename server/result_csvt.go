package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/catchment/catchment/data/csvio"
)

// handleResultCSVT answers NAME.csvt for a run's CSV result NAME.csv: the
// GDAL column types of the table (csvio.ColumnTypes, as the command line's
// .csvt sidecars), so that GDAL and QGIS reading the table by URL
// (/vsicurl/.../counties.csv) find them beside it, as beside a file, and
// read numbers as numbers and true/false as booleans.
func (s *Server) handleResultCSVT(w http.ResponseWriter, r *http.Request, id, table string) error {
	f, res, err := s.openResult(r.Context(), id, table)
	if err != nil {
		return err
	}
	defer f.Close()
	tag := `"` + res.SHA256[:32] + `-csvt"`
	h := w.Header()
	h.Set("ETag", tag)
	h.Set("Cache-Control", "no-cache")
	if etagMatch(r.Header.Get("If-None-Match"), tag) {
		w.WriteHeader(http.StatusNotModified) // the table has not changed: no need to scan it
		return nil
	}
	_, types, err := csvio.ColumnTypes(f)
	if err != nil {
		return err
	}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, strings.TrimSuffix(table, ".csv")+".csvt", time.Time{}, strings.NewReader(csvio.CSVTLine(types)))
	return nil
}
