#!/usr/bin/python3
"""Checks the built Spring 2022 scenario (geodata/scenarios/spring2022.gpkg) against the facts
it must show and against its own rules (sources, notes, time chains, overlaps), prints the
keyframes and the Russian-held area per keyframe, and compares four dates with the NZZ sample
files as a plausibility check only.  Run with Debian's python3 (needs python3-gdal):

    /usr/bin/python3 geodata/scenarios/check_spring2022.py [path/to/spring2022.gpkg]

Environment: SITVIEW_NZZ_DIR overrides where the NZZ samples are looked for
(default: <repo>/../shared/samples/nzz).  Exit status 1 if any check fails."""
import datetime as dt
import json
import os
import re
import sys

from osgeo import ogr, osr

ogr.UseExceptions()
osr.UseExceptions()

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
GPKG = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "spring2022.gpkg")
SRC_DIR = os.path.join(HERE, "spring2022")
ADMIN = os.path.join(REPO, "geodata", "ukraine_admin1.geojson")
if not os.path.exists(ADMIN):
    ADMIN = "/tmp/ua_admin1.geojson"
PLACES = os.path.join(REPO, "geodata", "places.geojson")
NZZ_DIR = os.environ.get("SITVIEW_NZZ_DIR",
                         os.path.join(REPO, "..", "shared", "samples", "nzz"))

START, END_EXCL = dt.date(2022, 2, 24), dt.date(2022, 5, 21)
SIDES = {"ru", "ua", "contested"}
STATUSES = {"occupied", "assessed_advance", "claimed", "pre2022"}
CONFIDENCES = {"high", "medium", "low"}
OUTCOMES = {"held", "fell", "lifted", "ongoing"}
TINY_KM2 = 1.0          # tolerated overlap between two Russian-held features of one date
NZZ_DATES = ["2022-02-24", "2022-03-01", "2022-03-29", "2022-04-05"]

# Points named in the brief; places.geojson (when present) adds its own points for the same
# slugs, so both the brief's and the gazetteer's coordinates are tested.
BRIEF_POINTS = {
    "kherson": (32.62, 46.64), "hostomel": (30.20, 50.57), "izium": (37.26, 49.21),
    "melitopol": (35.37, 46.85), "berdiansk": (36.80, 46.76), "enerhodar": (34.66, 47.50),
    "kyiv": (30.52, 50.45), "kharkiv": (36.23, 49.99), "chernihiv": (31.29, 51.50),
    "sumy": (34.80, 50.91), "mykolaiv": (31.99, 46.97), "odesa": (30.72, 46.48),
    "zaporizhzhia": (35.14, 47.84), "dnipro": (35.05, 48.46), "mariupol": (37.55, 47.10),
    "azovstal": (37.61, 47.10),
}

results = {"passed": 0, "failed": 0}


def check(cond, what):
    if cond:
        results["passed"] += 1
    else:
        results["failed"] += 1
        print(f"FAIL: {what}")
    return cond


def d(s):
    return None if s is None else dt.date.fromisoformat(s)


# --------------------------------------------------------------------------- loading
def srs(epsg):
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


WGS84, EQAREA = srs(4326), srs(6933)
TO_EQAREA = osr.CoordinateTransformation(WGS84, EQAREA)


def km2(g):
    """Area in km2 of the polygonal part of g (lines/points from intersections count 0)."""
    if g is None or g.IsEmpty():
        return 0.0
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == ogr.wkbGeometryCollection:
        return sum(km2(g.GetGeometryRef(i)) for i in range(g.GetGeometryCount()))
    if t not in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
        return 0.0
    h = g.Clone()
    h.AssignSpatialReference(WGS84)
    h.Transform(TO_EQAREA)
    return h.GetArea() / 1e6


def date_field(f, name):
    if not f.IsFieldSetAndNotNull(name):
        return None
    y, m, dd = f.GetFieldAsDateTime(name)[:3]
    return dt.date(y, m, dd)


def load_layer(ds, name):
    lyr = ds.GetLayerByName(name)
    check(lyr is not None, f"layer '{name}' exists")
    return lyr


