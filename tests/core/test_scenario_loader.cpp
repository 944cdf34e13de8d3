// Scenario loading through sv::geo::loadMap: a folder and a GeoPackage with one bad feature per layer (only that
// one skipped, exact warnings), a missing control layer, the built-in scenario, and the derived front line and
// gains/losses on a synthetic two-country world checked against the analytic Web Mercator formulas.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include <gdal.h>
#include <gdal_utils.h>
#include <unistd.h>

#include "geo/geos_ops.hpp"
#include "geo/map_loader.hpp"
#include "geo/scenario_loader.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using sv::Date;

namespace {

// Dates compared as text, so a failed CHECK prints them ("none" for no date).
std::string iso(sv::Date d) { return d.iso(); }
std::string iso(const std::optional<sv::Date>& d) { return d ? d->iso() : "none"; }

// A list of lines as one string, so a failed comparison prints both sides.
std::string lines(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& l : v) s += "\n  " + l;
    return s;
}

const std::string kData = SV_TEST_DATA;
const std::string kFolder = kData + "/scenario_folder";

using sv::test::TempDir;

Date day(const char* iso) { return *Date::parse(iso); }

// The synthetic world: country A (region AA-01) is lon 0..10 × lat 0..10; Betaland (context) lies east of it.
sv::MapSources world(const std::string& scenario) {
    sv::MapSources s;
    s.regions = kData + "/scenario_world/regions.geojson";
    s.context = kData + "/scenario_world/context.geojson";
    s.places = kData + "/scenario_world/places.geojson";
    s.scenario = scenario;
    return s;
}

// Web Mercator (EPSG:3857), written out: x = R λ, y = R ln tan(π/4 + φ/2) on the sphere of radius 6378137 m.
constexpr double kR = 6378137.0;
double mercX(double lonDeg) { return kR * lonDeg * M_PI / 180.0; }
double mercY(double latDeg) { return kR * std::log(std::tan(M_PI / 4 + latDeg * M_PI / 360.0)); }

// Converts each GeoJSON in `layers` (file stem → layer name) into one GeoPackage with GDAL's ogr2ogr library.
void buildGeoPackage(const std::string& out, const std::vector<std::pair<std::string, std::string>>& layers) {
    GDALAllRegister();
    GDALDatasetH dst = nullptr;
    for (const auto& [file, layer] : layers) {
        GDALDatasetH src = GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
        REQUIRE_MESSAGE(src, file);
        std::vector<const char*> args = {"-nln", layer.c_str()};
        if (!dst) args.insert(args.begin(), {"-f", "GPKG"});
        args.push_back(nullptr);
        GDALVectorTranslateOptions* opt = GDALVectorTranslateOptionsNew(const_cast<char**>(args.data()), nullptr);
        REQUIRE(opt);
        int usageError = 0;
        GDALDatasetH r = GDALVectorTranslate(dst ? nullptr : out.c_str(), dst, 1, &src, opt, &usageError);
        GDALVectorTranslateOptionsFree(opt);
        GDALClose(src);
        REQUIRE_MESSAGE(r, "GDALVectorTranslate failed for " << file);
        dst = r;
    }
    GDALClose(dst);
}

std::vector<std::string> zoneIds(const sv::Scenario& sc) {
    std::vector<std::string> ids;
    for (const auto& z : sc.zones) ids.push_back(z.id);
    return ids;
}

