// Briefing and export, the GL-free parts: the ease-in-out curve, step transitions (camera and date together),
// fractional timeline positions, animation plans and output names, export options, and the signed distance fields
// that morph the held area between two days. Expected values are worked out by hand in the comments.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "model/mesh.hpp"
#include "model/sdf.hpp"
#include "view/camera.hpp"
#include "view/camera_flight.hpp"
#include "view/export_plan.hpp"
#include "view/time_cursor.hpp"
#include "view/transition.hpp"

using sv::Date;

namespace {

Date day(const char* iso) {
    auto d = Date::parse(iso);
    REQUIRE(d.ok());
    return *d;
}

// ---- easeInOut ----

}  // namespace

TEST_CASE("easeInOut: fixed points, the cubic's values, symmetry, monotonic, flat at both ends") {
    using sv::easeInOut;
    CHECK(easeInOut(0.0) == 0.0);
    CHECK(easeInOut(1.0) == 1.0);
    CHECK(easeInOut(0.5) == 0.5);
    // The cubic ease: 4t³ below ½, 1 − (2 − 2t)³ / 2 above: e(¼) = 4/64, e(¾) = 1 − ⅛/2.
    CHECK(easeInOut(0.25) == doctest::Approx(0.0625).epsilon(1e-12));
    CHECK(easeInOut(0.75) == doctest::Approx(0.9375).epsilon(1e-12));
    // Outside 0…1 it stays at the ends.
    CHECK(easeInOut(-0.5) == 0.0);
    CHECK(easeInOut(1.5) == 1.0);
    double prev = -1;
    for (int i = 0; i <= 1000; ++i) {
        const double t = i / 1000.0;
        const double e = easeInOut(t);
        INFO("t = " << t);
        CHECK(e + easeInOut(1 - t) == doctest::Approx(1.0).epsilon(1e-12));
        CHECK(e >= prev);
        CHECK(e >= 0.0);
        CHECK(e <= 1.0);
        prev = e;
    }
    // Zero slope at both ends (a linear ramp would give 1; the cubic gives 12·h²/… ≈ 4e-8 at h = 1e-4); the
    // steepest point, t = ½, has slope 3.
    const double h = 1e-4;
    CHECK(std::abs((easeInOut(h) - easeInOut(0)) / h) < 1e-3);
    CHECK(std::abs((easeInOut(1) - easeInOut(1 - h)) / h) < 1e-3);
    CHECK((easeInOut(0.5 + h) - easeInOut(0.5 - h)) / (2 * h) == doctest::Approx(3.0).epsilon(1e-3));
}

namespace {

// From Kyiv-ish to Mariupol-ish in Web Mercator metres, zooming in by 4, from day 10 to day 20.
const sv::TransitionPoint kFrom{{3'400'000.0, 6'500'000.0}, 0.001, 10.0};
const sv::TransitionPoint kTo{{4'180'000.0, 5'960'000.0}, 0.004, 20.0};

struct Rig {
    sv::Camera camera;
    sv::TimeCursor time;
    Rig() {
        camera.setViewport(800, 600);
        camera.setCenter(kFrom.center);
        camera.setScale(kFrom.scale);
        time.setExtent(day("2022-02-24"), day("2022-06-30"));
        time.setPosition(kFrom.position);
    }
};

}  // namespace

