package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// openRead opens path read-only. A missing file is an error (SQLite would
// otherwise create it).
func openRead(path string) (*sql.DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("gpkg: %w", err)
	}
	u := url.URL{Scheme: "file", Path: abs, RawQuery: "mode=ro"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, fmt.Errorf("gpkg: %w", err)
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrNotGeoPackage, path, err)
	}
	return db, nil
}

// Layers lists the feature layers of the GeoPackage at path, in
// gpkg_contents order.
func Layers(path string) ([]string, error) {
	db, err := openRead(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return listLayers(context.Background(), db, path)
}

func listLayers(ctx context.Context, db *sql.DB, path string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT c.table_name FROM gpkg_contents c
		JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
		WHERE c.data_type = 'features' ORDER BY c.rowid`)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotGeoPackage, path, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrNotGeoPackage, path, err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ReadLayer reads every feature of one layer. Fields are the table's
// columns other than the primary key and the geometry column, with the
// declared type mapped to Text, Integer, Real or Boolean (anything else is
// read as Text). Values are string, int64, float64, bool or nil (NULL);
// a value whose storage class differs from the declared type is returned
// as stored. A geometry that is not valid GeoPackage binary is an error
// naming the feature id. A missing layer is a *NoLayerError listing those
// present.
func ReadLayer(path, layer string) (*Layer, error) {
	ctx := context.Background()
	db, err := openRead(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	names, err := listLayers(ctx, db, path)
	if err != nil {
		return nil, err
	}
	found := false
	for _, n := range names {
		found = found || n == layer
	}
	if !found {
		return nil, &NoLayerError{Path: path, Layer: layer, Available: names}
	}
	l := &Layer{Name: layer, SRS: SRSWGS84}
	var gcol string
	if err := db.QueryRowContext(ctx, `SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?`,
		layer).Scan(&gcol, &l.GeometryType, &l.SRS); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotGeoPackage, path, err)
	}
	pk, err := readFields(ctx, db, l, gcol)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotGeoPackage, path, err)
	}
	if err := readFeatures(ctx, db, l, pk, gcol); err != nil {
		return nil, fmt.Errorf("gpkg: %s: layer %q: %w", path, layer, err)
	}
	return l, nil
}

// readFields fills l.Fields from the table's schema and returns the name of
// its integer primary key ("" when it has none; rowid is used then).
func readFields(ctx context.Context, db *sql.DB, l *Layer, gcol string) (string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, type, pk FROM pragma_table_info(?)`, l.Name)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	pk := ""
	for rows.Next() {
		var name, typ string
		var isPK int
		if err := rows.Scan(&name, &typ, &isPK); err != nil {
			return "", err
		}
		if isPK == 1 && strings.EqualFold(typ, "INTEGER") {
			pk = name
			continue
		}
		if strings.EqualFold(name, gcol) {
			continue
		}
		l.Fields = append(l.Fields, Field{Name: name, Type: fieldType(typ)})
	}
	return pk, rows.Err()
}

// fieldType maps a declared GeoPackage column type to a FieldType.
func fieldType(decl string) FieldType {
	switch strings.ToUpper(decl) {
	case "INTEGER", "INT", "MEDIUMINT", "SMALLINT", "TINYINT":
		return Integer
	case "REAL", "DOUBLE", "FLOAT":
		return Real
	case "BOOLEAN":
		return Boolean
	}
	return Text
}

func readFeatures(ctx context.Context, db *sql.DB, l *Layer, pk, gcol string) error {
	if pk == "" {
		pk = "rowid"
	}
	cols := []string{quoteIdent(pk), quoteIdent(gcol)}
	for _, f := range l.Fields {
		cols = append(cols, quoteIdent(f.Name))
	}
	rows, err := db.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM %s ORDER BY 1", strings.Join(cols, ", "), quoteIdent(l.Name)))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var blob []byte
		vals := make([]any, len(l.Fields))
		dest := []any{new(int64), &blob}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		f := Feature{FID: *dest[0].(*int64), Values: vals}
		if blob != nil {
			g, _, err := DecodeGeometry(blob)
			if err != nil {
				return fmt.Errorf("feature %d: %w", f.FID, err)
			}
			f.Geometry = g
		}
		for i, v := range vals {
			vals[i] = normalise(l.Fields[i].Type, v)
		}
		l.Features = append(l.Features, f)
	}
	return rows.Err()
}

// normalise turns driver values into string, int64, float64, bool or nil.
func normalise(t FieldType, v any) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case int64:
		if t == Boolean && (x == 0 || x == 1) {
			return x == 1
		}
	}
	return v
}
