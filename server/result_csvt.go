package server

import (
	"bytes"
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
	_, types, err := csvio.ColumnTypes(f)
	if err != nil {
		return err
	}
	quoted := make([]string, len(types))
	for i, t := range types {
		quoted[i] = `"` + t + `"`
	}
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("ETag", `"`+res.SHA256[:32]+`-csvt"`)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, strings.TrimSuffix(table, ".csv")+".csvt", time.Time{}, bytes.NewReader([]byte(strings.Join(quoted, ",")+"\n")))
	return nil
}