def field_types(lyr):
    defn = lyr.GetLayerDefn()
    return {defn.GetFieldDefn(i).GetName(): defn.GetFieldDefn(i).GetType()
            for i in range(defn.GetFieldCount())}


def load_control(ds):
    lyr = load_layer(ds, "control")
    types = field_types(lyr)
    for fld in ("valid_from", "valid_to"):
        check(types.get(fld) == ogr.OFTDate, f"control.{fld} is a DATE column")
    want = ["id", "side", "status", "valid_from", "valid_to", "source", "confidence", "note", "axis"]
    check(sorted(types) == sorted(want), f"control fields are exactly {want} (got {sorted(types)})")
    feats = []
    for f in lyr:
        g = f.GetGeometryRef()
        feats.append(dict(
            id=f.GetField("id"), side=f.GetField("side"), status=f.GetField("status"),
            vf=date_field(f, "valid_from"), vt=date_field(f, "valid_to"),
            source=f.GetField("source"), confidence=f.GetField("confidence"),
            note=f.GetField("note"), axis=f.GetField("axis"),
            geom=None if g is None else g.Clone()))
    return feats


def admin_geoms():
    ds = ogr.Open(ADMIN)
    lyr = ds.GetLayer()
    out = {}
    code_field = "id" if lyr.GetLayerDefn().GetFieldIndex("id") >= 0 else "iso_3166_2"
    for f in lyr:
        out[f.GetField(code_field)] = f.GetGeometryRef().Clone()
    return out


def union(geoms):
    u = None
    for g in geoms:
        if g is None:
            continue
        u = g.Clone() if u is None else u.Union(g)
    return u


def load_points():
    pts = {k: [v] for k, v in BRIEF_POINTS.items()}
    if os.path.exists(PLACES):
        with open(PLACES, encoding="utf-8") as fh:
            for ft in json.load(fh)["features"]:
                pid = ft["properties"].get("id")
                if pid in pts:
                    pts[pid].append(tuple(ft["geometry"]["coordinates"][:2]))
    return pts


# --------------------------------------------------------------------------- queries
def active(feats, day):
    return [f for f in feats if f["vf"] <= day and (f["vt"] is None or day < f["vt"])]


def side_at(feats, day, xy):
    p = ogr.Geometry(ogr.wkbPoint)
    p.AddPoint_2D(*xy)
    sides = {f["side"] for f in active(feats, day) if f["geom"] is not None and f["geom"].Contains(p)}
    if "ru" in sides:
        return "ru"
    if "contested" in sides:
        return "contested"
    return "ua"


def days():
    day = START
    while day < END_EXCL:
        yield day
        day += dt.timedelta(days=1)


# --------------------------------------------------------------------------- checks
def check_fields(feats):
    ids = [f["id"] for f in feats]
    check(len(ids) == len(set(ids)), "control ids are unique")
    for f in feats:
        fid = f["id"]
        check(bool(f["id"]) and re.fullmatch(r"[a-z0-9-]+", f["id"] or "") is not None, f"{fid}: id is a lowercase slug")
        check(f["side"] in SIDES, f"{fid}: side '{f['side']}' allowed")
        check(f["status"] in STATUSES, f"{fid}: status '{f['status']}' allowed")
        check(f["confidence"] in CONFIDENCES, f"{fid}: confidence '{f['confidence']}' allowed")
        check(bool((f["source"] or "").strip()), f"{fid}: non-empty source")
        check(bool((f["note"] or "").strip()), f"{fid}: non-empty note")
        check("approximation" in (f["note"] or "").lower(), f"{fid}: note says it is an approximation")
        check(bool((f["axis"] or "").strip()), f"{fid}: non-empty axis")
        check(f["vf"] is not None, f"{fid}: valid_from set")
        check(f["vt"] is None or f["vt"] > f["vf"], f"{fid}: valid_to after valid_from")
        check(f["geom"] is not None and not f["geom"].IsEmpty() and f["geom"].IsValid(),
              f"{fid}: geometry present and valid")
        if f["status"] == "pre2022":
            check(f["side"] == "ru" and f["vt"] is None and f["vf"] < START,
                  f"{fid}: pre2022 feature is ru, open-ended and starts before 2022-02-24")
        else:
            check(START <= f["vf"] and f["vt"] is not None and f["vt"] <= END_EXCL,
                  f"{fid}: dated feature lies within the scenario window")


