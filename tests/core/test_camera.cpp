// The camera's math (view/camera.hpp): world↔screen round trips, zoom about a point, pan, fit, scale limits and the
// clip-space matrix, at several scales, centres and viewport sizes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "view/camera.hpp"

using sv::Camera;
using sv::Vec2d;

namespace {

struct Setup {
    int w, h;
    Vec2d centre;
    double scale;
};

// Viewports from tiny to large, centres from the origin to Web Mercator magnitudes, scales across the range.
const Setup kSetups[] = {
    {1920, 1080, {3.4e6, 6.5e6}, 1e-3}, {800, 600, {0, 0}, 1.0},          {333, 777, {-1.2e7, 4.1e6}, 2.5e-5},
    {1, 1, {12.5, -7.25}, 10.0},        {4096, 64, {2.0e7, -2.0e7}, 1e-6}, {640, 480, {3.39e6, 6.52e6}, 0.37},
};

Camera make(const Setup& s) {
    Camera c;
    c.setViewport(s.w, s.h);
    c.setCenter(s.centre);
    c.setScale(s.scale);
    return c;
}

// Screen points across (and beyond) the viewport.
std::vector<Vec2d> screenPoints(const Camera& c) {
    const double w = c.width(), h = c.height();
    return {{0, 0}, {w, h}, {w / 2, h / 2}, {0.5, h - 0.5}, {w * 0.3, h * 0.9}, {-50, 2 * h + 13}, {w + 1e3, -7}};
}

}  // namespace

TEST_CASE("worldToScreen and screenToWorld are inverse within 1e-6 px") {
    for (const auto& s : kSetups) {
        const Camera c = make(s);
        REQUIRE(c.width() == s.w);
        REQUIRE(c.scale() == s.scale);
        for (const Vec2d p : screenPoints(c)) {
            const Vec2d back = c.worldToScreen(c.screenToWorld(p));
            INFO(s.w << "x" << s.h << " scale " << s.scale << " at " << p.x << "," << p.y);
            CHECK(std::abs(back.x - p.x) < 1e-6);
            CHECK(std::abs(back.y - p.y) < 1e-6);
        }
        // The centre is the middle of the viewport; y grows downwards on screen and upwards in the world.
        const Vec2d mid = c.worldToScreen(s.centre);
        CHECK(mid.x == doctest::Approx(s.w / 2.0));
        CHECK(mid.y == doctest::Approx(s.h / 2.0));
        const Vec2d up = c.worldToScreen(s.centre + Vec2d{0, 10 / s.scale});
        CHECK(up.y == doctest::Approx(s.h / 2.0 - 10));
        const Vec2d right = c.worldToScreen(s.centre + Vec2d{10 / s.scale, 0});
        CHECK(right.x == doctest::Approx(s.w / 2.0 + 10));
    }
}

TEST_CASE("zoomAbout keeps the world point under the cursor") {
    for (const auto& s : kSetups)
        for (const double f : {2.0, 0.5, 1.1, 1 / 1.1, 37.0, 1e-2}) {
            Camera c = make(s);
            for (const Vec2d p : {Vec2d{s.w * 0.25, s.h * 0.75}, Vec2d{0, 0}, Vec2d{s.w * 1.0, s.h * 0.5}}) {
                const Vec2d before = c.screenToWorld(p);
                const double scaleBefore = c.scale();
                c.zoomAbout(p, f);
                const Vec2d after = c.screenToWorld(p);
                INFO(s.w << "x" << s.h << " scale " << s.scale << " factor " << f << " at " << p.x << "," << p.y);
                const double units = std::max({1.0, std::abs(before.x), std::abs(before.y)});
                CHECK(std::abs(after.x - before.x) <= 1e-6 * units);
                CHECK(std::abs(after.y - before.y) <= 1e-6 * units);
                const double expected = std::clamp(scaleBefore * f, Camera::kMinScale, Camera::kMaxScale);
                CHECK(c.scale() == doctest::Approx(expected).epsilon(1e-12));
            }
        }
}

TEST_CASE("panPixels moves every world point on screen by exactly the drag") {
    for (const auto& s : kSetups)
        for (const Vec2d d : {Vec2d{10, 0}, Vec2d{0, -25}, Vec2d{-3.5, 7.25}, Vec2d{500, 300}}) {
            Camera c = make(s);
            const Vec2d world = c.screenToWorld({s.w * 0.4, s.h * 0.6});
            const Vec2d before = c.worldToScreen(world);
            c.panPixels(d);
            const Vec2d after = c.worldToScreen(world);
            INFO(s.w << "x" << s.h << " scale " << s.scale << " drag " << d.x << "," << d.y);
            CHECK(std::abs(after.x - before.x - d.x) < 1e-6);
            CHECK(std::abs(after.y - before.y - d.y) < 1e-6);
            CHECK(c.scale() == s.scale);
        }
}

