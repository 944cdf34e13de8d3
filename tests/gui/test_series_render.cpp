// A daily series on screen: `sitview --control FOLDER --screenshot` as a process, the day's front line read back
// at positions projected independently (Camera + PROJ). The series renderer draws a day's outline and front as one
// polyline buffer, leaving out steps shorter than half a pixel at the zoom: the line must stay unbroken and in
// place at every zoom, however densely the edge is sampled.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <vector>
#include <fstream>
#include <sstream>
#include <string>

#include "support.hpp"
#include "view/camera.hpp"
#include "view/style.hpp"

using namespace svtest;

namespace {

// A DeepStateMap-shaped day: one MultiPolygon, the square lon 30..31, lat 48..49 (inside Ukraine, so all of its
// outline is front line) whose west edge is sampled every 0.0005° (2,000 points, far below a pixel at these zooms)
// and the rest by its corners, shifted east by `shift` degrees.
void writeDay(const std::filesystem::path& file, double shift) {
    std::ostringstream s;
    s.precision(10);
    s << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[)";
    const double w = 30 + shift, e = 31 + shift;
    s << "[" << w << ",48]," << "[" << e << ",48],[" << e << ",49]";
    for (int i = 2000; i >= 0; --i) s << ",[" << w << "," << 48 + i * 0.0005 << "]";
    s << "]]]}}]}";
    std::ofstream(file) << s.str();
}

// An 800x600 screenshot of the series in `dir`/days on 2024-07-01 centred on lon,lat at `pxPerKm`, the series
// layers only (no labels, places or changes), and the camera it was drawn with.
struct Shot {
    Image img;
    sv::Camera cam;
};

Shot render(const std::filesystem::path& dir, const std::string& name, double lon, double lat, double pxPerKm) {
    const std::string png = (dir / (name + ".png")).string();
    const std::string view = std::to_string(lon) + "," + std::to_string(lat) + "," + std::to_string(pxPerKm);
    const auto r = runSitview("--control " + (dir / "days").string() + " --date 2024-07-01 --screenshot " + png +
                                  " --size 800x600 --view " + view +
                                  " --hide place-labels,region-labels,places,sieges,events,changes",
                              "SITVIEW_CACHE_DIR=" + (dir / "cache").string());
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    Shot shot{loadPng(png), {}};
    REQUIRE(shot.img.w == 800);
    shot.cam.setViewport(800, 600);
    shot.cam.setCenter(project(lon, lat));
    shot.cam.setScale(pxPerKm / 1000.0);
    return shot;
}

}  // namespace

TEST_CASE("series front line: unbroken and in place along a densely sampled edge, at three zooms") {
    const auto dir = tempDir() / "series-front";
    std::filesystem::create_directories(dir / "days");
    writeDay(dir / "days" / "deepstatemap_data_20240701.geojson", 0.0);
    writeDay(dir / "days" / "deepstatemap_data_20240702.geojson", 0.25);
    const sv::Rgba line = sv::style::kFrontLine;

    for (const double pxPerKm : {0.25, 1.0, 4.0}) {
        INFO(pxPerKm << " px/km");
        const auto [img, cam] = render(dir, "front-" + std::to_string(pxPerKm), 30.5, 48.5, pxPerKm);
        // Every screen row the west edge crosses (away from the corners) has the line's colour where the edge
        // projects: a dropped run of points would leave a gap or move the line.
        const double y0 = cam.worldToScreen(project(30, 48.95)).y, y1 = cam.worldToScreen(project(30, 48.05)).y;
        REQUIRE(y1 - y0 > 10);
        // (In Web Mercator a meridian is a vertical line: the edge is at one screen x.)
        const int xw = static_cast<int>(cam.worldToScreen(project(30, 48.5)).x);
        int rows = 0, dark = 0;
        // (The bottom 30 rows hold the sources line.)
        for (int y = std::max(0, static_cast<int>(y0) + 1); y < std::min(img.h - 30, static_cast<int>(y1)); ++y, ++rows) {
            if (near(img.at(xw, y), line, 12)) ++dark;
            else MESSAGE("row " << y << " at x " << xw << ": " << str(img.at(xw, y)));
        }
        CHECK(dark == rows);
        // The east edge (two points) too, and nothing dark 8 px outside either edge.
        const sv::Vec2d east = cam.worldToScreen(project(31, 48.5)), west = cam.worldToScreen(project(30, 48.5));
        CHECK(near(img.at(static_cast<int>(east.x), static_cast<int>(east.y)), line, 12));
        CHECK(!near(img.at(static_cast<int>(west.x) - 8, static_cast<int>(west.y)), line, 60));
        CHECK(!near(img.at(static_cast<int>(east.x) + 8, static_cast<int>(east.y)), line, 60));
    }
}