TEST_CASE("interpolate: exact endpoints, geometric scale and arithmetic centre/position at the eased midpoint") {
    const auto a = sv::interpolate(kFrom, kTo, 0.0), b = sv::interpolate(kFrom, kTo, 1.0);
    CHECK(a.center == kFrom.center);
    CHECK(a.scale == kFrom.scale);
    CHECK(a.position == kFrom.position);
    CHECK(b.center == kTo.center);
    CHECK(b.scale == kTo.scale);
    CHECK(b.position == kTo.position);

    const auto m = sv::interpolate(kFrom, kTo, sv::easeInOut(0.5));
    CHECK(m.scale == doctest::Approx(0.002).epsilon(1e-12));  // √(0.001 · 0.004)
    CHECK(m.center.x == doctest::Approx(3'790'000.0).epsilon(1e-12));
    CHECK(m.center.y == doctest::Approx(6'230'000.0).epsilon(1e-12));
    CHECK(m.position == doctest::Approx(15.0).epsilon(1e-12));
    // A quarter of the way (eased): scale 0.001 · 4^¼ = 0.001·√2.
    const auto q = sv::interpolate(kFrom, kTo, 0.25);
    CHECK(q.scale == doctest::Approx(0.001 * std::sqrt(2.0)).epsilon(1e-12));
    CHECK(q.position == doctest::Approx(12.5).epsilon(1e-12));
}

TEST_CASE("StepTransition: 60 frames of 1/60 s land exactly on the target through every day in between") {
    Rig r;
    sv::StepTransition tr;
    CHECK_FALSE(tr.active());
    tr.start(kFrom, kTo, 1.0);
    CHECK(tr.active());
    std::set<int> days;
    days.insert(static_cast<int>(std::floor(r.time.position())));
    for (int i = 0; i < 60; ++i) {
        INFO("frame " << i);
        REQUIRE(tr.active());
        CHECK(tr.advance(1.0 / 60.0, r.camera, r.time));
        days.insert(static_cast<int>(std::floor(r.time.position())));
        if (i == 29) {  // half the time: the eased midpoint
            CHECK(r.camera.scale() == doctest::Approx(0.002).epsilon(1e-9));
            CHECK(r.camera.center().x == doctest::Approx(3'790'000.0).epsilon(1e-9));
            CHECK(r.time.position() == doctest::Approx(15.0).epsilon(1e-9));
            CHECK(r.time.date() == day("2022-03-11"));  // 2022-02-24 + 15
        }
    }
    CHECK_FALSE(tr.active());
    CHECK(r.camera.center() == kTo.center);
    CHECK(r.camera.scale() == kTo.scale);
    CHECK(r.time.position() == kTo.position);
    CHECK(r.time.date() == day("2022-03-16"));  // 2022-02-24 + 20
    CHECK(r.time.dayFraction() == 0.0);
    for (int d = 10; d <= 20; ++d) {
        INFO("day " << d);
        CHECK(days.count(d) == 1);
    }
    CHECK(days.size() == 11);
    // Finished: a further advance does nothing and says so.
    CHECK_FALSE(tr.advance(1.0 / 60.0, r.camera, r.time));
    CHECK(r.camera.center() == kTo.center);
}

TEST_CASE("StepTransition: cancel stops where it is, and a zero-second transition jumps") {
    Rig r;
    sv::StepTransition tr;
    tr.start(kFrom, kTo, 1.0);
    for (int i = 0; i < 15; ++i) tr.advance(1.0 / 60.0, r.camera, r.time);
    const sv::Vec2d c = r.camera.center();
    const double s = r.camera.scale(), p = r.time.position();
    CHECK(p > kFrom.position);
    CHECK(p < kTo.position);
    tr.cancel();
    CHECK_FALSE(tr.active());
    CHECK_FALSE(tr.advance(0.5, r.camera, r.time));
    CHECK(r.camera.center() == c);
    CHECK(r.camera.scale() == s);
    CHECK(r.time.position() == p);

    Rig z;
    sv::StepTransition jump;
    jump.start(kFrom, kTo, 0.0);
    CHECK(jump.active());
    CHECK(jump.advance(0.0, z.camera, z.time));
    CHECK_FALSE(jump.active());
    CHECK(z.camera.center() == kTo.center);
    CHECK(z.camera.scale() == kTo.scale);
    CHECK(z.time.position() == kTo.position);

    // A negative duration counts as zero.
    Rig n;
    sv::StepTransition neg;
    neg.start(kFrom, kTo, -3.0);
    neg.advance(1.0 / 60.0, n.camera, n.time);
    CHECK_FALSE(neg.active());
    CHECK(n.time.position() == kTo.position);
}

