// Command-line and config-file parsing (cli/options.hpp): defaults, every value check with its exact message,
// unknown and incomplete options, and --config files with paths relative to the file.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli/options.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using sv::Options;
using sv::parseOptions;

namespace {

using sv::test::TempDir;

void writeText(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

// The parse error, or "(accepted)" when the arguments were taken.
std::string errorOf(const std::vector<std::string>& args) {
    auto r = parseOptions(args);
    return r.ok() ? std::string("(accepted)") : r.error();
}

}  // namespace

TEST_CASE("no arguments: the viewer on the built-in data with the documented defaults") {
    auto r = parseOptions({});
    REQUIRE(r.ok());
    const Options& o = *r;
    CHECK(o.mode == Options::Mode::View);
    const sv::MapSources builtin = sv::builtinSources();
    CHECK(o.sources.regions == builtin.regions);
    CHECK(o.sources.context == builtin.context);
    CHECK(o.sources.places == builtin.places);
    CHECK(o.sources.scenario == builtin.scenario);
    CHECK(fs::path(o.sources.regions).filename() == "ukraine_admin1.geojson");
    CHECK(fs::path(o.sources.context).filename() == "neighbours.geojson");
    CHECK(fs::path(o.sources.places).filename() == "places.geojson");
    CHECK(o.sources.overlays.empty());
    CHECK(o.sources.crs == "EPSG:3857");
    CHECK_FALSE(o.screenshot.has_value());
    CHECK(o.width == 1920);
    CHECK(o.height == 1080);
    CHECK_FALSE(o.sizeGiven);
    CHECK_FALSE(o.screenshotUi);
    CHECK(o.headless == "auto");
    CHECK_FALSE(o.viewLon.has_value());
    CHECK(o.select.empty());
    CHECK(o.hide.empty());
    CHECK(o.uiScale == 1.0f);
    CHECK_FALSE(o.date.has_value());
    CHECK_FALSE(o.timings);
    CHECK(o.useCache);
    CHECK(o.frames == 0);
    CHECK_FALSE(o.benchPan);
}

TEST_CASE("well-formed options are taken as given") {
    auto r = parseOptions({"--screenshot", "out.png", "--size", "800x600", "--view", "30.5,50.4,2.5", "--select",
                           "kyiv", "--hide", "places,region-labels", "--ui-scale", "1.5", "--headless", "egl",
                           "--crs", "EPSG:3035", "--regions", "r.gpkg", "--layer", "a.shp", "b.fgb", "--no-cache",
                           "--timings", "--frames", "30", "--bench-pan", "--screenshot-ui"});
    REQUIRE(r.ok());
    const Options& o = *r;
    CHECK(o.screenshot == "out.png");
    CHECK(o.width == 800);
    CHECK(o.height == 600);
    CHECK(o.sizeGiven);
    CHECK(o.viewLon == 30.5);
    CHECK(o.viewLat == 50.4);
    CHECK(o.viewPxPerKm == 2.5);
    CHECK(o.select == "kyiv");
    CHECK(o.hide == std::vector<std::string>{"places", "region-labels"});
    CHECK(o.uiScale == 1.5f);
    CHECK(o.headless == "egl");
    CHECK(o.sources.crs == "EPSG:3035");
    CHECK(o.sources.regions == "r.gpkg");
    CHECK(o.sources.overlays == std::vector<std::string>{"a.shp", "b.fgb"});
    CHECK_FALSE(o.useCache);
    CHECK(o.timings);
    CHECK(o.frames == 30);
    CHECK(o.benchPan);
    CHECK(o.screenshotUi);
    CHECK(parseOptions({"--help"})->mode == Options::Mode::Help);
    CHECK(parseOptions({"-h"})->mode == Options::Mode::Help);
    CHECK(parseOptions({"--version"})->mode == Options::Mode::Version);
    // The size limits themselves are allowed.
    CHECK(parseOptions({"--size", "16x16"}).ok());
    CHECK(parseOptions({"--size", "16384x16384"}).ok());
}

TEST_CASE("--size: malformed and out-of-range sizes, exactly") {
    const std::string bad = "--size: expected WIDTHxHEIGHT (e.g. 1920x1080), got '";
    for (const char* s : {"abc", "12", "", "x", "800x", "x600", "800x600x", "800X600", "8e2x600", "800x600.5",
                          "99999999999999999999x600"})
        CHECK(errorOf({"--size", s}) == bad + s + "'");
    CHECK(errorOf({"--size", "15x600"}) == "--size: 15x600 is outside 16x16 .. 16384x16384");
    CHECK(errorOf({"--size", "800x16385"}) == "--size: 800x16385 is outside 16x16 .. 16384x16384");
    CHECK(errorOf({"--size", "-800x600"}) == "--size: expected WIDTHxHEIGHT (e.g. 1920x1080), got '-800x600'");
    CHECK(errorOf({"--size", " 100x100"}) == "--size: expected WIDTHxHEIGHT (e.g. 1920x1080), got ' 100x100'");
    CHECK(errorOf({"--size", "+100x100"}) == "--size: expected WIDTHxHEIGHT (e.g. 1920x1080), got '+100x100'");
}

TEST_CASE("--view: malformed and out-of-range views, exactly") {
    for (const char* v : {"30,50", "30,50,1,2", "a,b,c", "30,50,nan", "30,50,inf", "30,50,1x"})
        CHECK(errorOf({"--view", v}) == std::string("--view: expected LON,LAT,PX_PER_KM, got '") + v + "'");
    for (const char* v : {"180.5,50,1", "-181,50,1", "30,90.01,1", "30,-91,1", "30,50,0", "30,50,-2"})
        CHECK(errorOf({"--view", v}) ==
              std::string("--view: '") + v + "' is out of range (lon -180..180, lat -90..90, zoom > 0)");
    auto edge = parseOptions({"--view", "-180,90,0.001"});
    REQUIRE(edge.ok());
    CHECK(edge->viewLon == -180);
    CHECK(edge->viewLat == 90);
}

TEST_CASE("--view: an empty field is malformed, not skipped") {
    // "30,,50,1" must not be read as 30,50,1 (nor ",30,50,1," as 30,50,1): the user's numbers are not where they
    // were meant to be.
    for (const char* v : {"30,,50,1", ",30,50,1", "30,50,1,"})
        CHECK(errorOf({"--view", v}) == std::string("--view: expected LON,LAT,PX_PER_KM, got '") + v + "'");
}

TEST_CASE("other value checks, exactly") {
    CHECK(errorOf({"--hide", "places,bogus"}) ==
          "--hide: unknown layer 'bogus' (context, regions, region-labels, places, place-labels, overlays, control, "
          "changes, front, sieges, events)");
    CHECK(errorOf({"--ui-scale", "big"}) == "--ui-scale: expected a number, got 'big'");
    CHECK(errorOf({"--ui-scale", "9"}) == "--ui-scale: 9 is outside 0.25..8");
    CHECK(errorOf({"--ui-scale", "0.2"}) == "--ui-scale: 0.2 is outside 0.25..8");
    CHECK(errorOf({"--headless", "x11"}) == "--headless: expected auto, osmesa, egl or glfw, got 'x11'");
    CHECK(errorOf({"--frames", "0"}) == "--frames: expected a positive count, got '0'");
    CHECK(errorOf({"--frames", "many"}) == "--frames: expected a positive count, got 'many'");
    CHECK(errorOf({"--date", "2022-02-30"}) == "--date: '2022-02-30': day 30 does not exist in 2022-02");
    CHECK(errorOf({"--date", "29.03.2022"}) == "--date: '29.03.2022': expected a date as YYYY-MM-DD");
    auto d = parseOptions({"--date", "2022-03-29"});
    REQUIRE(d.ok());
    REQUIRE(d->date.has_value());
    CHECK(d->date->iso() == "2022-03-29");
    auto none = parseOptions({"--scenario", "s.gpkg", "--no-scenario"});
    REQUIRE(none.ok());
    CHECK(none->sources.scenario.empty());
}

TEST_CASE("unknown options and missing values name the option") {
    CHECK(errorOf({"--frobnicate"}) == "--frobnicate: unknown option (see --help)");
    CHECK(errorOf({"-x"}) == "-x: unknown option (see --help)");
    CHECK(errorOf({"--size", "800x600", "--bogus", "1"}) == "--bogus: unknown option (see --help)");
    CHECK(errorOf({"--regions"}) == "--regions: missing value");
    CHECK(errorOf({"--regions", "--size", "800x600"}) == "--regions: missing value");
    for (const char* opt : {"--context", "--places", "--layer", "--crs", "--config", "--screenshot", "--size",
                            "--view", "--select", "--hide", "--ui-scale", "--headless", "--frames"})
        CHECK(errorOf({opt}) == std::string(opt) + ": missing value");
    // A bare "-" is a value (and as an argument, a layer), not an option.
    auto r = parseOptions({"--select", "-"});
    REQUIRE(r.ok());
    CHECK(r->select == "-");
    // Bare arguments are extra layers.
    r = parseOptions({"front.geojson", "--size", "100x100", "units.gpkg"});
    REQUIRE(r.ok());
    CHECK(r->sources.overlays == std::vector<std::string>{"front.geojson", "units.gpkg"});
}

TEST_CASE("--config: keys applied in order, relative paths resolved against the file's directory") {
    TempDir dir("options");
    fs::create_directories(dir.path / "conf");
    const fs::path cfg = dir.path / "conf" / "sitview.conf";
    writeText(cfg,
              "# a comment, then a blank line\n"
              "\n"
              "regions = data/oblasts.gpkg\n"
              "  context=../neighbours.geojson  \n"
              "places = /abs/places.geojson\n"
              "layer = front.geojson\n"
              "layer = /vsizip/archive.zip/units.shp\n"
              "scenario = scenarios/s.gpkg\n"
              "crs = EPSG:3035\n");
    auto r = parseOptions({"--config", cfg.string()});
    REQUIRE(r.ok());
    const Options& o = *r;
    CHECK(o.configFile == cfg.string());
    CHECK(o.sources.regions == (dir.path / "conf" / "data" / "oblasts.gpkg").string());
    CHECK(o.sources.context == (dir.path / "conf" / ".." / "neighbours.geojson").string());
    CHECK(o.sources.places == "/abs/places.geojson");
    CHECK(o.sources.overlays ==
          std::vector<std::string>{(dir.path / "conf" / "front.geojson").string(), "/vsizip/archive.zip/units.shp"});
    CHECK(o.sources.scenario == (dir.path / "conf" / "scenarios" / "s.gpkg").string());
    CHECK(o.sources.crs == "EPSG:3035");

    // Later command-line options override the file; earlier ones are overridden by it.
    r = parseOptions({"--crs", "EPSG:4326", "--config", cfg.string(), "--regions", "mine.geojson"});
    REQUIRE(r.ok());
    CHECK(r->sources.crs == "EPSG:3035");
    CHECK(r->sources.regions == "mine.geojson");
}

TEST_CASE("--config: errors name the file and line, exactly") {
    TempDir dir("options-errors");
    const fs::path cfg = dir.path / "bad.conf";
    writeText(cfg, "regions = a.geojson\n# fine so far\nx = 1\n");
    CHECK(errorOf({"--config", cfg.string()}) == cfg.string() + ":3: unknown key 'x'");

    writeText(cfg, "regions a.geojson\n");
    CHECK(errorOf({"--config", cfg.string()}) == cfg.string() + ":1: expected `key = value`, got 'regions a.geojson'");

    writeText(cfg, "\n\nplaces =   \n");
    CHECK(errorOf({"--config", cfg.string()}) == cfg.string() + ":3: empty value for 'places'");

    const std::string missing = (dir.path / "missing.conf").string();
    CHECK(errorOf({"--config", missing}) == missing + ": cannot read config file: No such file or directory");

    sv::Options o;
    auto st = sv::applyConfigFile(missing, o);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error() == missing + ": cannot read config file: No such file or directory");
}

TEST_CASE("usage lists every option the parser accepts") {
    const std::string u = sv::usage();
    for (const char* opt : {"--regions", "--context", "--places", "--layer", "--config", "--crs", "--view", "--select",
                            "--hide", "--ui-scale", "--screenshot", "--size", "--screenshot-ui", "--headless",
                            "--timings", "--no-cache", "--help", "--version", "--scenario", "--no-scenario", "--date"}) {
        INFO(opt);
        CHECK(u.find(opt) != std::string::npos);
    }
}
