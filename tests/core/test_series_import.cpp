// Importing public daily front-line series (geo/series_import.hpp, docs/series.md; issue 5): format detection and
// dates from file names, NZZ's nochange/gains/losses semantics, geodesic areas on the WGS 84 ellipsoid checked
// against PROJ's geodesic routines called here directly, overlaps counted once, identical days stored once, a
// malformed file skipped with a summary, progress and cancel, and the `stats` and `import` commands of the built
// binary. Fixtures: tests/data/series/ (hand-made 1°-scale boxes near 30°E 48°N, a few KB).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <gdal.h>
#include <geodesic.h>
#include <ogr_api.h>

#include "geo/map_loader.hpp"
#include "geo/series_import.hpp"
#include "model/series.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using sv::Date;
using sv::geo::SeriesFormat;

namespace {

const std::string kData = SV_TEST_DATA;
const std::string kSeries = kData + "/series";

using sv::test::TempDir;

using sv::test::slurp;

std::string lines(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& l : v) s += "\n  " + l;
    return s;
}

Date day(const char* iso) { return *Date::parse(iso); }

// ---- The reference: PROJ's geodesic polygon area on WGS 84, called here, not through src/geo/geodesic.* ----

// |area| in km² of the polygon with geodesic edges through the (lon, lat) vertices.
double refKm2(const std::vector<std::pair<double, double>>& lonlat) {
    geod_geodesic g;
    geod_init(&g, 6378137.0, 1.0 / 298.257223563);
    std::vector<double> lats, lons;
    for (auto [lon, lat] : lonlat) lons.push_back(lon), lats.push_back(lat);
    double area = 0, perimeter = 0;
    geod_polygonarea(&g, lats.data(), lons.data(), static_cast<int>(lats.size()), &area, &perimeter);
    return std::abs(area) / 1e6;
}

// A lon/lat box as a 4-vertex polygon (its edges along meridians are geodesics; along parallels they are not, so a
// box and the same box with extra vertices on a parallel differ — the fixtures never put nodes on parallels).
double refBoxKm2(double lon0, double lat0, double lon1, double lat1) {
    return refKm2({{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}});
}

// Closed form, for a sanity check of the reference only: the area on the WGS 84 ellipsoid between two parallels
// and two meridians (edges along the parallels, not geodesics).
double cellBetweenParallelsKm2(double lon0, double lat0, double lon1, double lat1) {
    const double a = 6378137.0, f = 1.0 / 298.257223563, e2 = f * (2 - f), e = std::sqrt(e2), b2 = a * a * (1 - e2);
    auto q = [&](double latDeg) {  // ∫ cos φ / (1 − e² sin² φ)² dφ from the equator, times b²
        const double s = std::sin(latDeg * M_PI / 180);
        return b2 * (s / (2 * (1 - e2 * s * s)) + std::log((1 + e * s) / (1 - e * s)) / (4 * e));
    };
    return (lon1 - lon0) * M_PI / 180 * (q(lat1) - q(lat0)) / 1e6;
}

// Web Mercator written out (the default map CRS), to check shapes in map coordinates.
constexpr double kR = 6378137.0;
double mercX(double lon) { return kR * lon * M_PI / 180.0; }
double mercY(double lat) { return kR * std::log(std::tan(M_PI / 4 + lat * M_PI / 360.0)); }

// ---- Loading ----

sv::LoadedMap load(const std::string& path, const std::string& format = "auto", sv::Progress* progress = nullptr) {
    sv::MapSources src;  // no base map: the series alone, in the default map CRS (EPSG:3857)
    src.scenario = path;
    src.seriesFormat = format;
    return sv::geo::loadMap(src, progress);
}

std::vector<double> areas(const sv::LoadedMap& m) {
    REQUIRE(m.series);
    return sv::geo::seriesAreas(*m.series, m.data.crs);
}

std::vector<std::string> fileDates(const sv::Series& s) {
    std::vector<std::string> out;
    for (const auto& f : s.files) out.push_back(f.date.iso());
    return out;
}

bool hasWarning(const sv::LoadedMap& m, const std::string& text) {
    return std::find(m.warnings.begin(), m.warnings.end(), text) != m.warnings.end();
}

std::size_t countContaining(const std::vector<std::string>& v, const std::string& part) {
    return static_cast<std::size_t>(
        std::count_if(v.begin(), v.end(), [&](const std::string& s) { return s.find(part) != std::string::npos; }));
}

// Copies some fixture files into a fresh folder.
void copyInto(const TempDir& dir, const std::string& from, const std::vector<std::string>& names) {
    for (const auto& n : names) fs::copy_file(from + "/" + n, dir / n);
}

// ---- The built binary ----

struct Run {
    int status = -1;
    std::string out, err;
};

