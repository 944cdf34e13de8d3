// Keeping some features of a mesh (onlyFeatures: a one-frame render uploads only what its date draws), the
// renderer-only copies of a scenario's meshes dropped after upload, and the byte counts the benchmarks report.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "model/mesh.hpp"
#include "model/scenario.hpp"

using namespace sv;

namespace {

// Feature f: an axis-aligned square of side 1 + f at x = 10 f (two triangles, its own four vertices), except
// feature 1, a single triangle.
FillMesh threeFeatures() {
    FillMesh m;
    for (uint32_t f = 0; f < 3; ++f) {
        const auto base = static_cast<uint32_t>(m.vertices.size());
        const float x = 10.0f * f, s = 1.0f + f;
        m.features.push_back({static_cast<uint32_t>(m.indices.size()), f == 1 ? 3u : 6u});
        m.vertices.insert(m.vertices.end(), {{x, 0}, {x + s, 0}, {x + s, s}});
        if (f == 1) {
            m.indices.insert(m.indices.end(), {base, base + 1, base + 2});
        } else {
            m.vertices.push_back({x, s});
            m.indices.insert(m.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
        }
    }
    return m;
}

std::vector<Vec2f> corners(const FillMesh& m, MeshRange r) {
    std::vector<Vec2f> out;
    for (uint32_t i = r.first; i < r.first + r.count; ++i) out.push_back(m.vertices[m.indices[i]]);
    return out;
}

bool same(const std::vector<Vec2f>& a, const std::vector<Vec2f>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const bool nanA = std::isnan(a[i].x), nanB = std::isnan(b[i].x);
        if (nanA != nanB || (!nanA && (a[i].x != b[i].x || a[i].y != b[i].y))) return false;
    }
    return true;
}

// Segments a whole-batch line draw makes: consecutive points that are both real.
int segments(const std::vector<Vec2f>& pts, MeshRange r) {
    int n = 0;
    for (uint32_t i = r.first; i + 1 < r.first + r.count; ++i) n += !std::isnan(pts[i].x) && !std::isnan(pts[i + 1].x);
    return n;
}

Polygon square(double x, double s) { return Polygon{{{x, 0}, {x + s, 0}, {x + s, s}, {x, s}}, {}}; }

}  // namespace

TEST_CASE("onlyFeatures keeps the listed fill features' triangles, in place of their own index, and nothing else") {
    const FillMesh m = threeFeatures();
    const FillMesh kept = onlyFeatures(m, {2, 0});
    REQUIRE(kept.features.size() == 3);
    CHECK(kept.features[1].count == 0);
    for (uint32_t f : {0u, 2u}) {
        CAPTURE(f);
        CHECK(same(corners(kept, kept.features[f]), corners(m, m.features[f])));
        CHECK(triangleArea(kept, kept.features[f]) == doctest::Approx(double((1 + f) * (1 + f))));
    }
    CHECK(kept.vertices.size() == 8);  // the two squares' vertices, not the triangle's
    CHECK(kept.indices.size() == 12);
    CHECK(meshBytes(kept) == 8 * sizeof(Vec2f) + 12 * sizeof(uint32_t) + 3 * sizeof(MeshRange));

    const FillMesh none = onlyFeatures(m, {3, 99});  // out of range: ignored
    CHECK(none.features.size() == 3);
    CHECK(none.vertices.empty());
    CHECK(none.indices.empty());
    for (const auto& r : none.features) CHECK(r.count == 0);
}

TEST_CASE("onlyFeatures on lines: the kept outlines unchanged, and no segment joins one feature to the next") {
    LineMesh m;
    for (int f = 0; f < 3; ++f) appendOutline(m, MultiPolygon{square(10.0 * f, 1.0 + f)}, {0, 0});
    REQUIRE(m.features.size() == 3);
    const LineMesh kept = onlyFeatures(m, {2, 0});
    REQUIRE(kept.features.size() == 3);
    CHECK(kept.features[1].count == 0);
    for (uint32_t f : {0u, 2u}) {
        CAPTURE(f);
        const MeshRange a = kept.features[f], b = m.features[f];
        CHECK(same({kept.points.begin() + a.first, kept.points.begin() + a.first + a.count},
                   {m.points.begin() + b.first, m.points.begin() + b.first + b.count}));
    }
    // Each closed square is 4 segments; drawn whole, the kept points make exactly those 8 (feature 2's range begins
    // with the break appendOutline put before it; feature 0 after it needs one of its own).
    CHECK(segments(kept.points, {0, static_cast<uint32_t>(kept.points.size())}) == 8);
    CHECK(segments(m.points, m.features[0]) + segments(m.points, m.features[2]) == 8);
}

TEST_CASE("dropUploaded frees what only the upload reads, keeps the zone fills transitions rasterise, and the byte count") {
    PreparedScenario p;
    p.zoneFills = threeFeatures();
    p.gains = threeFeatures();
    p.losses = threeFeatures();
    for (int f = 0; f < 2; ++f) {
        appendOutline(p.zoneOutlines, MultiPolygon{square(10.0 * f, 1)}, {0, 0});
        appendOutline(p.gainOutlines, MultiPolygon{square(10.0 * f, 1)}, {0, 0});
        appendOutline(p.lossOutlines, MultiPolygon{square(10.0 * f, 1)}, {0, 0});
        appendLines(p.fronts, {{{0, 0}, {1, 1}}}, {0, 0});
    }
    const std::size_t before = p.bytes();
    CHECK(before == 3 * meshBytes(threeFeatures()) + meshBytes(p.zoneOutlines) + meshBytes(p.gainOutlines) +
                        meshBytes(p.lossOutlines) + meshBytes(p.fronts));
    p.dropUploaded(before - meshBytes(p.zoneFills));  // all of them went to GL
    CHECK(p.bytes() == before);  // still held, by GL now
    CHECK(p.gains.vertices.empty());
    CHECK(p.losses.indices.empty());
    CHECK(p.gainOutlines.points.empty());
    CHECK(p.lossOutlines.points.empty());
    CHECK(p.zoneOutlines.points.empty());
    CHECK(p.fronts.points.empty());
    CHECK(p.zoneFills.vertices.size() == threeFeatures().vertices.size());
    CHECK(p.uploadedOnly == before - meshBytes(threeFeatures()));
    // A one-frame render put only part of them in GL: only that part is counted.
    p.dropUploaded(100);
    CHECK(p.bytes() == meshBytes(threeFeatures()) + 100);
}

TEST_CASE("Scenario::derivedBytes counts the points of every frame's gained and lost polygons and front") {
    Scenario sc;
    sc.derived.resize(2);
    sc.derived[0].gained = MultiPolygon{square(0, 1)};                                     // 4 points
    sc.derived[1].lost = MultiPolygon{Polygon{{{0, 0}, {1, 0}, {0, 1}}, {{{0.1, 0.1}, {0.2, 0.1}, {0.1, 0.2}}}}};  // 3 + 3
    sc.derived[1].front = {{{0, 0}, {5, 5}}};                                                // 2
    CHECK(sc.derivedBytes() == 12 * sizeof(Vec2d));
}
