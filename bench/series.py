#!/usr/bin/python3
"""Series benchmark: loads a folder of daily files (DeepStateMap-shaped) the way the viewer does and prints one
figure per line, side by side with the floor — one process that only reads every file with GDAL.

  load_ready_s        process start → data ready to scrub (read, projected, deduplicated, meshes prepared),
                      no prepared-data cache, median of RUNS
  floor_read_s        bench/floor.py on the same folder, median of RUNS, runs interleaved with the above
  ratio_load_to_floor
  floor_read_text_s   bench/floor.py --text: the same reading with each file's text handed to GDAL (as sitview does
                      for GeoJSON files), interleaved too; ratio_load_to_text_floor
  date_change_median_ms, date_change_p99_ms   100,000 random date changes (frame lookup + renderer ranges)
  frame_ms_median     1920x1080, llvmpipe, at the day with the most vertices
  peak_rss_mb         of the load run; geometry_mb  bytes of the series' geometry (unique chunks, cell meshes, day
                      lists); change_geometry_mb  the day-to-day gains and losses derived from it (polygons kept for
                      picking and the reporting panel, and their meshes)

Usage: bench/series.py [DIR] [RUNS=3] [BUILD_DIR]   (without DIR: generates 1,600 days into /tmp first)
"""
import os, re, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
folder = sys.argv[1] if len(sys.argv) > 1 else None
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
build = os.path.abspath(sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, "build"))
exe = os.path.join(build, "sitview")
if folder is None:
    folder = os.path.join(tempfile.gettempdir(), "sitview-series-1600")
    if not os.path.isdir(folder) or len(os.listdir(folder)) < 1600:
        subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "bench", "gen_series.py"), folder, "1600"], check=True)
cache = tempfile.mkdtemp(prefix="sitview-bench-cache-")
env = dict(os.environ, SITVIEW_TRACE="1", SITVIEW_CACHE_DIR=cache)
png = os.path.join(cache, "x.png")


def load_run():
    """Returns (seconds from process start to data in place, peak RSS MB, stdout)."""
    r = subprocess.run(["/usr/bin/time", "-f", "maxrss_kb %M", exe, "--control", folder, "--no-cache", "--screenshot",
                        png, "--timings"], env=env, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(r.stderr[-2000:])
    ready = re.search(r"\[trace\]\s+([\d.]+) ms\s+data in place", r.stderr)
    rss = re.search(r"maxrss_kb (\d+)", r.stderr)
    return float(ready.group(1)) / 1000, int(rss.group(1)) / 1024, r.stdout


def floor_run(*extra):
    r = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "bench", "floor.py"), folder, *extra], capture_output=True,
                       text=True)
    return float(r.stdout.split()[1])


# The GL programs are linked from the driver's binaries kept in the cache folder (src/render/gl/shader.hpp), as on any
# machine after sitview's first start; a fresh folder would have the first load run compile them (and keep Mesa's
# GLSL compiler, ~7 MB, resident). A small render of the built-in map fills it; the prepared-data cache stays unused
# (the load runs pass --no-cache).
warm = subprocess.run([exe, "--screenshot", png, "--size", "64x64", "--no-scenario"], env=env, capture_output=True, text=True)
if warm.returncode != 0:
    sys.exit(warm.stderr[-2000:])

loads, floors, textFloors, rss, out = [], [], [], [], ""
for _ in range(runs):
    t, m, out = load_run()
    loads.append(t), rss.append(m)
    floors.append(floor_run())
    textFloors.append(floor_run("--text"))
print("days %d" % len([f for f in os.listdir(folder) if os.path.isfile(os.path.join(folder, f))]))
print("load_ready_s %.3f" % statistics.median(loads))
print("floor_read_s %.3f" % statistics.median(floors))
print("ratio_load_to_floor %.2f" % (statistics.median(loads) / statistics.median(floors)))
print("floor_read_text_s %.3f" % statistics.median(textFloors))
print("ratio_load_to_text_floor %.2f" % (statistics.median(loads) / statistics.median(textFloors)))
geom = re.search(r"^geometry_bytes (\d+)", out, re.M)
change = re.search(r"^change_geometry_bytes (\d+)", out, re.M)
print("peak_rss_mb %.1f" % max(rss))
print("geometry_mb %.1f" % (int(geom.group(1)) / 1e6 if geom else float("nan")))
print("change_geometry_mb %.1f" % (int(change.group(1)) / 1e6 if change else float("nan")))

# Date changes and frames from the prepared-data cache the load runs left behind (same data, faster start).
r = subprocess.run([exe, "--control", folder, "--screenshot", png, "--bench-dates", "100000", "--frames", "60",
                    "--at-largest", "--size", "1920x1080"], env=dict(os.environ, SITVIEW_CACHE_DIR=cache),
                   capture_output=True, text=True)
for key in ("largest_day", "date_change_median_ms", "date_change_p99_ms", "frame_ms_median", "frame_ms_p99"):
    m = re.search(r"^%s (.*)$" % key, r.stdout, re.M)
    print("%s %s" % (key, m.group(1) if m else "?"))