// What tests/data/scenario_folder holds once its one bad feature per layer is skipped (`file` names the source).
void checkFolderScenario(const sv::LoadedMap& m) {
    REQUIRE(m.hasScenario);
    const sv::Scenario& sc = m.scenario;
    CHECK(lines(zoneIds(sc)) == lines({"east-0301", "east-0310", "west-ua"}));
    REQUIRE(sc.zones.size() == 3);
    CHECK(sc.zones[0].side == sv::Side::Ru);
    CHECK(iso(sc.zones[0].validFrom) == "2022-03-01");
    CHECK(iso(sc.zones[0].validTo) == "2022-03-10");
    CHECK_FALSE(sc.zones[1].validTo.has_value());
    CHECK(sc.zones[2].side == sv::Side::Ua);
    CHECK(sc.zones[2].confidence == sv::Confidence::High);
    CHECK(sc.zones[0].source == "hand-made test zone");
    // Projected to the map CRS: the zone [6,10]×[0,5] in degrees.
    const sv::Bbox b = sc.zones[0].bbox;
    CHECK(b.minX == doctest::Approx(mercX(6)));
    CHECK(b.maxX == doctest::Approx(mercX(10)));
    CHECK(std::abs(b.minY) < 1e-6);
    CHECK(b.maxY == doctest::Approx(mercY(5)));

    REQUIRE(sc.sieges.size() == 1);
    const sv::Siege& s = sc.sieges[0];
    CHECK(s.id == "siege-alpha");
    CHECK(s.place == "alpha-city");
    CHECK(iso(s.start) == "2022-03-01");
    CHECK(iso(s.end) == "2022-03-09");
    CHECK(s.outcome == sv::SiegeOutcome::Fell);
    CHECK(s.radiusKm == 25.0);
    // No geometry of its own: drawn at its place (lon 8, lat 2).
    CHECK(s.pos.x == doctest::Approx(mercX(8)));
    CHECK(s.pos.y == doctest::Approx(mercY(2)));
    // 25 km on the ground is 25 km / cos(lat) in Mercator units.
    CHECK(s.radiusMap == doctest::Approx(25000.0 / std::cos(2 * M_PI / 180)).epsilon(0.01));

    REQUIRE(sc.events.size() == 1);
    CHECK(sc.events[0].id == "east-falls");
    CHECK(sc.events[0].title == "East falls");
    CHECK(iso(sc.events[0].date) == "2022-03-10");
    CHECK(sc.events[0].pos.x == doctest::Approx(mercX(8.5)));  // its own point, not its place's
    CHECK(sc.events[0].pos.y == doctest::Approx(mercY(2.5)));
    CHECK(sc.events[0].lonlat.x == doctest::Approx(8.5));

    CHECK(sc.meta.title == "Two countries");
    CHECK(iso(sc.firstDate()) == "2022-03-01");
    CHECK(iso(sc.lastDate()) == "2022-03-20");
    CHECK_FALSE(sc.meta.defaultDate.has_value());  // its row was bad
    CHECK(iso(sc.defaultDate()) == "2022-03-20");
    CHECK(sc.frames().size() == 2);
}

// The built-in regions, places and scenario (without the neighbouring countries, which the scenario does not use).
const sv::LoadedMap& builtinMap() {
    static const sv::LoadedMap m = [] {
        sv::MapSources s = sv::builtinSources();
        s.context.clear();
        return sv::geo::loadMap(s);
    }();
    return m;
}

double distanceToSquareOutline(sv::Vec2d p, double x0, double y0, double x1, double y1) {
    return std::min({p.x - x0, x1 - p.x, p.y - y0, y1 - p.y});
}

}  // namespace

TEST_CASE("scenario folder: one bad feature per layer is skipped with its exact warning, the rest loads") {
    const sv::LoadedMap m = sv::geo::loadMap(world(kFolder));
    INFO("errors: " << (m.errors.empty() ? "" : m.errors.front()));
    REQUIRE(m.errors.empty());
    const std::vector<std::string> want = {
        kFolder + "/control.geojson: layer 'control', feature 1: field 'side': value 'rx' is not one of ru, ua, "
                  "contested; feature skipped",
        kFolder + "/sieges.geojson: layer 'sieges', feature 1: field 'end': value '2022-03-01' is before start "
                  "2022-03-05; expected the same day or later; feature skipped",
        kFolder + "/events.geojson: layer 'events', feature 1: field 'title': missing; expected a short title; "
                  "feature skipped",
        kFolder + "/metadata.geojson: layer 'metadata', feature 3: metadata 'default_date': value '2022-13-01' is "
                  "not a valid date (month 13 is not 1-12); expected YYYY-MM-DD; ignored",
    };
    CHECK(lines(m.warnings) == lines(want));
    checkFolderScenario(m);
}

