// GEOS operations (geo/geos_ops.hpp): triangulation whole and tiled, checked by area and by where the triangles
// lie; MakeValid repair, union, label points. On hand-made shapes with known areas and on Ukraine's regions.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "geo/geos_ops.hpp"
#include "geo/map_loader.hpp"

using sv::MultiPolygon;
using sv::Polygon;
using sv::Ring;
using sv::Vec2d;
using sv::geo::Geos;
using sv::geo::Triangulation;

namespace {

Ring rect(double x0, double y0, double x1, double y1) { return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}; }

Ring shifted(Ring r, Vec2d by) {
    for (auto& p : r) p = p + by;
    return r;
}

// A square with two square holes, a concave L-shaped part beside it and a small square far away, moved by `o`.
// Area by hand: 100² − 20² − 20·40 + (80·30 + 30·70) + 10² = 13400.
MultiPolygon testShape(Vec2d o = {}) {
    Polygon holed{shifted(rect(0, 0, 100, 100), o), {shifted(rect(10, 10, 30, 30), o), shifted(rect(60, 50, 80, 90), o)}};
    Polygon ell{shifted({{120, 0}, {200, 0}, {200, 30}, {150, 30}, {150, 100}, {120, 100}}, o), {}};
    Polygon far{shifted(rect(1000, 1000, 1010, 1010), o), {}};
    return {holed, ell, far};
}
constexpr double kTestShapeArea = 13400.0;

bool insideAnyHole(const MultiPolygon& mp, Vec2d p) {
    for (const auto& poly : mp)
        for (const auto& h : poly.holes)
            if (sv::pointInRing(h, p)) return true;
    return false;
}

double triangleArea(Vec2d a, Vec2d b, Vec2d c) { return std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2; }

// Every triangle is non-degenerate and its centroid lies inside the shape, outside every hole.
void checkTrianglesInside(const Triangulation& t, const MultiPolygon& shape) {
    REQUIRE(t.indices.size() % 3 == 0);
    int outside = 0, inHole = 0, degenerate = 0;
    for (std::size_t i = 0; i < t.indices.size(); i += 3) {
        REQUIRE(t.indices[i + 2] < t.vertices.size());
        const Vec2d a = t.vertices[t.indices[i]], b = t.vertices[t.indices[i + 1]], c = t.vertices[t.indices[i + 2]];
        const Vec2d centroid{(a.x + b.x + c.x) / 3, (a.y + b.y + c.y) / 3};
        outside += !sv::pointInMultiPolygon(shape, centroid);
        inHole += insideAnyHole(shape, centroid);
        degenerate += !(triangleArea(a, b, c) > 0);
    }
    CHECK(outside == 0);
    CHECK(inHole == 0);
    CHECK(degenerate == 0);
}

double relDiff(double a, double b) { return std::abs(a - b) / std::max(std::abs(a), std::abs(b)); }

}  // namespace

