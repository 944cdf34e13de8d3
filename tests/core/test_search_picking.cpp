// Place search over the gazetteer (reporting/search.hpp) and picking on the map (view/picking.hpp): what a query
// finds first, and what a click hits — markers, a region's hole, nothing, a change area of the current frame.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "geo/map_loader.hpp"
#include "geo/projection.hpp"
#include "reporting/gazetteer.hpp"
#include "reporting/search.hpp"
#include "view/picking.hpp"
#include "view/style.hpp"

using sv::Pick;

namespace {

const sv::MapData& builtinMap() {
    static const sv::LoadedMap m = [] {
        const sv::MapSources b = sv::builtinSources();
        sv::MapSources s;
        s.regions = b.regions;
        s.places = b.places;
        return sv::geo::loadMap(s);
    }();
    REQUIRE(m.errors.empty());
    return m.data;
}

const sv::Gazetteer& gazetteer() {
    static const sv::Gazetteer g = sv::Gazetteer::build(builtinMap());
    return g;
}

// Target ids of the hits, best first.
std::vector<std::string> search(const std::string& q, std::size_t limit = 10) {
    std::vector<std::string> ids;
    for (const auto& h : sv::searchPlaces(gazetteer(), builtinMap(), q, limit))
        ids.push_back(gazetteer().targets()[static_cast<std::size_t>(h.target)].id);
    return ids;
}

std::string first(const std::string& q) {
    const auto ids = search(q);
    return ids.empty() ? "(nothing)" : ids.front();
}

std::ptrdiff_t rank(const std::vector<std::string>& ids, const std::string& id) {
    const auto it = std::find(ids.begin(), ids.end(), id);
    return it == ids.end() ? 999 : it - ids.begin();
}

sv::Vec2d project(double lon, double lat) {
    static auto p = sv::geo::Projector::create("EPSG:4326", "EPSG:3857");
    REQUIRE(p.ok());
    return p->forward(sv::Vec2d{lon, lat});
}

// An 800×600 view centred on lon,lat at `pxPerKm` pixels per km of map units.
sv::Camera view(double lon, double lat, double pxPerKm) {
    sv::Camera cam;
    cam.setViewport(800, 600);
    cam.setCenter(project(lon, lat));
    cam.setScale(pxPerKm / 1000.0);
    return cam;
}

std::string pickedId(const sv::MapData& map, const Pick& p) {
    if (p.kind == Pick::Kind::Place) return "place:" + map.places[static_cast<std::size_t>(p.index)].id;
    if (p.kind == Pick::Kind::Region) return "region:" + map.regions[static_cast<std::size_t>(p.index)].id;
    if (p.kind == Pick::Kind::Change) return std::string(p.gained ? "gained:" : "lost:") + std::to_string(p.frame);
    return "none";
}

std::string pickAt(const sv::MapData& map, const sv::Camera& cam, sv::Vec2d screen, const sv::PickOptions& o = {},
                   const sv::Scenario* sc = nullptr, sv::Date date = {}) {
    return pickedId(map, sv::pickAt(map, sc, date, cam, screen, o));
}

sv::MultiPolygon squareAround(sv::Vec2d c, double half) {
    return {sv::Polygon{{{c.x - half, c.y - half}, {c.x + half, c.y - half}, {c.x + half, c.y + half}, {c.x - half, c.y + half}}, {}}};
}

sv::Date day(const char* iso) { return *sv::Date::parse(iso); }

}  // namespace

TEST_CASE("search: old and other-language spellings find the place first") {
    CHECK(first("kiev") == "kyiv");
    CHECK(first("Kiev") == "kyiv");
    CHECK(first("KYÏV") == "kyiv");
    CHECK(first("Маріуполь") == "mariupol");
    CHECK(first("Мариуполь") == "mariupol");
    CHECK(first("chernobyl") == "chornobyl");
    CHECK(first("kharkov") == "kharkiv");
    CHECK(first("  Odessa ") == "odesa");
    const auto odessa = search("odessa");
    CHECK(rank(odessa, "odesa") < rank(odessa, "UA-51"));  // the city before its oblast
    CHECK(rank(odessa, "UA-51") < 999);
    CHECK(first("kryvyi-rih") == "kryvyi-rih");
    CHECK(first("Krivoy Rog") == "kryvyi-rih");
    CHECK(first("donbass") == "donbas");
    CHECK(first("Kherson Oblast") == "UA-65");
}

TEST_CASE("search: a prefix lists the city before its oblast, nothing for an empty query") {
    const auto zapor = search("zapor");
    REQUIRE(zapor.size() >= 2);
    CHECK(zapor[0] == "zaporizhzhia");
    CHECK(zapor[1] == "UA-23");
    const auto sievi = search("sievi");
    REQUIRE_FALSE(sievi.empty());
    CHECK(sievi[0] == "sievierodonetsk");
    // A word inside the name ranks after names that start with the query.
    const auto kakh = search("kakhovka");
    REQUIRE(kakh.size() >= 2);
    CHECK(kakh[0] == "kakhovka");
    CHECK(rank(kakh, "nova-kakhovka") > 0);
    CHECK(rank(kakh, "nova-kakhovka") < 999);
    CHECK(search("").empty());
    CHECK(search("   ").empty());
    CHECK(search("--").empty());
    CHECK(search("qqqzzz").empty());
    CHECK(search("a", 3).size() == 3);  // the limit
}

