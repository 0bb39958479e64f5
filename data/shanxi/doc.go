// Package shanxi generates a real-geography sample: synthetic villages,
// populations and health facilities placed inside the real county shapes
// of Shanxi province, with the real names and statistical division codes
// of its 121 county-level divisions, 1,352 townships and 21,895 villages
// and communities (embedded, gzip-compressed, about 0.5 MB; see
// data/SOURCE.md for origin and MIT licences).
//
// What is real: county shapes (ECharts, 2017, coordinates quantised to about
// 100 m), the names and 9/12-digit codes of townships and villages (2023),
// county and city names. What is synthetic: every position, every
// population, every facility.
//
// Datum: the shapes are ECharts data, usually close to GCJ-02, which is
// offset from WGS84 by a few hundred metres in Shanxi. By default every
// vertex and label point is converted with geo.GCJ02ToWGS84 so that the
// sample is in WGS84 like the rest of catchment; Options.KeepGCJ02 keeps
// the published coordinates. The conversion moves points by roughly
// 300–600 m, more than the shapes' 100 m quantisation, and is the better
// guess given the source; it is a guess, since the source states no datum.
//
// Codes: the shapes carry 2017 codes, the divisions 2023 codes. Nine
// counties renamed or merged since (Datong 2018, Changzhi 2018–19, Huairen,
// Taigu) are drawn with their predecessors' polygons (see successors); the
// four development zones (140171, 140271, 140671, 140971) have no polygon
// of their own and their villages are placed inside their host county
// (zoneHosts), and they get no county hospital.
//
// Generation (deterministic for a given Options.Seed; each county draws from
// its own stream seeded by the seed and its code, so limiting the sample to
// some counties or one city reproduces exactly those counties of the full
// sample):
//
//   - each township gets a centre drawn uniformly inside the county shape;
//     its villages are scattered around it with a normal spread of
//     sigma = sqrt(county area / (pi * townships)) / 1.5 and kept only
//     inside the county shape (after 50 misses, uniformly inside it);
//     coordinates are rounded to 6 decimals (0.1 m) and re-checked;
//   - populations are log-normal: administrative villages median 900,
//     sigma 0.6, clamped to [30, 8000]; urban communities (居委会) median
//     4000, sigma 0.5, clamped to [300, 30000];
//   - a county hospital (Township empty: it belongs to the county) at the
//     shape's label point, or at the nearest village when that point lies
//     outside the shape; 200–800 beds, 1.3–1.6 staff per bed;
//   - one township health centre per township at the village nearest to
//     the mean position of the township's villages (at the township centre
//     when it has none); 20–60 beds, 1.2–1.7 staff per bed;
//   - a village clinic at a share of villages (Options.ClinicShare, default
//     0.3), no beds, 1–3 staff.
//
// County names are County.UniqueName (the city is prefixed to the two
// 城区). Villages carry ID = Extra "code" = their 12-digit code; facilities carry
// their county (6), township (9) or village (12-digit) code in Extra "code".
package shanxi
