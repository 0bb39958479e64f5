package csvio

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/atomicfile"
	"github.com/catchment/catchment/data/table"
)

// GDAL CSVT column types (the GDAL CSV driver's .csvt sidecar): what
// ColumnTypes infers.
const (
	TypeString  = "String"
	TypeInteger = "Integer"
	TypeInt64   = "Integer64"
	TypeReal    = "Real"
	TypeBoolean = "Integer(Boolean)" // GDAL reads true and false as 1 and 0, QGIS shows a boolean
	TypeCoordX  = "CoordX"           // the lon column: GDAL makes a Point of it and lat
	TypeCoordY  = "CoordY"
)

// wgs84PRJ is the .prj beside a CSV with lon and lat columns: WGS84
// longitude/latitude, which GDAL gives the layer's points.
const wgs84PRJ = `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`

var (
	csvInteger = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)
	csvReal    = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)
)

// ColumnTypes reads a CSV table (header first, a UTF-8 byte order mark
// allowed) and infers the GDAL type of each column from every cell:
//
//   - identifiers (a column named id, or ending in _id or _ids) are
//     String, whatever they look like, so that "001" and 1 stay apart;
//   - lon and lat are CoordX and CoordY when both are there and every
//     cell of both is a number, so that GDAL and QGIS make points of them;
//   - true/false in every non-empty cell is Integer(Boolean);
//   - integers are Integer, or Integer64 beyond 32 bits; decimal numbers
//     are Real; a leading zero ("007") makes a code, so text;
//   - anything else, and a column with no value at all, is String.
//
// Empty cells are nulls and do not decide a type.
func ColumnTypes(r io.Reader) (header, types []string, err error) {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.ReuseRecord = true
	rec, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("csvio: reading the header: %w", err)
	}
	header = append([]string(nil), rec...)
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], utf8BOM)
	}
	cols := make([]columnKind, len(header))
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("csvio: %w", err)
		}
		for i, v := range rec {
			if i < len(cols) {
				cols[i].see(v)
			}
		}
	}
	types = make([]string, len(header))
	lon, lat := -1, -1
	for i, name := range header {
		types[i] = cols[i].gdalType(name)
		switch name {
		case "lon":
			lon = i
		case "lat":
			lat = i
		}
	}
	if lon >= 0 && lat >= 0 && cols[lon].numeric() && cols[lat].numeric() {
		types[lon], types[lat] = TypeCoordX, TypeCoordY
	}
	return header, types, nil
}

// columnKind is what a column's non-empty cells have all been so far.
type columnKind struct {
	values               bool // some cell is not empty
	notBool, notInt      bool
	notReal, beyondInt32 bool
}

func (k *columnKind) see(v string) {
	if v == "" {
		return
	}
	k.values = true
	if v != "true" && v != "false" {
		k.notBool = true
	}
	if !k.notInt {
		if !csvInteger.MatchString(v) {
			k.notInt = true
		} else if n, err := strconv.ParseInt(v, 10, 64); err != nil {
			k.notInt = true // beyond 64 bits: a Real
		} else if n > 1<<31-1 || n < -1<<31 {
			k.beyondInt32 = true
		}
	}
	if !k.notReal && !csvReal.MatchString(v) {
		k.notReal = true
	}
}

func (k *columnKind) numeric() bool { return k.values && !k.notReal }

func (k *columnKind) gdalType(name string) string {
	switch {
	case name == "id" || strings.HasSuffix(name, "_id") || strings.HasSuffix(name, "_ids") || !k.values:
		return TypeString
	case !k.notBool:
		return TypeBoolean
	case !k.notInt && k.beyondInt32:
		return TypeInt64
	case !k.notInt:
		return TypeInteger
	case !k.notReal:
		return TypeReal
	}
	return TypeString
}

// CSVTLine is the content of a .csvt file for the column types: each
// type quoted, comma-separated, one line.
func CSVTLine(types []string) string {
	quoted := make([]string, len(types))
	for i, t := range types {
		quoted[i] = `"` + t + `"`
	}
	return strings.Join(quoted, ",") + "\n"
}

// WriteSidecars writes, beside the CSV file at path (which must end in
// .csv), the files GDAL (and so QGIS) reads it with: a .csvt of the column
// types ColumnTypes infers, and, when lon and lat become CoordX and
// CoordY, a .prj saying they are WGS84 degrees. Without them GDAL reads
// every column as text. It returns the paths written; errors unwrap to
// table.ErrWrite (or to the reading error of a file that is not CSV).
func WriteSidecars(path string) ([]string, error) {
	base, ok := strings.CutSuffix(path, ".csv")
	if !ok {
		return nil, fmt.Errorf("csvio: %s: a CSV file's name must end in .csv for its .csvt", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &table.WriteError{Path: path, Err: err}
	}
	_, types, err := ColumnTypes(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	written := []string{base + ".csvt"}
	if err := atomicfile.WriteFileAtomic(written[0], func(w io.Writer) error {
		_, err := io.WriteString(w, CSVTLine(types))
		return err
	}); err != nil {
		return nil, err
	}
	points := false
	for _, t := range types {
		points = points || t == TypeCoordX
	}
	if !points {
		return written, nil
	}
	if err := atomicfile.WriteFileAtomic(base+".prj", func(w io.Writer) error {
		_, err := io.WriteString(w, wgs84PRJ)
		return err
	}); err != nil {
		return written, err
	}
	return append(written, base+".prj"), nil
}
