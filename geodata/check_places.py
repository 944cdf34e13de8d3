#!/usr/bin/python3
"""Check geodata/places.geojson against geodata/ukraine_admin1.geojson.

Run with Debian's interpreter (needs python3-gdal):
    /usr/bin/python3 geodata/check_places.py [places.geojson [ukraine_admin1.geojson]]

Checks: FeatureCollection of Point features; exactly the agreed properties;
unique lowercase-ASCII ids; valid kinds (one capital); integer-or-null
population; lon/lat with at most 4 decimals; every place with a UA-* admin code
lies inside that unit's polygon (non-UA codes such as TR-34 are exempt, and
the few places listed in GENERALISED_BOUNDARY may lie up to MAX_OFFSET_KM
outside it, with the reason printed); every
oblast (and Crimea) has exactly one oblast_centre; the places the war
reporting names are present; and no alias is also another place's name or
alias, or the name, short name or alias of an admin-1 unit.
Exit status 0 when everything passes, 1 otherwise.
"""
import json
import os
import re
import sys

from osgeo import ogr, osr

HERE = os.path.dirname(os.path.abspath(__file__))
PLACES = os.path.join(HERE, "places.geojson")
ADMIN1 = os.path.join(HERE, "ukraine_admin1.geojson")

FIELDS = ["id", "name", "name_uk", "aliases", "kind", "population", "admin", "source"]
KINDS = {"capital", "oblast_centre", "city", "town", "site"}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ADMIN_RE = re.compile(r"^[A-Z]{2}-[0-9A-Z]{1,3}$")
CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
MIN_PLACES = 65

# Places whose true admin unit differs from what Natural Earth's generalised
# polygons say at that spot. Each is accepted only if it lies within
# MAX_OFFSET_KM of the unit it names; the reason is printed as a note.
GENERALISED_BOUNDARY = {
    "irpin": "Irpin belongs to Kyiv Oblast (Bucha Raion), but Natural Earth's "
             "generalised Kyiv-city polygon (UA-30) reaches ~3 km too far west "
             "and covers its centre",
}
MAX_OFFSET_KM = 5.0

# Places the brief requires (oblast centres are checked separately).
REQUIRED = """
kyiv simferopol sevastopol mariupol izium bucha irpin hostomel chornobyl melitopol
berdiansk enerhodar nova-kakhovka sievierodonetsk lysychansk kramatorsk sloviansk
volnovakha bakhmut avdiivka vuhledar popasna rubizhne kupiansk balakliia lyman
vasylkiv brovary borodianka makariv trostianets okhtyrka konotop nizhyn snihurivka
voznesensk huliaipole orikhiv polohy tokmak henichesk skadovsk kakhovka oleshky kerch
dzhankoi starobilsk shchastia horlivka debaltseve kostiantynivka pokrovsk kreminna
zolote chuhuiv vovchansk dnipro kryvyi-rih istanbul
""".split()


def decimals(x):
    s = repr(float(x))
    return len(s.split(".")[1]) if "." in s and "e" not in s else 0


def distance_km(geom, lon, lat):
    """Distance from (lon, lat) to geom, in km (local azimuthal equidistant)."""
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    local = osr.SpatialReference()
    local.ImportFromProj4("+proj=aeqd +lat_0=%f +lon_0=%f +ellps=WGS84 +units=m +no_defs" % (lat, lon))
    g = geom.Clone()
    g.Transform(osr.CoordinateTransformation(wgs, local))
    origin = ogr.Geometry(ogr.wkbPoint)
    origin.AddPoint_2D(0.0, 0.0)
    return g.Distance(origin) / 1000.0


def load_admin():
    ds = ogr.Open(ADMIN1)
    if ds is None:
        sys.exit("cannot open %s (run geodata/build_admin.sh first)" % ADMIN1)
    units = {}
    for f in ds.GetLayer(0):
        units[f.GetField("id")] = {
            "name": f.GetField("name"),
            "type": f.GetField("type"),
            "aliases": [a for a in (f.GetField("aliases") or "").split("|") if a],
            "geom": f.GetGeometryRef().Clone(),
        }
    return units


