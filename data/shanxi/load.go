package shanxi

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"sync"

	"github.com/catchment/catchment/data/boundary"
	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

//go:embed data/counties.geojson.gz data/divisions.csv.gz data/county_seats.csv
var files embed.FS

// CountiesGeoJSON returns the embedded county polygons exactly as
// published (ECharts datum, 2017 codes), decompressed.
func CountiesGeoJSON() ([]byte, error) { return gunzip("data/counties.geojson.gz") }

func gunzip(name string) ([]byte, error) {
	raw, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	z, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}

// Division is a township or a village-level division (administrative
// village or urban community).
type Division struct {
	Code, Name string
	Kind       string // town, township, subdistrict, village_committee, residents_committee, other
}

// Township is a township-level division with its villages, in code order.
type Township struct {
	Division
	Villages []Division
}

// County is a 2023 county-level division with the shape it is drawn with.
// Shape is the union (as separate polygons) of the 2017 ECharts polygons
// listed in ShapeCodes; for the four development zones, which have no
// polygon of their own, Host names the county whose shape they use and
// Shape is that county's shape.
//
// UniqueName is Name, prefixed with the city name when another county of
// the province has the same name (城区 is both 140302 in 阳泉市 and 140502
// in 晋城市): planner groups by county name, so the sample uses it.
type County struct {
	Code, Name, CityCode, CityName string
	UniqueName                     string
	Seat                           orb.Point
	Shape                          orb.MultiPolygon
	ShapeCodes                     []string
	Host                           string
	Townships                      []Township
}

// successors maps the 2023 county codes whose shapes changed since the
// 2017 polygons to the polygons that make them up (Datong's 2018 and
// Changzhi's 2018–19 reorganisations, Huairen and Taigu becoming a city and
// a district). 南郊区 is given whole to 云冈区, of which it forms the bulk.
var successors = map[string][]string{
	"140213": {"140202"}, "140214": {"140203", "140211"}, "140215": {"140227"},
	"140403": {"140402", "140411"}, "140404": {"140421"}, "140405": {"140424"},
	"140406": {"140481"}, "140681": {"140624"}, "140703": {"140726"},
}

// zoneHosts maps the development zones (no polygon, no county seat) to the
// county their villages lie in.
var zoneHosts = map[string]string{
	"140171": "140105", "140271": "140214", "140671": "140602", "140971": "140922",
}

type polygonData struct {
	shape orb.MultiPolygon
	seat  orb.Point
}

var (
	loadOnce [2]sync.Once
	loaded   [2][]County
	loadErr  [2]error
)

// Counties returns the 121 county-level divisions of 2023 in code order,
// their shapes converted from GCJ-02 to WGS84 with geo.GCJ02ToWGS84 unless
// keepGCJ02. The result is shared: do not modify it.
func Counties(keepGCJ02 bool) ([]County, error) {
	k := 0
	if keepGCJ02 {
		k = 1
	}
	loadOnce[k].Do(func() { loaded[k], loadErr[k] = load(keepGCJ02) })
	return loaded[k], loadErr[k]
}

func load(keepGCJ02 bool) ([]County, error) {
	polys, err := readPolygons(keepGCJ02)
	if err != nil {
		return nil, err
	}
	counties, err := readDivisions()
	if err != nil {
		return nil, err
	}
	byCode := map[string]*County{}
	for i := range counties {
		byCode[counties[i].Code] = &counties[i]
	}
	for i := range counties {
		c := &counties[i]
		src := successors[c.Code]
		if src == nil {
			src = []string{c.Code}
		}
		if h, ok := zoneHosts[c.Code]; ok {
			c.Host = h
			continue
		}
		for _, s := range src {
			p, ok := polys[s]
			if !ok {
				return nil, fmt.Errorf("shanxi: no polygon %s for county %s %s", s, c.Code, c.Name)
			}
			c.Shape = append(c.Shape, p.shape...)
			c.ShapeCodes = append(c.ShapeCodes, s)
		}
		c.Seat = polys[src[0]].seat
	}
	for i := range counties {
		c := &counties[i]
		if c.Host != "" {
			h := byCode[c.Host]
			c.Shape, c.ShapeCodes, c.Seat = h.Shape, h.ShapeCodes, h.Seat
		}
	}
	return counties, nil
}

// readPolygons parses the embedded GeoJSON keyed by 2017 code.
func readPolygons(keepGCJ02 bool) (map[string]polygonData, error) {
	raw, err := CountiesGeoJSON()
	if err != nil {
		return nil, fmt.Errorf("shanxi: %w", err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(raw)
	if err != nil {
		return nil, fmt.Errorf("shanxi: counties.geojson: %w", err)
	}
	conv := func(p orb.Point) orb.Point {
		if keepGCJ02 {
			return p
		}
		return geo.GCJ02ToWGS84(p)
	}
	out := map[string]polygonData{}
	for _, f := range fc.Features {
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			mp = g
		}
		for _, poly := range mp {
			for _, ring := range poly {
				for i := range ring {
					ring[i] = conv(ring[i])
				}
			}
		}
		seat := conv(orb.Point{f.Properties.MustFloat64("seat_lon", 0), f.Properties.MustFloat64("seat_lat", 0)})
		out[f.Properties.MustString("code", "")] = polygonData{mp, seat}
	}
	return out, nil
}

// readDivisions parses divisions.csv into counties with their townships
// and villages, all in code order.
func readDivisions() ([]County, error) {
	raw, err := gunzip("data/divisions.csv.gz")
	if err != nil {
		return nil, fmt.Errorf("shanxi: %w", err)
	}
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil || len(rows) < 2 {
		return nil, fmt.Errorf("shanxi: divisions.csv: %v", err)
	}
	counties := map[string]*County{}
	type townRef struct {
		c *County
		i int
	}
	towns := map[string]townRef{}
	for _, r := range rows[1:] { // level,code,name,kind,township_code,township_name,county_code,county_name,city_code,city_name
		c := counties[r[6]]
		if c == nil {
			c = &County{Code: r[6], Name: r[7], CityCode: r[8], CityName: r[9]}
			counties[r[6]] = c
		}
		d := Division{Code: r[1], Name: r[2], Kind: r[3]}
		switch r[0] {
		case "township":
			c.Townships = append(c.Townships, Township{Division: d})
		case "village":
			t, ok := towns[r[4]]
			if !ok {
				return nil, fmt.Errorf("shanxi: divisions.csv: village %s before its township %s", r[1], r[4])
			}
			t.c.Townships[t.i].Villages = append(t.c.Townships[t.i].Villages, d)
		}
		if r[0] == "township" {
			towns[r[1]] = townRef{c, len(c.Townships) - 1}
		}
	}
	out := make([]County, 0, len(counties))
	names := map[string]int{}
	for _, c := range counties {
		out = append(out, *c)
		names[c.Name]++
	}
	for i := range out {
		out[i].UniqueName = out[i].Name
		if names[out[i].Name] > 1 {
			out[i].UniqueName = out[i].CityName + out[i].Name
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// Boundaries indexes the counties that have a shape of their own (the
// development zones are left out: their area belongs to their host), with
// 2023 codes and names.
func Boundaries(keepGCJ02 bool) (*boundary.Boundaries, error) {
	cs, err := Counties(keepGCJ02)
	if err != nil {
		return nil, err
	}
	var regs []boundary.Region
	for _, c := range cs {
		if c.Host == "" {
			regs = append(regs, boundary.Region{Code: c.Code, Name: c.Name, Shape: c.Shape})
		}
	}
	return boundary.New(regs)
}