// Runs the built sitview with `args` (already shell-quoted where needed), a private prepared-data cache, no cache use.
Run runSitview(const std::string& args, const TempDir& scratch) {
    const std::string err = scratch / "stderr.txt";
    const std::string cmd = "SITVIEW_CACHE_DIR='" + (scratch / "cache") + "' '" + std::string(SV_SITVIEW_EXE) + "' " +
                            args + " 2>'" + err + "'";
    Run r;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
    const int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.err = slurp(err);
    return r;
}

std::string km2(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

const std::string kDeepState = kSeries + "/deepstate";
const std::string kNzz = kSeries + "/nzz";

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// 1. Formats and dates
// ---------------------------------------------------------------------------------------------------------------

TEST_CASE("dates from file names: YYYYMMDD, YYYY-MM-DD, YYYY_MM_DD, the last one wins, impossible dates named") {
    using sv::geo::dateFromFileName;
    auto iso = [](std::string_view name) {
        auto d = dateFromFileName(name);
        return d ? d->iso() : "error: " + d.error();
    };
    CHECK(iso("deepstatemap_data_20240708.geojson") == "2024-07-08");
    CHECK(iso("2022-03-29.json") == "2022-03-29");
    CHECK(iso("front_2023_05_01.gpkg") == "2023-05-01");
    CHECK(iso("v20220101_as_of_20220202.geojson") == "2022-02-02");
    CHECK(iso("2024-02-29.json") == "2024-02-29");  // a leap day
    CHECK(iso("123456789.json") == "error: no date in the file name (expected YYYYMMDD or YYYY-MM-DD)");
    CHECK(iso("2022-03_29.json") == "error: no date in the file name (expected YYYYMMDD or YYYY-MM-DD)");
    CHECK(iso("deepstatemap_data_20220230.geojson") == "error: the date 2022-02-30 in the file name does not exist");
    CHECK(iso("2022-02-30.json") == "error: the date 2022-02-30 in the file name does not exist");
    CHECK(iso("2023-02-29.json") == "error: the date 2023-02-29 in the file name does not exist");
}

TEST_CASE("format detection: deepstate, nzz and dated folders, a single dated layer, a scenario, an empty folder") {
    const sv::geo::SeriesOptions autoOpt;

    auto ds = sv::geo::detect(kDeepState, autoOpt);
    REQUIRE(ds.ok());
    CHECK_FALSE(ds->scenario);
    CHECK(ds->format == SeriesFormat::DeepState);
    CHECK(ds->reason == "file names contain 'deepstate'");
    CHECK(ds->files == std::vector<std::string>{kDeepState + "/deepstatemap_data_20240701.geojson",
                                                kDeepState + "/deepstatemap_data_20240702.geojson",
                                                kDeepState + "/deepstatemap_data_20240703.geojson"});

    auto nzz = sv::geo::detect(kNzz, autoOpt);
    REQUIRE(nzz.ok());
    CHECK(nzz->format == SeriesFormat::Nzz);
    CHECK(nzz->files.size() == 3);
    CHECK(nzz->reason == "files hold {\"value\": FeatureCollection} with a 'type' field");

    auto dated = sv::geo::detect(kSeries + "/dated", autoOpt);
    REQUIRE(dated.ok());
    CHECK(dated->format == SeriesFormat::DatedFiles);
    CHECK(dated->files.size() == 2);

    auto layer = sv::geo::detect(kSeries + "/layer.geojson", autoOpt);
    REQUIRE(layer.ok());
    CHECK_FALSE(layer->scenario);
    CHECK(layer->format == SeriesFormat::DatedLayer);
    CHECK(layer->files == std::vector<std::string>{kSeries + "/layer.geojson"});

    auto scenario = sv::geo::detect(kData + "/scenario_folder", autoOpt);
    REQUIRE(scenario.ok());
    CHECK(scenario->scenario);

    TempDir empty("series-empty");
    auto none = sv::geo::detect(empty.path.string(), autoOpt);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error() == empty.path.string() + ": no data files in the folder");

    auto missing = sv::geo::detect(kSeries + "/no-such-file.geojson", autoOpt);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error() == kSeries + "/no-such-file.geojson: No such file or directory");

    CHECK(sv::geo::parseSeriesFormat("nzz") == SeriesFormat::Nzz);
    CHECK(sv::geo::parseSeriesFormat("layer") == SeriesFormat::DatedLayer);
    CHECK_FALSE(sv::geo::parseSeriesFormat("NZZ").has_value());
}