TEST_CASE("TimeCursor::setPosition and dayFraction: clamped, NaN ignored, fraction of the day") {
    sv::TimeCursor t;
    t.setExtent(day("2022-02-24"), day("2022-06-30"));  // 126 days apart: 4 + 31 + 30 + 31 + 30
    t.setPosition(5.0);
    CHECK(t.position() == 5.0);
    CHECK(t.date() == day("2022-03-01"));  // 2022 is not a leap year
    CHECK(t.dayFraction() == 0.0);
    t.setPosition(5.25);
    CHECK(t.date() == day("2022-03-01"));
    CHECK(t.dayFraction() == doctest::Approx(0.25).epsilon(1e-12));
    t.setPosition(std::numeric_limits<double>::quiet_NaN());
    CHECK(t.position() == 5.25);
    t.setPosition(-3.5);
    CHECK(t.position() == 0.0);
    CHECK(t.date() == day("2022-02-24"));
    t.setPosition(1000.0);
    CHECK(t.position() == 126.0);
    CHECK(t.date() == day("2022-06-30"));
    CHECK(t.dayFraction() == 0.0);
    t.setPosition(125.75);
    CHECK(t.date() == day("2022-06-29"));
    CHECK(t.dayFraction() == doctest::Approx(0.75).epsilon(1e-12));
    t.setPosition(std::numeric_limits<double>::infinity());
    CHECK(t.position() == 126.0);
}

TEST_CASE("planAnimation: frame counts and positions, both ends shown, and exact errors") {
    const Date first = day("2022-02-24"), last = day("2022-06-30");
    // 2022-03-25 is 29 days after 2022-02-24 (4 days left of February + 25).
    auto p = sv::planAnimation(first, last, day("2022-03-25"), day("2022-04-05"), 1.0, 1.0);
    REQUIRE(p.ok());
    CHECK(p->frames == 12);  // 25…31 March (7) + 1…5 April (5)
    CHECK(p->firstPosition == 29.0);
    for (int i = 0; i < 12; ++i) CHECK(p->position(i) == 29.0 + i);

    auto fast = sv::planAnimation(first, last, day("2022-03-25"), day("2022-04-05"), 2.0, 12.0);
    REQUIRE(fast.ok());
    CHECK(fast->frames == 67);  // 11 days at 6 frames a day, + the last day
    CHECK(fast->daysPerFrame == doctest::Approx(1.0 / 6.0));
    CHECK(fast->position(66) == doctest::Approx(40.0).epsilon(1e-12));

    auto one = sv::planAnimation(first, last, day("2022-04-01"), day("2022-04-01"), 1.0, 1.0);
    REQUIRE(one.ok());
    CHECK(one->frames == 1);
    CHECK(one->position(0) == 36.0);

    // 1.5 days per frame over 11 days: frames at 0, 1.5 … 10.5 (8), the last day not reached exactly.
    auto odd = sv::planAnimation(first, last, day("2022-03-25"), day("2022-04-05"), 3.0, 2.0);
    REQUIRE(odd.ok());
    CHECK(odd->frames == 8);

    auto backwards = sv::planAnimation(first, last, day("2022-04-05"), day("2022-03-25"), 1.0, 1.0);
    REQUIRE_FALSE(backwards.ok());
    CHECK(backwards.error() == "--to 2022-03-25 is before --from 2022-04-05");
    auto early = sv::planAnimation(first, last, day("2022-01-01"), day("2022-03-25"), 1.0, 1.0);
    REQUIRE_FALSE(early.ok());
    CHECK(early.error() == "2022-01-01 is outside the timeline (2022-02-24 … 2022-06-30)");
    auto late = sv::planAnimation(first, last, day("2022-06-01"), day("2022-07-01"), 1.0, 1.0);
    REQUIRE_FALSE(late.ok());
    CHECK(late.error() == "2022-07-01 is outside the timeline (2022-02-24 … 2022-06-30)");
    auto still = sv::planAnimation(first, last, day("2022-03-25"), day("2022-04-05"), 0.0, 1.0);
    REQUIRE_FALSE(still.ok());
    CHECK(still.error() == "days per second and frames per second must be positive");
}

