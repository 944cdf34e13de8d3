// Option parsing (see options.hpp).
#include "cli/options.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "util/strings.hpp"

namespace sv {
namespace {

Result<double> number(const std::string& opt, const std::string& text) {
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size() && std::isfinite(v)) return v;
    } catch (...) {
    }
    return fail(opt + ": expected a number, got '" + text + "'");
}

Status parseSize(const std::string& text, Options& o) {
    const auto x = text.find('x');
    const std::string bad = "--size: expected WIDTHxHEIGHT (e.g. 1920x1080), got '" + text + "'";
    if (x == std::string::npos) return fail(bad);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (i != x && (text[i] < '0' || text[i] > '9')) return fail(bad);
    try {
        std::size_t u1 = 0, u2 = 0;
        const std::string ws = text.substr(0, x), hs = text.substr(x + 1);
        const long w = std::stol(ws, &u1), h = std::stol(hs, &u2);
        if (u1 != ws.size() || u2 != hs.size()) return fail(bad);
        if (w < 16 || h < 16 || w > 16384 || h > 16384)
            return fail("--size: " + text + " is outside 16x16 .. 16384x16384");
        o.width = static_cast<int>(w), o.height = static_cast<int>(h);
        o.sizeGiven = true;
        return Ok{};
    } catch (...) {
        return fail(bad);
    }
}

Status parseView(const std::string& text, Options& o) {
    const auto parts = split(text, ',', true);
    if (parts.size() != 3) return fail("--view: expected LON,LAT,PX_PER_KM, got '" + text + "'");
    auto lon = number("--view", parts[0]), lat = number("--view", parts[1]), z = number("--view", parts[2]);
    if (!lon || !lat || !z) return fail("--view: expected LON,LAT,PX_PER_KM, got '" + text + "'");
    if (*lon < -180 || *lon > 180 || *lat < -90 || *lat > 90 || *z <= 0)
        return fail("--view: '" + text + "' is out of range (lon -180..180, lat -90..90, zoom > 0)");
    o.viewLon = *lon, o.viewLat = *lat, o.viewPxPerKm = *z;
    return Ok{};
}

}  // namespace

std::string usage() {
    return R"(sitview — offline situation viewer

Usage: sitview [options] [LAYER ...]
       sitview status --date YYYY-MM-DD (--place NAME | --lonlat LON,LAT) [--json] [data options]
       sitview links [--articles DIR] [--json]
       sitview stats SRC [--csv]             occupied area per date of a series or scenario
       sitview import SRC --out FILE.gpkg    a series as the scenario format
       sitview render --out FILE.png [--size WxH] [view options]     the view, with caption and legend
       sitview story export STORY.json --out DIR [--size WxH]        each step as a numbered PNG
       sitview animate --from DATE --to DATE --out DIR|FILE.mp4|FILE.gif [--days-per-second R] [--fps F]

Data (any OGR source: GeoJSON, GeoPackage, Shapefile, FlatGeobuf, KML, /vsizip/…, /vsigzip/…):
  --regions FILE      admin-1 polygons (default: built-in geodata/ukraine_admin1.geojson)
  --context FILE      neighbouring countries for context (default: geodata/neighbours.geojson)
  --places FILE       named points (default: geodata/places.geojson)
  --scenario PATH     dated control zones, sieges and events: a GeoPackage with layers control, sieges,
                      events (and metadata), or a folder of control.geojson, sieges.geojson, …
                      (default: geodata/scenarios/spring2022.gpkg); --no-scenario for none
  --control PATH      the same, also taking a daily front-line series: a folder of DeepStateMap files
                      (deepstatemap_data_YYYYMMDD.geojson), of NZZ/Liveuamap YYYY-MM-DD.json files, of any
                      files dated in their names, or one layer with date fields (.gz/.zip read directly)
  --format F          how to read it: auto (default), deepstate, nzz, dated, layer
  --date-field F      a layer's date field; --start-field F / --end-field F for intervals
  --layer FILE        an extra layer drawn on top (repeatable; bare LAYER arguments do the same)
  --config FILE       read the options above from a file of `key = value` lines
  --crs CRS           map projection: an EPSG code or PROJ string (default EPSG:3857)
  --articles DIR      a folder of articles (.txt/.md with a front-matter header) besides the built-in
                      assets/articles (repeatable); --no-builtin-articles leaves those out

View:
  --view LON,LAT,PX_PER_KM   initial camera (default: Ukraine fits the window)
  --date YYYY-MM-DD          the timeline's date at start (default: the scenario's, 2022-03-29)
  --select PLACE_ID          select a place at start
  --hide LAYER[,LAYER…]      hide layers at start: context, regions, region-labels, places,
                             place-labels, overlays, control, changes, front, sieges, events
  --ui-scale S               scale of lines, markers and text (default 1)
  --present                  start in presentation mode (F5 toggles it, F11 full screen)
  --present-scale S          text and line scale in presentation mode (default 2)
  --safe-frame               outline the 16:9 safe area in presentation mode
  --story FILE               open a briefing story (NAME.story.json)
  --no-morph                 step the control area day by day instead of morphing between days