TEST_CASE("--format overrides detection, and the override changes what is counted as held") {
    sv::geo::SeriesOptions opt;
    opt.format = SeriesFormat::DatedFiles;
    auto d = sv::geo::detect(kNzz, opt);
    REQUIRE(d.ok());
    CHECK(d->format == SeriesFormat::DatedFiles);
    CHECK(d->reason == "format given");
    opt.format = SeriesFormat::Nzz;
    auto n = sv::geo::detect(kDeepState, opt);
    REQUIRE(n.ok());
    CHECK(n->format == SeriesFormat::Nzz);

    // The NZZ folder read as plain dated files: every polygon of a file is held, losses included.
    const sv::LoadedMap m = load(kNzz, "dated");
    INFO(lines(m.errors) << lines(m.warnings));
    REQUIRE(m.errors.empty());
    CHECK(m.series->format == "dated");
    const auto km2 = areas(m);
    REQUIRE(m.series->days.size() == 3);
    CHECK(km2[1] == doctest::Approx(refBoxKm2(30, 48, 31, 49.5) + refBoxKm2(33, 47, 34, 48)).epsilon(1e-4));

    // A DeepState folder forced to nzz: its files have no 'type' field, so every one is refused, naming the file.
    const sv::LoadedMap bad = load(kDeepState, "nzz");
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0] == kDeepState + ": no usable snapshot among 3 file(s) (first: " + kDeepState +
                               "/deepstatemap_data_20240701.geojson: layer 'deepstatemap_data_20240701' has no 'type' "
                               "field (expected nochange / gains / losses))");
    CHECK(hasWarning(bad, kDeepState + "/deepstatemap_data_20240701.geojson: layer 'deepstatemap_data_20240701' has no "
                                       "'type' field (expected nochange / gains / losses); file skipped"));

    // An unknown format name is an error, not a silent auto.
    const sv::LoadedMap unknown = load(kDeepState, "geojson");
    CHECK(countContaining(unknown.errors, "unknown series format 'geojson'") == 1);
}

TEST_CASE("--format overrides detection for a single file too (one NZZ file read as nzz, not as a dated layer)") {
    sv::geo::SeriesOptions opt;
    opt.format = SeriesFormat::Nzz;
    const std::string file = kNzz + "/2022-03-02.json";
    auto d = sv::geo::detect(file, opt);
    REQUIRE(d.ok());
    CHECK(d->format == SeriesFormat::Nzz);
    CHECK(d->files == std::vector<std::string>{file});
    // Loaded with --format nzz, the file's losses are not held.
    const sv::LoadedMap m = load(file, "nzz");
    INFO(lines(m.errors) << lines(m.warnings));
    REQUIRE(m.errors.empty());
    REQUIRE(m.series);
    const auto km2 = areas(m);
    REQUIRE(km2.size() == 1);
    CHECK(km2[0] == doctest::Approx(refBoxKm2(30, 48, 31, 49.5)).epsilon(1e-4));
}

TEST_CASE("one NZZ file without --format is read as nzz: its losses are not held (not a layer with a 'date' field)") {
    const std::string file = kNzz + "/2022-03-02.json";
    auto d = sv::geo::detect(file, {});
    REQUIRE(d.ok());
    CHECK(d->format == SeriesFormat::Nzz);
    const sv::LoadedMap m = load(file);
    INFO(lines(m.errors) << lines(m.warnings));
    REQUIRE(m.errors.empty());
    REQUIRE(m.series);
    CHECK(areas(m)[0] == doctest::Approx(refBoxKm2(30, 48, 31, 49.5)).epsilon(1e-4));
}

TEST_CASE("a single layer with a date field: each date's features, unioned, held until the next date") {
    const std::string path = kSeries + "/layer.geojson";
    const sv::LoadedMap m = load(path);
    INFO(lines(m.errors) << lines(m.warnings));
    REQUIRE(m.errors.empty());
    REQUIRE(m.hasScenario);
    CHECK_FALSE(m.series);
    const auto& zones = m.scenario.zones;
    REQUIRE(zones.size() == 2);
    CHECK(zones[0].validFrom.iso() == "2023-06-01");
    REQUIRE(zones[0].validTo);
    CHECK(zones[0].validTo->iso() == "2023-06-03");
    CHECK(zones[1].validFrom.iso() == "2023-06-03");
    REQUIRE(zones[1].validTo);
    CHECK(zones[1].validTo->iso() == "2023-06-04");
    CHECK(m.warnings.front() == "imported 2 dated zone(s) from " + path);
    // The two features of 06-01 overlap by half: the union (30..31 × 48..49.5) once, not the sum of two cells.
    const int f1 = m.scenario.frameAt(day("2023-06-01")), f2 = m.scenario.frameAt(day("2023-06-03"));
    REQUIRE(f1 >= 0);
    REQUIRE(f2 >= 0);
    CHECK(m.scenario.derived[static_cast<std::size_t>(f1)].heldKm2 ==
          doctest::Approx(refBoxKm2(30, 48, 31, 49.5)).epsilon(1e-4));
    CHECK(m.scenario.derived[static_cast<std::size_t>(f2)].heldKm2 ==
          doctest::Approx(refBoxKm2(30, 48, 31, 48.5)).epsilon(1e-4));
}

TEST_CASE("an impossible date in a file name is reported naming the file, and the file skipped") {
    const std::string dir = kSeries + "/baddate";
    const sv::LoadedMap m = load(dir);
    INFO(lines(m.errors) << lines(m.warnings));
    REQUIRE(m.errors.empty());
    REQUIRE(m.series);
    CHECK(hasWarning(m, dir + "/deepstatemap_data_20220230.geojson: the date 2022-02-30 in the file name does not "
                              "exist; file skipped"));
    CHECK(fileDates(*m.series) == std::vector<std::string>{"2022-02-28", "2022-03-01"});
    CHECK(m.warnings.front().find(", 1 skipped;") != std::string::npos);
}

