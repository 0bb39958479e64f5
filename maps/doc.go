// Package maps draws catchment results as static maps and charts for
// reports: PNG for documents, SVG for further editing.
//
// A map is drawn from a Scene, a neutral model of what is shown (villages
// with their county-level care cover and the village clinic the plan gives
// them, existing facilities, proposed sub-centres with their coverage
// circles, joint-clinic links, itinerant routes and optional county
// boundaries). Labels are placed greedily where they hide the fewest
// village dots and lines (labels.go). A Scene comes from planner results (SceneFromPlan)
// or from a plan GeoJSON file written by `catchment plan --out`
// (ReadPlanGeoJSON), so the same drawing code serves both. A Scene may
// carry a road network (Scene.Roads, or Scene.SetRoads from a
// roads.Network simplified for the page), drawn faintly under everything
// but the boundaries, and the metric its statuses were measured by
// (Scene.Metric, RadiusMinutes), which the legend and subtitle name:
// "within 15 km by road", "within 30 min by road".
//
// Coordinates are WGS84 longitude/latitude in degrees. Maps use an
// equirectangular projection with longitude scaled by the cosine of the
// central latitude: over a county (under a few hundred kilometres) shapes
// and distances are then true to within a fraction of a percent, which is
// all a report figure needs, and coverage circles are geodesic circles
// (geo.Circle) drawn through the same projection. The scale bar is measured
// geodesically at the map centre.
//
// The colours are the project's palette (style.go, and style.json for the
// web page and QGIS styles), chosen from the Okabe–Ito colour-blind safe
// set for the coverage classes and muted greys for facilities.
//
// gonum/plot's bundled fonts have no Chinese glyphs. Text is drawn with a
// CJK font found on the system (see FindCJKFont), or else Chinese names are
// transliterated to pinyin so that no label renders as empty boxes.
package maps
