package maps

import (
	_ "embed"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
)

// StyleJSON is the palette as JSON (style.json), for the web page and any
// other client that must draw in the same colours. It holds the same
// values as the variables below; a test keeps the two in step.
//
//go:embed style.json
var StyleJSON []byte

// The palette. Coverage classes are Okabe–Ito colours, safe for the common
// colour-vision deficiencies and distinct in greyscale print by lightness;
// facilities are muted greys so that the coverage classes carry the map;
// the proposed sub-centres are the one strong accent.
var (
	ColorBackground = hex(0xFFFFFF)
	ColorText       = hex(0x262626)
	ColorTextMuted  = hex(0x6B6B6B)
	ColorFrame      = hex(0x9A9A9A)

	// Villages by coverage: within the radius of an existing facility
	// (covered_before), newly covered by a proposed sub-centre
	// (covered_after), and still uncovered.
	ColorCoveredBefore  = hex(0x56B4E9)
	ColorCoveredAfter   = hex(0x009E73)
	ColorUncovered      = hex(0xD55E00)
	ColorVillageOutline = hex(0xFFFFFF)

	ColorCountyHospital       = hex(0x3C3C3C)
	ColorTownshipHealthCentre = hex(0x7A7A7A)
	ColorVillageClinic        = hex(0xA5A5A5)

	ColorSubcentre        = hex(0xAA3377)
	ColorSubcentreOutline = hex(0xFFFFFF)
	ColorSubcentreCircle  = hex(0xAA3377)

	ColorJointClinic    = hex(0x8C6D2C)
	ColorItinerantRoute = hex(0x0072B2)

	ColorBoundary     = hex(0x7F7F7F)
	ColorBoundaryFill = hex(0xF5F4F0)

	ColorLabel     = hex(0x333333)
	ColorLabelHalo = hex(0xFFFFFF)

	ColorSweepBefore = hex(0x56B4E9)
	ColorSweepAfter  = hex(0x009E73)
)

// SubcentreCircleFillOpacity is the opacity of the fill of a sub-centre's
// coverage circle: light enough that overlapping circles stay readable.
const SubcentreCircleFillOpacity = 0.08

// Village marker size: the area grows with population (radius with its
// square root), clamped so that hamlets stay visible and towns do not
// hide their neighbours. Radii are in points (1/72 inch).
const (
	VillageRadiusMinPt           = 1.2
	VillageRadiusMaxPt           = 6.0
	VillageRadiusPerSqrtPersonPt = 0.06
)

// VillageRadius is the marker radius of a village of population residents.
func VillageRadius(population int) vg.Length {
	r := VillageRadiusPerSqrtPersonPt * math.Sqrt(math.Max(0, float64(population)))
	return vg.Points(math.Min(VillageRadiusMaxPt, math.Max(VillageRadiusMinPt, r)))
}

// statusColor is the palette colour of a village status.
func statusColor(s VillageStatus) color.NRGBA {
	switch s {
	case CoveredBefore:
		return ColorCoveredBefore
	case CoveredAfter:
		return ColorCoveredAfter
	}
	return ColorUncovered
}

// alpha returns c with opacity a in [0, 1].
func alpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(math.Round(255 * a))
	return c
}

func hex(rgb uint32) color.NRGBA {
	return color.NRGBA{R: uint8(rgb >> 16), G: uint8(rgb >> 8), B: uint8(rgb), A: 0xFF}
}

// HexColor formats c as #RRGGBB, the form style.json and QGIS use.
func HexColor(c color.NRGBA) string {
	const digits = "0123456789ABCDEF"
	b := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i, v := range []uint8{c.R, c.G, c.B} {
		b[1+2*i], b[2+2*i] = digits[v>>4], digits[v&0xF]
	}
	return string(b)
}
