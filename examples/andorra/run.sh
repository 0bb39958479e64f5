#!/bin/sh
# Coverage and a plan by road on a real OpenStreetMap extract of Andorra
# (© OpenStreetMap contributors, ODbL 1.0; see ATTRIBUTION.md), from the
# repository root: sh examples/andorra/run.sh (after make build).
set -eu
here=$(dirname "$0")
root="$here/../.."
bin=${CATCHMENT:-$root/bin/catchment}
out=${OUT:-$root/out/andorra}
pbf="$root/data/osm/testdata/andorra-2021-10-28.osm.pbf"
mkdir -p "$out"
"$bin" coverage --villages "$here/villages.csv" --facilities "$here/facilities.csv" \
    --roads "$pbf" --radius-km 5,10 \
    --out "$out/coverage.geojson" --summary "$out/coverage.json"
"$bin" plan --villages "$here/villages.csv" --facilities "$here/facilities.csv" \
    --roads "$pbf" --radius-km 10 \
    --out-dir "$out/layers" --summary "$out/plan.json" --report "$out/plan.md"
echo "results in $out (ODbL: keep the attribution of ATTRIBUTION.md with them)"