Headless:
  --screenshot OUT.png       render offscreen to a PNG and exit (no window)
  --size WxH                 image size (default 1920x1080)
  --screenshot-ui            include the panels in the screenshot
  --overlays                 include the legend and scale bar in the screenshot
  --morph-t T                draw the morph from --date to the next day at T in 0..1 (tests)
  --headless osmesa|egl|glfw GL context for headless rendering (default: OSMesa, else EGL, else a
                             hidden window)
  --timings                  print load / project / prepare / upload / first-frame times
  --no-cache                 load and prepare every input again instead of reusing the
                             prepared-data cache (~/.cache/sitview) of an earlier run, and
                             rasterise the fonts again

  --help, --version
Exit status: 0 ok, 1 rendering or output failed, 2 bad arguments or unreadable input.
)";
}

namespace {

// "PATH: is a named pipe, not a WHAT" for a pipe, socket or device (reading one would block or never end) and,
// unless the reader reports them itself, a directory (a stream opened on one reads as an empty file). A missing
// or unreadable path is left to the reader, which says why.
Status plainFileOrMissing(const std::string& path, const std::string& what, bool directoryToo = true) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto st = fs::status(path, ec);
    if (ec || !fs::exists(st) || fs::is_regular_file(st) || (!directoryToo && fs::is_directory(st))) return Ok{};
    const char* kind = fs::is_directory(st) ? "a directory" : fs::is_fifo(st) ? "a named pipe" : fs::is_socket(st) ? "a socket" : "a device";
    return fail(path + ": is " + kind + ", not " + what);
}

}  // namespace

Status applyConfigFile(const std::string& path, Options& o) {
    if (auto ok = plainFileOrMissing(path, "a config file"); !ok) return ok;
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(path + ": cannot read config file: " + std::strerror(errno));
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return applyConfigText(text, path, o);
}

Status applyConfigText(std::string_view text, const std::string& path, Options& o) {
    const auto base = std::filesystem::path(path).parent_path();
    auto resolve = [&](const std::string& v) {
        const std::filesystem::path p(v);
        return p.is_absolute() || startsWith(v, "/vsi") ? v : (base / p).string();
    };
    std::size_t pos = 0;
    for (int n = 1; pos < text.size(); ++n) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        const std::string t = trim(text.substr(pos, eol - pos));
        pos = eol + 1;
        if (t.empty() || t[0] == '#') continue;
        const auto eq = t.find('=');
        if (eq == std::string::npos)
            return fail(path + ":" + std::to_string(n) + ": expected `key = value`, got '" + t + "'");
        const std::string key = trim(t.substr(0, eq)), value = trim(t.substr(eq + 1));
        if (value.empty()) return fail(path + ":" + std::to_string(n) + ": empty value for '" + key + "'");
        if (key == "regions") o.sources.regions = resolve(value);
        else if (key == "context") o.sources.context = resolve(value);
        else if (key == "places") o.sources.places = resolve(value);
        else if (key == "layer") o.sources.overlays.push_back(resolve(value));
        else if (key == "scenario") o.sources.scenario = resolve(value);
        else if (key == "articles") o.articleFolders.push_back(resolve(value));
        else if (key == "crs") o.sources.crs = value;
        else return fail(path + ":" + std::to_string(n) + ": unknown key '" + key + "'");
    }
    return Ok{};
}