TEST_CASE("export file names and the ffmpeg command line") {
    CHECK(sv::stepFileName(0, 5) == "step-01.png");
    CHECK(sv::stepFileName(8, 99) == "step-09.png");
    CHECK(sv::stepFileName(98, 99) == "step-99.png");
    CHECK(sv::stepFileName(0, 100) == "step-001.png");
    CHECK(sv::stepFileName(99, 150) == "step-100.png");
    CHECK(sv::frameFileName(0, 12) == "frame-0001.png");
    CHECK(sv::frameFileName(11, 12) == "frame-0012.png");
    CHECK(sv::frameFileName(9998, 9999) == "frame-9999.png");
    CHECK(sv::frameFileName(0, 10000) == "frame-00001.png");

    CHECK(sv::animationOutputFor("out/anim.mp4") == sv::AnimationOutput::Mp4);
    CHECK(sv::animationOutputFor("ANIM.GIF") == sv::AnimationOutput::Gif);
    CHECK(sv::animationOutputFor("frames") == sv::AnimationOutput::PngFolder);
    CHECK(sv::animationOutputFor("frames.mp4.d") == sv::AnimationOutput::PngFolder);

    auto has = [](const std::vector<std::string>& a, const std::string& s) { return std::find(a.begin(), a.end(), s) != a.end(); };
    auto after = [](const std::vector<std::string>& a, const std::string& key) {
        auto it = std::find(a.begin(), a.end(), key);
        return it != a.end() && it + 1 != a.end() ? *(it + 1) : std::string("(none)");
    };
    const auto mp4 = sv::ffmpegArguments(sv::AnimationOutput::Mp4, 320, 180, 6, "/tmp/x y/out.mp4");
    REQUIRE_FALSE(mp4.empty());
    CHECK(after(mp4, "-c:v") == "libx264");
    CHECK(after(mp4, "-pix_fmt") == "yuv420p");
    CHECK(after(mp4, "-video_size") == "320x180");
    CHECK(after(mp4, "-framerate") == "6");
    CHECK(after(mp4, "-pixel_format") == "rgb24");
    CHECK(after(mp4, "-i") == "-");
    CHECK(mp4.back() == "/tmp/x y/out.mp4");  // one argument, no shell quoting needed
    const auto gif = sv::ffmpegArguments(sv::AnimationOutput::Gif, 640, 360, 12.5, "a.gif");
    CHECK(std::any_of(gif.begin(), gif.end(), [](const std::string& s) { return s.find("palettegen") != std::string::npos; }));
    CHECK_FALSE(has(gif, "libx264"));
    CHECK(after(gif, "-framerate") == "12.5");
    CHECK(gif.back() == "a.gif");
}

namespace {

std::string exportError(sv::ExportOptions::Kind kind, const std::vector<std::string>& args) {
    auto r = sv::parseExportOptions(kind, args);
    return r.ok() ? std::string("(accepted)") : r.error();
}

}  // namespace

