// The headless mode end to end: `sitview --screenshot` as a process, the PNG read back and checked at projected
// positions computed independently from the camera math and PROJ.
#include <doctest/doctest.h>

#include <cstdlib>

#include "geo/map_loader.hpp"
#include "geo/projection.hpp"
#include "support.hpp"
#include "view/camera.hpp"

using namespace svtest;

TEST_CASE("default screenshot: land, sea and the Kyiv marker where they belong") {
    const auto png = (tempDir() / "default.png").string();
    const auto r = runSitview("--screenshot " + png + " --size 1200x800 --no-scenario");
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    const Image img = loadPng(png);
    REQUIRE(img.w == 1200);
    REQUIRE(img.h == 800);

    // The camera the app uses for the default view: Ukraine's regions fitted with 24 px padding.
    auto map = sv::geo::loadMap(sv::builtinSources());
    REQUIRE(map.errors.empty());
    REQUIRE(map.data.regions.size() == 27);
    sv::Camera cam;
    cam.setViewport(1200, 800);
    cam.fit(map.data.home(), 24.0);

    const sv::Vec2d kyiv = cam.worldToScreen(project(30.5234, 50.4501));
    const auto kyivPx = img.at(int(kyiv.x), int(kyiv.y));
    INFO("Kyiv at " << kyiv.x << "," << kyiv.y << " is " << str(kyivPx));
    CHECK(near(kyivPx, sv::style::marker(sv::PlaceKind::Capital).fill));

    // North-western Black Sea, between Odesa and Crimea: background.
    const sv::Vec2d sea = cam.worldToScreen(project(31.0, 45.8));
    CHECK(near(img.at(int(sea.x), int(sea.y)), sv::style::kBackground));
    // Belarus (context country), away from labels: context fill.
    const sv::Vec2d belarus = cam.worldToScreen(project(27.5, 52.1));
    CHECK(near(img.at(int(belarus.x), int(belarus.y)), sv::style::kContextFill));
}

TEST_CASE("screenshot without labels: oblast land is region fill, the sea is background") {
    const auto png = (tempDir() / "nolabels.png").string();
    const auto r = runSitview("--screenshot " + png + " --size 800x600 --view 31.5,48.5,0.6 --no-scenario --hide place-labels,region-labels,places");
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    const Image img = loadPng(png);
    sv::Camera cam;
    cam.setViewport(800, 600);
    cam.setCenter(project(31.5, 48.5));
    cam.setScale(0.6 / 1000.0);
    // Interior points of oblasts, far from their borders.
    for (auto [lon, lat] : {std::pair{31.2, 48.4}, {27.9, 49.9}, {35.2, 47.5}, {33.7, 51.3}}) {
        const sv::Vec2d p = cam.worldToScreen(project(lon, lat));
        INFO(lon << "," << lat << " -> " << str(img.at(int(p.x), int(p.y))));
        CHECK(near(img.at(int(p.x), int(p.y)), sv::style::kRegionFill));
    }
    const sv::Vec2d azov = cam.worldToScreen(project(36.5, 46.3));
    CHECK(near(img.at(int(azov.x), int(azov.y)), sv::style::kBackground));
}

TEST_CASE("a selected place is highlighted at its position") {
    const auto png = (tempDir() / "selected.png").string();
    const auto r = runSitview("--screenshot " + png + " --size 800x600 --view 37.55,47.1,4 --select mariupol");
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    const Image img = loadPng(png);
    sv::Camera cam;
    cam.setViewport(800, 600);
    cam.setCenter(project(37.55, 47.1));
    cam.setScale(4.0 / 1000.0);
    auto map = sv::geo::loadMap(sv::builtinSources());
    const sv::Place* m = map.data.findPlace("mariupol");
    REQUIRE(m);
    const sv::Vec2d c = cam.worldToScreen(m->pos);
    // The highlight ring (radius = marker + 6 px, 3 px wide) in the selection colour, on all four sides.
    const float ring = sv::style::marker(m->kind).radiusPx + 6.0f;
    for (auto [dx, dy] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
        int hits = 0;
        for (int k = -2; k <= 2; ++k)
            hits += near(img.at(int(c.x + dx * (ring + k)), int(c.y + dy * (ring + k))), sv::style::kSelection, 40);
        INFO("side " << dx << "," << dy);
        CHECK(hits >= 1);
    }
    // Away from the ring, no selection colour.
    CHECK_FALSE(near(img.at(int(c.x + 3 * ring), int(c.y - 3 * ring)), sv::style::kSelection, 40));
}

TEST_CASE("a missing geodata file: one clear line naming the file, exit status 2") {
    const auto png = (tempDir() / "missing.png").string();
    const auto r = runSitview("--screenshot " + png + " --regions /nonexistent/oblasts.geojson");
    CHECK(r.status == 2);
    CHECK(r.err.find("sitview: /nonexistent/oblasts.geojson: No such file or directory") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(png));
}

TEST_CASE("a corrupt geodata file: GDAL's reason, exit status 2") {
    const auto png = (tempDir() / "corrupt.png").string();
    const std::string bad = std::string(SV_TEST_DATA) + "/truncated.geojson";
    const auto r = runSitview("--screenshot " + png + " --regions " + bad);
    CHECK(r.status == 2);
    INFO(r.err);
    CHECK(r.err.rfind("sitview: " + bad + ": ", 0) == 0);
}

TEST_CASE("bad arguments: exit status 2 with the option named") {
    auto r = runSitview("--size 12");
    CHECK(r.status == 2);
    CHECK(r.err == "sitview: --size: expected WIDTHxHEIGHT (e.g. 1920x1080), got '12'\n");
    r = runSitview("--frobnicate");
    CHECK(r.status == 2);
    CHECK(r.err == "sitview: --frobnicate: unknown option (see --help)\n");
}

