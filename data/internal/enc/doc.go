// Package enc holds what data's CSV and GeoJSON writers share: number and
// string encoding (degrees with 7 decimals, kilometres with 6, JSON
// strings), ordered parallel encoding of large outputs, the renaming of
// Extra columns, and the validated coverage and plan records that both
// formats describe (Props), so the two cannot drift apart.
package enc