TEST_CASE("an impossible date in an NZZ file's name is reported too, not replaced by the file's _dateto") {
    const std::string dir = kSeries + "/baddate_nzz";
    const sv::LoadedMap m = load(dir);
    INFO(lines(m.errors) << lines(m.warnings));
    REQUIRE(m.errors.empty());
    REQUIRE(m.series);
    CHECK(m.series->format == "nzz");
    CHECK(hasWarning(m, dir + "/2022-02-30.json: the date 2022-02-30 in the file name does not exist; file skipped"));
    CHECK(fileDates(*m.series) == std::vector<std::string>{"2022-02-27", "2022-03-01"});
}

// ---------------------------------------------------------------------------------------------------------------
// 2. NZZ: held = nochange ∪ gains; losses are not held
// ---------------------------------------------------------------------------------------------------------------

TEST_CASE("NZZ: held is nochange ∪ gains, losses are shown as losses and never counted as held") {
    const sv::LoadedMap m = load(kNzz);
    INFO(lines(m.errors) << lines(m.warnings));
    REQUIRE(m.errors.empty());
    REQUIRE(m.series);
    const sv::Series& s = *m.series;
    CHECK(s.format == "nzz");
    REQUIRE(s.days.size() == 3);
    CHECK(fileDates(s) == std::vector<std::string>{"2022-03-01", "2022-03-02", "2022-03-05"});

    const auto km2 = areas(m);
    // Day 1: nochange = the cell A (30..31 × 48..49) and the box L (33..34 × 47..48), disjoint.
    CHECK(km2[0] == doctest::Approx(refBoxKm2(30, 48, 31, 49) + refBoxKm2(33, 47, 34, 48)).epsilon(1e-4));
    // Day 2: nochange A, gains N (30..31 × 49..49.5), losses L: held = A ∪ N, L left out.
    const double held2 = refBoxKm2(30, 48, 31, 49.5);
    CHECK(km2[1] == doctest::Approx(held2).epsilon(1e-4));
    CHECK(std::abs(km2[1] - (held2 + refBoxKm2(33, 47, 34, 48))) > 1000);  // would be this with losses held
    // The lost box is outside the held area, A and N inside (map coordinates: Web Mercator).
    CHECK_FALSE(s.contains(1, {mercX(33.5), mercY(47.5)}));
    CHECK(s.contains(0, {mercX(33.5), mercY(47.5)}));
    CHECK(s.contains(1, {mercX(30.5), mercY(48.5)}));
    CHECK(s.contains(1, {mercX(30.5), mercY(49.25)}));
    // Day 3 (file 2022-03-05, holding the state of 03-04): nochange A, N lost.
    CHECK(km2[2] == doctest::Approx(refBoxKm2(30, 48, 31, 49)).epsilon(1e-4));
    CHECK_FALSE(s.contains(2, {mercX(30.5), mercY(49.25)}));

    // The published changes are the frame's gains and losses, in map coordinates.
    REQUIRE(m.hasScenario);
    const sv::Scenario& sc = m.scenario;
    const int f = sc.frameAt(day("2022-03-02"));
    REQUIRE(f >= 0);
    const sv::FrameDerived& d = sc.derived[static_cast<std::size_t>(f)];
    REQUIRE(d.lost.size() == 1);
    const sv::Bbox lost = sv::bounds(d.lost);
    CHECK(lost.minX == doctest::Approx(mercX(33)).epsilon(1e-9));
    CHECK(lost.maxX == doctest::Approx(mercX(34)).epsilon(1e-9));
    CHECK(lost.minY == doctest::Approx(mercY(47)).epsilon(1e-9));
    CHECK(lost.maxY == doctest::Approx(mercY(48)).epsilon(1e-9));
    REQUIRE(d.gained.size() == 1);
    const sv::Bbox gained = sv::bounds(d.gained);
    CHECK(gained.minY == doctest::Approx(mercY(49)).epsilon(1e-9));
    CHECK(gained.maxY == doctest::Approx(mercY(49.5)).epsilon(1e-9));
    CHECK(d.lostArea == doctest::Approx((mercX(34) - mercX(33)) * (mercY(48) - mercY(47))).epsilon(1e-9));

    // The file whose _dateto (03-04) differs from its name (03-05): the name's date, with a note.
    REQUIRE(sc.zones.size() == 3);
    CHECK(sc.zones[2].validFrom.iso() == "2022-03-05");
    CHECK(sc.zones[2].note == "state as of 2022-03-04 (the file's _dateto); file 2022-03-05.json");
    CHECK(sc.zones[0].note == "Imported snapshot, unedited");
}

