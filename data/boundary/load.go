package boundary

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/gpkg"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// DefaultMaxBytes bounds the GeoJSON FromGeoJSON reads.
const DefaultMaxBytes = 512 << 20

// Options names the attributes holding code and name. Empty lists mean
// the defaults: code from "code", "adcode", "区划代码", "代码"; name from
// "name", "名称", "NAME". The first present, non-empty attribute wins.
type Options struct {
	CodeKeys, NameKeys []string
	MaxBytes           int64
}

var (
	defaultCodeKeys = []string{"code", "adcode", "区划代码", "代码"}
	defaultNameKeys = []string{"name", "名称", "NAME"}
)

// Warning is a feature that was skipped, with the reason.
type Warning struct {
	File    string
	Feature int // 0-based position in the file
	Reason  string
}

func (w Warning) String() string {
	return fmt.Sprintf("%s: feature %d: %s", w.File, w.Feature, w.Reason)
}

func (o Options) keys() ([]string, []string) {
	c, n := o.CodeKeys, o.NameKeys
	if len(c) == 0 {
		c = defaultCodeKeys
	}
	if len(n) == 0 {
		n = defaultNameKeys
	}
	return c, n
}

// FromGeoJSON reads a FeatureCollection of Polygon/MultiPolygon features.
// Features with another geometry, or with neither code nor name, are
// skipped with a Warning; no usable feature at all is an ErrInvalid error.
func FromGeoJSON(r io.Reader, file string, opt Options) (*Boundaries, []Warning, error) {
	max := opt.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, nil, fmt.Errorf("boundary: %s: %w", file, err)
	}
	if int64(len(data)) > max {
		return nil, nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrInvalid, file, max)
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %v", ErrInvalid, file, err)
	}
	codeKeys, nameKeys := opt.keys()
	var regions []Region
	var warns []Warning
	for i, f := range fc.Features {
		reg, reason := region(f.Geometry, func(k string) any { return f.Properties[k] }, codeKeys, nameKeys)
		if reason != "" {
			warns = append(warns, Warning{file, i, reason})
			continue
		}
		regions = append(regions, reg)
	}
	return build(file, regions, warns)
}

// FromLayer builds Boundaries from a GeoPackage layer read by gpkg.ReadLayer.
func FromLayer(l *gpkg.Layer, file string, opt Options) (*Boundaries, []Warning, error) {
	codeKeys, nameKeys := opt.keys()
	idx := map[string]int{}
	for i, f := range l.Fields {
		idx[f.Name] = i
	}
	var regions []Region
	var warns []Warning
	for i, f := range l.Features {
		reg, reason := region(f.Geometry, func(k string) any {
			if j, ok := idx[k]; ok && j < len(f.Values) {
				return f.Values[j]
			}
			return nil
		}, codeKeys, nameKeys)
		if reason != "" {
			warns = append(warns, Warning{file, i, reason})
			continue
		}
		regions = append(regions, reg)
	}
	return build(file, regions, warns)
}

func build(file string, regions []Region, warns []Warning) (*Boundaries, []Warning, error) {
	if len(regions) == 0 {
		return nil, warns, fmt.Errorf("%w: %s has no polygon feature with a code or name", ErrInvalid, file)
	}
	b, err := New(regions)
	return b, warns, err
}

// region turns one feature into a Region, or gives the reason it cannot.
func region(g orb.Geometry, prop func(string) any, codeKeys, nameKeys []string) (Region, string) {
	var shape orb.MultiPolygon
	switch v := g.(type) {
	case orb.Polygon:
		shape = orb.MultiPolygon{v}
	case orb.MultiPolygon:
		shape = v
	default:
		return Region{}, fmt.Sprintf("geometry %T is not a polygon", g)
	}
	if len(shape) == 0 {
		return Region{}, "empty polygon"
	}
	reg := Region{Code: firstText(prop, codeKeys), Name: firstText(prop, nameKeys), Shape: shape}
	if reg.Code == "" && reg.Name == "" {
		return Region{}, fmt.Sprintf("neither a code (%s) nor a name (%s)", strings.Join(codeKeys, ", "), strings.Join(nameKeys, ", "))
	}
	return reg, ""
}

// firstText is the first non-empty attribute among keys, as text; JSON
// numbers print without exponent (140105 not 1.40105e+05).
func firstText(prop func(string) any, keys []string) string {
	for _, k := range keys {
		var s string
		switch v := prop(k).(type) {
		case nil:
		case string:
			s = strings.TrimSpace(v)
		case float64:
			s = strconv.FormatFloat(v, 'f', -1, 64)
		case int64:
			s = strconv.FormatInt(v, 10)
		default:
			s = fmt.Sprint(v)
		}
		if s != "" {
			return s
		}
	}
	return ""
}

// Load reads boundaries from a file: a GeoPackage (.gpkg; layer names the
// layer, "" means the first feature layer) or GeoJSON (anything else;
// layer must be "").
func Load(path, layer string, opt Options) (*Boundaries, []Warning, error) {
	if strings.EqualFold(filepath.Ext(path), ".gpkg") {
		if layer == "" {
			names, err := gpkg.Layers(path)
			if err != nil {
				return nil, nil, err
			}
			if len(names) == 0 {
				return nil, nil, fmt.Errorf("%w: %s has no feature layer", ErrInvalid, path)
			}
			layer = names[0]
		}
		l, err := gpkg.ReadLayer(path, layer)
		if err != nil {
			return nil, nil, err
		}
		return FromLayer(l, path, opt)
	}
	if layer != "" {
		return nil, nil, fmt.Errorf("%w: %s: a layer (%q) only applies to a GeoPackage", ErrInvalid, path, layer)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("boundary: %w", err)
	}
	defer f.Close()
	return FromGeoJSON(f, path, opt)
}