TEST_CASE("scenario GeoPackage built with GDAL from the same files loads the same") {
    TempDir dir("scenario-gpkg");
    const std::string gpkg = (dir.path / "two.gpkg").string();
    buildGeoPackage(gpkg, {{kFolder + "/control.geojson", "control"},
                           {kFolder + "/sieges.geojson", "sieges"},
                           {kFolder + "/events.geojson", "events"},
                           {kFolder + "/metadata.geojson", "metadata"}});
    const sv::LoadedMap m = sv::geo::loadMap(world(gpkg));
    INFO("errors: " << (m.errors.empty() ? "" : m.errors.front()));
    REQUIRE(m.errors.empty());
    // GeoPackage feature ids start at 1: the second feature is feature 2.
    const std::vector<std::string> want = {
        gpkg + ": layer 'control', feature 2: field 'side': value 'rx' is not one of ru, ua, contested; feature skipped",
        gpkg + ": layer 'sieges', feature 2: field 'end': value '2022-03-01' is before start 2022-03-05; expected the "
               "same day or later; feature skipped",
        gpkg + ": layer 'events', feature 2: field 'title': missing; expected a short title; feature skipped",
        gpkg + ": layer 'metadata', feature 4: metadata 'default_date': value '2022-13-01' is not a valid date (month "
               "13 is not 1-12); expected YYYY-MM-DD; ignored",
    };
    CHECK(lines(m.warnings) == lines(want));
    checkFolderScenario(m);
    CHECK(m.scenario.zones[0].fid == 1);
    CHECK(m.scenario.zones[1].fid == 3);
}

TEST_CASE("a scenario without a control layer is an error naming the file") {
    const std::string folder = kData + "/scenario_nocontrol";
    {
        sv::LoadedMap m = sv::geo::loadMap(world(""));
        REQUIRE(m.errors.empty());
        sv::geo::loadScenario(folder, m);
        CHECK(lines(m.errors) == lines({
                              folder + ": no control layer (expected a file named control.* such as control.geojson)"}));
        CHECK_FALSE(m.hasScenario);
    }
    TempDir dir("scenario-nocontrol");
    const std::string gpkg = (dir.path / "events-only.gpkg").string();
    buildGeoPackage(gpkg, {{folder + "/events.geojson", "events"}});
    sv::LoadedMap m = sv::geo::loadMap(world(""));
    sv::geo::loadScenario(gpkg, m);
    CHECK(m.errors ==
          std::vector<std::string>{gpkg + ": no layer named 'control' (expected layers control, sieges, events)"});
    CHECK_FALSE(m.hasScenario);
    // A path that does not exist.
    sv::LoadedMap gone = sv::geo::loadMap(world(""));
    sv::geo::loadScenario(kData + "/no-such-scenario.gpkg", gone);
    REQUIRE(gone.errors.size() == 1);
    CHECK(gone.errors[0].rfind(kData + "/no-such-scenario.gpkg: ", 0) == 0);
    CHECK_FALSE(gone.hasScenario);
}

TEST_CASE("through loadMap, a folder without a control layer is not loaded as a scenario and says why") {
    const std::string folder = kData + "/scenario_nocontrol";
    const sv::LoadedMap m = sv::geo::loadMap(world(folder));
    CHECK_FALSE(m.hasScenario);
    REQUIRE(m.errors.size() == 1);
    INFO(m.errors[0]);
    // It holds events.geojson, so it was meant as a scenario: the error names the folder and the missing layer
    // (not a complaint about dates in file names, as for a folder of daily files).
    CHECK(m.errors[0] == folder + ": no control layer (expected a file named control.* such as control.geojson)");
}

