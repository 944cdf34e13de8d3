// Lines thinned for a zoom (model/mesh.hpp: appendThinned, thinned): what the renderer draws instead of every point
// when steps fall below half a pixel. Properties, not a recorded output: ends kept, kept steps at least the minimum,
// every left-out point within the minimum of the point kept before it, polyline breaks and feature ranges intact.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "model/mesh.hpp"

using sv::LineMesh;
using sv::MeshRange;
using sv::Vec2f;

namespace {

const float kNaN = std::numeric_limits<float>::quiet_NaN();
bool isBreak(Vec2f p) { return std::isnan(p.x); }
double dist(Vec2f a, Vec2f b) { return std::hypot(double(a.x) - b.x, double(a.y) - b.y); }
bool same(Vec2f a, Vec2f b) { return a.x == b.x && a.y == b.y; }

// A wiggly polyline of n points, `spacing` apart on average.
std::vector<Vec2f> wiggle(int n, float spacing, float x0 = 0) {
    std::vector<Vec2f> pts;
    for (int i = 0; i < n; ++i)
        pts.push_back({x0 + spacing * i, 3.0f * std::sin(0.37f * i) + (i % 7 == 0 ? 0.8f : 0.0f)});
    return pts;
}

// Checks `out` against `in` (one polyline, no breaks) for minimum step `step`.
void checkThinned(const std::vector<Vec2f>& in, const std::vector<Vec2f>& out, double step) {
    REQUIRE(!out.empty());
    CHECK(same(out.front(), in.front()));
    CHECK(same(out.back(), in.back()));
    for (std::size_t i = 1; i + 1 < out.size(); ++i) CHECK(dist(out[i - 1], out[i]) >= step);
    // Every input point is either kept or within `step` of the last kept point before it, and kept points keep
    // their order.
    std::size_t k = 0;
    for (const Vec2f& p : in) {
        if (k + 1 < out.size() && same(out[k + 1], p)) {
            ++k;
            continue;
        }
        if (!same(out[k], p)) CHECK(dist(out[k], p) < step);
    }
    CHECK(k + 1 == out.size());
}

}  // namespace

TEST_CASE("appendThinned: ends kept, kept steps at least the minimum, left-out points within it") {
    const auto in = wiggle(2000, 0.1f);
    for (const double step : {0.05, 0.25, 1.0, 4.0}) {
        INFO("step " << step);
        std::vector<Vec2f> out;
        sv::appendThinned(out, in.size(), step, [&](std::size_t i) { return in[i]; });
        checkThinned(in, out, step);
        if (step > 0.2) CHECK(out.size() < in.size());
    }
    // Nothing to leave out: every point, in order.
    std::vector<Vec2f> all;
    sv::appendThinned(all, in.size(), 0.0, [&](std::size_t i) { return in[i]; });
    REQUIRE(all.size() == in.size());
    for (std::size_t i = 0; i < in.size(); ++i) CHECK(same(all[i], in[i]));
    // A polyline shorter than the step keeps its two ends; a single point stays one point.
    const std::vector<Vec2f> tiny = {{0, 0}, {0.1f, 0}, {0.2f, 0}};
    std::vector<Vec2f> t;
    sv::appendThinned(t, tiny.size(), 10.0, [&](std::size_t i) { return tiny[i]; });
    REQUIRE(t.size() == 2);
    CHECK(same(t[0], tiny[0]));
    CHECK(same(t[1], tiny[2]));
    std::vector<Vec2f> one;
    sv::appendThinned(one, 1, 10.0, [&](std::size_t) { return Vec2f{5, 5}; });
    CHECK(one.size() == 1);
}