TEST_CASE("pick: a marker beats the region under it, with a few pixels of slack") {
    const sv::MapData& map = builtinMap();
    const sv::Place* kherson = map.findPlace("kherson");
    REQUIRE(kherson);
    const sv::Camera cam = view(32.6129, 46.6414, 4);
    const sv::Vec2d c = cam.worldToScreen(kherson->pos);
    CHECK(c.x == doctest::Approx(400).epsilon(0.01));
    CHECK(c.y == doctest::Approx(300).epsilon(0.01));
    const double r = sv::style::marker(sv::PlaceKind::OblastCentre).radiusPx;
    CHECK(kherson->kind == sv::PlaceKind::OblastCentre);

    CHECK(pickAt(map, cam, c) == "place:kherson");
    CHECK(pickAt(map, cam, {c.x + r + 3, c.y}) == "place:kherson");  // 3 px outside the marker
    CHECK(pickAt(map, cam, {c.x, c.y - r - 3}) == "place:kherson");
    CHECK(pickAt(map, cam, {c.x, c.y - 20}) == "region:UA-65");      // 20 px north: the oblast (2 km inland)
    // The view's UI scale grows the marker and so its reach.
    sv::PickOptions big;
    big.markerScale = 2.0;
    CHECK(pickAt(map, cam, {c.x, c.y - 2 * r - 3}, big) == "place:kherson");
    CHECK(pickAt(map, cam, {c.x, c.y - 2 * r - 3}) == "region:UA-65");
    // Layers switched off are not picked.
    sv::PickOptions noPlaces;
    noPlaces.places = false;
    CHECK(pickAt(map, cam, c, noPlaces) == "region:UA-65");
    sv::PickOptions nothing;
    nothing.places = false, nothing.regions = false;
    CHECK(pickAt(map, cam, c, nothing) == "none");
}

TEST_CASE("pick: a click in Kyiv city (a hole in Kyiv Oblast) picks the city region, in any region order") {
    const sv::MapData& map = builtinMap();
    const sv::Camera cam = view(30.62, 50.40, 10);  // ~7 km east-south-east of the Kyiv marker: > 100 px away
    const sv::Vec2d click{400, 300};
    const sv::Region* oblast = map.findRegion("UA-32");
    REQUIRE(oblast);
    REQUIRE(oblast->shape.size() == 1);
    REQUIRE(oblast->shape[0].holes.size() == 1);
    // The premise: the point lies within the oblast's outer ring, in its hole.
    CHECK(sv::pointInRing(oblast->shape[0].outer, cam.screenToWorld(click)));
    CHECK(sv::pointInRing(oblast->shape[0].holes[0], cam.screenToWorld(click)));
    CHECK(pickAt(map, cam, click) == "region:UA-30");

    // The oblast listed before the city: still the city.
    sv::MapData reordered = map;
    std::stable_partition(reordered.regions.begin(), reordered.regions.end(),
                          [](const sv::Region& r) { return r.id == "UA-32"; });
    REQUIRE(reordered.regions[0].id == "UA-32");
    CHECK(pickAt(reordered, cam, click) == "region:UA-30");
    // And outside the hole, the oblast (Brovary district, east of the city's edge, away from markers).
    const sv::Camera east = view(30.95, 50.40, 10);
    CHECK(pickAt(reordered, east, {400, 300}) == "region:UA-32");
}

TEST_CASE("pick: outside every region nothing is picked") {
    const sv::MapData& map = builtinMap();
    CHECK(pickAt(map, view(31.0, 45.8, 4), {400, 300}) == "none");   // the Black Sea
    CHECK(pickAt(map, view(27.56, 53.9, 4), {400, 300}) == "none");  // Minsk: a neighbour, not a region
}

TEST_CASE("pick: the current frame's gain and loss areas are picked as changes, markers still first") {
    const sv::MapData& map = builtinMap();
    const sv::Vec2d gainAt = project(33.0, 46.9), lossAt = project(33.3, 47.2);
    sv::Scenario sc;
    sv::ControlZone a, b;
    a.id = "a", a.validFrom = day("2022-03-01"), a.validTo = day("2022-03-10");
    b.id = "b", b.validFrom = day("2022-03-10");
    a.shape = squareAround(gainAt, 100), b.shape = squareAround(gainAt, 100);
    a.bbox = sv::bounds(a.shape), b.bbox = sv::bounds(b.shape);
    sc.zones = {a, b};
    sc.buildIndex();
    REQUIRE(sc.frames().size() == 2);
    sc.derived.resize(2);
    sc.derived[1].gained = squareAround(gainAt, 5000);
    sc.derived[1].lost = squareAround(lossAt, 5000);
    const sv::Place* kherson = map.findPlace("kherson");
    REQUIRE(kherson);
    sc.derived[1].gained.push_back(squareAround(kherson->pos, 5000)[0]);

    const sv::Camera cam = view(33.0, 46.9, 4);
    const sv::Vec2d g = cam.worldToScreen(gainAt), l = cam.worldToScreen(lossAt);
    const sv::PickOptions o;
    CHECK(pickAt(map, cam, g, o, &sc, day("2022-03-12")) == "gained:1");
    CHECK(pickAt(map, cam, l, o, &sc, day("2022-03-12")) == "lost:1");
    // Just outside the gain square (5 km = 20 px): the region under it.
    CHECK(pickAt(map, cam, {g.x + 25, g.y}, o, &sc, day("2022-03-12")) == "region:UA-65");
    // In the first frame there is no change to pick; without a scenario neither.
    CHECK(pickAt(map, cam, g, o, &sc, day("2022-03-05")) == "region:UA-65");
    CHECK(pickAt(map, cam, g, o, nullptr, day("2022-03-12")) == "region:UA-65");
    sv::PickOptions noChanges;
    noChanges.changes = false;
    CHECK(pickAt(map, cam, g, noChanges, &sc, day("2022-03-12")) == "region:UA-65");
    // A marker inside a gain area is still the marker.
    CHECK(pickAt(map, cam, cam.worldToScreen(kherson->pos), o, &sc, day("2022-03-12")) == "place:kherson");
}
