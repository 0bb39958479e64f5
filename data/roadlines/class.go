package roadlines

import (
	"strings"

	"github.com/catchment/catchment/data/osm"
)

// classNames maps GIS road classes to OSM highway values: China's
// administrative classes (国道 national, 省道 provincial, 县道 county, 乡道
// township, 村道 village, 专用公路 special-purpose), urban road classes
// (快速路 expressway, 主干路 arterial, 次干路 collector, 支路 branch), the
// technical grades of the highway standard JTG B01 (高速公路, 一级…四级公路,
// 等外公路) and their English names.
var classNames = map[string]string{
	"高速公路": "motorway", "高速": "motorway", "高速路": "motorway", "expressway": "motorway", "freeway": "motorway",
	"匝道": "motorway_link",
	"国道": "trunk", "国道公路": "trunk", "national road": "trunk", "national highway": "trunk",
	"城市快速路": "trunk", "快速路": "trunk",
	"省道": "primary", "省道公路": "primary", "provincial road": "primary", "provincial highway": "primary",
	"主干路": "primary", "主干道": "primary", "城市主干路": "primary",
	"县道": "secondary", "县道公路": "secondary", "county road": "secondary",
	"次干路": "secondary", "次干道": "secondary", "城市次干路": "secondary",
	"乡道": "tertiary", "乡道公路": "tertiary", "乡镇道路": "tertiary", "township road": "tertiary",
	"支路": "residential", "街道": "residential",
	"村道": "unclassified", "村路": "unclassified", "村级道路": "unclassified", "村村通": "unclassified",
	"village road": "unclassified",
	"专用公路":         "service", "专用道路": "service",
	"机耕路": "track", "机耕道": "track", "田间道路": "track", "林区道路": "track",
	"一级公路": "trunk", "二级公路": "primary", "三级公路": "secondary", "四级公路": "tertiary", "等外公路": "track",
}

// notRoads are OSM highway values that are not roads for cars.
var notRoads = map[string]bool{
	"footway": true, "path": true, "cycleway": true, "pedestrian": true, "steps": true, "bridleway": true,
	"construction": true, "proposed": true, "abandoned": true, "platform": true, "raceway": true,
	"corridor": true, "elevator": true, "bus_guideway": true, "busway": true, "via_ferrata": true,
}

// Class maps a road class property to an OSM highway value. known is
// false for a value neither in the table nor an OSM class (the caller
// reads the line as highway=road); routable is false for OSM classes that
// are not roads for cars. Geofabrik's shapefile classes track_grade1…5 are
// track and "unknown" is road.
func Class(s string) (highway string, known, routable bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	if h, ok := classNames[k]; ok {
		return h, true, true
	}
	switch {
	case osm.Routable(k):
		return k, true, true
	case notRoads[k]:
		return k, true, false
	case strings.HasPrefix(k, "track_grade"):
		return "track", true, true
	case k == "unknown":
		return "road", true, true
	}
	return "road", false, true
}