TEST_CASE("the built-in scenario: frames, dates from its metadata, a source for every zone") {
    const sv::LoadedMap& m = builtinMap();
    REQUIRE(m.errors.empty());
    REQUIRE(m.hasScenario);
    const sv::Scenario& sc = m.scenario;
    CHECK(sc.meta.title == "Spring 2022");
    CHECK(iso(sc.firstDate()) == "2022-02-24");
    CHECK(iso(sc.lastDate()) == "2022-05-20");
    CHECK(iso(sc.defaultDate()) == "2022-03-29");
    CHECK(sc.zones.size() >= 100);
    CHECK(sc.frames().size() >= 15);
    CHECK(sc.derived.size() == sc.frames().size());
    CHECK(sc.sieges.size() == 6);
    CHECK(sc.events.size() >= 20);
    std::set<sv::ControlStatus> statuses;
    std::set<sv::Side> sides;
    for (const auto& z : sc.zones) {
        INFO(z.id);
        CHECK_FALSE(z.source.empty());
        CHECK_FALSE(z.shape.empty());
        statuses.insert(z.status);
        sides.insert(z.side);
    }
    CHECK(statuses.count(sv::ControlStatus::Occupied));
    CHECK(statuses.count(sv::ControlStatus::AssessedAdvance));
    CHECK(statuses.count(sv::ControlStatus::Pre2022));
    CHECK(sides.count(sv::Side::Ru));
    CHECK(sides.count(sv::Side::Contested));
    for (const auto& s : sc.sieges) CHECK_FALSE(s.source.empty());
    for (const auto& e : sc.events) CHECK_FALSE(e.source.empty());
    // On the default date there is a front and a held area; Crimea (held since 2014) is in every frame from 2022.
    const int f = sc.frameAt(day("2022-03-29"));
    REQUIRE(f >= 0);
    CHECK_FALSE(sc.derived[static_cast<std::size_t>(f)].front.empty());
    CHECK(sc.derived[static_cast<std::size_t>(f)].heldArea > 0);
    for (const auto& k : sc.keyframes()) {
        CHECK(k >= day("2022-02-24"));
        CHECK(k <= day("2022-05-20"));
    }
}

TEST_CASE("front line on a two-country square: exactly the two inner edges, minus the border band") {
    // Country A is [0,10]² (its south side is coast); the held zone [6,10]×[0,5] touches A's east border and the
    // coast. Its inner edges are x=6 (y 0..5) and y=5 (x 6..10); within 0.1 of A's outline nothing is front.
    sv::geo::Geos g;
    const sv::MultiPolygon country = {sv::Polygon{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {}}};
    sv::geo::FrontLineDeriver d(g, country, 0.1);
    const sv::MultiPolygon held = {sv::Polygon{{{6, 0}, {10, 0}, {10, 5}, {6, 5}}, {}}};
    const auto front = d.derive(held, {});
    REQUIRE_FALSE(front.empty());
    const double len = sv::geo::lineLength(front);
    CHECK(std::abs(len - 8.8) <= 0.3);
    for (const auto& l : front)
        for (const auto& p : l) {
            INFO(p.x << "," << p.y);
            CHECK(distanceToSquareOutline(p, 0, 0, 10, 10) >= 0.05);
            const bool onWest = std::abs(p.x - 6) < 1e-9 && p.y >= 0 && p.y <= 5 + 1e-9;
            const bool onNorth = std::abs(p.y - 5) < 1e-9 && p.x >= 6 - 1e-9 && p.x <= 10;
            CHECK((onWest || onNorth));
        }

    // Contested ground next to the zone is not the other side's: the x=6 edge is no longer a front.
    const sv::MultiPolygon contested = {sv::Polygon{{{4, 0}, {6, 0}, {6, 5}, {4, 5}}, {}}};
    const auto partial = d.derive(held, contested);
    CHECK(sv::geo::lineLength(partial) == doctest::Approx(4 - 0.1).epsilon(0.05));
    for (const auto& l : partial)
        for (const auto& p : l) CHECK(std::abs(p.y - 5) < 1e-9);

    // A zone lying along the border with no inner edge beyond the band: no front.
    const sv::MultiPolygon strip = {sv::Polygon{{{2, 0}, {8, 0}, {8, 0.05}, {2, 0.05}}, {}}};
    CHECK(d.derive(strip, {}).empty());
    // The whole country held: nobody to face.
    CHECK(d.derive(country, {}).empty());
    CHECK(d.derive({}, {}).empty());
}

