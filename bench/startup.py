#!/usr/bin/python3
"""Start-up benchmark: whole-process time of a headless 1920x1080 PNG of the default view (warm and cold
prepared-data cache), the window's first frame after process start, and mapnik drawing the same map, measured
side by side (runs interleaved) so the machine's noise hits every variant alike; then frame times of the default
view, held still and dragged. Prints one figure per line:
`name value unit`. Usage: bench/startup.py [BUILD_DIR] [RUNS]. Needs an X server for the window figure
(DISPLAY, e.g. under xvfb-run) and python3-mapnik for the peer figure (skipped with a note if absent)."""
import json, os, resource, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 15
EXE = os.path.join(BUILD, "sitview")
TMP = tempfile.mkdtemp(prefix="sitview-bench-")
CACHE = os.path.join(TMP, "cache")
PEERS = os.path.join(ROOT, "..", "shared", "peers")


def wall(cmd, env=None):
    t = time.perf_counter()
    r = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), r.stderr))
    return dt, r


def env_with(**kv):
    e = dict(os.environ)
    e.update(kv)
    return e


def first_frame(r):
    for line in r.stderr.splitlines():
        if "first frame at" in line:
            return float(line.split("first frame at")[1].split()[0])
    return None


variants = {}
png = os.path.join(TMP, "s.png")
variants["headless_png_warm_s"] = lambda: wall([EXE, "--screenshot", png], env_with(SITVIEW_CACHE_DIR=CACHE))[0]
# The same with mimalloc's defaults (4 KiB pages, lazily committed first segments): what the large pages that
# `--screenshot` asks for save (src/app/main.cpp). Setting either variable in the environment opts out.
variants["headless_png_small_pages_s"] = lambda: wall(
    [EXE, "--screenshot", png], env_with(SITVIEW_CACHE_DIR=CACHE, MIMALLOC_LARGE_OS_PAGES="0"))[0]
variants["headless_png_cold_s"] = lambda: wall([EXE, "--screenshot", png, "--no-cache"],
                                               env_with(SITVIEW_CACHE_DIR=CACHE))[0]
if os.environ.get("DISPLAY"):
    variants["window_first_frame_after_start_s"] = lambda: first_frame(
        wall([EXE, "--exit-after-first-frame", "--timings"], env_with(SITVIEW_CACHE_DIR=CACHE))[1])
variants["version_only_s"] = lambda: wall([EXE, "--version"])[0]

admin = os.path.join(TMP, "admin.geojson")
have_mapnik = subprocess.run(["/usr/bin/python3", "-c", "import mapnik"], capture_output=True).returncode == 0
if have_mapnik and os.path.exists(os.path.join(PEERS, "render_mapnik.py")):
    menv = env_with(PEER_ADMIN=os.path.join(ROOT, "geodata", "ukraine_admin1.geojson"),
                    PEER_CONTROL=os.path.join(ROOT, "bench", "data", "empty.geojson"))
    variants["mapnik_png_s"] = lambda: wall(["/usr/bin/python3", os.path.join(PEERS, "render_mapnik.py"),
                                             os.path.join(TMP, "m.png")], menv)[0]
else:
    print("# mapnik peer skipped (apt-get install python3-mapnik; needs ../shared/peers)", file=sys.stderr)

wall([EXE, "--screenshot", png], env_with(SITVIEW_CACHE_DIR=CACHE))  # fill the cache, warm the page cache
results = {k: [] for k in variants}
for i in range(RUNS):
    for name, fn in variants.items():
        time.sleep(0.3)  # let Xvfb settle: back-to-back clients slow its start-up
        v = fn()
        if v is not None:
            results[name].append(v)

med = {k: statistics.median(v) for k, v in results.items() if v}
for k, v in med.items():
    print("%s %.3f s (median of %d)" % (k, v, len(results[k])))

def faults(env):
    """Minor page faults of one warm headless run (the count varies by ~0.1 % between runs)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt
    wall([EXE, "--screenshot", png], env)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt - before


print("headless_png_warm_page_faults %d" % faults(env_with(SITVIEW_CACHE_DIR=CACHE)))
print("headless_png_small_pages_page_faults %d" % faults(env_with(SITVIEW_CACHE_DIR=CACHE, MIMALLOC_LARGE_OS_PAGES="0")))
if "mapnik_png_s" in med:
    print("ratio_headless_warm_to_mapnik %.2f" % (med["headless_png_warm_s"] / med["mapnik_png_s"]))
    print("ratio_headless_cold_to_mapnik %.2f" % (med["headless_png_cold_s"] / med["mapnik_png_s"]))

# Frames of the default view at 1920x1080 after the first: the same view (the static base copied from the layer
# cache) and a drag (--bench-pan: one pixel further each frame, so the base is drawn again every frame). Median of
# three runs' medians over 60 frames each.
def frame_median(extra):
    vals = []
    for _ in range(3):
        out = wall([EXE, "--screenshot", png, "--size", "1920x1080", "--frames", "60"] + extra,
                   env_with(SITVIEW_CACHE_DIR=CACHE))[1].stdout
        vals += [float(l.split()[1]) for l in out.splitlines() if l.startswith("frame_ms_median ")]
    return statistics.median(vals)


print("view_frame_ms_median %.2f" % frame_median([]))
print("pan_frame_ms_median %.2f" % frame_median(["--bench-pan"]))

# What llvmpipe compiles for the default screenshot: every shader variant is an LLVM module (a few tenths of a ms
# each from Mesa's shader cache), and every triangle-setup function one that no cache keeps (~4 ms each). Counted
# by bench/llvmpipe_jit.c, preloaded; skipped without a C compiler or when the driver is not llvmpipe.
shim = os.path.join(TMP, "llvmpipe_jit.so")
built = subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-o", shim, os.path.join(ROOT, "bench", "llvmpipe_jit.c"),
                        "-ldl"], capture_output=True).returncode == 0 if shutil.which("cc") else False
if built:
    err = wall([EXE, "--screenshot", png], env_with(SITVIEW_CACHE_DIR=CACHE, LD_PRELOAD=shim))[1].stderr
    mods = [l.split()[1] for l in err.splitlines() if l.startswith("llvmpipe-jit ")]
    if mods:
        print("llvmpipe_jit_modules %d" % len(mods))
        print("llvmpipe_setup_functions %d" % sum(m.startswith("setup_variant") for m in mods))
    else:
        print("# llvmpipe JIT counts skipped: no llvmpipe module seen", file=sys.stderr)
else:
    print("# llvmpipe JIT counts skipped: cannot build bench/llvmpipe_jit.c (needs cc)", file=sys.stderr)