TEST_CASE("parseExportOptions: exact messages for what is refused, and what is accepted") {
    using K = sv::ExportOptions::Kind;
    CHECK(exportError(K::Render, {"--size", "640x360"}) == "render: --out is required");
    CHECK(exportError(K::Render, {"--out", "map.jpg"}) == "render: --out: expected a .png file, got 'map.jpg'");
    CHECK(exportError(K::Render, {"--out", "a.png", "extra.geojson"}) ==
          "render: unexpected argument 'extra.geojson' (extra layers are given with --layer)");
    CHECK(exportError(K::Render, {"--out"}) == "render: --out: missing value");
    CHECK(exportError(K::Story, {"--out", "dir"}) == "story export: no STORY.json given");
    CHECK(exportError(K::Story, {"a.story.json", "b.story.json", "--out", "dir"}) ==
          "story export: unexpected argument 'b.story.json' (extra layers are given with --layer)");
    CHECK(exportError(K::Animate, {"--from", "2022-04-05", "--to", "2022-03-25", "--out", "dir"}) ==
          "animate: --to 2022-03-25 is before --from 2022-04-05");
    CHECK(exportError(K::Animate, {"--from", "2022-03-25", "--out", "dir"}) == "animate: --from and --to are required");
    CHECK(exportError(K::Animate, {"--from", "2022-02-30", "--to", "2022-03-25", "--out", "dir"}).rfind("animate: --from: '2022-02-30': ", 0) == 0);
    CHECK(exportError(K::Animate, {"--from", "2022-03-25", "--to", "2022-03-28", "--out", "x.mp4", "--size", "641x360"}) ==
          "animate: --size: video needs an even width and height, got 641x360");
    CHECK(exportError(K::Animate, {"--from", "2022-03-25", "--to", "2022-03-28", "--out", "x.gif", "--size", "640x361"}) ==
          "animate: --size: video needs an even width and height, got 640x361");
    // PNG frames may have odd sizes.
    CHECK(exportError(K::Animate, {"--from", "2022-03-25", "--to", "2022-03-28", "--out", "dir", "--size", "641x361"}) == "(accepted)");
    CHECK(exportError(K::Animate, {"--from", "2022-03-25", "--to", "2022-03-28", "--out", "dir", "--fps", "0.5"}) ==
          "animate: --fps: expected 1 to 120, got '0.5'");
    CHECK(exportError(K::Animate, {"--from", "2022-03-25", "--to", "2022-03-28", "--out", "dir", "--days-per-second", "400"}) ==
          "animate: --days-per-second: expected 0.01 to 365, got '400'");

    CHECK(exportError(K::Render, {"--out", "a.png", "--size", "7681x4320"}) ==
          "render: --size: 7681x4320 is beyond the export limit of 7680x4320 pixels");
    CHECK(exportError(K::Render, {"--out", "a.png", "--size", "7680x4321"}) ==
          "render: --size: 7680x4321 is beyond the export limit of 7680x4320 pixels");
    CHECK(exportError(K::Render, {"--out", "a.png", "--size", "7680x4320"}) == "(accepted)");
    CHECK(exportError(K::Render, {"--out", "A.PNG"}) == "(accepted)");
    // --screenshot belongs to the viewer; the export commands say what to use instead, wherever it stands.
    CHECK(exportError(K::Render, {"--screenshot", "x.png", "--out", "a.png"}) ==
          "render: --screenshot is not an export option; use --out");
    CHECK(exportError(K::Render, {"--out", "a.png", "--help"}) == "render: --help and --version are not export options");
}

TEST_CASE("parseExportOptions: what is taken, and the defaults") {
    using K = sv::ExportOptions::Kind;
    auto r = sv::parseExportOptions(K::Render, {"--out", "a.png", "--size", "640x360", "--date", "2022-03-21", "--morph-t",
                                                "0.5", "--view", "30.3,50.6,2", "--hide", "places,events"});
    REQUIRE(r.ok());
    CHECK(r->out == "a.png");
    CHECK(r->sizeGiven);
    CHECK(r->view.width == 640);
    CHECK(r->view.height == 360);
    REQUIRE(r->view.date.has_value());
    CHECK(*r->view.date == day("2022-03-21"));
    CHECK(r->view.morphT == 0.5);
    CHECK(r->view.hide == std::vector<std::string>{"places", "events"});

    auto a = sv::parseExportOptions(K::Animate, {"--from", "2022-03-25", "--to", "2022-04-05", "--out", "dir"});
    REQUIRE(a.ok());
    CHECK(a->daysPerSecond == 1.0);
    CHECK(a->fps == 1.0);  // one day per frame
    auto b = sv::parseExportOptions(K::Animate, {"--from", "2022-03-25", "--to", "2022-04-05", "--out", "x.mp4",
                                                 "--days-per-second", "2", "--fps", "6", "--no-morph"});
    REQUIRE(b.ok());
    CHECK(b->daysPerSecond == 2.0);
    CHECK(b->fps == 6.0);
    CHECK_FALSE(b->view.morph);
    auto s = sv::parseExportOptions(K::Story, {"brief.story.json", "--out", "dir"});
    REQUIRE(s.ok());
    CHECK(s->story == "brief.story.json");
    CHECK_FALSE(s->sizeGiven);
}

