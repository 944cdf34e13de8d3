// Coordinate transformation through PROJ (geo/projection.hpp): round trips, Web Mercator against its closed form,
// other projected CRSs against their defining constants, GIS axis order, and unusable CRS definitions.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <string>

#include "geo/projection.hpp"

using sv::Vec2d;
using sv::geo::Projector;

namespace {

constexpr double kR = 6378137.0;  // WGS 84 semi-major axis: the sphere radius of Web Mercator
constexpr double kDeg = std::numbers::pi / 180.0;

Vec2d webMercator(double lon, double lat) {
    return {kR * lon * kDeg, kR * std::log(std::tan(std::numbers::pi / 4 + lat * kDeg / 2))};
}

// Points across Ukraine and its borders, lon/lat.
const Vec2d kPoints[] = {{22.14, 48.42}, {24.03, 49.84}, {30.52, 50.45}, {30.73, 46.48}, {33.52, 44.6},
                         {36.23, 49.99}, {37.55, 47.1},  {40.22, 49.6},  {32.06, 52.38}, {29.0, 45.3}};

void checkRoundTrip(std::string_view crs, double degreesTolerance, double metresTolerance) {
    auto p = Projector::create(sv::geo::kLonLat, crs);
    REQUIRE(p.ok());
    CHECK_FALSE(p->isIdentity());
    for (const Vec2d ll : kPoints) {
        const Vec2d xy = p->forward(ll);
        REQUIRE(sv::isFinite(xy));
        // Projected coordinates are metres, far from the degrees that went in.
        CHECK(std::abs(xy.x - ll.x) > 1000.0);
        const Vec2d back = p->inverse(xy);
        INFO(crs << ": " << ll.x << "," << ll.y << " -> " << xy.x << "," << xy.y << " -> " << back.x << "," << back.y);
        CHECK(std::abs(back.x - ll.x) < degreesTolerance);
        CHECK(std::abs(back.y - ll.y) < degreesTolerance);
        // And the projected point comes back to itself through the inverse direction too.
        const Vec2d again = p->forward(back);
        CHECK(sv::distance(again, xy) < metresTolerance);
    }
}

}  // namespace

TEST_CASE("lon/lat -> EPSG:3857 -> lon/lat round trips within 1e-9 degrees across Ukraine") {
    checkRoundTrip("EPSG:3857", 1e-9, 1e-6);
    // The array forms agree with the single-point form.
    auto p = Projector::create("EPSG:4326", "EPSG:3857");
    REQUIRE(p.ok());
    std::vector<Vec2d> pts(std::begin(kPoints), std::end(kPoints));
    CHECK(p->forward(pts) == 0);
    for (std::size_t i = 0; i < pts.size(); ++i) CHECK(pts[i] == p->forward(kPoints[i]));
    CHECK(p->inverse(pts.data(), pts.size()) == 0);
    for (std::size_t i = 0; i < pts.size(); ++i) CHECK(std::abs(pts[i].x - kPoints[i].x) < 1e-9);
}

TEST_CASE("EPSG:3857 equals the closed-form Web Mercator within 1 mm") {
    auto p = Projector::create("EPSG:4326", "EPSG:3857");
    REQUIRE(p.ok());
    const Vec2d xy = p->forward(Vec2d{30, 50});
    const Vec2d expected = webMercator(30, 50);
    CHECK(std::abs(xy.x - expected.x) < 1e-3);
    CHECK(std::abs(xy.y - expected.y) < 1e-3);
    for (const Vec2d ll : kPoints) {
        const Vec2d got = p->forward(ll), want = webMercator(ll.x, ll.y);
        CHECK(std::abs(got.x - want.x) < 1e-3);
        CHECK(std::abs(got.y - want.y) < 1e-3);
    }
}

TEST_CASE("axis order: EPSG:4326 input is (lon, lat), Kyiv lands at x 3.397e6, y 6.525e6") {
    auto p = Projector::create("EPSG:4326", "EPSG:3857");
    REQUIRE(p.ok());
    const Vec2d kyiv = p->forward(Vec2d{30.52, 50.45});
    CHECK(kyiv.x == doctest::Approx(3.397e6).epsilon(5e-4));
    CHECK(kyiv.y == doctest::Approx(6.525e6).epsilon(5e-4));
    const Vec2d exact = webMercator(30.52, 50.45);
    CHECK(std::abs(kyiv.x - exact.x) < 1e-3);
    CHECK(std::abs(kyiv.y - exact.y) < 1e-3);
    // The inverse gives (lon, lat) back in that order as well.
    auto inv = Projector::create("EPSG:3857", "EPSG:4326");
    REQUIRE(inv.ok());
    const Vec2d ll = inv->forward(kyiv);
    CHECK(ll.x == doctest::Approx(30.52).epsilon(1e-12));
    CHECK(ll.y == doctest::Approx(50.45).epsilon(1e-12));
}