TEST_CASE("series: separate parts of a day's area are not joined by a line") {
    // Two squares, lon 30..30.5 and 31..31.5, lat 48..48.5: their rings follow each other in the chunk store, but
    // nothing joins them; no line may cross the gap between them.
    const auto dir = tempDir() / "series-parts";
    std::filesystem::create_directories(dir / "days");
    auto square = [](double w, double s, double size) {
        std::ostringstream o;
        o << "[[[" << w << "," << s << "],[" << w + size << "," << s << "],[" << w + size << "," << s + size << "],[" << w
          << "," << s + size << "],[" << w << "," << s << "]]]";
        return o.str();
    };
    std::ofstream(dir / "days" / "deepstatemap_data_20240701.geojson")
        << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[)"
        << square(30, 48, 0.5) << "," << square(31, 48, 0.5) << "]}}]}";
    const auto [img, cam] = render(dir, "parts", 30.75, 48.25, 2.0);
    // Both squares' edges are drawn...
    CHECK(near(img.at(static_cast<int>(cam.worldToScreen(project(30.5, 48.25)).x), 300), sv::style::kFrontLine, 12));
    CHECK(near(img.at(static_cast<int>(cam.worldToScreen(project(31, 48.25)).x), 300), sv::style::kFrontLine, 12));
    // ...and nothing dark red (front line or zone outline; the grey oblast boundaries do not count) in the gap between
    // them, over the squares' height and beyond.
    const int x0 = static_cast<int>(cam.worldToScreen(project(30.5, 48.25)).x) + 8;
    const int x1 = static_cast<int>(cam.worldToScreen(project(31, 48.25)).x) - 8;
    const int y0 = static_cast<int>(cam.worldToScreen(project(30.75, 48.7)).y);
    const int y1 = static_cast<int>(cam.worldToScreen(project(30.75, 47.8)).y);
    REQUIRE(x1 - x0 > 20);
    int dark = 0;
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const sv::Rgba px = img.at(x, y);
            dark += px.r < 200 && px.r - px.g > 40;
        }
    CHECK(dark == 0);
}

// A one-frame screenshot uploads only what its date draws (that day's cells, that frame's changes and zones; see
// MapRenderer::upload); `--frames N` (the benchmark) uploads everything and writes the same first frame. The
// DeepStateMap fixture's square is the same on the first two days (stored once) and grows north by half a degree on
// the third: a gain of ~110 x 150 px at 2 px/km.
TEST_CASE("series: a one-frame screenshot draws the same pixels as a full upload, on every day") {
    const auto dir = tempDir() / "series-one-frame";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string days = std::string(SV_TEST_DATA) + "/series/deepstate";
    const std::string common = "--control " + days + " --size 640x480 --view 30.5,48.5,2 --hide place-labels,region-labels";
    const std::string env = "SITVIEW_CACHE_DIR=" + (dir / "cache").string();
    std::vector<Image> oneFrame;
    for (const std::string date : {"2024-07-01", "2024-07-02", "2024-07-03"}) {
        CAPTURE(date);
        const std::string a = (dir / ("one-" + date + ".png")).string(), b = (dir / ("full-" + date + ".png")).string();
        const auto ra = runSitview(common + " --date " + date + " --screenshot " + a + " --timings", env);
        const auto rb = runSitview(common + " --date " + date + " --screenshot " + b + " --frames 1 --timings", env);
        INFO("stderr: " << ra.err << rb.err);
        REQUIRE(ra.status == 0);
        REQUIRE(rb.status == 0);
        // What is counted as held follows: the other days' change meshes are neither kept nor in GL. The third
        // day's frame holds the fixture's only change, so there the two are equal.
        auto held = [](const std::string& out) {
            const auto at = out.find("change_geometry_bytes ");
            return at == std::string::npos ? -1L : std::stol(out.substr(at + 22));
        };
        CHECK(held(ra.out) > 0);
        if (date == "2024-07-03")
            CHECK(held(ra.out) == held(rb.out));
        else
            CHECK(held(ra.out) < held(rb.out));
        const Image ia = loadPng(a), ib = loadPng(b);
        REQUIRE(ia.w == 640);
        REQUIRE(ib.w == 640);
        CHECK(ia.px == ib.px);
        oneFrame.push_back(ia);
    }
    // The third day differs on screen (its area and the gain), so the equality above is not of what never changes.
    std::size_t differ = 0;
    for (std::size_t i = 0; i < oneFrame[2].px.size(); i += 4) differ += std::memcmp(&oneFrame[2].px[i], &oneFrame[1].px[i], 3) != 0;
    CHECK(differ > 10000);
}