TEST_CASE("NZZ: the first file's published losses are shown as losses too") {
    TempDir dir("series-nzz-first");
    copyInto(dir, kNzz, {"2022-03-02.json"});
    const sv::LoadedMap m = load(dir.path.string());
    INFO(lines(m.errors) << lines(m.warnings));
    REQUIRE(m.errors.empty());
    REQUIRE(m.series);
    CHECK(areas(m)[0] == doctest::Approx(refBoxKm2(30, 48, 31, 49.5)).epsilon(1e-4));
    const int f = m.scenario.frameAt(day("2022-03-02"));
    REQUIRE(f >= 0);
    const sv::FrameDerived& d = m.scenario.derived[static_cast<std::size_t>(f)];
    CHECK(d.lost.size() == 1);
    CHECK(d.gained.size() == 1);
}

// ---------------------------------------------------------------------------------------------------------------
// 3, 4. Areas on the ellipsoid; overlaps once
// ---------------------------------------------------------------------------------------------------------------

TEST_CASE("area on the WGS 84 ellipsoid: a 1°×1° cell at 48°N agrees with PROJ's geodesic area within 0.01 %") {
    // The reference itself, sanity-checked: close to (not equal to: its east-west edges are geodesics, not
    // parallels) the closed-form ellipsoidal area between the parallels 48° and 49°, and far from a sphere's.
    const double ref = refBoxKm2(30, 48, 31, 49);
    const double between = cellBetweenParallelsKm2(30, 48, 31, 49);
    CHECK(ref == doctest::Approx(between).epsilon(0.005));
    CHECK(ref > 8000);
    CHECK(ref < 8400);

    TempDir dir("series-cell");
    copyInto(dir, kDeepState, {"deepstatemap_data_20240701.geojson"});
    const sv::LoadedMap m = load(dir.path.string());
    INFO(lines(m.errors) << lines(m.warnings));
    REQUIRE(m.errors.empty());
    REQUIRE(m.series);
    REQUIRE(m.series->days.size() == 1);
    const auto km2 = areas(m);
    REQUIRE(km2.size() == 1);
    CHECK(std::abs(km2[0] - ref) / ref < 1e-4);
}

