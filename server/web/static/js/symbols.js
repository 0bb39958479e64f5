// The map symbols of the static maps (package maps: shapes.go, layers.go,
// legend.go), for the page's canvas layers and its legend, so that the page
// and the PNG read the same: county hospital a square, township health
// centre a triangle, village clinic a plus, proposed sub-centre a star with
// its label beside it, itinerant routes dashed, joint clinics as lines from
// the host to each member.
//
// Colours come from /style.json. Shapes, sizes, line widths and dash
// patterns are not in style.json (the Go code has them as constants in
// maps/layers.go and maps/legend.go): they are copied here, in this one
// place, and must follow those constants when they change.

// PX_PER_PT converts the static maps' points (1/72 inch) to CSS pixels.
export const PX_PER_PT = 96 / 72;

// SYMBOL holds the static maps' marker sizes and line styles, in points.
export const SYMBOL = {
  village: { outlinePt: 0.35 },
  county_hospital: { shape: 'square', sizePt: 3.2, outlinePt: 0.5 }, // hospitalHalfPt: half-side
  township_health_centre: { shape: 'triangle', sizePt: 3.6, outlinePt: 0.5 }, // thcRadiusPt: circumradius
  village_clinic: { shape: 'plus', sizePt: 1.6, widthPt: 0.7 }, // clinicHalfPt: half-length
  other_facility: { shape: 'ring', sizePt: 2, widthPt: 0.6 }, // a tier the planner does not know
  subcentre: { shape: 'star', sizePt: 6.5, outlinePt: 0.7, labelGapPt: 2 }, // subcentreStarPt: outer radius
  subcentre_circle: { widthPt: 1, segments: 96 },
  joint_clinic: { widthPt: 1 },
  itinerant_route: { widthPt: 0.9, dashPt: [3, 1.6], opacity: 0.85 },
  boundary: { widthPt: 0.8, dashPt: [3, 1.5] },
  road: { widthPt: 0.5 }, // roadWidthPt: faint, under the villages
};

// px converts points to pixels; dash converts a dash pattern.
export const px = (pt) => pt * PX_PER_PT;
export const dash = (pts) => pts.map((p) => +(p * PX_PER_PT).toFixed(2)).join(' ');

// STAR_INNER is the ratio of a star's inner to its outer radius (starPath).
const STAR_INNER = 0.45;

