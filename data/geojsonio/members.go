package geojsonio

// members are the GeoJSON members of one Feature or geometry object: its
// "type" and where the values of "id", "geometry", "properties",
// "coordinates" and "geometries" start and end (offsets into the text; -1
// when the member is absent). Both the input reader and Walk scan objects
// with it.
type members struct {
	typ                   string
	typOK                 bool // "type" is present and a string
	idStart, idEnd        int
	geometry, properties  int
	coordinates, children int
}

// members scans the object at vs; ok is false when it is not an object.
func (w readJSON) members(vs int) (m members, ok bool) {
	m = members{idStart: -1, idEnd: -1, geometry: -1, properties: -1, coordinates: -1, children: -1}
	ok = w.object(vs, func(key string, a, b int) bool {
		switch key {
		case "type":
			m.typ, m.typOK = w.stringAt(a, b)
		case "id":
			m.idStart, m.idEnd = a, b
		case "geometry":
			m.geometry = a
		case "properties":
			m.properties = a
		case "coordinates":
			m.coordinates = a
		case "geometries":
			m.children = a
		}
		return true
	})
	return m, ok
}