def main():
    global PLACES, ADMIN1
    if len(sys.argv) > 1:
        PLACES = sys.argv[1]
    if len(sys.argv) > 2:
        ADMIN1 = sys.argv[2]
    problems = []
    notes = []
    units = load_admin()

    with open(PLACES, encoding="utf-8") as fh:
        fc = json.load(fh)
    if fc.get("type") != "FeatureCollection":
        problems.append("top level is not a FeatureCollection")
    feats = fc.get("features", [])
    if len(feats) < MIN_PLACES:
        problems.append("only %d places (need >= %d)" % (len(feats), MIN_PLACES))

    ids = {}
    places = []
    for i, f in enumerate(feats):
        p = f.get("properties") or {}
        pid = p.get("id", "#%d" % i)
        where = "place %s" % pid
        if list(p.keys()) != FIELDS:
            problems.append("%s: properties %s, expected exactly %s" % (where, list(p.keys()), FIELDS))
        for k in ("id", "name", "name_uk", "kind", "admin", "source"):
            if not isinstance(p.get(k), str) or not p.get(k).strip():
                problems.append("%s: %s missing or empty" % (where, k))
        if not isinstance(p.get("aliases"), str):
            problems.append("%s: aliases must be a string" % where)
        if not ID_RE.match(str(p.get("id", ""))):
            problems.append("%s: id is not a lowercase ascii slug" % where)
        if pid in ids:
            problems.append("%s: duplicate id" % where)
        ids[pid] = p
        if p.get("kind") not in KINDS:
            problems.append("%s: kind %r not one of %s" % (where, p.get("kind"), sorted(KINDS)))
        pop = p.get("population")
        if pop is not None and (not isinstance(pop, int) or isinstance(pop, bool) or pop < 0):
            problems.append("%s: population must be a non-negative integer or null" % where)
        if not CYRILLIC_RE.search(str(p.get("name_uk", ""))):
            problems.append("%s: name_uk has no Cyrillic" % where)
        admin = str(p.get("admin", ""))
        if not ADMIN_RE.match(admin):
            problems.append("%s: admin %r is not an ISO 3166-2 code" % (where, admin))

        g = f.get("geometry") or {}
        c = g.get("coordinates")
        if g.get("type") != "Point" or not isinstance(c, list) or len(c) != 2:
            problems.append("%s: geometry is not a 2D Point" % where)
            continue
        lon, lat = c
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            problems.append("%s: coordinates out of range %s" % (where, c))
        if decimals(lon) > 4 or decimals(lat) > 4:
            problems.append("%s: more than 4 decimals in %s" % (where, c))

        if admin.startswith("UA-"):
            unit = units.get(admin)
            if unit is None:
                problems.append("%s: admin %s not in %s" % (where, admin, os.path.basename(ADMIN1)))
            else:
                pt = ogr.Geometry(ogr.wkbPoint)
                pt.AddPoint_2D(lon, lat)
                if not unit["geom"].Contains(pt) and pid in GENERALISED_BOUNDARY:
                    km = distance_km(unit["geom"], lon, lat)
                    if km <= MAX_OFFSET_KM:
                        notes.append("%s: %.1f km outside %s polygon, accepted: %s"
                                     % (where, km, admin, GENERALISED_BOUNDARY[pid]))
                    else:
                        problems.append("%s: %.1f km outside %s (more than %.0f km)"
                                        % (where, km, admin, MAX_OFFSET_KM))
                elif not unit["geom"].Contains(pt):
                    inside = [k for k, u in units.items() if u["geom"].Contains(pt)]
                    problems.append("%s: (%s, %s) is not inside %s %s; it lies in %s"
                                    % (where, lon, lat, admin, unit["name"], inside or "no UA unit"))
        else:
            notes.append("%s: admin %s is outside Ukraine, polygon test skipped" % (where, admin))
        places.append(p)

    # kinds
    capitals = [p["id"] for p in places if p.get("kind") == "capital"]
    if capitals != ["kyiv"]:
        problems.append("capital kind must be used by kyiv only, found %s" % capitals)
    for code, u in sorted(units.items()):
        centres = [p["id"] for p in places if p.get("kind") == "oblast_centre" and p.get("admin") == code]
        want = 0 if u["type"] == "city" or code == "UA-32" else 1
        if len(centres) != want:
            problems.append("%s %s: %d oblast_centre places %s, expected %d"
                            % (code, u["name"], len(centres), centres, want))

    missing = [r for r in REQUIRED if r not in ids]
    if missing:
        problems.append("required places missing: %s" % ", ".join(missing))

    # aliases must not name something else
    def norm(s):
        return " ".join(s.casefold().split())

    owners = {}  # normalised name -> set of owners (places and admin units)
    def own(key, who):
        owners.setdefault(norm(key), set()).add(who)

    for p in places:
        own(p["name"], "place " + p["id"])
    for code, u in units.items():
        own(u["name"], "unit " + code)
        if u["name"].endswith(" Oblast"):
            own(u["name"][: -len(" Oblast")], "unit " + code)
        for a in u["aliases"]:
            own(a, "unit " + code)
    for p in places:
        aliases = [a for a in p["aliases"].split("|")] if p["aliases"] else []
        for a in aliases:
            if not a or a != a.strip():
                problems.append("place %s: empty or padded alias %r" % (p["id"], a))
                continue
            others = owners.get(norm(a), set()) - {"place " + p["id"]}
            if others:
                problems.append("place %s: alias %r is also a name/alias of %s"
                                % (p["id"], a, ", ".join(sorted(others))))
        for a in set(norm(a) for a in aliases if a):
            own(a, "place " + p["id"])
    # aliases shared by two places (checked after all were registered)
    seen = {}
    for p in places:
        for a in (p["aliases"].split("|") if p["aliases"] else []):
            seen.setdefault(norm(a), set()).add(p["id"])
    for a, who in sorted(seen.items()):
        if len(who) > 1:
            problems.append("alias %r used by several places: %s" % (a, ", ".join(sorted(who))))
    # admin-unit aliases that collide with a place name or alias
    place_keys = {}
    for p in places:
        for k in [p["name"]] + (p["aliases"].split("|") if p["aliases"] else []):
            place_keys.setdefault(norm(k), set()).add(p["id"])
    for code, u in sorted(units.items()):
        for a in u["aliases"]:
            if norm(a) in place_keys:
                problems.append("unit %s: alias %r is also place %s"
                                % (code, a, ", ".join(sorted(place_keys[norm(a)]))))

    for n in notes:
        print("note: " + n)
    for pr in problems:
        print("FAIL: " + pr)
    kinds = {}
    for p in places:
        kinds[p.get("kind")] = kinds.get(p.get("kind"), 0) + 1
    print("%d places (%s), %d admin-1 units" % (
        len(places), ", ".join("%s %d" % kv for kv in sorted(kinds.items())), len(units)))
    if problems:
        print("places check: %d problem(s)" % len(problems))
        return 1
    print("places check: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