TEST_CASE("triangulation of a multi-part polygon with holes covers exactly its area") {
    Geos g;
    for (const Vec2d origin : {Vec2d{0, 0}, Vec2d{3.4e6, 6.5e6}}) {  // plain, and at Web Mercator magnitudes
        INFO("origin " << origin.x << "," << origin.y);
        const MultiPolygon shape = testShape(origin);
        CHECK(sv::planarArea(shape) == doctest::Approx(kTestShapeArea).epsilon(1e-12));
        CHECK(sv::geo::geosArea(g, shape) == doctest::Approx(kTestShapeArea).epsilon(1e-12));

        auto whole = sv::geo::triangulate(g, shape);
        REQUIRE(whole.ok());
        CHECK(relDiff(whole->area(), kTestShapeArea) < 1e-9);
        // Without extra points a polygon of V vertices and H holes has V + 2H − 2 triangles.
        CHECK(whole->indices.size() / 3 == (12 + 2 * 2 - 2) + (6 - 2) + (4 - 2));
        checkTrianglesInside(*whole, shape);

        const sv::Bbox b = sv::bounds(shape);
        auto tiled = sv::geo::triangulateTiled(g, shape, std::max(b.width(), b.height()) / 10);
        REQUIRE(tiled.ok());
        CHECK(relDiff(tiled->area(), kTestShapeArea) < 1e-9);
        CHECK(tiled->indices.size() > whole->indices.size());  // the cells cut the big triangles
        checkTrianglesInside(*tiled, shape);
        // No triangle is larger than a cell.
        const double cell = std::max(b.width(), b.height()) / 10;
        double largest = 0;
        for (std::size_t i = 0; i < tiled->indices.size(); i += 3) {
            const sv::Ring tri = {tiled->vertices[tiled->indices[i]], tiled->vertices[tiled->indices[i + 1]],
                                  tiled->vertices[tiled->indices[i + 2]]};
            const sv::Bbox tb = sv::bounds(tri);
            largest = std::max({largest, tb.width(), tb.height()});
        }
        CHECK(largest <= cell * (1 + 1e-9));
    }
}

TEST_CASE("triangulated fill meshes keep the area (float vertices relative to an origin)") {
    Geos g;
    const Vec2d origin{3.4e6, 6.5e6};
    const MultiPolygon shape = testShape(origin);
    auto t = sv::geo::triangulate(g, shape);
    REQUIRE(t.ok());
    sv::FillMesh mesh;
    sv::geo::appendFill(mesh, *t, origin);
    sv::geo::appendFill(mesh, *t, origin);
    REQUIRE(mesh.features.size() == 2);
    CHECK(mesh.features[1].first == mesh.features[0].count);
    CHECK(sv::triangleArea(mesh, mesh.features[0]) == doctest::Approx(kTestShapeArea).epsilon(1e-6));
    CHECK(sv::triangleArea(mesh, mesh.features[1]) == doctest::Approx(kTestShapeArea).epsilon(1e-6));
    for (uint32_t i : mesh.indices) CHECK(i < mesh.vertices.size());
}

TEST_CASE("Ukraine's regions: triangulation, union and the sum of the parts agree") {
    sv::MapSources src;
    src.regions = sv::builtinSources().regions;
    REQUIRE_FALSE(src.regions.empty());
    const sv::LoadedMap map = sv::geo::loadMap(src);
    REQUIRE(map.errors.empty());
    REQUIRE(map.data.regions.size() == 27);

    Geos g;
    std::vector<const MultiPolygon*> shapes;
    double sum = 0;
    for (const auto& r : map.data.regions) {
        INFO(r.id);
        const double a = sv::planarArea(r.shape);
        CHECK(relDiff(sv::geo::geosArea(g, r.shape), a) < 1e-9);
        sum += a;
        shapes.push_back(&r.shape);
    }
    const MultiPolygon ukraine = sv::geo::unionAll(g, shapes);
    const double area = sv::planarArea(ukraine);
    CHECK(relDiff(area, sum) < 1e-6);
    CHECK(relDiff(sv::geo::geosArea(g, ukraine), area) < 1e-9);
    // ~603,500 km² on the ground; Web Mercator stretches it by ~1/cos²(48.4°) ≈ 2.27.
    CHECK(area / 1e6 == doctest::Approx(603500 * 2.27).epsilon(0.05));

    const sv::Bbox b = sv::bounds(ukraine);
    auto tiled = sv::geo::triangulateTiled(g, ukraine, std::max(b.width(), b.height()) / 10);
    REQUIRE(tiled.ok());
    CHECK(relDiff(tiled->area(), area) < 1e-9);
    checkTrianglesInside(*tiled, ukraine);

    // The loader's prepared fill is that union, in floats relative to the mesh origin.
    const auto& fill = map.meshes.regionsFill;
    REQUIRE(fill.features.size() == 1);
    CHECK(relDiff(sv::triangleArea(fill, fill.features[0]), area) < 1e-6);
}

