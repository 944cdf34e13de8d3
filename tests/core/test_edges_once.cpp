// Boundaries drawn once (model/mesh.hpp: edgesOnce, finishMeshes): two neighbouring areas both carry their common
// boundary in their outlines; the base map draws it once, and the regions' outer edge not at all (the national
// border is drawn there). Checked as segment sets: what comes out, how often, and where polylines break.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <map>
#include <utility>
#include <vector>

#include "geo/map_loader.hpp"
#include "model/loaded_map.hpp"
#include "model/mesh.hpp"
#include "model/snapshot.hpp"

using sv::LineMesh;
using sv::Vec2f;

namespace {

const float kNaN = std::numeric_limits<float>::quiet_NaN();

using Seg = std::pair<std::pair<float, float>, std::pair<float, float>>;
Seg seg(Vec2f a, Vec2f b) {
    std::pair<float, float> p{a.x, a.y}, q{b.x, b.y};
    return p < q ? Seg{p, q} : Seg{q, p};
}

// Every segment of the mesh (point i to i+1, neither a break) with how often it occurs.
std::map<Seg, int> segments(const LineMesh& m) {
    std::map<Seg, int> out;
    for (std::size_t i = 0; i + 1 < m.points.size(); ++i)
        if (!std::isnan(m.points[i].x) && !std::isnan(m.points[i + 1].x)) ++out[seg(m.points[i], m.points[i + 1])];
    return out;
}

int polylines(const LineMesh& m) {
    int n = 0;
    bool in = false;
    for (const Vec2f& p : m.points) {
        if (std::isnan(p.x)) in = false;
        else if (!in) in = true, ++n;
    }
    return n;
}

// Adds a closed ring as one feature, a break before it when the mesh is not empty.
void addRing(LineMesh& m, std::vector<Vec2f> ring) {
    if (!m.points.empty()) m.points.push_back({kNaN, kNaN});
    const auto first = static_cast<uint32_t>(m.points.size());
    ring.push_back(ring.front());
    m.points.insert(m.points.end(), ring.begin(), ring.end());
    m.features.push_back({first, static_cast<uint32_t>(m.points.size()) - first});
}

// A k×k grid of unit squares, each its own ring (counter-clockwise, so neighbours run their common edge in
// opposite directions).
LineMesh grid(int k) {
    LineMesh m;
    for (int y = 0; y < k; ++y)
        for (int x = 0; x < k; ++x) {
            const float fx = float(x), fy = float(y);
            addRing(m, {{fx, fy}, {fx + 1, fy}, {fx + 1, fy + 1}, {fx, fy + 1}});
        }
    return m;
}

}  // namespace

TEST_CASE("edgesOnce: two squares sharing an edge") {
    LineMesh m;
    addRing(m, {{0, 0}, {1, 0}, {1, 1}, {0, 1}});
    addRing(m, {{1, 0}, {2, 0}, {2, 1}, {1, 1}});
    REQUIRE(segments(m).size() == 7);

    SUBCASE("without the outer edge: only the shared one, once") {
        const LineMesh e = sv::edgesOnce(m, false);
        const auto s = segments(e);
        REQUIRE(s.size() == 1);
        CHECK(s.begin()->first == seg({1, 0}, {1, 1}));
        CHECK(s.begin()->second == 1);
        REQUIRE(e.features.size() == 1);
        CHECK(e.features[0].first == 0);
        CHECK(e.features[0].count == e.points.size());
    }
    SUBCASE("with it: all seven segments, each once") {
        const auto s = segments(sv::edgesOnce(m, true));
        CHECK(s.size() == 7);
        for (const auto& [k, n] : s) CHECK(n == 1);
        CHECK(s == [&] {
            auto all = segments(m);
            for (auto& [k, n] : all) n = 1;
            return all;
        }());
    }
}

TEST_CASE("edgesOnce: a grid of squares, shared edges in either direction") {
    for (const int k : {1, 2, 5}) {
        INFO("grid " << k << "x" << k);
        const LineMesh m = grid(k);
        const auto inner = segments(sv::edgesOnce(m, false));
        const auto all = segments(sv::edgesOnce(m, true));
        CHECK(inner.size() == std::size_t(2 * k * (k - 1)));  // interior grid lines
        CHECK(all.size() == std::size_t(2 * k * (k - 1) + 4 * k));
        for (const auto& [s, n] : all) CHECK(n == 1);
        for (const auto& [s, n] : inner) CHECK(segments(m).at(s) == 2);
    }
}

TEST_CASE("edgesOnce: a shared boundary of many points stays one polyline, breaks are not bridged") {
    // Two areas sharing a zigzag of five points; a third, separate square shares nothing.
    const std::vector<Vec2f> zig{{0, 0}, {1, 0.5f}, {2, 0}, {3, 0.5f}, {4, 0}};
    std::vector<Vec2f> a = zig, b(zig.rbegin(), zig.rend());
    a.push_back({4, -2}), a.push_back({0, -2});
    b.push_back({0, 2}), b.push_back({4, 2});
    LineMesh m;
    addRing(m, a);
    addRing(m, b);
    addRing(m, {{10, 10}, {11, 10}, {11, 11}, {10, 11}});
    const LineMesh inner = sv::edgesOnce(m, false);
    CHECK(polylines(inner) == 1);
    CHECK(inner.points.size() == 5);
    CHECK(segments(inner).size() == 4);
    const LineMesh all = sv::edgesOnce(m, true);
    CHECK(segments(all).size() == 4 + 3 + 3 + 4);
    // The separate square is not joined to the others: no segment ends there from outside it.
    for (const auto& [s, n] : segments(all)) {
        const bool inSquare = s.first.first >= 10, toSquare = s.second.first >= 10;
        CHECK(inSquare == toSquare);
    }
}

TEST_CASE("the built-in oblasts: each boundary between two drawn once, the outer edge left to the national border") {
    const sv::LoadedMap map = sv::geo::loadMap(sv::builtinSources());
    REQUIRE(map.errors.empty());
    const auto outlines = segments(map.meshes.regionOutlines);
    const auto edges = segments(map.meshes.regionEdges);
    std::size_t shared = 0, total = 0;
    for (const auto& [s, n] : outlines) shared += n >= 2, total += std::size_t(n);
    CHECK(edges.size() == shared);
    for (const auto& [s, n] : edges) {
        CHECK(n == 1);
        CHECK(outlines.at(s) >= 2);
    }
    // What the saving is for: fewer than half the segments the outlines have.
    CHECK(edges.size() * 2 < total);
    // The context layer keeps its coast and outer edges, shared borders once.
    const auto ctx = segments(map.meshes.contextEdges);
    CHECK(ctx.size() == segments(map.meshes.contextOutlines).size());
    for (const auto& [s, n] : ctx) CHECK(n == 1);

    SUBCASE("a map read back from the prepared-data cache has the same edges") {
        auto back = sv::decodeSnapshot(sv::encodeSnapshot(map));
        REQUIRE(back);
        CHECK(segments(back->meshes.regionEdges) == edges);
        CHECK(segments(back->meshes.contextEdges) == ctx);
        // Kept, not derived again: the same polylines in the same order, and the fills' triangles in the order
        // finishMeshes sorted them (map order, for culling by blocks).
        CHECK(back->meshes.regionEdges.points.size() == map.meshes.regionEdges.points.size());
        CHECK(back->meshes.regionsFill.indices == map.meshes.regionsFill.indices);
        CHECK(back->meshes.contextFill.indices == map.meshes.contextFill.indices);
        CHECK(back->meshes.regionsFill.indices == sv::spatiallySorted(back->meshes.regionsFill));
    }
}