TEST_CASE("thinned: NaN breaks and feature ranges survive, points outside features are kept") {
    // Feature 0: two polylines (a break between); then 3 points in no feature; feature 1: one polyline.
    LineMesh m;
    const auto a = wiggle(500, 0.1f), b = wiggle(300, 0.1f, 100), c = wiggle(400, 0.1f, 200);
    m.points.insert(m.points.end(), a.begin(), a.end());
    m.points.push_back({kNaN, kNaN});
    m.points.insert(m.points.end(), b.begin(), b.end());
    m.features.push_back({0, static_cast<uint32_t>(m.points.size())});
    const std::vector<Vec2f> loose = {{-5, -5}, {-5, -4.9f}, {-4.9f, -4.9f}};
    m.points.insert(m.points.end(), loose.begin(), loose.end());
    const auto cFirst = static_cast<uint32_t>(m.points.size());
    m.points.insert(m.points.end(), c.begin(), c.end());
    m.features.push_back({cFirst, static_cast<uint32_t>(c.size())});

    const double step = 1.0;
    const LineMesh t = sv::thinned(m, step);
    REQUIRE(t.features.size() == 2);
    const MeshRange f0 = t.features[0], f1 = t.features[1];
    // Feature 0: exactly one break, each side thinned as its own polyline.
    std::vector<Vec2f> part1, part2;
    bool afterBreak = false;
    int breaks = 0;
    for (uint32_t i = f0.first; i < f0.first + f0.count; ++i) {
        if (isBreak(t.points[i])) {
            ++breaks, afterBreak = true;
            continue;
        }
        (afterBreak ? part2 : part1).push_back(t.points[i]);
    }
    CHECK(breaks == 1);
    checkThinned(a, part1, step);
    checkThinned(b, part2, step);
    // The loose points sit between the two features, thinned like any polyline (ends kept).
    REQUIRE(f1.first >= f0.first + f0.count + 2);
    CHECK(same(t.points[f0.first + f0.count], loose.front()));
    CHECK(same(t.points[f1.first - 1], loose.back()));
    // Feature 1.
    std::vector<Vec2f> part3(t.points.begin() + f1.first, t.points.begin() + f1.first + f1.count);
    checkThinned(c, part3, step);
    CHECK(f1.first + f1.count == t.points.size());
    // And a step of 0 gives the mesh back unchanged.
    const LineMesh same0 = sv::thinned(m, 0.0);
    REQUIRE(same0.points.size() == m.points.size());
    for (std::size_t i = 0; i < m.points.size(); ++i)
        CHECK((same(same0.points[i], m.points[i]) || (isBreak(same0.points[i]) && isBreak(m.points[i]))));
    CHECK(same0.features[1].first == m.features[1].first);
}

