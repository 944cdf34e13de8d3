// The scenario on screen, end to end: `sitview --screenshot --date D` as a process, control-zone colours read back
// at positions projected independently (Camera + PROJ), and `sitview status` as a process.
#include <doctest/doctest.h>

#include <string>

#include "geo/projection.hpp"
#include "support.hpp"
#include "view/camera.hpp"
#include "view/style.hpp"

using namespace svtest;

namespace {

// `fill` drawn with its alpha over the opaque `base`: the standard "over" blend.
sv::Rgba over(sv::Rgba fill, sv::Rgba base) {
    const double a = fill.a / 255.0;
    auto mix = [a](uint8_t f, uint8_t b) { return static_cast<uint8_t>(std::lround(f * a + b * (1 - a))); };
    return {mix(fill.r, base.r), mix(fill.g, base.g), mix(fill.b, base.b), 255};
}

const char* kHidden = "place-labels,region-labels,places,sieges,events,front,changes";

// An 800×600 screenshot centred on lon,lat at 4 px/km on `date`, with its own prepared-data cache.
Image screenshot(const std::string& name, double lon, double lat, const std::string& date) {
    const auto dir = tempDir();
    const std::string png = (dir / (name + ".png")).string();
    const std::string cache = (dir / ("cache-" + name)).string();
    const std::string view = std::to_string(lon) + "," + std::to_string(lat) + ",4";
    const auto r = runSitview("--screenshot " + png + " --size 800x600 --view " + view + " --date " + date +
                                  " --hide " + kHidden,
                              "SITVIEW_CACHE_DIR=" + cache);
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    Image img = loadPng(png);
    REQUIRE(img.w == 800);
    REQUIRE(img.h == 600);
    return img;
}

sv::Camera camera(double lon, double lat) {
    sv::Camera cam;
    cam.setViewport(800, 600);
    cam.setCenter(project(lon, lat));
    cam.setScale(4.0 / 1000.0);
    return cam;
}

sv::Rgba pixelAt(const Image& img, const sv::Camera& cam, double lon, double lat) {
    const sv::Vec2d p = cam.worldToScreen(project(lon, lat));
    return img.at(static_cast<int>(p.x), static_cast<int>(p.y));
}

const sv::Rgba kOccupied = over(sv::style::zone(sv::Side::Ru, sv::ControlStatus::Occupied).fill, sv::style::kRegionFill);

}  // namespace

TEST_CASE("screenshot on 2022-03-29: Kherson is Russian-occupied, on 2022-02-23 plain region fill") {
    // The fill over the region: (205,45,45) at alpha 115/255 over (250,248,242) is (230,156,153).
    CHECK(near(kOccupied, sv::Rgba{230, 156, 153}, 1));
    const double lon = 32.6169, lat = 46.6354;  // the view's centre
    const sv::Camera cam = camera(lon, lat);
    // Kherson (places.geojson: 32.6129, 46.6414; ~4 px from the river bank at this zoom) and a point of the city
    // 2 km further north, ~20 px from any border or zone edge. (The view's centre itself lies in the Dnipro as the
    // built-in Natural Earth regions draw it: water, not region.)
    const std::pair<double, double> points[] = {{32.6129, 46.6414}, {32.60, 46.66}};

    const Image occupied = screenshot("kherson-0329", lon, lat, "2022-03-29");
    for (auto [x, y] : points) {
        const sv::Rgba px = pixelAt(occupied, cam, x, y);
        INFO(x << "," << y << " is " << str(px) << ", expected " << str(kOccupied));
        CHECK(near(px, kOccupied, 6));
    }
    const Image before = screenshot("kherson-0223", lon, lat, "2022-02-23");
    for (auto [x, y] : points) {
        const sv::Rgba px = pixelAt(before, cam, x, y);
        INFO(x << "," << y << " is " << str(px) << ", expected " << str(sv::style::kRegionFill));
        CHECK(near(px, sv::style::kRegionFill, 6));
    }
}

TEST_CASE("screenshot near Hostomel: occupied on 2022-03-20, region fill again on 2022-04-05") {
    const double lon = 30.20, lat = 50.57;
    const sv::Camera cam = camera(lon, lat);
    const Image held = screenshot("hostomel-0320", lon, lat, "2022-03-20");
    const Image freed = screenshot("hostomel-0405", lon, lat, "2022-04-05");
    const sv::Rgba a = pixelAt(held, cam, lon, lat), b = pixelAt(freed, cam, lon, lat);
    INFO("03-20: " << str(a) << ", 04-05: " << str(b));
    CHECK(near(a, kOccupied, 6));
    CHECK(near(b, sv::style::kRegionFill, 6));
    // The two images differ around Hostomel, not only in one pixel: over a 40 px square around it (the zone's
    // eastern edge is ~25 px away, so a few samples may fall on its outline or beyond), at least 90% of a grid.
    int differing = 0;
    for (int dy = -20; dy <= 20; dy += 4)
        for (int dx = -20; dx <= 20; dx += 4)
            differing += !near(held.at(400 + dx, 300 + dy), freed.at(400 + dx, 300 + dy), 6);
    CHECK(differing >= 109);
}

TEST_CASE("`sitview status` as a process: exit 0 and the answer on stdout") {
    const std::string cache = (tempDir() / "cache-status").string();
    const auto r = runSitview("status --date 2022-03-29 --place Kherson", "SITVIEW_CACHE_DIR=" + cache);
    INFO("stderr: " << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.rfind("Kherson on 2022-03-29: held by Russia", 0) == 0);
    const auto bad = runSitview("status --date 2022-03-29 --place Atlantis", "SITVIEW_CACHE_DIR=" + cache);
    CHECK(bad.status == 2);
    CHECK(bad.out.empty());
    CHECK(bad.err == "sitview: status: no place named 'Atlantis' (ids, names and aliases of the places layer)\n");
}

TEST_CASE("`sitview status` says what it skipped while reading: one warning per bad feature, from the cache too") {
    const std::string data = SV_TEST_DATA;
    const std::string folder = data + "/scenario_folder";
    const std::string args = "status --date 2022-03-10 --lonlat 5,5 --scenario " + folder + " --regions " + data +
                             "/scenario_world/regions.geojson --places " + data + "/scenario_world/places.geojson --context ''";
    const std::string want =
        "sitview: " + folder + "/control.geojson: layer 'control', feature 1: field 'side': value 'rx' is not one of "
        "ru, ua, contested; feature skipped\n"
        "sitview: " + folder + "/sieges.geojson: layer 'sieges', feature 1: field 'end': value '2022-03-01' is before "
        "start 2022-03-05; expected the same day or later; feature skipped\n"
        "sitview: " + folder + "/events.geojson: layer 'events', feature 1: field 'title': missing; expected a short "
        "title; feature skipped\n"
        "sitview: " + folder + "/metadata.geojson: layer 'metadata', feature 3: metadata 'default_date': value "
        "'2022-13-01' is not a valid date (month 13 is not 1-12); expected YYYY-MM-DD; ignored\n";
    const std::string cache = "SITVIEW_CACHE_DIR=" + (tempDir() / "cache-status-warnings").string();
    for (const char* pass : {"read", "from the cache"}) {
        INFO(pass);
        const auto r = runSitview(args, cache);
        CHECK(r.status == 0);
        CHECK(r.out.rfind("5.0000° E, 5.0000° N on 2022-03-10: held by Ukraine", 0) == 0);
        CHECK(r.err == want);
    }
}
