package geojsonio

import (
	"io"
	"slices"

	"github.com/catchment/catchment/planner/programme"
	"github.com/paulmach/orb/geojson"
)

// PhaseColours returns the colours of the years of a phasing map
// (ColorBrewer YlOrRd, reversed: the first year darkest); later years
// repeat the last colour and clinics beyond the caps are grey (#bdbdbd).
// The slice is a fresh copy on every call.
func PhaseColours() []string { return slices.Clone(phaseColours) }

var phaseColours = []string{"#bd0026", "#f03b20", "#fd8d3c", "#fecc5c", "#ffffb2"}

// phaseNoYear is the colour of a clinic beyond the caps.
const phaseNoYear = "#bdbdbd"

// WritePhaseGeoJSON writes the phased clinics as GeoJSON points (WGS84
// lon/lat) in priority order, with their year (null beyond the caps),
// rank, score, the score's inputs, any condition columns of the input and
// a simplestyle marker-color by year.
func WritePhaseGeoJSON(w io.Writer, res *programme.PhaseResult) error {
	fc := geojson.NewFeatureCollection()
	for _, a := range res.Assignments {
		k := a.Clinic
		f := geojson.NewFeature(k.Location)
		f.Properties = geojson.Properties{"id": k.ID, "name": k.Name, "county": k.County, "township": k.Township,
			"rank": a.Rank, "score": a.Score, "served_population": k.ServedPopulation, "network_uncovered": k.NetworkUncovered}
		colour := phaseNoYear
		if a.Year > 0 {
			f.Properties["year"] = a.Year
			colour = phaseColours[max(0, min(a.Year-res.StartYear, len(phaseColours)-1))]
		} else {
			f.Properties["year"] = nil
		}
		f.Properties["marker-color"] = colour
		if k.DoctorGap >= 0 {
			f.Properties["doctor_gap"] = k.DoctorGap
		}
		if k.DistanceToTHCM >= 0 {
			f.Properties["distance_to_thc_m"] = k.DistanceToTHCM
		}
		for _, x := range k.Extra {
			if _, taken := f.Properties[x.Key]; !taken {
				f.Properties[x.Key] = x.Value
			}
		}
		fc.Append(f)
	}
	b, err := fc.MarshalJSON()
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
