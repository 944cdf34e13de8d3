#!/usr/bin/python3
"""Writes N synthetic daily snapshots shaped like DeepStateMap's files: deepstatemap_data_YYYYMMDD.geojson, one
Feature with a MultiPolygon of ~3-7k vertices (a large occupied area in the east and south, a few small enclaves),
the front moving a little each day in a few places and ~5 % of days identical to the day before.

Usage: bench/gen_series.py OUT_DIR [DAYS=1600] [SEED=1]
"""
import json, math, os, random, sys, datetime
try:  # Debian's GDAL bindings, to keep every day's polygon valid (a bump that makes it cross itself is undone)
    from osgeo import ogr
except ImportError:
    ogr = None

out = sys.argv[1]
days = int(sys.argv[2]) if len(sys.argv) > 2 else 1600
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
os.makedirs(out, exist_ok=True)

# A coarse outline of an occupied area in south-eastern Ukraine (lon, lat), counter-clockwise.
coarse = [(33.0, 46.4), (34.8, 45.9), (36.2, 46.5), (37.8, 46.9), (39.9, 47.2), (40.2, 48.3), (39.7, 49.6),
          (38.6, 49.9), (37.9, 49.3), (37.6, 48.5), (37.0, 47.9), (36.2, 47.6), (35.3, 47.5), (34.2, 47.3),
          (33.4, 46.9)]


def densify(points, n):
    """Midpoint displacement along each edge: a fractal line with about n vertices in all."""
    per = max(2, n // len(points))
    out = []
    for i, a in enumerate(points):
        b = points[(i + 1) % len(points)]
        seg = [a, b]
        while len(seg) < per:
            nxt = [seg[0]]
            for p, q in zip(seg, seg[1:]):
                seglen = math.hypot(q[0] - p[0], q[1] - p[1])
                mx, my = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
                nx, ny = -(q[1] - p[1]), q[0] - p[0]
                s = max(-0.08, min(0.08, rng.gauss(0, 0.03)))  # small enough that the line never crosses itself
                nxt += [(mx + nx * s, my + ny * s), q]
            seg = nxt
        out += seg[:-1]
    return out


main = densify(coarse, 3000)
if ogr is not None:
    ogr.UseExceptions()
    from osgeo import gdal
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    while not ogr.CreateGeometryFromWkt("POLYGON((" + ",".join("%.6f %.6f" % p for p in main + [main[0]]) + "))").IsValid():
        main = densify(coarse, 3000)
enclaves = []
for k in range(3):  # small separate parts north of the main area, as DeepState's files have
    cx, cy, r = 36.4 + 0.35 * k, 50.25 - 0.1 * k, 0.04 + 0.02 * k
    enclaves.append([(cx + r * math.cos(t / 40 * 2 * math.pi) * (1 + 0.2 * rng.random()),
                      cy + r * math.sin(t / 40 * 2 * math.pi) * (1 + 0.2 * rng.random())) for t in range(40)])

start = datetime.date(2022, 2, 24)
for d in range(days):
    if d and rng.random() >= 0.05:
        # A few local moves of the front: a smooth bump over a run of vertices on the line's northern/western side.
        for _ in range(rng.randint(1, 4)):
            for attempt in range(6):  # a bump that would make the line cross itself is retried elsewhere
                saved = list(main)
                i0 = rng.randrange(len(main) // 3, len(main))
                width = rng.randint(8, 60)
                # Displacements under the local vertex spacing keep the line simple.
                spacing = min(math.hypot(main[(i0 + j + 1) % len(main)][0] - main[(i0 + j) % len(main)][0],
                                         main[(i0 + j + 1) % len(main)][1] - main[(i0 + j) % len(main)][1])
                              for j in range(width))
                amp = max(-0.6, min(0.6, rng.gauss(0, 0.4))) * spacing
                for j in range(width):
                    i = (i0 + j) % len(main)
                    p, q = main[i - 1], main[(i + 1) % len(main)]
                    nx, ny = -(q[1] - p[1]), q[0] - p[0]
                    norm = math.hypot(nx, ny) or 1
                    w = math.sin(math.pi * j / width)
                    main[i] = (main[i][0] + amp * w * nx / norm, main[i][1] + amp * w * ny / norm)
                if ogr is None:
                    break
                wkt = "POLYGON((" + ",".join("%.6f %.6f" % p for p in main + [main[0]]) + "))"
                if ogr.CreateGeometryFromWkt(wkt).IsValid():
                    break
                main = saved
        if rng.random() < 0.2 and len(main) < 6900:  # the line gains detail now and then
            i = rng.randrange(len(main))
            p, q = main[i], main[(i + 1) % len(main)]
            seglen = math.hypot(q[0] - p[0], q[1] - p[1])
            main.insert(i + 1, ((p[0] + q[0]) / 2 + rng.gauss(0, 0.05) * seglen, (p[1] + q[1]) / 2 + rng.gauss(0, 0.05) * seglen))
    ring = [[round(x, 6), round(y, 6)] for x, y in main]
    polys = [[ring + [ring[0]]]] + [[[[round(x, 6), round(y, 6)] for x, y in e] + [[round(e[0][0], 6), round(e[0][1], 6)]]]
                                     for e in enclaves]
    date = start + datetime.timedelta(days=d)
    doc = {"type": "FeatureCollection", "name": "deepstatemap_data_%s" % date.strftime("%Y%m%d"),
           "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
           "features": [{"type": "Feature", "properties": {},
                         "geometry": {"type": "MultiPolygon", "coordinates": polys}}]}
    with open(os.path.join(out, "deepstatemap_data_%s.geojson" % date.strftime("%Y%m%d")), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
print("wrote %d files to %s (%d vertices on the last day)" % (days, out, len(main) + 3 * 40), file=sys.stderr)