TEST_CASE("fit shows the whole box inside the padding, touching it on one side") {
    struct Case {
        int w, h;
        sv::Bbox box;
        double pad;
    };
    const Case cases[] = {
        {1200, 800, {2.46e6, 5.56e6, 4.47e6, 6.88e6}, 24},  // Ukraine-like in Web Mercator
        {800, 600, {0, 0, 1000, 10}, 10},                   // wide and flat: limited by width
        {800, 600, {0, 0, 10, 1000}, 10},                   // tall: limited by height
        {300, 300, {-50, -50, 50, 50}, 0},                  // square in a square: touches all four sides
        {1920, 1080, {-1e5, 2e5, 3e5, 2.5e5}, 40},
    };
    for (const auto& k : cases) {
        Camera c;
        c.setViewport(k.w, k.h);
        c.fit(k.box, k.pad);
        const Vec2d a = c.worldToScreen({k.box.minX, k.box.maxY}), b = c.worldToScreen({k.box.maxX, k.box.minY});
        INFO(k.w << "x" << k.h << " box " << k.box.minX << "," << k.box.minY << " " << k.box.maxX << "," << k.box.maxY);
        const double eps = 1e-6;
        CHECK(a.x >= k.pad - eps);
        CHECK(a.y >= k.pad - eps);
        CHECK(b.x <= k.w - k.pad + eps);
        CHECK(b.y <= k.h - k.pad + eps);
        const bool touchesX = std::abs(a.x - k.pad) < 1e-6 && std::abs(b.x - (k.w - k.pad)) < 1e-6;
        const bool touchesY = std::abs(a.y - k.pad) < 1e-6 && std::abs(b.y - (k.h - k.pad)) < 1e-6;
        CHECK((touchesX || touchesY));
        // Centred.
        CHECK(c.center().x == doctest::Approx(k.box.center().x));
        CHECK(c.center().y == doctest::Approx(k.box.center().y));
    }
    // An empty box leaves the camera as it was.
    Camera c;
    c.setViewport(100, 100);
    c.setCenter({5, 6});
    c.setScale(0.25);
    c.fit(sv::Bbox{});
    CHECK(c.center() == Vec2d{5, 6});
    CHECK(c.scale() == 0.25);
}

TEST_CASE("the scale is clamped to [kMinScale, kMaxScale] and rejects nonsense") {
    Camera c;
    c.setScale(1e-12);
    CHECK(c.scale() == Camera::kMinScale);
    c.setScale(1e6);
    CHECK(c.scale() == Camera::kMaxScale);
    c.setScale(0.5);
    c.setScale(0);
    CHECK(c.scale() == 0.5);
    c.setScale(-3);
    CHECK(c.scale() == 0.5);
    c.setScale(std::nan(""));
    CHECK(c.scale() == 0.5);
    c.setScale(INFINITY);
    CHECK(c.scale() == 0.5);

    // Zooming past the limits stops at them, with the point under the cursor still fixed.
    c.setViewport(800, 600);
    c.setCenter({1000, 2000});
    const Vec2d p{100, 100}, w = c.screenToWorld(p);
    c.zoomAbout(p, 1e9);
    CHECK(c.scale() == Camera::kMaxScale);
    CHECK(std::abs(c.screenToWorld(p).x - w.x) < 1e-6);
    CHECK(std::abs(c.screenToWorld(p).y - w.y) < 1e-6);
    c.zoomAbout(p, 1e-30);
    CHECK(c.scale() == Camera::kMinScale);
    CHECK(std::abs(c.screenToWorld(p).x - w.x) < 1e-6 * 2000);
    c.zoomAbout(p, 0);
    c.zoomAbout(p, -2);
    CHECK(c.scale() == Camera::kMinScale);

    // A non-finite centre is ignored too; a viewport is at least 1×1.
    c.setCenter({NAN, 0});
    CHECK(sv::isFinite(c.center()));
    c.setViewport(0, -5);
    CHECK(c.width() == 1);
    CHECK(c.height() == 1);
}

TEST_CASE("matrix(origin) maps world − origin to the clip coordinates of worldToScreen") {
    for (const auto& s : kSetups) {
        // Origins near the data, as the renderer's (the mesh origin is the centre of the map's extent).
        const Vec2d far{0.7 * s.w / s.scale, -0.4 * s.h / s.scale};
        for (const Vec2d origin : {s.centre, s.centre + Vec2d{12.0 / s.scale, -45.0 / s.scale}, s.centre + far}) {
            const Camera c = make(s);
            const auto& m = c.matrix(origin);
            CHECK(m[15] == 1.0f);
            const double w = s.w, h = s.h;
            for (const Vec2d p : {Vec2d{0, 0}, Vec2d{w, h}, Vec2d{w / 2, h / 2}, Vec2d{w * 0.3, h * 0.9},
                                  Vec2d{-w / 2, h * 1.5}}) {
                const Vec2d world = c.screenToWorld(p);
                const Vec2d screen = c.worldToScreen(world);
                const double wantX = screen.x / s.w * 2 - 1, wantY = 1 - screen.y / s.h * 2;
                // What the vertex shader does: float positions relative to the origin times the float matrix.
                const float dx = static_cast<float>(world.x - origin.x), dy = static_cast<float>(world.y - origin.y);
                const float gotX = m[0] * dx + m[4] * dy + m[12], gotY = m[1] * dx + m[5] * dy + m[13];
                const float gotW = m[3] * dx + m[7] * dy + m[15];
                INFO(s.w << "x" << s.h << " scale " << s.scale << " origin " << origin.x << "," << origin.y << " at "
                          << p.x << "," << p.y);
                CHECK(std::abs(gotX - wantX) < 1e-4);
                CHECK(std::abs(gotY - wantY) < 1e-4);
                CHECK(gotW == 1.0f);
            }
        }
    }
    // The cached matrix follows a camera change.
    Camera c = make(kSetups[1]);
    const float before = c.matrix({0, 0})[0];
    c.setScale(2.0);
    CHECK(c.matrix({0, 0})[0] == doctest::Approx(2 * before));
    c.panPixels({10, 0});
    CHECK(c.matrix({0, 0})[12] == doctest::Approx(10.0 / 800 * 2));
}