TEST_CASE("makeValid splits a bow-tie into two triangles and leaves valid shapes alone") {
    Geos g;
    const MultiPolygon bowtie = {{{{0, 0}, {2, 2}, {2, 0}, {0, 2}}, {}}};
    const sv::geo::Repair r = sv::geo::makeValid(g, bowtie);
    CHECK(r.changed);
    CHECK(r.reason.rfind("Self-intersection", 0) == 0);
    REQUIRE(r.shape.size() == 2);
    CHECK(sv::planarArea(r.shape) == doctest::Approx(2.0).epsilon(1e-12));
    for (const auto& part : r.shape) CHECK(std::abs(sv::signedArea(part.outer)) == doctest::Approx(1.0).epsilon(1e-12));
    // The parts lie left and right of the crossing at (1, 1).
    CHECK(sv::pointInMultiPolygon(r.shape, {0.2, 1}));
    CHECK(sv::pointInMultiPolygon(r.shape, {1.8, 1}));
    CHECK_FALSE(sv::pointInMultiPolygon(r.shape, {1, 0.2}));
    // The repaired shape is valid: repairing it again changes nothing.
    CHECK_FALSE(sv::geo::makeValid(g, r.shape).changed);

    const MultiPolygon valid = testShape();
    const sv::geo::Repair same = sv::geo::makeValid(g, valid);
    CHECK_FALSE(same.changed);
    CHECK(same.reason.empty());
    REQUIRE(same.shape.size() == valid.size());
    for (std::size_t i = 0; i < valid.size(); ++i) {
        CHECK(same.shape[i].outer == valid[i].outer);
        CHECK(same.shape[i].holes == valid[i].holes);
    }
}

TEST_CASE("unionAll counts overlaps once") {
    Geos g;
    const MultiPolygon a = {{rect(0, 0, 2, 2), {}}}, b = {{rect(1, 1, 3, 3), {}}}, far = {{rect(10, 10, 11, 11), {}}};
    const MultiPolygon u = sv::geo::unionAll(g, {&a, &b});
    REQUIRE(u.size() == 1);
    CHECK(sv::planarArea(u) == doctest::Approx(7.0).epsilon(1e-12));
    const MultiPolygon u3 = sv::geo::unionAll(g, {&a, &b, &far});
    CHECK(u3.size() == 2);
    CHECK(sv::planarArea(u3) == doctest::Approx(8.0).epsilon(1e-12));
    CHECK(sv::geo::unionAll(g, {}).empty());
}

TEST_CASE("labelPoint of a U-shaped polygon lies inside it, away from its edges") {
    Geos g;
    // The U's bounding-box centre (15, 15) is in the notch, outside the shape.
    const Ring u = {{0, 0}, {30, 0}, {30, 30}, {20, 30}, {20, 10}, {10, 10}, {10, 30}, {0, 30}};
    const MultiPolygon shape = {{u, {}}};
    REQUIRE_FALSE(sv::pointInMultiPolygon(shape, sv::bounds(shape).center()));
    const Vec2d p = sv::geo::labelPoint(g, shape);
    INFO(p.x << "," << p.y);
    CHECK(sv::pointInMultiPolygon(shape, p));
    double nearest = 1e300;
    for (std::size_t i = 0; i < u.size(); ++i) nearest = std::min(nearest, sv::distanceToSegmentSq(p, u[i], u[(i + 1) % u.size()]));
    // Every arm is 10 wide: a circle of radius 5 fits, and the tolerance is a few percent of the size.
    CHECK(std::sqrt(nearest) >= 4.0);

    // With several parts the largest one carries the label.
    const MultiPolygon two = {{rect(100, 100, 101, 101), {}}, {u, {}}};
    CHECK(sv::pointInMultiPolygon(shape, sv::geo::labelPoint(g, two)));
}