Result<Options> parseOptions(const std::vector<std::string>& args) {
    Options o;
    o.sources = builtinSources();
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> Result<std::string> {
            if (i + 1 >= args.size() || (startsWith(args[i + 1], "--") && args[i + 1].size() > 2))
                return fail(a + ": missing value");
            return args[++i];
        };
#define SV_VALUE(var)                             \
    auto var##_r = value();                       \
    if (!var##_r) return Error{var##_r.error()};  \
    const std::string& var = *var##_r
        if (a == "--help" || a == "-h") o.mode = Options::Mode::Help;
        else if (a == "--version") o.mode = Options::Mode::Version;
        else if (a == "--regions") { SV_VALUE(v); o.sources.regions = v; }
        else if (a == "--context") { SV_VALUE(v); o.sources.context = v; }
        else if (a == "--places") { SV_VALUE(v); o.sources.places = v; }
        else if (a == "--layer") { SV_VALUE(v); o.sources.overlays.push_back(v); }
        else if (a == "--crs") { SV_VALUE(v); o.sources.crs = v; }
        else if (a == "--config") {
            SV_VALUE(v);
            o.configFile = v;
            if (auto ok = applyConfigFile(v, o); !ok) return Error{ok.error()};
        }
        else if (a == "--screenshot") { SV_VALUE(v); o.screenshot = v; }
        else if (a == "--size") { SV_VALUE(v); if (auto ok = parseSize(v, o); !ok) return Error{ok.error()}; }
        else if (a == "--view") { SV_VALUE(v); if (auto ok = parseView(v, o); !ok) return Error{ok.error()}; }
        else if (a == "--select") { SV_VALUE(v); o.select = v; }
        else if (a == "--scenario" || a == "--control") { SV_VALUE(v); o.sources.scenario = v; }
        else if (a == "--format") {
            SV_VALUE(v);
            static const char* kFormats[] = {"auto", "deepstate", "nzz", "dated", "layer"};
            if (std::none_of(std::begin(kFormats), std::end(kFormats), [&](const char* f) { return v == f; }))
                return fail("--format: expected auto, deepstate, nzz, dated or layer, got '" + v + "'");
            o.sources.seriesFormat = v;
        }
        else if (a == "--date-field") { SV_VALUE(v); o.sources.dateField = v; }
        else if (a == "--start-field") { SV_VALUE(v); o.sources.startField = v; }
        else if (a == "--end-field") { SV_VALUE(v); o.sources.endField = v; }
        else if (a == "--articles") { SV_VALUE(v); o.articleFolders.push_back(v); }
        else if (a == "--no-builtin-articles") o.builtinArticles = false;
        else if (a == "--no-scenario") o.sources.scenario.clear();
        else if (a == "--date") {
            SV_VALUE(v);
            auto d = Date::parse(v);
            if (!d) return fail("--date: '" + v + "': " + d.error());
            o.date = *d;
        }
        else if (a == "--hide") {
            SV_VALUE(v);
            static const char* kLayers[] = {"context", "regions", "region-labels", "places", "place-labels",
                                            "overlays", "control", "changes", "front", "sieges", "events"};
            for (const auto& name : split(v, ',')) {
                bool known = false;
                for (const char* k : kLayers) known |= name == k;
                if (!known)
                    return fail("--hide: unknown layer '" + name +
                                "' (context, regions, region-labels, places, place-labels, overlays, control, "
                                "changes, front, sieges, events)");
                o.hide.push_back(name);
            }
        }
        else if (a == "--ui-scale") {
            SV_VALUE(v);
            auto s = number(a, v);
            if (!s) return Error{s.error()};
            if (*s < 0.25 || *s > 8) return fail("--ui-scale: " + v + " is outside 0.25..8");
            o.uiScale = static_cast<float>(*s);
        }
        else if (a == "--headless") {
            SV_VALUE(v);
            if (v != "auto" && v != "osmesa" && v != "egl" && v != "glfw")
                return fail("--headless: expected auto, osmesa, egl or glfw, got '" + v + "'");
            o.headless = v;
        }
        else if (a == "--screenshot-ui") o.screenshotUi = true;
        else if (a == "--overlays") o.overlays = true;
        else if (a == "--present") o.present = true;
        else if (a == "--safe-frame") o.safeFrame = true;
        else if (a == "--no-morph") o.morph = false;
        else if (a == "--story") {
            SV_VALUE(v);
            if (auto ok = plainFileOrMissing(v, "a story file", false); !ok) return fail("--story: " + ok.error());
            o.story = v;
        }
        else if (a == "--present-scale") {
            SV_VALUE(v);
            auto n = number(a, v);
            if (!n || *n < 1 || *n > 6) return fail("--present-scale: expected a scale from 1 to 6, got '" + v + "'");
            o.presentScale = static_cast<float>(*n);
        }
        else if (a == "--morph-t") {
            SV_VALUE(v);
            auto n = number(a, v);
            if (!n || *n < 0 || *n > 1) return fail("--morph-t: expected a number from 0 to 1, got '" + v + "'");
            o.morphT = *n;
        }
        else if (a == "--timings") o.timings = true;
        else if (a == "--no-cache") o.useCache = false;
        else if (a == "--exit-after-first-frame") o.exitAfterFirstFrame = true;
        else if (a == "--bench-dates") {
            SV_VALUE(v);
            auto n = number(a, v);
            if (!n || *n < 1 || *n > 1e8) return fail("--bench-dates: expected a positive count, got '" + v + "'");
            o.benchDates = static_cast<int>(*n);
        }
        else if (a == "--at-largest") o.atLargest = true;
        else if (a == "--bench-pan") o.benchPan = true;
        else if (a == "--play-speed") {
            SV_VALUE(v);
            auto n = number(a, v);
            if (!n || *n < 0 || *n > 30) return fail("--play-speed: expected 0..30 days per second, got '" + v + "'");
            o.playSpeed = *n;
        }
        else if (a == "--frames") {
            SV_VALUE(v);
            auto n = number(a, v);
            if (!n || *n < 1 || *n > 1e7) return fail("--frames: expected a positive count, got '" + v + "'");
            o.frames = static_cast<int>(*n);
        }
        else if (startsWith(a, "-") && a != "-") return fail(a + ": unknown option (see --help)");
        else o.sources.overlays.push_back(a);
#undef SV_VALUE
    }
    return o;
}

