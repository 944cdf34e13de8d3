#!/usr/bin/env bash
# Builds geodata/scenarios/spring2022.gpkg (layers control, sieges, events, metadata) from the
# GeoJSON sources in geodata/scenarios/spring2022/.  Control polygons are clipped to Ukraine's
# outline (union of the 27 admin-1 units) and made valid.  The GeoJSON driver reads ISO dates
# ("2022-03-01") as OFTDate, so valid_from/valid_to, start/end and date are real DATE columns
# and QGIS's temporal controller can use them ("Start and End Date/Time Fields").
# Needs GDAL's ogr2ogr/ogrinfo with SpatiaLite SQL (Debian: gdal-bin).  Works from any cwd.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/spring2022"
out="$here/spring2022.gpkg"
admin="$here/../ukraine_admin1.geojson"
if [[ ! -f "$admin" ]]; then
    admin="/tmp/ua_admin1.geojson"          # fallback while the repo copy does not exist
fi
command -v ogr2ogr >/dev/null || { echo "build_spring2022: ogr2ogr not found (apt-get install gdal-bin)" >&2; exit 1; }
for f in "$admin" "$src/control.geojson" "$src/sieges.geojson" "$src/events.geojson" "$src/metadata.geojson"; do
    [[ -f "$f" ]] || { echo "build_spring2022: missing $f" >&2; exit 1; }
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export OGR_GEOJSON_MAX_OBJ_SIZE=0

# 1. Ukraine's outline: dissolve the 27 admin-1 units into one multipolygon, widened by
#    0.003 deg (~250 m) and simplified at 0.001 deg (~100 m) so that points on Natural Earth's generalised shore and river banks
#    (Kherson's city point lies ~70 m outside it, in the Dnipro) are not cut off.
ogr2ogr -f GPKG "$tmp/work.gpkg" "$admin" -nln admin1 -nlt PROMOTE_TO_MULTI -makevalid
ogr2ogr -f GPKG -update "$tmp/work.gpkg" "$tmp/work.gpkg" -nln outline -nlt MULTIPOLYGON \
    -dialect SQLite -sql "SELECT ST_Multi(ST_SimplifyPreserveTopology(ST_Buffer(ST_Union(geom), 0.003), 0.001)) AS geom FROM admin1"
units="$(ogrinfo -ro -q "$tmp/work.gpkg" -sql "SELECT COUNT(*) AS n FROM admin1" | sed -n 's/.*n (Integer[0-9]*) = //p')"
[[ "$units" == 27 ]] || { echo "build_spring2022: expected 27 admin-1 units in $admin, got $units" >&2; exit 1; }

# 2. Control polygons clipped to the outline (the hand-drawn source may overshoot the border
#    and the coast by a few km) and made valid.
tmpout="$tmp/spring2022.gpkg"
ogr2ogr -f GPKG "$tmpout" "$src/control.geojson" -nln control -nlt MULTIPOLYGON \
    -clipsrc "$tmp/work.gpkg" -clipsrclayer outline -makevalid \
    -lco FID=fid -lco GEOMETRY_NAME=geom

# 3. Points and the aspatial metadata table.
ogr2ogr -f GPKG -update "$tmpout" "$src/sieges.geojson" -nln sieges -nlt POINT \
    -lco FID=fid -lco GEOMETRY_NAME=geom
ogr2ogr -f GPKG -update "$tmpout" "$src/events.geojson" -nln events -nlt POINT \
    -lco FID=fid -lco GEOMETRY_NAME=geom
ogr2ogr -f GPKG -update "$tmpout" "$src/metadata.geojson" -nln metadata -nlt NONE \
    -lco FID=fid

# 4. Sanity: every control geometry valid and non-empty, date columns typed DATE.
bad="$(ogrinfo -ro -q "$tmpout" -dialect SQLite \
    -sql "SELECT COUNT(*) AS n FROM control WHERE geom IS NULL OR NOT ST_IsValid(geom) OR ST_Area(geom) <= 0" \
    | sed -n 's/.*n (Integer[0-9]*) = //p')"
[[ "$bad" == 0 ]] || { echo "build_spring2022: $bad invalid or empty control geometries" >&2; exit 1; }
for fld in valid_from valid_to; do
    ogrinfo -ro -so "$tmpout" control | grep -q "^$fld: Date" \
        || { echo "build_spring2022: control.$fld is not a DATE column" >&2; exit 1; }
done

ogrinfo -q "$tmpout" -sql "VACUUM" >/dev/null 2>&1 || true
mv -f "$tmpout" "$out"

for layer in control sieges events metadata; do
    n="$(ogrinfo -ro -q "$out" -sql "SELECT COUNT(*) AS n FROM \"$layer\"" | sed -n 's/.*n (Integer[0-9]*) = //p')"
    echo "spring2022.gpkg: $layer: $n features"
done
echo "spring2022.gpkg: $(du -k "$out" | cut -f1) KiB ($out)"