TEST_CASE("overlapping parts of one snapshot are counted once: the union's area, not the sum") {
    // Two 1°×1° cells overlapping by half (30..31 × 48..49 and 30..31 × 48.5..49.5): the union is 30..31 × 48..49.5.
    const double unionKm2 = refBoxKm2(30, 48, 31, 49.5);
    const double sumKm2 = refBoxKm2(30, 48, 31, 49) + refBoxKm2(30, 48.5, 31, 49.5);
    REQUIRE(sumKm2 - unionKm2 > 3000);  // the overlap, ~4,100 km², so the check below can tell them apart

    SUBCASE("two parts of one MultiPolygon (deepstate)") {
        const sv::LoadedMap m = load(kSeries + "/overlap");
        INFO(lines(m.errors) << lines(m.warnings));
        REQUIRE(m.errors.empty());
        const auto km2 = areas(m);
        REQUIRE(km2.size() == 1);
        CHECK(km2[0] == doctest::Approx(unionKm2).epsilon(1e-4));
    }
    SUBCASE("two features of one file (dated)") {
        const sv::LoadedMap m = load(kSeries + "/dated");
        INFO(lines(m.errors) << lines(m.warnings));
        REQUIRE(m.errors.empty());
        CHECK(m.series->format == "dated");
        const auto km2 = areas(m);
        REQUIRE(km2.size() == 2);
        CHECK(km2[0] == doctest::Approx(refBoxKm2(30, 48, 31, 49)).epsilon(1e-4));
        CHECK(km2[1] == doctest::Approx(unionKm2).epsilon(1e-4));
    }
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Identical consecutive snapshots stored once
// ---------------------------------------------------------------------------------------------------------------

TEST_CASE("identical consecutive snapshots (the same ring from another start vertex) are stored once") {
    const sv::LoadedMap all = load(kDeepState);
    INFO(lines(all.errors) << lines(all.warnings));
    REQUIRE(all.errors.empty());
    REQUIRE(all.series);
    const sv::Series& s = *all.series;
    CHECK(s.days.size() == 2);
    REQUIRE(s.files.size() == 3);
    CHECK(fileDates(s) == std::vector<std::string>{"2024-07-01", "2024-07-02", "2024-07-03"});
    CHECK(s.files[0].day == 0);
    CHECK(s.files[1].day == 0);
    CHECK(s.files[2].day == 1);
    CHECK(s.days[0].file == "deepstatemap_data_20240701.geojson");
    CHECK(s.days[1].file == "deepstatemap_data_20240703.geojson");
    CHECK(all.warnings.front().find(": 2 snapshot(s) from 2024-07-01 to 2024-07-03, 1 identical to the day before "
                                    "(stored once), 0 skipped;") != std::string::npos);
    // One zone per distinct snapshot; the first is held until the next distinct one.
    REQUIRE(all.scenario.zones.size() == 2);
    CHECK(all.scenario.zones[0].validTo->iso() == "2024-07-03");

    // The geometry does not grow for the duplicate: day 1 alone and days 1+2 hold the same bytes.
    TempDir one("series-dup1"), two("series-dup2");
    copyInto(one, kDeepState, {"deepstatemap_data_20240701.geojson"});
    copyInto(two, kDeepState, {"deepstatemap_data_20240701.geojson", "deepstatemap_data_20240702.geojson"});
    const sv::LoadedMap m1 = load(one.path.string()), m2 = load(two.path.string());
    REQUIRE(m1.series);
    REQUIRE(m2.series);
    CHECK(m2.series->days.size() == 1);
    CHECK(m2.series->files.size() == 2);
    CHECK(m2.series->geometryBytes() == m1.series->geometryBytes());
    CHECK(m2.series->chunks.points().size() == m1.series->chunks.points().size());
    CHECK(s.geometryBytes() > m1.series->geometryBytes());  // a different day does add
}

// ---------------------------------------------------------------------------------------------------------------
// 6. A malformed file is skipped; the import goes on and ends with a summary
// ---------------------------------------------------------------------------------------------------------------

TEST_CASE("a truncated file in the middle of a folder is skipped naming the file, the others load, one summary") {
    const std::string dir = kSeries + "/malformed";
    const std::string bad = dir + "/deepstatemap_data_20240902.geojson";
    const sv::LoadedMap m = load(dir);
    INFO(lines(m.errors) << lines(m.warnings));
    REQUIRE(m.errors.empty());
    REQUIRE(m.series);
    CHECK(fileDates(*m.series) == std::vector<std::string>{"2024-09-01", "2024-09-03"});
    CHECK(m.series->days.size() == 2);
    // "<file>: <GDAL's reason>; file skipped", once.
    std::size_t named = 0;
    for (const auto& w : m.warnings)
        if (w.rfind(bad + ": ", 0) == 0) {
            ++named;
            CHECK(w.size() > bad.size() + std::string(": ; file skipped").size());
            CHECK(w.substr(w.size() - 14) == "; file skipped");
        }
    CHECK(named == 1);
    const std::string summary = "imported 3 file(s) from " + dir +
                                " as deepstate (file names contain 'deepstate'): 2 snapshot(s) from 2024-09-01 to "
                                "2024-09-03, 0 identical to the day before (stored once), 1 skipped; " +
                                std::to_string(m.series->geometryBytes() / 1024) + " KiB of geometry";
    CHECK(m.warnings.front() == summary);
    CHECK(countContaining(m.warnings, "imported ") == 1);
    const auto km2 = areas(m);
    CHECK(km2[0] == doctest::Approx(refBoxKm2(30, 48, 31, 49)).epsilon(1e-4));
    CHECK(km2[1] == doctest::Approx(refBoxKm2(30, 48, 31, 49.5)).epsilon(1e-4));
}

TEST_CASE("a file dated not after the one before it is skipped with both dates") {
    // Names sort as text: "b_2022-01-01" comes after "a_2022-02-01" but is earlier.
    TempDir dir("series-order");
    fs::copy_file(kDeepState + "/deepstatemap_data_20240701.geojson", dir / "a_2022-02-01.geojson");
    fs::copy_file(kDeepState + "/deepstatemap_data_20240703.geojson", dir / "b_2022-01-01.geojson");
    const sv::LoadedMap m = load(dir.path.string());
    INFO(lines(m.errors) << lines(m.warnings));
    REQUIRE(m.series);
    CHECK(hasWarning(m, (dir / "b_2022-01-01.geojson") +
                            ": date 2022-01-01 is not after the previous file's 2022-02-01; file skipped"));
    CHECK(fileDates(*m.series) == std::vector<std::string>{"2022-02-01"});
}

// ---------------------------------------------------------------------------------------------------------------
// 9. Progress and cancel
// ---------------------------------------------------------------------------------------------------------------

TEST_CASE("progress: done/total count every file of the folder, good or bad") {
    sv::Progress p;
    const sv::LoadedMap m = load(kSeries + "/malformed", "auto", &p);
    REQUIRE(m.errors.empty());
    CHECK(p.total.load() == 3);
    CHECK(p.done.load() == 3);
    CHECK(p.fraction() == doctest::Approx(1.0));
    CHECK_FALSE(p.cancel.load());
}

TEST_CASE("cancel: a cancelled import reads no further file and ends with 'import cancelled', nothing loaded") {
    const std::string dir = kSeries + "/malformed";
    sv::Progress p;
    p.cancel = true;
    const sv::LoadedMap m = load(dir, "auto", &p);
    CHECK(m.errors == std::vector<std::string>{dir + ": import cancelled"});
    CHECK_FALSE(m.hasScenario);
    CHECK_FALSE(m.series);
    // The truncated file was never read (it would be reported), and there is no "imported …" summary.
    CHECK(countContaining(m.warnings, "deepstatemap_data_20240902") == 0);
    CHECK(countContaining(m.warnings, "imported ") == 0);
    CHECK(p.total.load() == 3);
}

// ---------------------------------------------------------------------------------------------------------------
// 7, 8. The commands, run as the built binary
// ---------------------------------------------------------------------------------------------------------------

TEST_CASE("`sitview stats SRC --csv`: a header, one row per file with 2 decimals, no change on the first row") {
    TempDir scratch("series-stats");
    const Run r = runSitview("stats '" + kDeepState + "' --csv --no-cache", scratch);
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    const double a1 = refBoxKm2(30, 48, 31, 49), a3 = refBoxKm2(30, 48, 31, 49.5);
    const std::string expected = "date,area_km2,change_km2\n"
                                 "2024-07-01," + km2(a1) + ",\n"
                                 "2024-07-02," + km2(a1) + ",0.00\n"
                                 "2024-07-03," + km2(a3) + "," + km2(a3 - a1) + "\n";
    CHECK(r.out == expected);
    CHECK(r.err.find("imported 3 file(s) from " + kDeepState + " as deepstate") != std::string::npos);

    // NZZ through the command: losses left out.
    const Run n = runSitview("stats '" + kNzz + "' --csv --no-cache", scratch);
    REQUIRE(n.status == 0);
    const double b1 = refBoxKm2(30, 48, 31, 49) + refBoxKm2(33, 47, 34, 48), b2 = refBoxKm2(30, 48, 31, 49.5),
                 b3 = refBoxKm2(30, 48, 31, 49);
    CHECK(n.out == "date,area_km2,change_km2\n"
                   "2022-03-01," + km2(b1) + ",\n"
                   "2022-03-02," + km2(b2) + "," + km2(b2 - b1) + "\n"
                   "2022-03-05," + km2(b3) + "," + km2(b3 - b2) + "\n");

    // No SRC, or a SRC that cannot be read: status 2, nothing on stdout.
    const Run none = runSitview("stats", scratch);
    CHECK(none.status == 2);
    CHECK(none.out.empty());
    const Run gone = runSitview("stats '" + kSeries + "/no-such-folder' --csv --no-cache", scratch);
    CHECK(gone.status == 2);
    CHECK(gone.out.empty());
    CHECK(gone.err.find(kSeries + "/no-such-folder: No such file or directory") != std::string::npos);
}

TEST_CASE("`sitview import SRC --out X.gpkg`: one control feature per distinct snapshot, valid_to exclusive") {
    TempDir scratch("series-import");
    const std::string out = scratch / "imported.gpkg";
    const Run r = runSitview("import '" + kDeepState + "' --out '" + out + "' --no-cache", scratch);
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.find("sitview: wrote 2 control feature(s) to " + out) != std::string::npos);
    REQUIRE(fs::exists(out));

    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(out.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    REQUIRE(ds != nullptr);
    CHECK(std::string(GDALGetDriverShortName(GDALGetDatasetDriver(ds))) == "GPKG");
    OGRLayerH control = GDALDatasetGetLayerByName(ds, "control");
    REQUIRE(control != nullptr);
    CHECK(OGR_L_GetFeatureCount(control, 1) == 2);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(control);
    const int from = OGR_FD_GetFieldIndex(defn, "valid_from"), to = OGR_FD_GetFieldIndex(defn, "valid_to");
    REQUIRE(from >= 0);
    REQUIRE(to >= 0);
    CHECK(OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, from)) == OFTDate);
    CHECK(OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, to)) == OFTDate);

    struct Row {
        std::string from, to;
        OGREnvelope env;
        double km2;
    };
    std::vector<Row> rows;
    OGR_L_ResetReading(control);
    for (OGRFeatureH f; (f = OGR_L_GetNextFeature(control)) != nullptr; OGR_F_Destroy(f)) {
        auto date = [&](int field) {
            int y = 0, m = 0, d = 0, h = 0, mi = 0, tz = 0;
            float s = 0;
            if (!OGR_F_IsFieldSetAndNotNull(f, field)) return std::string("null");
            OGR_F_GetFieldAsDateTimeEx(f, field, &y, &m, &d, &h, &mi, &s, &tz);
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
            return std::string(buf);
        };
        Row row{date(from), date(to), {}, 0};
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        REQUIRE(g != nullptr);
        OGR_G_GetEnvelope(g, &row.env);
        // The written polygon's own vertices, through the reference area.
        OGRGeometryH poly = OGR_G_GetGeometryCount(g) > 0 && wkbFlatten(OGR_G_GetGeometryType(g)) == wkbMultiPolygon
                                ? OGR_G_GetGeometryRef(g, 0)
                                : g;
        OGRGeometryH ring = OGR_G_GetGeometryRef(poly, 0);
        std::vector<std::pair<double, double>> pts;
        for (int i = 0; i + 1 < OGR_G_GetPointCount(ring); ++i) pts.push_back({OGR_G_GetX(ring, i), OGR_G_GetY(ring, i)});
        row.km2 = refKm2(pts);
        rows.push_back(row);
    }
    REQUIRE(rows.size() == 2);
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.from < b.from; });
    CHECK(rows[0].from == "2024-07-01");
    CHECK(rows[0].to == "2024-07-03");  // the next distinct snapshot's date (07-02 was identical)
    CHECK(rows[1].from == "2024-07-03");
    CHECK(rows[1].to == "2024-07-04");  // the last snapshot: its own day
    // Coordinates as read (written in EPSG:4326).
    CHECK(rows[0].env.MinX == doctest::Approx(30).epsilon(1e-12));
    CHECK(rows[0].env.MaxX == doctest::Approx(31).epsilon(1e-12));
    CHECK(rows[0].env.MinY == doctest::Approx(48).epsilon(1e-12));
    CHECK(rows[0].env.MaxY == doctest::Approx(49).epsilon(1e-12));
    CHECK(rows[1].env.MaxY == doctest::Approx(49.5).epsilon(1e-12));
    CHECK(rows[0].km2 == doctest::Approx(refBoxKm2(30, 48, 31, 49)).epsilon(1e-9));
    CHECK(rows[1].km2 == doctest::Approx(refBoxKm2(30, 48, 31, 49.5)).epsilon(1e-9));
    GDALClose(ds);

    // The written GeoPackage loads back as a scenario with the same two zones.
    sv::MapSources back;
    back.scenario = out;
    const sv::LoadedMap m = sv::geo::loadMap(back);
    INFO(lines(m.errors) << lines(m.warnings));
    CHECK(m.errors.empty());
    CHECK(m.hasScenario);
    CHECK(m.scenario.zones.size() == 2);
}