TEST_CASE("EPSG:3035 (LAEA Europe) and a PROJ string round trip and hit their defining points") {
    // LAEA's ellipsoidal inverse goes through a series for the authalic latitude: ~5e-9° (0.5 mm) here.
    checkRoundTrip("EPSG:3035", 1e-8, 1e-3);
    checkRoundTrip("+proj=utm +zone=36 +datum=WGS84", 1e-9, 1e-6);

    // LAEA Europe: the projection centre (10°E, 52°N) is at the false easting/northing (4321000, 3210000).
    auto laea = Projector::create("EPSG:4326", "EPSG:3035");
    REQUIRE(laea.ok());
    const Vec2d c = laea->forward(Vec2d{10, 52});
    CHECK(std::abs(c.x - 4321000.0) < 1e-3);
    CHECK(std::abs(c.y - 3210000.0) < 1e-3);
    // East of the centre means larger x (easting first, whatever EPSG:3035's northing-first axis order says).
    CHECK(laea->forward(Vec2d{30, 52}).x > c.x + 1e6);

    // UTM 36N: the central meridian 33°E on the equator is (500000, 0); north is +y.
    auto utm = Projector::create("EPSG:4326", "+proj=utm +zone=36 +datum=WGS84");
    REQUIRE(utm.ok());
    const Vec2d o = utm->forward(Vec2d{33, 0});
    CHECK(std::abs(o.x - 500000.0) < 1e-3);
    CHECK(std::abs(o.y) < 1e-3);
    const Vec2d kyiv = utm->forward(Vec2d{30.52, 50.45});
    CHECK(kyiv.x < 500000.0);  // west of the central meridian
    CHECK(kyiv.y == doctest::Approx(5.59e6).epsilon(0.01));
}

TEST_CASE("an unknown or malformed CRS fails with the CRS named") {
    for (const char* crs : {"EPSG:999999", "nonsense"}) {
        auto p = Projector::create("EPSG:4326", crs);
        REQUIRE_FALSE(p.ok());
        const std::string prefix = std::string("cannot use CRS '") + crs + "': ";
        INFO(p.error());
        CHECK(p.error().rfind(prefix, 0) == 0);
        CHECK(p.error().size() > prefix.size());  // PROJ's reason follows

        auto v = sv::geo::validateCrs(crs);
        REQUIRE_FALSE(v.ok());
        CHECK(v.error().rfind(prefix, 0) == 0);
    }
    // The source CRS is checked the same way.
    auto p = Projector::create("EPSG:999999", "EPSG:3857");
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().rfind("cannot use CRS 'EPSG:999999': ", 0) == 0);
    // An ellipsoid or a datum is a PROJ object but no CRS.
    for (const char* def : {"urn:ogc:def:ellipsoid:EPSG::7030", "urn:ogc:def:datum:EPSG::6326"}) {
        auto e = Projector::create("EPSG:4326", def);
        REQUIRE_FALSE(e.ok());
        CHECK(e.error() == std::string("cannot use CRS '") + def + "': not a coordinate reference system");
    }

    CHECK(sv::geo::validateCrs("EPSG:3857").ok());
    CHECK(sv::geo::validateCrs("+proj=utm +zone=36 +datum=WGS84").ok());
}

TEST_CASE("the identity transformation leaves points alone, unprojectable points become NaN") {
    auto id = Projector::create("EPSG:3857", "EPSG:3857");
    REQUIRE(id.ok());
    CHECK(id->isIdentity());
    CHECK(id->forward(Vec2d{1.5, -2.5}) == Vec2d{1.5, -2.5});

    auto p = Projector::create("EPSG:4326", "EPSG:3857");
    REQUIRE(p.ok());
    std::vector<Vec2d> pts = {{30, 50}, {1e308, 50}, {30, 95}};
    CHECK(p->forward(pts) == 2);
    CHECK(sv::isFinite(pts[0]));
    CHECK(std::isnan(pts[1].x));
    CHECK(std::isnan(pts[1].y));
    CHECK(std::isnan(pts[2].x));

    sv::MultiPolygon mp = {{{{30, 50}, {31, 50}, {1e308, 51}}, {}}};
    CHECK_FALSE(p->forward(mp));
}