TEST_CASE("headless through a hidden GLFW window under X (Xvfb)") {
    if (!std::getenv("DISPLAY")) {
        MESSAGE("skipped: no DISPLAY (run under xvfb-run)");
        return;
    }
    const auto png = (tempDir() / "glfw.png").string();
    const auto r = runSitview("--screenshot " + png + " --size 640x480 --headless glfw --view 30.5234,50.4501,2");
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    const Image img = loadPng(png);
    REQUIRE(img.w == 640);
    CHECK(near(img.at(320, 240), sv::style::marker(sv::PlaceKind::Capital).fill));
}

TEST_CASE("first start: the Reporting panel opens below the Legend, whose disclaimer stays in view") {
    // Down a column inside both panels, 30 px from the right edge: the Legend (a dark panel from y = 30) ends, the map
    // shows in a gap, then the Reporting panel's title bar (ImGui's dark style, focused window: 41, 74, 122). Before,
    // the Reporting panel opened over the Legend's last lines, the scenario's disclaimer.
    for (const char* size : {"1920x1080", "1600x900"}) {
        INFO("size " << size);
        const auto png = (tempDir() / "panels.png").string();
        const auto r = runSitview(std::string("--screenshot ") + png + " --screenshot-ui --size " + size);
        INFO("stderr: " << r.err);
        REQUIRE(r.status == 0);
        const Image img = loadPng(png);
        const int x = img.w - 30;
        auto lum = [&](int y) {
            const auto c = img.at(x, y);
            return (int(c.r) + c.g + c.b) / 3;
        };
        int title = -1;
        for (int y = 40; y < img.h && title < 0; ++y)
            if (near(img.at(x, y), sv::Rgba{41, 74, 122, 255}, 8)) title = y;
        REQUIRE(title > 0);
        // The Legend: dark from its title bar down most of the way to the Reporting panel.
        int dark = 0;
        for (int y = 30; y < title; ++y) dark += lum(y) < 70;
        CHECK(dark > (title - 30) * 3 / 4);
        // Just above the Reporting title: the map (light), not the Legend's background.
        for (int y = title - 7; y <= title - 2; ++y) {
            INFO("y " << y << ": " << str(img.at(x, y)));
            CHECK(lum(y) > 120);
        }
    }
}

TEST_CASE("large pages only for a screenshot of the built-in map, and the same picture without them") {
#ifndef SV_SITVIEW_MIMALLOC
    MESSAGE("skipped: sitview is built without mimalloc (sanitizer build)");
#else
    const auto dir = tempDir();
    const auto a = (dir / "pages_large.png").string(), b = (dir / "pages_small.png").string();
    const std::string size = " --size 640x360 --timings";
    auto r = runSitview("--screenshot " + a + size);
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.find(" page faults (large pages); ") != std::string::npos);
    // The environment decides when it names either option.
    r = runSitview("--screenshot " + b + size, "MIMALLOC_LARGE_OS_PAGES=0");
    REQUIRE(r.status == 0);
    CHECK(r.err.find(" page faults; ") != std::string::npos);
    CHECK(r.err.find("large pages") == std::string::npos);
    const Image la = loadPng(a), sm = loadPng(b);
    REQUIRE(la.w == 640);
    CHECK(la.px == sm.px);
    // Anything beyond the built-in data keeps mimalloc's defaults: a series or a big layer stays in memory.
    const std::string data(SV_TEST_DATA);
    for (const std::string& extra : {" --layer " + data + "/render_regions.geojson", " --control " + data + "/series/deepstate",
                                    " --regions " + data + "/render_regions.geojson"}) {
        CAPTURE(extra);
        r = runSitview("--screenshot " + b + size + extra);
        INFO("stderr: " << r.err);
        REQUIRE(r.status == 0);
        CHECK(r.err.find(" page faults; ") != std::string::npos);
        CHECK(r.err.find("large pages") == std::string::npos);
    }
#endif
}

TEST_CASE("headless through OSMesa by default, the same picture as through EGL") {
#ifndef SV_SITVIEW_OSMESA
    MESSAGE("skipped: sitview is built without OSMesa (libosmesa6-dev)");
    return;
#endif
    const auto dir = tempDir();
    const auto a = (dir / "osmesa.png").string(), b = (dir / "egl.png").string(), c = (dir / "default.png").string();
    const std::string common = " --size 800x450 --view 30.5234,50.4501,0.5 --timings";
    auto r = runSitview("--screenshot " + a + common + " --headless osmesa");
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.find("llvmpipe") != std::string::npos);
    CHECK(r.err.find(" (OSMesa)\n") != std::string::npos);
    r = runSitview("--screenshot " + b + common + " --headless egl");
    REQUIRE(r.status == 0);
    CHECK(r.err.find(" (EGL surfaceless)\n") != std::string::npos);
    r = runSitview("--screenshot " + c + common);
    REQUIRE(r.status == 0);
    CHECK(r.err.find(" (OSMesa)\n") != std::string::npos);
    // The environment names the backend when the command line does not.
    r = runSitview("--screenshot " + c + common, "SITVIEW_HEADLESS=egl");
    REQUIRE(r.status == 0);
    CHECK(r.err.find(" (EGL surfaceless)\n") != std::string::npos);
    const Image io = loadPng(a), ie = loadPng(b);
    REQUIRE(io.w == 800);
    REQUIRE(ie.w == 800);
    CHECK(io.px == ie.px);
    // Kyiv's marker where it belongs, so the two are not merely equally empty.
    CHECK(near(io.at(400, 225), sv::style::marker(sv::PlaceKind::Capital).fill));
}