// ---- signed distance fields ----

namespace {

// An axis-aligned rectangle as two triangles.
void addRect(sv::FillMesh& m, double x0, double y0, double x1, double y1, sv::Vec2d origin = {}) {
    const auto base = static_cast<uint32_t>(m.vertices.size());
    auto v = [&](double x, double y) {
        m.vertices.push_back({static_cast<float>(x - origin.x), static_cast<float>(y - origin.y)});
    };
    v(x0, y0), v(x1, y0), v(x1, y1), v(x0, y1);
    for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) m.indices.push_back(base + i);
}

std::vector<sv::MeshRange> all(const sv::FillMesh& m) { return {{0, static_cast<uint32_t>(m.indices.size())}}; }

// A grid of 1-unit cells: the box −105…405 grown by one cell is 512 cells wide, minX = −106.
sv::GridSpec unitGrid() {
    sv::Bbox box;
    box.add(sv::Vec2d{-105, -105});
    box.add(sv::Vec2d{405, 405});
    return sv::gridFor(box, 512);
}

std::vector<float> fieldOf(const sv::GridSpec& g, const sv::FillMesh& m, sv::Vec2d origin = {}) {
    std::vector<uint8_t> mask;
    sv::rasterTriangles(mask, g, m, all(m), origin);
    REQUIRE(mask.size() == static_cast<std::size_t>(g.width) * g.height);
    return sv::signedDistance(g, mask);
}

// The value of the cell containing map point (x, y).
float at(const sv::GridSpec& g, const std::vector<float>& f, double x, double y) {
    const int i = static_cast<int>(std::floor((x - g.box.minX) / g.cell)), j = static_cast<int>(std::floor((y - g.box.minY) / g.cell));
    REQUIRE(i >= 0);
    REQUIRE(j >= 0);
    REQUIRE(i < g.width);
    REQUIRE(j < g.height);
    return f[static_cast<std::size_t>(j) * g.width + i];
}

// Signed Euclidean distance from p to the rectangle's boundary, negative inside.
double rectDistance(double x, double y, double x0, double y0, double x1, double y1) {
    const bool inside = x > x0 && x < x1 && y > y0 && y < y1;
    if (inside) return -std::min({x - x0, x1 - x, y - y0, y1 - y});
    const double dx = std::max({x0 - x, 0.0, x - x1}), dy = std::max({y0 - y, 0.0, y - y1});
    return std::hypot(dx, dy);
}

// Centroid x of where the morph at t covers.
double morphCentroidX(const sv::GridSpec& g, const std::vector<float>& a, const std::vector<float>& b, double t) {
    double sx = 0;
    long n = 0;
    for (int j = 0; j < g.height; ++j)
        for (int i = 0; i < g.width; ++i) {
            const std::size_t k = static_cast<std::size_t>(j) * g.width + i;
            if ((1 - t) * a[k] + t * b[k] < 0) sx += g.box.minX + (i + 0.5) * g.cell, ++n;
        }
    return n ? sx / n : std::nan("");
}

}  // namespace