// tracePath adds the outline of a marker of shape at (x, y) to the current
// path of ctx. r is the shape's size: the radius of a circle or ring, the
// half-side of a square, the circumradius of a triangle, the outer radius
// of a star, the half-length of a plus' arms. y grows downwards (canvas).
export function tracePath(ctx, shape, x, y, r) {
  switch (shape) {
    case 'square':
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
      return;
    case 'triangle':
      // Point up, as the PNG: vertices at 90°, 210° and 330°.
      ctx.moveTo(x, y - r);
      ctx.lineTo(x - r * 0.8660254, y + r / 2);
      ctx.lineTo(x + r * 0.8660254, y + r / 2);
      ctx.closePath();
      return;
    case 'star':
      for (let i = 0; i < 10; i++) {
        const rr = i % 2 ? r * STAR_INNER : r, a = Math.PI / 2 + (i * Math.PI) / 5;
        const px_ = x + rr * Math.cos(a), py = y - rr * Math.sin(a);
        if (i === 0) ctx.moveTo(px_, py);
        else ctx.lineTo(px_, py);
      }
      ctx.closePath();
      return;
    case 'plus':
      ctx.moveTo(x - r, y);
      ctx.lineTo(x + r, y);
      ctx.moveTo(x, y - r);
      ctx.lineTo(x, y + r);
      return;
    default: // circle, ring
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
}

// strokeOnly tells the shapes that are lines, drawn without a fill.
export const strokeOnly = (shape) => shape === 'plus' || shape === 'ring';

// swatch draws one legend symbol (36 × 24 pixel canvas shown at 18 × 12,
// sharp on high-density screens): {shape, fill, stroke, width (px)} for a
// marker, {line: colour, width, dash (px pattern), opacity, diagonal} for
// a line, {area: fill, stroke, dash} for an area, {circle: colour,
// fillOpacity} for a coverage circle.
export function swatch(sym) {
  const c = document.createElement('canvas');
  c.className = 'sym';
  c.width = 36;
  c.height = 24;
  const g = c.getContext('2d');
  g.scale(2, 2);
  g.lineJoin = 'round';
  if (sym.line) {
    g.strokeStyle = sym.line;
    g.lineWidth = sym.width || 1.3;
    g.globalAlpha = sym.opacity == null ? 1 : sym.opacity;
    if (sym.dash) g.setLineDash(sym.dash);
    g.beginPath();
    if (sym.diagonal) {
      g.moveTo(3, 9);
      g.lineTo(15, 3);
    } else {
      g.moveTo(1, 6);
      g.lineTo(17, 6);
    }
    g.stroke();
  } else if (sym.area) {
    g.beginPath();
    g.rect(1.5, 2, 15, 8);
    g.fillStyle = sym.area;
    g.fill();
    g.strokeStyle = sym.stroke;
    g.lineWidth = 1;
    if (sym.dash) g.setLineDash(sym.dash);
    g.stroke();
  } else if (sym.circle) {
    g.beginPath();
    g.arc(9, 6, 5.2, 0, 2 * Math.PI);
    g.globalAlpha = sym.fillOpacity;
    g.fillStyle = sym.circle;
    g.fill();
    g.globalAlpha = 1;
    g.strokeStyle = sym.circle;
    g.lineWidth = 1.3;
    g.stroke();
  } else {
    g.beginPath();
    tracePath(g, sym.shape, 9, 6, sym.size);
    if (!strokeOnly(sym.shape)) {
      g.fillStyle = sym.fill;
      g.fill();
    }
    if (sym.stroke) {
      g.strokeStyle = sym.stroke;
      g.lineWidth = sym.width || 1;
      g.stroke();
    }
  }
  return c;
}

// geodesicCircle is the circle of radiusM metres around (lat, lon) on the
// WGS84 ellipsoid, as [lat, lon] pairs: the points at geodesic distance
// radiusM in n directions (Vincenty's direct formula, accurate to well
// under a metre at these distances), the same ring as the static maps'
// geo.Circle. L.circle would be a sphere's circle in Web Mercator.
export function geodesicCircle(lat, lon, radiusM, n) {
  const a = 6378137, f = 1 / 298.257223563, b = a * (1 - f);
  const rad = Math.PI / 180;
  const U1 = Math.atan((1 - f) * Math.tan(lat * rad));
  const sinU1 = Math.sin(U1), cosU1 = Math.cos(U1);
  const out = [];
  for (let k = 0; k < n; k++) {
    const alpha1 = (2 * Math.PI * k) / n;
    const sinA1 = Math.sin(alpha1), cosA1 = Math.cos(alpha1);
    const sigma1 = Math.atan2(Math.tan(U1), cosA1);
    const sinAlpha = cosU1 * sinA1, cos2Alpha = 1 - sinAlpha * sinAlpha;
    const u2 = (cos2Alpha * (a * a - b * b)) / (b * b);
    const A = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
    const B = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
    let sigma = radiusM / (b * A), sigmaP, cos2SM, sinS, cosS;
    for (let iter = 0; iter < 100; iter++) {
      cos2SM = Math.cos(2 * sigma1 + sigma);
      sinS = Math.sin(sigma);
      cosS = Math.cos(sigma);
      const dSigma = B * sinS * (cos2SM + (B / 4) * (cosS * (-1 + 2 * cos2SM * cos2SM) -
        (B / 6) * cos2SM * (-3 + 4 * sinS * sinS) * (-3 + 4 * cos2SM * cos2SM)));
      sigmaP = sigma;
      sigma = radiusM / (b * A) + dSigma;
      if (Math.abs(sigma - sigmaP) < 1e-12) break;
    }
    cos2SM = Math.cos(2 * sigma1 + sigma);
    sinS = Math.sin(sigma);
    cosS = Math.cos(sigma);
    const t = sinU1 * sinS - cosU1 * cosS * cosA1;
    const lat2 = Math.atan2(sinU1 * cosS + cosU1 * sinS * cosA1, (1 - f) * Math.sqrt(sinAlpha * sinAlpha + t * t));
    const lambda = Math.atan2(sinS * sinA1, cosU1 * cosS - sinU1 * sinS * cosA1);
    const C = (f / 16) * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
    const L_ = lambda - (1 - C) * f * sinAlpha * (sigma + C * sinS * (cos2SM + C * cosS * (-1 + 2 * cos2SM * cos2SM)));
    out.push([lat2 / rad, lon + L_ / rad]);
  }
  return out;
}
