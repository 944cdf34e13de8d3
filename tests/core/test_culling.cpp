// Culling by blocks (model/mesh.hpp): whole-batch draws leave out blocks of segments or triangles whose box misses
// the view. What must hold: everything that meets the view is still drawn, fills keep their triangles and ranges
// when reordered for compact blocks, and a small view draws a small part.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <vector>

#include "model/mesh.hpp"

using sv::Box2f;
using sv::FillMesh;
using sv::MeshRange;
using sv::Vec2f;

namespace {

const float kNaN = std::numeric_limits<float>::quiet_NaN();

Box2f boxOf(std::initializer_list<Vec2f> pts) {
    Box2f b{1e30f, 1e30f, -1e30f, -1e30f};
    for (const Vec2f p : pts)
        b.minX = std::min(b.minX, p.x), b.minY = std::min(b.minY, p.y), b.maxX = std::max(b.maxX, p.x),
        b.maxY = std::max(b.maxY, p.y);
    return b;
}

bool inRanges(const std::vector<MeshRange>& rs, uint32_t first, uint32_t count) {
    for (const MeshRange& r : rs)
        if (first >= r.first && first + count <= r.first + r.count) return true;
    return false;
}

// A grid of k×k unit squares, two triangles each, in shuffled order; one feature range per row of squares.
FillMesh shuffledGrid(int k, unsigned seed) {
    FillMesh m;
    for (int y = 0; y <= k; ++y)
        for (int x = 0; x <= k; ++x) m.vertices.push_back({float(x), float(y)});
    auto v = [&](int x, int y) { return static_cast<uint32_t>(y * (k + 1) + x); };
    std::mt19937 rng(seed);
    for (int y = 0; y < k; ++y) {
        std::vector<std::array<uint32_t, 3>> tris;
        for (int x = 0; x < k; ++x) {
            tris.push_back({v(x, y), v(x + 1, y), v(x + 1, y + 1)});
            tris.push_back({v(x, y), v(x + 1, y + 1), v(x, y + 1)});
        }
        std::shuffle(tris.begin(), tris.end(), rng);
        const auto first = static_cast<uint32_t>(m.indices.size());
        for (const auto& t : tris) m.indices.insert(m.indices.end(), t.begin(), t.end());
        m.features.push_back({first, static_cast<uint32_t>(m.indices.size()) - first});
    }
    return m;
}

}  // namespace

TEST_CASE("line blocks: every segment that meets the view is in a drawn range, far blocks are not") {
    // A zigzag along x from 0 to 999 with a break (NaN) every 100 points.
    std::vector<Vec2f> pts;
    for (int i = 0; i < 1000; ++i) {
        if (i % 100 == 0 && i) pts.push_back({kNaN, kNaN});
        pts.push_back({float(i), float(i % 2)});
    }
    const uint32_t per = 16;
    const auto blocks = sv::lineBlockBoxes(pts, per);
    CHECK(blocks.size() == (pts.size() - 1 + per - 1) / per);
    for (const Box2f& b : blocks) CHECK_FALSE(std::isnan(b.minX));  // breaks do not poison a box
    for (const Box2f view : {Box2f{250, -1, 260, 2}, Box2f{-5, 0, 0.5f, 0.2f}, Box2f{998.5f, 0, 2000, 1}, Box2f{0, 0, 999, 1}}) {
        const auto ranges = sv::visibleLineRanges(blocks, per, static_cast<uint32_t>(pts.size()), view);
        std::size_t drawn = 0;
        for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
            if (std::isnan(pts[i].x) || std::isnan(pts[i + 1].x)) continue;
            if (boxOf({pts[i], pts[i + 1]}).meets(view)) CHECK(inRanges(ranges, static_cast<uint32_t>(i), 2));
        }
        for (const MeshRange& r : ranges) {
            CHECK(r.count >= 2);
            CHECK(r.first + r.count <= pts.size());
            drawn += r.count - 1;
        }
        INFO("view x " << view.minX << ".." << view.maxX << ": " << drawn << " segments drawn");
        if (view.maxX - view.minX < 20) CHECK(drawn <= 3 * per);  // a narrow view: a block or two
    }
    // A view that meets nothing draws nothing.
    CHECK(sv::visibleLineRanges(blocks, per, static_cast<uint32_t>(pts.size()), Box2f{0, 5, 999, 6}).empty());
}

TEST_CASE("fill blocks: sorting keeps every triangle in its range and makes blocks compact") {
    const FillMesh m = shuffledGrid(40, 3);
    const std::vector<uint32_t> sorted = sv::spatiallySorted(m);
    REQUIRE(sorted.size() == m.indices.size());
    for (const MeshRange& r : m.features) {
        std::multiset<std::array<uint32_t, 3>> before, after;
        for (uint32_t i = r.first; i < r.first + r.count; i += 3) {
            before.insert({m.indices[i], m.indices[i + 1], m.indices[i + 2]});  // winding kept: compare as stored
            after.insert({sorted[i], sorted[i + 1], sorted[i + 2]});
        }
        CHECK(before == after);
    }
    // Compactness: the blocks' boxes of the sorted order cover far less area than the shuffled order's. (One row
    // per range keeps rows apart in both, so the gain is along x.)
    const uint32_t per = 8;
    auto area = [&](const std::vector<uint32_t>& idx) {
        double a = 0;
        for (const Box2f& b : sv::fillBlockBoxes(m.vertices, idx, per)) a += double(b.maxX - b.minX) * (b.maxY - b.minY);
        return a;
    };
    INFO("block area shuffled " << area(m.indices) << ", sorted " << area(sorted));
    CHECK(area(sorted) * 4 < area(m.indices));

    // Every triangle meeting a view is in a drawn range; a small view draws few of the 3,200.
    const auto blocks = sv::fillBlockBoxes(m.vertices, sorted, per);
    const Box2f view{10.2f, 10.2f, 12.8f, 12.8f};
    const auto ranges = sv::visibleFillRanges(blocks, per, static_cast<uint32_t>(sorted.size()), view);
    std::size_t drawn = 0;
    for (const MeshRange& r : ranges) drawn += r.count / 3;
    for (uint32_t i = 0; i + 2 < sorted.size(); i += 3)
        if (boxOf({m.vertices[sorted[i]], m.vertices[sorted[i + 1]], m.vertices[sorted[i + 2]]}).meets(view))
            CHECK(inRanges(ranges, i, 3));
    INFO(drawn << " of " << sorted.size() / 3 << " triangles drawn");
    CHECK(drawn < sorted.size() / 3 / 8);
}