TEST_CASE("gridFor: the long side has the asked number of cells, one cell of margin on each side") {
    const sv::GridSpec g = unitGrid();
    CHECK(g.cell == 1.0);  // 510 units over 512 − 2 cells
    CHECK(g.width == 512);
    CHECK(g.height == 512);
    CHECK(g.box.minX == -106.0);
    CHECK(g.box.minY == -106.0);
    CHECK(g.box.maxX == 406.0);
    sv::Bbox wide;
    wide.add(sv::Vec2d{0, 0});
    wide.add(sv::Vec2d{1000, 250});
    const sv::GridSpec w = sv::gridFor(wide, 102);  // 10-unit cells: 100 + 2 across, 25 + 2 down
    CHECK(w.cell == 10.0);
    CHECK(w.width == 102);
    CHECK(w.height == 27);
    CHECK(w.cellArea() == 100.0);
}

TEST_CASE("signedDistance of a 100×100 square: sign, distance to the edge within a cell, area") {
    const sv::GridSpec g = unitGrid();
    sv::FillMesh sq;
    addRect(sq, 0, 0, 100, 100);
    const auto f = fieldOf(g, sq);
    CHECK(at(g, f, 50.5, 50.5) < 0);
    CHECK(at(g, f, 0.5, 0.5) < 0);
    CHECK(at(g, f, 99.5, 50.5) < 0);
    CHECK(at(g, f, -0.5, 50.5) > 0);
    CHECK(at(g, f, 100.5, 50.5) > 0);
    CHECK(at(g, f, 300.5, -80.5) > 0);
    // Cell centres: 10.5 units inside from the left edge, 20.5 outside it, 50.7 from the corner diagonally.
    CHECK(at(g, f, 10.5, 50.5) == doctest::Approx(-10.5).epsilon(0.01));
    CHECK(at(g, f, -20.5, 50.5) == doctest::Approx(20.5).epsilon(0.01));
    // A sweep of sample points over the whole grid: |value − true signed distance| ≤ 1 cell.
    int samples = 0;
    for (double y = -100.5; y < 400; y += 7)
        for (double x = -100.5; x < 400; x += 11) {
            const double want = rectDistance(x, y, 0, 0, 100, 100);
            const double got = at(g, f, x, y);
            INFO("at " << x << "," << y << ": " << got << ", expected " << want);
            CHECK(std::abs(got - want) <= 1.0);
            ++samples;
        }
    CHECK(samples > 2000);

    // What a morph at t covers from a field to itself is the square: 100 × 100 cells of 1 unit².
    CHECK(sv::morphArea(g, f, f, 0.0) == doctest::Approx(10000.0).epsilon(0.01));
    CHECK(sv::morphArea(g, f, f, 0.7) == doctest::Approx(10000.0).epsilon(0.01));

    // The same square given relative to a far origin (as the prepared meshes are) gives the same field.
    sv::FillMesh shifted;
    const sv::Vec2d origin{1000, -2000};
    addRect(shifted, 0, 0, 100, 100, origin);
    CHECK(fieldOf(g, shifted, origin) == f);
}