TEST_CASE("`sitview import` refuses an --out that is an input or inside the input folder, and writes nothing") {
    TempDir scratch("series-import-refuse");
    TempDir src("series-import-src");
    copyInto(src, kDeepState, {"deepstatemap_data_20240701.geojson", "deepstatemap_data_20240703.geojson"});
    const std::string input = src / "deepstatemap_data_20240701.geojson";
    const std::string before = slurp(input);
    const std::string message = "would write into the input; choose another path";

    SUBCASE("--out is one of the input files") {
        const Run r = runSitview("import '" + src.path.string() + "' --out '" + input + "' --no-cache", scratch);
        CHECK(r.status == 2);
        CHECK(r.err.find(message) != std::string::npos);
        CHECK(slurp(input) == before);
    }
    SUBCASE("--out is a new file in the input folder") {
        const Run r = runSitview("import '" + src.path.string() + "' --out '" + (src / "x.gpkg") + "' --no-cache", scratch);
        CHECK(r.status == 2);
        CHECK(r.err == "sitview: import: --out " + (src / "x.gpkg") + " " + message + "\n");
        CHECK_FALSE(fs::exists(src / "x.gpkg"));
    }
    SUBCASE("--out equals a single-file input") {
        const std::string layer = scratch / "layer.geojson";
        fs::copy_file(kSeries + "/layer.geojson", layer);
        const std::string layerBefore = slurp(layer);
        const Run r = runSitview("import '" + layer + "' --out '" + layer + "' --no-cache", scratch);
        CHECK(r.status == 2);
        CHECK(r.err.find(message) != std::string::npos);
        CHECK(slurp(layer) == layerBefore);
    }
    SUBCASE("the input folder written with a trailing slash") {
        const Run r = runSitview("import '" + src.path.string() + "/' --out '" + (src / "x.gpkg") + "' --no-cache", scratch);
        CHECK(r.status == 2);
        CHECK(r.err == "sitview: import: --out " + (src / "x.gpkg") + " " + message + "\n");
        CHECK_FALSE(fs::exists(src / "x.gpkg"));
    }
    SUBCASE("--out inside a subfolder of the input folder, or reaching into it through '..'") {
        fs::create_directories(src.path / "sub");
        for (const std::string& out : {src / "sub/x.gpkg", src / "sub/../x.gpkg"}) {
            const Run r = runSitview("import '" + src.path.string() + "' --out '" + out + "' --no-cache", scratch);
            CHECK(r.status == 2);
            CHECK(r.err == "sitview: import: --out " + out + " " + message + "\n");
        }
        CHECK_FALSE(fs::exists(src / "sub/x.gpkg"));
        fs::remove(src.path / "sub");
    }
    SUBCASE("--out next to the input folder is fine") {
        const Run r = runSitview("import '" + src.path.string() + "/' --out '" + (scratch / "x.gpkg") + "' --no-cache", scratch);
        CHECK(r.status == 0);
        CHECK(fs::exists(scratch / "x.gpkg"));
    }
    SUBCASE("no --out") {
        const Run r = runSitview("import '" + src.path.string() + "'", scratch);
        CHECK(r.status == 2);
        CHECK(r.err.find("no --out FILE given") != std::string::npos);
    }
    // Whatever was refused, the input folder holds only its two files.
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(src.path)) files += e.is_regular_file();
    CHECK(files == 2);
}