def check_axes(feats):
    axes = {}
    for f in feats:
        if f["status"] != "pre2022":
            axes.setdefault(f["axis"], set()).add((f["vf"], f["vt"]))
    for axis, ivs in sorted(axes.items()):
        ivs = sorted(ivs)
        ok = all(a[1] == b[0] for a, b in zip(ivs, ivs[1:]))
        check(ok, f"axis '{axis}': intervals chain without gaps or overlaps {[(str(a), str(b)) for a, b in ivs]}")
    return sorted(axes)


def check_overlaps(feats, keyframes):
    for day in keyframes:
        cur = [f for f in active(feats, day) if f["side"] in ("ru", "contested")]
        for i in range(len(cur)):
            for j in range(i + 1, len(cur)):
                a, b = cur[i], cur[j]
                if a["side"] == "contested" and b["side"] == "contested":
                    continue
                if not a["geom"].Intersects(b["geom"]):
                    continue
                inter = km2(a["geom"].Intersection(b["geom"]))
                check(inter <= TINY_KM2, f"{day}: {a['id']} and {b['id']} overlap by {inter:.2f} km2")


def check_facts(feats, pts, admins):
    def expect(slug, day, want):
        for xy in pts[slug]:
            got = side_at(feats, dt.date.fromisoformat(day), xy)
            ok = got in want if isinstance(want, (set, tuple)) else got == want
            check(ok, f"{slug} {xy} on {day}: expected {want}, got {got}")

    expect("kherson", "2022-02-23", "ua")
    expect("kherson", "2022-03-01", "ua")
    expect("kherson", "2022-03-02", "ru")
    expect("kherson", "2022-03-29", "ru")
    expect("hostomel", "2022-03-20", "ru")
    expect("hostomel", "2022-04-05", "ua")
    expect("izium", "2022-03-25", "ua")
    expect("izium", "2022-04-05", "ru")
    for slug in ("melitopol", "berdiansk", "enerhodar"):
        expect(slug, "2022-03-29", "ru")
    expect("mariupol", "2022-02-28", "ua")
    expect("mariupol", "2022-03-15", "contested")
    expect("azovstal", "2022-05-19", "contested")
    expect("azovstal", "2022-05-20", "ru")
    never = ("kyiv", "kharkiv", "chernihiv", "sumy", "mykolaiv", "odesa", "zaporizhzhia", "dnipro")
    for slug in never:
        bad = [str(day) for day in days() for xy in pts[slug] if side_at(feats, day, xy) == "ru"]
        check(not bad, f"{slug} never inside a Russian-held polygon (ru on {bad[:5]})")
    # Regions that must be clear of Russian-held ground from a date on.
    regions = [("Kyiv Oblast and Kyiv", ("UA-32", "UA-30"), dt.date(2022, 4, 2)),
               ("Chernihiv and Sumy oblasts", ("UA-74", "UA-59"), dt.date(2022, 4, 8))]
    for label, codes, since in regions:
        region = union(admins.get(c) for c in codes)
        if region is None:
            check(False, f"admin units {codes} found in {ADMIN}")
            continue
        worst = 0.0
        for day in days():
            if day < since:
                continue
            ru = union(f["geom"] for f in active(feats, day) if f["side"] == "ru")
            if ru is not None and ru.Intersects(region):
                worst = max(worst, km2(ru.Intersection(region)))
        check(worst <= TINY_KM2, f"nothing Russian-held in {label} from {since} (max {worst:.1f} km2)")