TEST_CASE("morphArea between two squares: each end is its square, the middle lies between them") {
    const sv::GridSpec g = unitGrid();
    sv::FillMesh ma, mb, mc;
    addRect(ma, 0, 0, 100, 100);
    addRect(mb, 50, 0, 150, 100);
    const auto a = fieldOf(g, ma), b = fieldOf(g, mb);
    CHECK(sv::morphArea(g, a, b, 0.0) == doctest::Approx(10000.0).epsilon(0.01));
    CHECK(sv::morphArea(g, a, b, 1.0) == doctest::Approx(10000.0).epsilon(0.01));
    // Equal areas, shifted by 50. Halfway the mix (sdA + sdB) / 2 is negative on the overlap 50…100 (both are)
    // and, left of it at x = 50 − d (0 ≤ d < 25), where sdB = d is below the distance into A, min(x, y, 100 − y):
    // a column 100 − 2d high. Area: 50·100 + 2·∫₀²⁵ (100 − 2d) dd = 5000 + 2·1875 = 8750 — a rounded shape 12.5 %
    // smaller than either square, centred in between (linear interpolation of distance fields pinches corners).
    const double mid = sv::morphArea(g, a, b, 0.5);
    CHECK(mid == doctest::Approx(8750.0).epsilon(0.01));
    CHECK(morphCentroidX(g, a, b, 0.0) == doctest::Approx(50.0).epsilon(0.01));
    CHECK(morphCentroidX(g, a, b, 1.0) == doctest::Approx(100.0).epsilon(0.01));
    const double cx = morphCentroidX(g, a, b, 0.5);
    CHECK(cx > 50.0);
    CHECK(cx < 100.0);
    CHECK(cx == doctest::Approx(75.0).epsilon(0.02));
    // It moves steadily: the centroid grows with t.
    double prev = 0;
    for (double t = 0; t <= 1.0001; t += 0.125) {
        const double x = morphCentroidX(g, a, b, t);
        CHECK(x >= prev);
        prev = x;
    }

    // A square growing into a rectangle twice its size (x 0…200): strictly between the two areas halfway. Right
    // of A at x = 100 + d the mix is negative where d < min(y, 100 − y, 100 − d): d < 50, a column 100 − 2d high;
    // 10000 + ∫₀⁵⁰ (100 − 2d) dd = 12500.
    addRect(mc, 0, 0, 200, 100);
    const auto c = fieldOf(g, mc);
    CHECK(sv::morphArea(g, a, c, 1.0) == doctest::Approx(20000.0).epsilon(0.01));
    const double grow = sv::morphArea(g, a, c, 0.5);
    CHECK(grow > 10000.0 * 1.01);
    CHECK(grow < 20000.0 * 0.99);
    CHECK(grow == doctest::Approx(12500.0).epsilon(0.01));
}

TEST_CASE("signedDistance: an empty mask is positive everywhere, a full one negative, a hole is outside") {
    const sv::GridSpec g = unitGrid();
    std::vector<uint8_t> none(static_cast<std::size_t>(g.width) * g.height, 0);
    const auto e = sv::signedDistance(g, none);
    CHECK(std::all_of(e.begin(), e.end(), [](float v) { return v > 0; }));
    CHECK(sv::morphArea(g, e, e, 0.5) == 0.0);
    std::vector<uint8_t> full(none.size(), 1);
    const auto f = sv::signedDistance(g, full);
    CHECK(std::all_of(f.begin(), f.end(), [](float v) { return v < 0; }));

    // The square 0…100 with a hole 40…60: eight triangles around the hole.
    sv::FillMesh ring;
    ring.vertices = {{0, 0}, {100, 0}, {100, 100}, {0, 100}, {40, 40}, {60, 40}, {60, 60}, {40, 60}};
    ring.indices = {0, 1, 5, 0, 5, 4, 1, 2, 6, 1, 6, 5, 2, 3, 7, 2, 7, 6, 3, 0, 4, 3, 4, 7};
    const auto h = fieldOf(g, ring);
    CHECK(sv::morphArea(g, h, h, 0.0) == doctest::Approx(9600.0).epsilon(0.01));
    int holeCells = 0;
    for (double y = 40.5; y < 60; y += 1)
        for (double x = 40.5; x < 60; x += 1) {
            INFO("hole cell " << x << "," << y);
            CHECK(at(g, h, x, y) > 0);
            ++holeCells;
        }
    CHECK(holeCells == 400);
    // The hole's centre cell (50.5, 50.5) is 9.5 from the hole's edge at 60; the ring between is inside.
    CHECK(at(g, h, 50.5, 50.5) == doctest::Approx(9.5).epsilon(0.01));
    CHECK(at(g, h, 20.5, 50.5) < 0);
    CHECK(at(g, h, 50.5, 80.5) < 0);
    CHECK(at(g, h, 39.5, 39.5) < 0);
}
