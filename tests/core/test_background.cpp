// The background's share of the map (PreparedMap::backgroundFill, geo/map_loader.cpp): within its box, every point
// is covered by the background fill exactly when no land fill (the neighbours' union, the regions' union) covers it.
// Checked on the built-in map at 40,000 points of a grid over the box, with each fill's own triangles.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "geo/map_loader.hpp"
#include "model/loaded_map.hpp"
#include "model/snapshot.hpp"

namespace {

// Which triangles of a fill mesh may hold a point: triangles listed in every cell of a grid their box meets.
class TriangleIndex {
public:
    TriangleIndex(const sv::FillMesh& m, const sv::Bbox& box, int cells) : m_(m), box_(box), n_(cells), cells_(cells * cells) {
        for (std::size_t t = 0; t + 2 < m.indices.size(); t += 3) {
            sv::Bbox tb;
            for (int k = 0; k < 3; ++k) tb.add(vertex(t + k));
            const int x0 = cell(tb.minX, box.minX, box.maxX), x1 = cell(tb.maxX, box.minX, box.maxX);
            const int y0 = cell(tb.minY, box.minY, box.maxY), y1 = cell(tb.maxY, box.minY, box.maxY);
            for (int y = y0; y <= y1; ++y)
                for (int x = x0; x <= x1; ++x) cells_[static_cast<std::size_t>(y * n_ + x)].push_back(t);
        }
    }
    bool covers(sv::Vec2d p) const {
        const auto& list = cells_[static_cast<std::size_t>(cell(p.y, box_.minY, box_.maxY) * n_ + cell(p.x, box_.minX, box_.maxX))];
        for (std::size_t t : list) {
            const sv::Vec2d a = vertex(t), b = vertex(t + 1), c = vertex(t + 2);
            const double d1 = cross(a, b, p), d2 = cross(b, c, p), d3 = cross(c, a, p);
            if ((d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0)) return true;
        }
        return false;
    }

private:
    sv::Vec2d vertex(std::size_t i) const {
        const sv::Vec2f v = m_.vertices[m_.indices[i]];
        return {v.x, v.y};
    }
    static double cross(sv::Vec2d a, sv::Vec2d b, sv::Vec2d p) { return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x); }
    int cell(double v, double lo, double hi) const {
        const int c = static_cast<int>(std::floor((v - lo) / (hi - lo) * n_));
        return std::clamp(c, 0, n_ - 1);
    }
    const sv::FillMesh& m_;
    sv::Bbox box_;
    int n_;
    std::vector<std::vector<std::size_t>> cells_;
};

}  // namespace

TEST_CASE("the background fill covers exactly what no land fill covers, within its box") {
    sv::MapSources src = sv::builtinSources();
    src.scenario.clear();
    const sv::LoadedMap map = sv::geo::loadMap(src);
    REQUIRE(map.errors.empty());
    const sv::PreparedMap& m = map.meshes;
    REQUIRE_FALSE(m.backgroundFill.indices.empty());
    REQUIRE_FALSE(m.backgroundBox.empty());
    // The box holds the regions with their own extent again on every side.
    const sv::Bbox regions = sv::bounds(map.data.outline);
    CHECK(m.backgroundBox.contains(regions));
    CHECK(m.backgroundBox.width() == doctest::Approx(regions.width() + 2 * std::max(regions.width(), regions.height())));

    // Mesh coordinates are relative to the origin.
    sv::Bbox box;
    box.add(sv::Vec2d{m.backgroundBox.minX - m.origin.x, m.backgroundBox.minY - m.origin.y});
    box.add(sv::Vec2d{m.backgroundBox.maxX - m.origin.x, m.backgroundBox.maxY - m.origin.y});
    const TriangleIndex background(m.backgroundFill, box, 64), context(m.contextFill, box, 64), land(m.regionsFill, box, 64);
    int sea = 0, ground = 0, wrong = 0;
    constexpr int kSide = 200;
    for (int j = 0; j < kSide; ++j)
        for (int i = 0; i < kSide; ++i) {
            // Off the grid lines of the triangulation cells (whole fractions of the box): an irrational offset.
            const sv::Vec2d p{box.minX + (i + 0.5 + 0.1 * std::sqrt(2.0)) / kSide * box.width(),
                              box.minY + (j + 0.5 + 0.1 * std::sqrt(3.0)) / kSide * box.height()};
            const bool isLand = context.covers(p) || land.covers(p), isBackground = background.covers(p);
            (isLand ? ground : sea) += 1;
            wrong += isLand == isBackground;
        }
    INFO("land " << ground << ", background " << sea);
    // Points exactly on a shared edge could count for both sides; none fell there.
    CHECK(wrong == 0);
    // Both are there in earnest: the Black Sea and the seas around, and the land.
    CHECK(sea > kSide * kSide / 10);
    CHECK(ground > kSide * kSide / 3);

    SUBCASE("kept by the prepared-data cache as it was made") {
        auto back = sv::decodeSnapshot(sv::encodeSnapshot(map));
        REQUIRE(back);
        CHECK(back->meshes.backgroundFill.indices == m.backgroundFill.indices);
        CHECK(back->meshes.backgroundFill.vertices.size() == m.backgroundFill.vertices.size());
        CHECK(back->meshes.backgroundBox.minX == m.backgroundBox.minX);
        CHECK(back->meshes.backgroundBox.maxY == m.backgroundBox.maxY);
    }
}

TEST_CASE("no context layer, no background fill: the renderer keeps the background-coloured clear") {
    sv::MapSources src = sv::builtinSources();
    src.context.clear(), src.scenario.clear();
    const sv::LoadedMap map = sv::geo::loadMap(src);
    REQUIRE(map.errors.empty());
    CHECK(map.meshes.backgroundFill.indices.empty());
    CHECK(map.meshes.backgroundBox.empty());
}
