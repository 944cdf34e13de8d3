#!/usr/bin/python3
"""The floor for loading a folder of daily files: one process that opens every file with GDAL (Python bindings)
and reads every feature and its geometry's coordinates, nothing else. Prints the wall time in seconds."""
import glob, os, sys, time
from osgeo import ogr

folder = sys.argv[1]
files = sorted(f for f in glob.glob(os.path.join(folder, "*")) if os.path.isfile(f))
t = time.perf_counter()
points = 0
for path in files:
    ds = ogr.Open(path)
    for layer in ds:
        for feature in layer:
            g = feature.GetGeometryRef()
            if g is not None:
                points += len(g.ExportToWkb())  # every coordinate leaves GDAL
    ds = None
print("floor_read_s %.3f" % (time.perf_counter() - t))
print("floor_files %d" % len(files), file=sys.stderr)
