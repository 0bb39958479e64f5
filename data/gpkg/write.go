package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Write creates the GeoPackage at path with one feature table per layer,
// replacing any file there. It writes to a temporary file in the same
// directory and renames it into place, so path is either the complete new
// file or unchanged. Every layer is validated before anything is written;
// a bad layer, field, value or geometry is a *LayerError (ErrInvalidLayer).
func Write(ctx context.Context, path string, layers []Layer) (err error) {
	seen := map[string]bool{}
	for i := range layers {
		if err := checkLayer(&layers[i], seen); err != nil {
			return err
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("gpkg: %w", err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer func() {
		if err != nil {
			os.Remove(tmpName)
		}
	}()
	if err := writeFile(ctx, tmpName, layers); err != nil {
		return err
	}
	if err := os.Rename(tmpName, path); err != nil {
		return fmt.Errorf("gpkg: %w", err)
	}
	return nil
}

// writeFile writes the whole database in one transaction.
func writeFile(ctx context.Context, path string, layers []Layer) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return fmt.Errorf("gpkg: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, p := range []string{
		fmt.Sprintf("PRAGMA application_id = %d", applicationID),
		fmt.Sprintf("PRAGMA user_version = %d", userVersion),
		"PRAGMA journal_mode = MEMORY", "PRAGMA synchronous = OFF",
	} {
		if _, err := db.ExecContext(ctx, p); err != nil {
			return fmt.Errorf("gpkg: %s: %w", p, err)
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("gpkg: %w", err)
	}
	defer tx.Rollback()
	if err := execAll(ctx, tx, metadataDDL); err != nil {
		return err
	}
	for i := range layers {
		if err := writeLayer(ctx, tx, &layers[i]); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("gpkg: commit: %w", err)
	}
	return db.Close()
}

func execAll(ctx context.Context, tx *sql.Tx, stmts []string) error {
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("gpkg: %w (in %.60s…)", err, s)
		}
	}
	return nil
}

// writeLayer creates one feature table with its metadata rows and index.
func writeLayer(ctx context.Context, tx *sql.Tx, l *Layer) error {
	if err := execAll(ctx, tx, []string{featureTableDDL(l)}); err != nil {
		return err
	}
	ext, err := insertFeatures(ctx, tx, l)
	if err != nil {
		return err
	}
	var minX, minY, maxX, maxY any
	if ext != nil {
		minX, minY, maxX, maxY = ext.Min[0], ext.Min[1], ext.Max[0], ext.Max[1]
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_contents
		(table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
		VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?)`,
		l.Name, l.Name, l.Description, minX, minY, maxX, maxY, SRSWGS84); err != nil {
		return fmt.Errorf("gpkg: gpkg_contents: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)`,
		l.Name, geomColumn, string(l.GeometryType), SRSWGS84); err != nil {
		return fmt.Errorf("gpkg: gpkg_geometry_columns: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_extensions VALUES (?, ?, 'gpkg_rtree_index',
		'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')`, l.Name, geomColumn); err != nil {
		return fmt.Errorf("gpkg: gpkg_extensions: %w", err)
	}
	ddl := rtreeDDL(l.Name)
	if err := execAll(ctx, tx, ddl[:1]); err != nil {
		return err
	}
	rt := quoteIdent("rtree_" + l.Name + "_" + geomColumn)
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO %s SELECT fid, ST_MinX, ST_MaxX, ST_MinY, ST_MaxY FROM temp.envelopes`, rt)); err != nil {
		return fmt.Errorf("gpkg: filling the spatial index: %w", err)
	}
	return execAll(ctx, tx, append(ddl[1:], "DROP TABLE temp.envelopes"))
}

// insertFeatures writes the rows of l and their envelopes (into
// temp.envelopes, for the spatial index) and returns the layer's extent,
// nil when no feature has a non-empty geometry.
func insertFeatures(ctx context.Context, tx *sql.Tx, l *Layer) (*orb.Bound, error) {
	if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE envelopes (fid INTEGER, ST_MinX REAL, ST_MaxX REAL, ST_MinY REAL, ST_MaxY REAL)`); err != nil {
		return nil, fmt.Errorf("gpkg: %w", err)
	}
	cols := []string{"fid", geomColumn}
	for _, f := range l.Fields {
		cols = append(cols, quoteIdent(f.Name))
	}
	ins, err := tx.PrepareContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES (?%s)",
		quoteIdent(l.Name), strings.Join(cols, ", "), strings.Repeat(", ?", len(cols)-1)))
	if err != nil {
		return nil, fmt.Errorf("gpkg: %w", err)
	}
	defer ins.Close()
	env, err := tx.PrepareContext(ctx, `INSERT INTO temp.envelopes VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("gpkg: %w", err)
	}
	defer env.Close()
	var ext *orb.Bound
	args := make([]any, len(cols))
	for i := range l.Features {
		fid := int64(i + 1)
		b, err := featureArgs(l, i, args)
		if err != nil {
			return nil, err
		}
		args[0] = fid
		if _, err := ins.ExecContext(ctx, args...); err != nil {
			return nil, fmt.Errorf("gpkg: layer %q feature %d: %w", l.Name, i, err)
		}
		if b == nil {
			continue
		}
		if _, err := env.ExecContext(ctx, fid, b.Min[0], b.Max[0], b.Min[1], b.Max[1]); err != nil {
			return nil, fmt.Errorf("gpkg: %w", err)
		}
		if ext == nil {
			ext = &orb.Bound{Min: b.Min, Max: b.Max}
		} else {
			*ext = ext.Union(*b)
		}
	}
	return ext, nil
}

// featureArgs fills args[1:] with feature i's geometry blob and values and
// returns its bound (nil for a NULL or empty geometry).
func featureArgs(l *Layer, i int, args []any) (*orb.Bound, error) {
	f := &l.Features[i]
	fail := func(reason string) error { return &LayerError{Layer: l.Name, Feature: i, Reason: reason} }
	if len(f.Values) != len(l.Fields) {
		return nil, fail(fmt.Sprintf("%d values for %d fields", len(f.Values), len(l.Fields)))
	}
	for j, v := range f.Values {
		sv, err := sqlValue(l.Fields[j].Type, v)
		if err != nil {
			return nil, fail(fmt.Sprintf("field %q: %v", l.Fields[j].Name, err))
		}
		args[j+2] = sv
	}
	args[1] = nil
	if f.Geometry == nil {
		return nil, nil
	}
	gt := typeOf(f.Geometry)
	if gt == "" || (l.GeometryType != Geometry && gt != l.GeometryType) {
		return nil, fail(fmt.Sprintf("geometry %T does not match the layer type %s", f.Geometry, l.GeometryType))
	}
	blob, err := EncodeGeometry(f.Geometry, SRSWGS84)
	if err != nil {
		return nil, fail(err.Error())
	}
	args[1] = blob
	if isEmpty(f.Geometry) {
		return nil, nil
	}
	b := f.Geometry.Bound()
	return &b, nil
}