def check_points_layers(ds):
    sieges = load_layer(ds, "sieges")
    types = field_types(sieges)
    for fld in ("start", "end"):
        check(types.get(fld) == ogr.OFTDate, f"sieges.{fld} is a DATE column")
    got = {}
    for f in sieges:
        place = f.GetField("place")
        got[place] = f
        for fld in ("id", "place", "outcome", "source", "note"):
            check(bool((f.GetField(fld) or "").strip()), f"siege {place}: non-empty {fld}")
        check(f.GetField("outcome") in OUTCOMES, f"siege {place}: outcome allowed")
        check((f.GetField("radius_km") or 0) > 0, f"siege {place}: radius_km > 0")
        s, e = date_field(f, "start"), date_field(f, "end")
        check(s is not None and (e is None or e >= s), f"siege {place}: start <= end")
        check((e is None) == (f.GetField("outcome") == "ongoing"), f"siege {place}: end null iff ongoing")
    for place in ("kyiv", "chernihiv", "sumy", "kharkiv", "mariupol", "kherson"):
        check(place in got, f"siege '{place}' present")
    if "mariupol" in got:
        f = got["mariupol"]
        check(f.GetField("outcome") == "fell" and date_field(f, "end") == dt.date(2022, 5, 20),
              "Mariupol siege ends 2022-05-20 with outcome fell")
    if "kherson" in got:
        f = got["kherson"]
        check(f.GetField("outcome") == "fell" and date_field(f, "end") == dt.date(2022, 3, 2),
              "Kherson siege ends 2022-03-02 with outcome fell")

    events = load_layer(ds, "events")
    check(field_types(events).get("date") == ogr.OFTDate, "events.date is a DATE column")
    n, istanbul = 0, False
    for f in events:
        n += 1
        for fld in ("id", "title", "place", "source", "note"):
            check(bool((f.GetField(fld) or "").strip()), f"event {f.GetField('id')}: non-empty {fld}")
        day = date_field(f, "date")
        check(day is not None and START <= day < END_EXCL, f"event {f.GetField('id')}: date in window")
        if f.GetField("place") == "istanbul" and day == dt.date(2022, 3, 29):
            istanbul = True
            check("Istanbul clears the stage" in (f.GetField("source") or ""),
                  "Istanbul talks event cites the shipped article")
    check(istanbul, "Istanbul talks event on 2022-03-29 present")
    check(13 <= n <= 26, f"13-26 events (got {n})")

    meta = load_layer(ds, "metadata")
    check(meta.GetGeomType() == ogr.wkbNone, "metadata is an aspatial table")
    kv = {f.GetField("key"): f.GetField("value") for f in meta}
    for k, v in (("title", "Spring 2022"), ("start", "2022-02-24"), ("end", "2022-05-20"),
                 ("default_date", "2022-03-29"), ("author", "sitview contributors"), ("version", "1")):
        check(kv.get(k) == v, f"metadata {k} = {v!r} (got {kv.get(k)!r})")
    check("approximation" in (kv.get("disclaimer") or "").lower(), "metadata disclaimer present")
    return n


def check_sources():
    """The GeoJSON source form: at most 4 decimals per coordinate, EPSG:4326 ranges."""
    for name in ("control", "sieges", "events", "metadata"):
        path = os.path.join(SRC_DIR, f"{name}.geojson")
        if not check(os.path.exists(path), f"source {path} exists"):
            continue
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        worst, out_of_range = 0, 0

        def walk(c):
            nonlocal worst, out_of_range
            if isinstance(c, (int, float)):
                s = repr(c)
                worst = max(worst, len(s.split(".")[1]) if "." in s else 0)
            elif isinstance(c, list):
                if len(c) == 2 and all(isinstance(v, (int, float)) for v in c):
                    if not (-180 <= c[0] <= 180 and -90 <= c[1] <= 90):
                        out_of_range += 1
                for v in c:
                    walk(v)
        for ft in data["features"]:
            if ft.get("geometry"):
                walk(ft["geometry"]["coordinates"])
        check(worst <= 4, f"{name}.geojson: coordinates have <= 4 decimals (max {worst})")
        check(out_of_range == 0, f"{name}.geojson: coordinates are lon/lat")


def nzz_occupied(path, outline):
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    fc = data["value"] if "value" in data else data
    keep, losses = [], []
    for ft in fc["features"]:
        g = ogr.CreateGeometryFromJson(json.dumps(ft["geometry"]))
        g = g if g.IsValid() else g.MakeValid()
        kind = ft["properties"].get("type")
        if kind in ("nochange", "gains"):
            keep.append(g)
        elif kind == "losses":
            losses.append(g)
    occ = union(keep)
    if occ is None:
        return None
    lost = union(losses)
    if lost is not None:
        occ = occ.Difference(lost)
    return occ.Intersection(outline)


