#!/usr/bin/python3
"""The floor for loading a folder of daily files: one process that opens every file with GDAL (Python bindings)
and reads every feature and its geometry's coordinates, nothing else. Prints the wall time in seconds.
With --text, each file's text is handed to GDAL instead of its name, as sitview does for GeoJSON files of up to
16 MB (src/geo/vector_reader.cpp): GDAL's GeoJSON driver then parses once instead of in two streaming passes. The
issue's floor is the plain one; this one shows how much of sitview's margin comes from that choice alone."""
import glob, os, sys, time
from osgeo import ogr

text = "--text" in sys.argv[1:]
folder = [a for a in sys.argv[1:] if a != "--text"][0]
files = sorted(f for f in glob.glob(os.path.join(folder, "*")) if os.path.isfile(f))
t = time.perf_counter()
points = 0
for path in files:
    if text:
        with open(path, encoding="utf-8") as f:
            ds = ogr.Open(f.read())
    else:
        ds = ogr.Open(path)
    for layer in ds:
        for feature in layer:
            g = feature.GetGeometryRef()
            if g is not None:
                points += len(g.ExportToWkb())  # every coordinate leaves GDAL
    ds = None
print("floor_read%s_s %.3f" % ("_text" if text else "", time.perf_counter() - t))
print("floor_files %d" % len(files), file=sys.stderr)
