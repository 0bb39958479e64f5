package boundary

import "github.com/catchment/catchment/data/gpkg"

// Layer returns the regions as a GeoPackage MULTIPOLYGON layer with text
// fields code and name, in input order, ready for gpkg.Write.
func (b *Boundaries) Layer(name string) gpkg.Layer {
	l := gpkg.Layer{Name: name, GeometryType: gpkg.MultiPolygon, SRS: gpkg.SRSWGS84,
		Fields: []gpkg.Field{{Name: "code", Type: gpkg.Text}, {Name: "name", Type: gpkg.Text}}}
	l.Features = make([]gpkg.Feature, len(b.regions))
	for i, r := range b.regions {
		l.Features[i] = gpkg.Feature{Geometry: r.Shape, Values: []any{r.Code, r.Name}}
	}
	return l
}