TEST_CASE("through the loader: the front lies inside A, gains and losses have the analytic Mercator areas") {
    // The loader projects to EPSG:3857. Lon/lat rectangles stay rectangles there, with sides
    // R·Δλ and R·(ln tan(π/4+φ1/2) − ln tan(π/4+φ0/2)), so the areas are known in closed form. The only
    // differences are floating-point rounding in PROJ and GEOS: relative 1e-9 would do; 1e-6 leaves room.
    const sv::LoadedMap m = sv::geo::loadMap(world(kFolder));
    REQUIRE(m.errors.empty());
    REQUIRE(m.hasScenario);
    const sv::Scenario& sc = m.scenario;
    REQUIRE(sc.frames().size() == 2);
    REQUIRE(sc.derived.size() == 2);
    const double x0 = mercX(0), x1 = mercX(10), y0 = mercY(0), y1 = mercY(10), y5 = mercY(5);

    const sv::FrameDerived& first = sc.derived[0];
    CHECK(first.heldArea == doctest::Approx((mercX(10) - mercX(6)) * y5).epsilon(1e-6));
    CHECK(first.gainedArea == 0);
    CHECK(first.gained.empty());
    REQUIRE_FALSE(first.front.empty());
    // The front: the zone's two inner edges (x = 6°, y = 5°), less what lies near A's outline — docs/scenario.md
    // says "anything within ~2 km of the outline"; 1 km is a safe lower bound for that band, 3 km an upper one.
    const double edges = y5 + (mercX(10) - mercX(6));
    const double len = sv::geo::lineLength(first.front);
    CHECK(len <= edges - 2 * 1000.0);
    CHECK(len >= edges - 2 * 3000.0);
    for (const auto& l : first.front)
        for (const auto& p : l) {
            INFO(p.x << "," << p.y);
            CHECK(distanceToSquareOutline(p, x0, y0, x1, y1) >= 1000.0);
            const bool onEdge = std::abs(p.x - mercX(6)) < 1e-3 || std::abs(p.y - y5) < 1e-3;
            CHECK(onEdge);
        }

    // 03-10: the zone grows west from [6,10]×[0,5] to [4,10]×[0,5]: gained = 2° × 5°, nothing lost.
    const sv::FrameDerived& second = sc.derived[1];
    const double gained = (mercX(6) - mercX(4)) * y5;
    CHECK(second.gainedArea == doctest::Approx(gained).epsilon(1e-6));
    CHECK(sv::planarArea(second.gained) == doctest::Approx(gained).epsilon(1e-6));
    CHECK(second.lostArea == 0);
    CHECK(second.lost.empty());
    CHECK(second.heldArea == doctest::Approx((mercX(10) - mercX(4)) * y5).epsilon(1e-6));
    const sv::Bbox gb = sv::bounds(second.gained);
    CHECK(gb.minX == doctest::Approx(mercX(4)));
    CHECK(gb.maxX == doctest::Approx(mercX(6)));
    CHECK(gb.maxY == doctest::Approx(y5));
    // The geodesic held area is computed too: 6° × 5° near the equator ≈ 667.9 km × 552.9 km (WGS 84, within 1%).
    CHECK(second.heldKm2 == doctest::Approx(667.9 * 552.9).epsilon(0.01));
}