def clip(g, outline):
    return None if g is None else g.Intersection(outline)


def report_areas(feats, keyframes, outline, crimea):
    print("\nKeyframes and Russian-held area (clipped to Ukraine, EPSG:6933 km2):")
    print(f"  {'date':<10} {'ru total':>10} {'ru excl. Crimea':>16} {'new since 24 Feb':>17} {'contested':>10}")
    areas = {}
    for day in keyframes:
        cur = active(feats, day)
        # the build clips to a slightly widened outline; measure within the outline itself
        ru = clip(union(f["geom"] for f in cur if f["side"] == "ru"), outline)
        new = clip(union(f["geom"] for f in cur if f["side"] == "ru" and f["status"] != "pre2022"), outline)
        con = clip(union(f["geom"] for f in cur if f["side"] == "contested"), outline)
        total = km2(ru)
        excl = km2(ru.Difference(crimea)) if ru is not None else 0.0
        areas[day] = (total, excl)
        print(f"  {str(day):<10} {total:>10,.0f} {excl:>16,.0f} {km2(new):>17,.0f} {km2(con):>10,.0f}")
    return areas


def report_nzz(feats, outline, crimea):
    print(f"\nPlausibility vs NZZ samples (nochange + gains, minus losses, clipped; NZZ excludes Crimea) from {os.path.abspath(NZZ_DIR)}:")
    if not os.path.isdir(NZZ_DIR):
        print("  samples not found; skipped")
        return
    for day in NZZ_DATES:
        path = os.path.join(NZZ_DIR, f"{day}.json")
        if not os.path.exists(path):
            print(f"  {day}: sample missing; skipped")
            continue
        theirs_geom = nzz_occupied(path, outline)
        theirs = km2(theirs_geom)
        ru = clip(union(f["geom"] for f in active(feats, dt.date.fromisoformat(day)) if f["side"] == "ru"), outline)
        ours_geom = ru.Difference(crimea) if ru is not None else None
        ours = km2(ours_geom)
        shared = km2(ours_geom.Intersection(theirs_geom)) if ours_geom is not None and theirs_geom is not None else 0.0
        diff = 100.0 * (ours - theirs) / theirs if theirs else float("nan")
        flag = "" if abs(diff) <= 25 else "   (outside +-25 %; plausibility only, not a failure)"
        print(f"  {day}: ours {ours:>9,.0f} km2   NZZ {theirs:>9,.0f} km2   diff {diff:+6.1f} %   "
              f"shared {shared:>9,.0f} km2{flag}")


def main():
    if not os.path.exists(GPKG):
        print(f"FAIL: {GPKG} not found; run geodata/scenarios/build_spring2022.sh first")
        print("0 passed, 1 failed")
        return 1
    ds = ogr.Open(GPKG)
    feats = load_control(ds)
    admins = admin_geoms()
    check(len(admins) == 27, f"27 admin-1 units in {ADMIN}")
    outline = union(admins.values())
    crimea = union([admins.get("UA-43"), admins.get("UA-40")])
    pts = load_points()

    check_fields(feats)
    axes = check_axes(feats)
    keyframes = sorted({f["vf"] for f in feats if START <= f["vf"] < END_EXCL})
    check(keyframes and keyframes[0] == START, "first keyframe is 2022-02-24")
    gaps = [(a, b) for a, b in zip(keyframes, keyframes[1:]) if (b - a).days > 7]
    check(not gaps, f"keyframes at most a week apart (gaps: {gaps})")
    check(any(f["vt"] == END_EXCL for f in feats), "some features run to the end (valid_to 2022-05-21)")
    check_overlaps(feats, keyframes)
    check_facts(feats, pts, admins)
    n_events = check_points_layers(ds)
    check_sources()

    counts = {}
    for f in feats:
        counts[f["side"]] = counts.get(f["side"], 0) + 1
    print(f"control: {len(feats)} features ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}); "
          f"axes: {', '.join(axes)}; events: {n_events}")
    print("keyframes: " + ", ".join(str(k) for k in keyframes) + f"; end (exclusive): {END_EXCL}")
    report_areas(feats, keyframes, outline, crimea)
    report_nzz(feats, outline, crimea)
    print()
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