namespace {

// Distance from p to the segment a-b (to a when they coincide).
double toSegment(Vec2f p, Vec2f a, Vec2f b) {
    const double dx = double(b.x) - a.x, dy = double(b.y) - a.y, len2 = dx * dx + dy * dy;
    const double px = double(p.x) - a.x, py = double(p.y) - a.y;
    const double t = len2 > 0 ? std::clamp((px * dx + py * dy) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(px - t * dx, py - t * dy);
}

// `out` is `in` (one polyline) with points left out: the ends kept, the order kept, and every left-out point within
// `tol` of the kept segment drawn in its place.
void checkSimplified(const std::vector<Vec2f>& in, const std::vector<Vec2f>& out, double tol) {
    REQUIRE(out.size() >= 2);
    CHECK(same(out.front(), in.front()));
    CHECK(same(out.back(), in.back()));
    std::size_t k = 0;  // out[k] is the last kept point seen
    for (std::size_t i = 1; i < in.size(); ++i) {
        if (k + 1 < out.size() && same(out[k + 1], in[i])) {
            ++k;
            continue;
        }
        REQUIRE(k + 1 < out.size());
        CHECK(toSegment(in[i], out[k], out[k + 1]) <= tol);
    }
    CHECK(k + 1 == out.size());
}

}  // namespace

TEST_CASE("simplifyInPlace: left-out points within the tolerance of the line drawn instead, ends and breaks kept") {
    // A straight run of 1,000 points, a wiggle, a break, a zigzag larger than the tolerance.
    std::vector<Vec2f> straight, zigzag;
    for (int i = 0; i < 1000; ++i) straight.push_back({0.25f * i, 2.0f + 0.001f * (i % 3)});
    for (int i = 0; i < 40; ++i) zigzag.push_back({float(i), i % 2 ? 1.0f : -1.0f});
    const auto wig = wiggle(800, 0.1f, 300);
    std::vector<Vec2f> pts = straight;
    pts.insert(pts.end(), wig.begin(), wig.end());  // one polyline: the straight run, then the wiggle
    pts.push_back({kNaN, kNaN});
    pts.insert(pts.end(), zigzag.begin(), zigzag.end());
    const std::vector<Vec2f> first(pts.begin(), pts.begin() + 1800);

    const double tol = 0.5;
    auto work = pts;
    work.push_back({7, 7});  // beyond `end`: untouched by the call
    const std::size_t end = sv::simplifyInPlace(work, 0, pts.size(), tol);
    REQUIRE(end <= pts.size());
    std::size_t brk = 0;
    while (brk < end && !isBreak(work[brk])) ++brk;
    REQUIRE(brk < end);  // the break is still there
    const std::vector<Vec2f> a(work.begin(), work.begin() + brk), b(work.begin() + brk + 1, work.begin() + end);
    checkSimplified(first, a, tol);
    // The straight run collapses to the ends of its 256-point spans (before its last point, where the wiggle starts).
    CHECK(a.size() < 200);
    std::vector<float> keptOnRun;
    for (const Vec2f& p : a)
        if (p.x < straight[998].x) keptOnRun.push_back(p.x);
    CHECK(keptOnRun == std::vector<float>{straight[0].x, straight[256].x, straight[512].x, straight[768].x});
    // Each zigzag corner is 2 units off the line through its neighbours: all 40 stay.
    CHECK(b.size() == zigzag.size());
    checkSimplified(zigzag, b, tol);

    // tolerance 0: nothing changes; a span that is one or two points stays as it is.
    auto same0 = pts;
    CHECK(sv::simplifyInPlace(same0, 0, same0.size(), 0.0) == pts.size());
    std::vector<Vec2f> two = {{0, 0}, {5, 5}};
    CHECK(sv::simplifyInPlace(two, 0, 2, 10.0) == 2);
}

TEST_CASE("simplifyInPlace: a closed ring keeps its corners") {
    // A 10 x 10 square walked in steps of 0.5, closed (last point = first).
    std::vector<Vec2f> ring;
    const Vec2f corners[] = {{0, 0}, {10, 0}, {10, 10}, {0, 10}};
    for (int side = 0; side < 4; ++side) {
        const Vec2f a = corners[side], b = corners[(side + 1) % 4];
        for (int i = 0; i < 20; ++i) ring.push_back({a.x + (b.x - a.x) * i / 20.0f, a.y + (b.y - a.y) * i / 20.0f});
    }
    ring.push_back(ring.front());
    auto work = ring;
    const std::size_t end = sv::simplifyInPlace(work, 0, work.size(), 0.1);
    REQUIRE(end == 5);
    for (int i = 0; i < 4; ++i) CHECK(same(work[i], corners[i]));
    CHECK(same(work[4], corners[0]));
}

TEST_CASE("thinned with a tolerance: feature ranges map to the simplified points") {
    LineMesh m;
    const auto a = wiggle(500, 0.1f);
    std::vector<Vec2f> line;
    for (int i = 0; i < 200; ++i) line.push_back({200.0f + i, 50.0f});
    m.points = a;
    m.features.push_back({0, static_cast<uint32_t>(a.size())});
    m.points.insert(m.points.end(), line.begin(), line.end());
    m.features.push_back({static_cast<uint32_t>(a.size()), static_cast<uint32_t>(line.size())});
    const LineMesh t = sv::thinned(m, 0.2, 0.5);
    REQUIRE(t.features.size() == 2);
    const std::vector<Vec2f> ta(t.points.begin() + t.features[0].first,
                                t.points.begin() + t.features[0].first + t.features[0].count);
    // Thinned to steps of 0.2 first, then simplified: within the step plus the tolerance of the original.
    checkSimplified(a, ta, 0.2 + 0.5);
    CHECK(ta.size() < sv::thinned(m, 0.2).features[0].count);
    // The straight feature is its two ends.
    REQUIRE(t.features[1].count == 2);
    CHECK(same(t.points[t.features[1].first], line.front()));
    CHECK(same(t.points[t.features[1].first + 1], line.back()));
    CHECK(t.features[1].first + 2 == t.points.size());
}

TEST_CASE("simplifyInPlace: a long polyline goes in spans of 256 points, whose ends stay") {
    // 1,000 points on a straight line: within one span all but the ends would go; the span ends 256, 512, 768 stay.
    std::vector<Vec2f> line;
    for (int i = 0; i < 1000; ++i) line.push_back({float(i), 0.0f});
    const std::size_t end = sv::simplifyInPlace(line, 0, line.size(), 0.5);
    REQUIRE(end == 5);
    const float xs[] = {0, 256, 512, 768, 999};
    for (int i = 0; i < 5; ++i) CHECK(line[i].x == xs[i]);
}