std::string exportUsage() {
    return R"(Usage: sitview render --out FILE.png [--size WxH] [view and data options]
       sitview story export STORY.json --out DIR [--size WxH] [data options]
       sitview animate --from YYYY-MM-DD --to YYYY-MM-DD --out DIR|FILE.mp4|FILE.gif
                       [--days-per-second R] [--fps F] [--no-morph] [--size WxH] [view and data options]

Every image carries the date caption, the legend and the attribution of the visible layers. Sizes up to
7680x4320 (rendered in tiles where beyond the GL limit). render writes one PNG; story export writes
DIR/step-01.png … one per step; animate writes DIR/frame-0001.png … (a folder), or pipes the frames to
ffmpeg (Debian package) for .mp4 (H.264) and .gif. --days-per-second R (default 1) and --fps F (default R:
one day per frame) set the pace; frames between days are morphed unless --no-morph. PNGs carry the date
shown in their metadata (tEXt "Date"). Exit status: 0 ok, 1 rendering or output failed, 2 bad arguments or
input; progress goes to stderr.
)";
}

Result<ExportOptions> parseExportOptions(ExportOptions::Kind kind, const std::vector<std::string>& args) {
    ExportOptions e;
    e.kind = kind;
    std::vector<std::string> rest;
    const char* cmd = kind == ExportOptions::Kind::Render ? "render" : kind == ExportOptions::Kind::Story ? "story export" : "animate";
    auto err = [&](const std::string& m) { return fail(std::string(cmd) + ": " + m); };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> Result<std::string> {
            if (i + 1 >= args.size()) return fail(a + ": missing value");
            return args[++i];
        };
        if (a == "--out" || a == "--from" || a == "--to" || a == "--days-per-second" || a == "--fps") {
            auto v = value();
            if (!v) return err(v.error());
            if (a == "--out") e.out = *v;
            else if (a == "--from" || a == "--to") {
                auto d = Date::parse(*v);
                if (!d) return err(a + ": '" + *v + "': " + d.error());
                (a == "--from" ? e.from : e.to) = *d;
            } else {
                auto n = number(a, *v);
                if (!n) return err(n.error());
                if (a == "--days-per-second" && (*n < 0.01 || *n > 365))
                    return err("--days-per-second: expected 0.01 to 365, got '" + *v + "'");
                if (a == "--fps" && (*n < 1 || *n > 120)) return err("--fps: expected 1 to 120, got '" + *v + "'");
                (a == "--fps" ? e.fps : e.daysPerSecond) = *n;
            }
        } else if (kind == ExportOptions::Kind::Story && e.story.empty() && !a.empty() && a[0] != '-') {
            e.story = a;
        } else if (a.empty() || a[0] != '-') {
            return err("unexpected argument '" + a + "' (extra layers are given with --layer)");
        } else {
            rest.push_back(a);
            if ((a == "--size" || a == "--date" || a == "--view" || a == "--select" || a == "--hide" || a == "--regions" ||
                 a == "--context" || a == "--places" || a == "--layer" || a == "--crs" || a == "--config" ||
                 a == "--scenario" || a == "--control" || a == "--format" || a == "--date-field" ||
                 a == "--start-field" || a == "--end-field" || a == "--articles" || a == "--ui-scale" ||
                 a == "--headless" || a == "--present-scale" || a == "--morph-t" || a == "--screenshot" ||
                 a == "--story") &&
                i + 1 < args.size())
                rest.push_back(args[++i]);
        }
    }
    auto view = parseOptions(rest);
    if (!view) return err(view.error());
    if (view->mode != Options::Mode::View) return err("--help and --version are not export options");
    if (view->screenshot) return err("--screenshot is not an export option; use --out");
    e.view = std::move(*view);
    e.sizeGiven = e.view.sizeGiven;
    if (e.view.width > kMaxExportWidth || e.view.height > kMaxExportWidth ||
        static_cast<long>(e.view.width) * e.view.height > static_cast<long>(kMaxExportWidth) * kMaxExportHeight)
        return err("--size: " + std::to_string(e.view.width) + "x" + std::to_string(e.view.height) +
                   " is beyond the export limit of 7680x4320 pixels");
    if (e.out.empty()) return err("--out is required");
    if (kind == ExportOptions::Kind::Story && e.story.empty()) return err("no STORY.json given");
    if (kind == ExportOptions::Kind::Story)
        if (auto ok = plainFileOrMissing(e.story, "a story file", false); !ok) return err(ok.error());
    if (kind == ExportOptions::Kind::Animate) {
        if (!e.from || !e.to) return err("--from and --to are required");
        if (*e.to < *e.from) return err("--to " + e.to->iso() + " is before --from " + e.from->iso());
        if (e.fps <= 0) e.fps = std::clamp(e.daysPerSecond, 1.0, 60.0);
        const bool video = endsWith(asciiLower(e.out), ".mp4") || endsWith(asciiLower(e.out), ".gif");
        if (video && (e.view.width % 2 || e.view.height % 2))
            return err("--size: video needs an even width and height, got " + std::to_string(e.view.width) + "x" +
                       std::to_string(e.view.height));
        const double frames = (*e.to - *e.from) * e.fps / e.daysPerSecond + 1;
        if (frames > 100000) return err("that is " + std::to_string(static_cast<long>(frames)) + " frames; at most 100000");
    }
    if (kind == ExportOptions::Kind::Render && !endsWith(asciiLower(e.out), ".png"))
        return err("--out: expected a .png file, got '" + e.out + "'");
    return e;
}

}  // namespace sv
