// The prepared-data cache (model/snapshot.hpp): a loaded map survives encode → decode unchanged, every damaged file
// is rejected with its reason, and the cache key follows the inputs' modification times, the CRS and the producer.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include "geo/map_loader.hpp"
#include "model/snapshot.hpp"
#include "util/binary_io.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using sv::LoadedMap;

namespace {

using sv::test::TempDir;

// Sets an environment variable for the lifetime of the object.
struct ScopedEnv {
    std::string name;
    std::optional<std::string> old;
    ScopedEnv(const char* n, const std::string& value) : name(n) {
        if (const char* v = std::getenv(n)) old = v;
        ::setenv(n, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (old) ::setenv(name.c_str(), old->c_str(), 1);
        else ::unsetenv(name.c_str());
    }
};

template <class T>
bool sameBytes(const std::vector<T>& a, const std::vector<T>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

bool sameShape(const sv::MultiPolygon& a, const sv::MultiPolygon& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!sameBytes(a[i].outer, b[i].outer) || a[i].holes.size() != b[i].holes.size()) return false;
        for (std::size_t k = 0; k < a[i].holes.size(); ++k)
            if (!sameBytes(a[i].holes[k], b[i].holes[k])) return false;
    }
    return true;
}

bool sameFill(const sv::FillMesh& a, const sv::FillMesh& b) {
    return sameBytes(a.vertices, b.vertices) && sameBytes(a.indices, b.indices) && sameBytes(a.features, b.features);
}
bool sameLines(const sv::LineMesh& a, const sv::LineMesh& b) {
    return sameBytes(a.points, b.points) && sameBytes(a.features, b.features);
}

void checkRegions(const std::vector<sv::Region>& a, const std::vector<sv::Region>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        INFO("region " << a[i].id);
        CHECK(a[i].id == b[i].id);
        CHECK(a[i].name == b[i].name);
        CHECK(a[i].nameUk == b[i].nameUk);
        CHECK(a[i].type == b[i].type);
        CHECK(a[i].aliases == b[i].aliases);
        CHECK(sameShape(a[i].shape, b[i].shape));
        CHECK(std::memcmp(&a[i].bbox, &b[i].bbox, sizeof(sv::Bbox)) == 0);
        CHECK(a[i].labelPos == b[i].labelPos);
    }
}

void checkSameMap(const LoadedMap& a, const LoadedMap& b) {
    CHECK(a.data.crs == b.data.crs);
    checkRegions(a.data.regions, b.data.regions);
    checkRegions(a.data.context, b.data.context);
    REQUIRE(a.data.places.size() == b.data.places.size());
    for (std::size_t i = 0; i < a.data.places.size(); ++i) {
        const sv::Place &p = a.data.places[i], &q = b.data.places[i];
        INFO("place " << p.id);
        CHECK(p.id == q.id);
        CHECK(p.name == q.name);
        CHECK(p.nameUk == q.nameUk);
        CHECK(p.aliases == q.aliases);
        CHECK(p.kind == q.kind);
        CHECK(p.population == q.population);
        CHECK(p.admin == q.admin);
        CHECK(p.source == q.source);
        CHECK(p.lonlat == q.lonlat);
        CHECK(p.pos == q.pos);
    }
    REQUIRE(a.data.overlays.size() == b.data.overlays.size());
    for (std::size_t i = 0; i < a.data.overlays.size(); ++i) {
        const auto &o = a.data.overlays[i], &p = b.data.overlays[i];
        CHECK(o.name == p.name);
        CHECK(o.source == p.source);
        REQUIRE(o.polygons.size() == p.polygons.size());
        for (std::size_t k = 0; k < o.polygons.size(); ++k) CHECK(sameShape(o.polygons[k], p.polygons[k]));
        REQUIRE(o.lines.size() == p.lines.size());
        for (std::size_t k = 0; k < o.lines.size(); ++k) {
            REQUIRE(o.lines[k].size() == p.lines[k].size());
            for (std::size_t j = 0; j < o.lines[k].size(); ++j) CHECK(sameBytes(o.lines[k][j], p.lines[k][j]));
        }
        CHECK(sameBytes(o.points, p.points));
    }
    CHECK(sameShape(a.data.outline, b.data.outline));

    const auto &m = a.meshes, &n = b.meshes;
    CHECK(m.origin == n.origin);
    CHECK(sameFill(m.regionsFill, n.regionsFill));
    CHECK(sameLines(m.regionOutlines, n.regionOutlines));
    CHECK(sameFill(m.contextFill, n.contextFill));
    CHECK(sameLines(m.contextOutlines, n.contextOutlines));
    CHECK(sameLines(m.nationalBorder, n.nationalBorder));
    REQUIRE(m.overlayPolygons.size() == n.overlayPolygons.size());
    for (std::size_t i = 0; i < m.overlayPolygons.size(); ++i) {
        CHECK(sameFill(m.overlayPolygons[i].fill, n.overlayPolygons[i].fill));
        CHECK(sameLines(m.overlayPolygons[i].outline, n.overlayPolygons[i].outline));
    }
    REQUIRE(m.overlayLines.size() == n.overlayLines.size());
    for (std::size_t i = 0; i < m.overlayLines.size(); ++i) CHECK(sameLines(m.overlayLines[i], n.overlayLines[i]));
    CHECK(a.warnings == b.warnings);
    CHECK(a.timings.read == b.timings.read);
    CHECK(a.timings.prepare == b.timings.prepare);

    CHECK(a.hasScenario == b.hasScenario);
    CHECK(a.scenario.zones.size() == b.scenario.zones.size());
    for (std::size_t i = 0; i < std::min(a.scenario.zones.size(), b.scenario.zones.size()); ++i) {
        const auto &z = a.scenario.zones[i], &y = b.scenario.zones[i];
        CHECK(z.id == y.id);
        CHECK(z.side == y.side);
        CHECK(z.validFrom == y.validFrom);
        CHECK(z.validTo == y.validTo);
        CHECK(sameShape(z.shape, y.shape));
    }
    CHECK(a.scenario.sieges.size() == b.scenario.sieges.size());
    CHECK(a.scenario.events.size() == b.scenario.events.size());
    CHECK(a.scenario.frames().size() == b.scenario.frames().size());
    const auto &s = a.scenarioMeshes, &t = b.scenarioMeshes;
    CHECK(sameFill(s.zoneFills, t.zoneFills));
    CHECK(sameLines(s.zoneOutlines, t.zoneOutlines));
    CHECK(sameLines(s.fronts, t.fronts));
    CHECK(sameFill(s.gains, t.gains));
    CHECK(sameFill(s.losses, t.losses));
}

// A small map built by hand: one region, one context country, two places, one overlay, meshes to match.
LoadedMap smallMap() {
    LoadedMap m;
    m.data.crs = "EPSG:3857";
    sv::Region r;
    r.id = "UA-99", r.name = "Test Oblast", r.nameUk = "Тестова область", r.type = "oblast";
    r.aliases = {"Test region", "Тестовщина"};
    r.shape = {{{{0, 0}, {100, 0}, {100, 100}, {0, 100}}, {{{40, 40}, {60, 40}, {60, 60}}}}};
    r.bbox = sv::bounds(r.shape);
    r.labelPos = {20, 20};
    m.data.regions = {r};
    sv::Region c = r;
    c.id = "POL", c.name = "Poland", c.aliases = {};
    m.data.context = {c};
    sv::Place p;
    p.id = "testville", p.name = "Testville", p.nameUk = "Тестове", p.aliases = {"Testowo"};
    p.kind = sv::PlaceKind::City, p.population = 123456, p.admin = "UA-99", p.source = "made up";
    p.lonlat = {30.5, 50.5}, p.pos = {50.5, 70.25};
    sv::Place q = p;
    q.id = "nowhere", q.kind = sv::PlaceKind::Site, q.population.reset();
    m.data.places = {p, q};
    sv::OverlayLayer o;
    o.name = "front.geojson", o.source = "/data/front.geojson";
    o.polygons = {r.shape};
    o.lines = {{{{0, 0}, {5, 5}, {10, 0}}}};
    o.points = {{1, 2}, {3, 4}};
    m.data.overlays = {o};
    m.data.outline = r.shape;
    m.meshes.origin = {50, 50};
    m.meshes.regionsFill = {{{-50, -50}, {50, -50}, {50, 50}, {-50, 50}}, {0, 1, 2, 0, 2, 3}, {{0, 6}}};
    m.meshes.regionOutlines = {{{-50, -50}, {50, -50}, {50, 50}, {-50, 50}, {-50, -50}}, {{0, 5}}};
    m.meshes.contextFill = m.meshes.regionsFill;
    m.meshes.contextOutlines = m.meshes.regionOutlines;
    m.meshes.nationalBorder = m.meshes.regionOutlines;
    m.meshes.overlayPolygons = {{m.meshes.regionsFill, m.meshes.regionOutlines}};
    m.meshes.overlayLines = {{{{-50, -50}, {-45, -45}, {-40, -50}}, {{0, 3}}}};
    m.warnings = {"a.geojson: layer 'a', feature 3: no polygon; not a region, skipped"};
    m.timings.read = 0.25, m.timings.project = 0.125, m.timings.prepare = 0.5;
    return m;
}

constexpr std::size_t kHeader = 8 + 4 + 8 + 8;  // magic, format version, payload length, payload checksum

std::string decodeError(const std::vector<uint8_t>& bytes) {
    auto r = sv::decodeSnapshot(bytes);
    return r.ok() ? std::string("(decoded)") : r.error();
}

void putU64(std::vector<uint8_t>& bytes, std::size_t at, uint64_t v) { std::memcpy(&bytes[at], &v, sizeof v); }

// Re-seals a modified payload: the header's length and checksum are made to match it again.
void reseal(std::vector<uint8_t>& bytes) {
    putU64(bytes, 12, bytes.size() - kHeader);
    putU64(bytes, 20, sv::fnv1a(bytes.data() + kHeader, bytes.size() - kHeader));
}

void touchBy(const fs::path& p, std::chrono::seconds d) { fs::last_write_time(p, fs::last_write_time(p) + d); }

}  // namespace

TEST_CASE("the built-in map survives encode -> decode unchanged") {
    const LoadedMap map = sv::geo::loadMap(sv::builtinSources());
    REQUIRE(map.errors.empty());
    REQUIRE(map.data.regions.size() == 27);
    CHECK_FALSE(map.timings.fromCache);

    const std::vector<uint8_t> bytes = sv::encodeSnapshot(map);
    REQUIRE(bytes.size() > kHeader);
    CHECK(std::memcmp(bytes.data(), "SVSNAP01", 8) == 0);
    uint64_t length = 0;
    std::memcpy(&length, &bytes[12], 8);
    CHECK(length == bytes.size() - kHeader);

    auto back = sv::decodeSnapshot(bytes);
    REQUIRE(back.ok());
    CHECK(back->timings.fromCache);
    CHECK(back->errors.empty());
    checkSameMap(map, *back);
    // Nothing was lost on the way: encoding the decoded map gives the same bytes.
    CHECK(sv::encodeSnapshot(*back) == bytes);

    // writeSnapshot streams the payload and writes the header last: the file holds exactly the same bytes.
    TempDir dir("snapshot-stream");
    const fs::path file = dir.path / "map.bin";
    REQUIRE(sv::writeSnapshot(file, map).ok());
    std::ifstream in(file, std::ios::binary);
    const std::vector<uint8_t> onDisk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(onDisk.size() == bytes.size());
    CHECK(onDisk == bytes);
}

TEST_CASE("a small hand-made map survives encode -> decode, and through a file") {
    const LoadedMap map = smallMap();
    auto back = sv::decodeSnapshot(sv::encodeSnapshot(map));
    REQUIRE(back.ok());
    checkSameMap(map, *back);
    CHECK(back->data.places[0].population == 123456);
    CHECK_FALSE(back->data.places[1].population.has_value());
    CHECK(back->data.places[1].kind == sv::PlaceKind::Site);
    CHECK(back->data.regions[0].nameUk == "Тестова область");

    TempDir dir("snapshot-file");
    const fs::path file = dir.path / "cache" / "deep" / "map.bin";
    REQUIRE(sv::writeSnapshot(file, map).ok());  // creates the directories
    auto read = sv::readSnapshot(file);
    REQUIRE(read.has_value());
    checkSameMap(map, *read);
    CHECK(read->timings.fromCache);
    CHECK_FALSE(sv::readSnapshot(dir.path / "missing.bin").has_value());
    // A damaged file on disk is a miss, not a crash.
    {
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(100);
        f.put('\x5a');
    }
    CHECK_FALSE(sv::readSnapshot(file).has_value());
}

TEST_CASE("any single damaged byte is detected, with the reason for where it is") {
    const std::vector<uint8_t> good = sv::encodeSnapshot(smallMap());
    REQUIRE(good.size() > kHeader + 100);
    REQUIRE(sv::decodeSnapshot(good).ok());
    for (std::size_t i = 0; i < good.size(); ++i)
        for (const uint8_t mask : {uint8_t{0x01}, uint8_t{0x80}, uint8_t{0xff}}) {
            std::vector<uint8_t> bad = good;
            bad[i] ^= mask;
            const std::string want = i < 8    ? "not a sitview snapshot"
                                     : i < 12 ? "snapshot format version differs"
                                     : i < 20 ? "snapshot is truncated"
                                              : "snapshot checksum mismatch";
            INFO("byte " << i << " ^ " << int(mask));
            CHECK(decodeError(bad) == want);
        }

    // The same on the much larger payload of Ukraine's regions, at a spread of places.
    sv::MapSources regions;
    regions.regions = sv::builtinSources().regions;
    const std::vector<uint8_t> big = sv::encodeSnapshot(sv::geo::loadMap(regions));
    REQUIRE(big.size() > 100000);
    for (std::size_t i = kHeader; i < big.size(); i += big.size() / 41) {
        std::vector<uint8_t> bad = big;
        bad[i] ^= 0x10;
        INFO("byte " << i);
        CHECK(decodeError(bad) == "snapshot checksum mismatch");
    }
}

TEST_CASE("truncated, extended, foreign and other-version files are rejected") {
    const std::vector<uint8_t> good = sv::encodeSnapshot(smallMap());
    for (std::size_t n = kHeader; n < good.size(); ++n) {
        INFO("cut to " << n << " bytes");
        CHECK(decodeError({good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n)}) == "snapshot is truncated");
    }
    for (std::size_t n = 12; n < kHeader; ++n) {
        INFO("cut to " << n << " bytes");
        CHECK(decodeError({good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n)}) == "snapshot is truncated");
    }
    // Shorter than the magic: nothing to recognise, so "truncated" rather than "foreign".
    CHECK(decodeError({}) == "snapshot is truncated");
    CHECK(decodeError({good.begin(), good.begin() + 5}) == "snapshot is truncated");
    std::vector<uint8_t> longer = good;
    longer.push_back(0);
    CHECK(decodeError(longer) != "(decoded)");

    std::vector<uint8_t> foreign = good;
    std::memcpy(foreign.data(), "\x89PNG\r\n\x1a\n", 8);
    CHECK(decodeError(foreign) == "not a sitview snapshot");
    std::vector<uint8_t> next = good;
    next[7] = '2';  // "SVSNAP02"
    CHECK(decodeError(next) == "not a sitview snapshot");
    std::vector<uint8_t> older = good;
    const uint32_t version = 1;
    std::memcpy(&older[8], &version, 4);
    CHECK(decodeError(older) == "snapshot format version differs");
}

TEST_CASE("a file cut inside its header (after the magic) is reported as truncated") {
    const std::vector<uint8_t> good = sv::encodeSnapshot(smallMap());
    for (std::size_t n = 8; n < 12; ++n) {
        INFO("cut to " << n << " bytes");
        CHECK(decodeError({good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n)}) == "snapshot is truncated");
    }
}

TEST_CASE("a well-sealed payload with bad content is rejected too") {
    // Trailing bytes inside the sealed payload.
    std::vector<uint8_t> bytes = sv::encodeSnapshot(smallMap());
    bytes.push_back(0);
    reseal(bytes);
    CHECK(decodeError(bytes) == "snapshot payload is malformed");
    // A payload cut short but sealed as it is.
    bytes = sv::encodeSnapshot(smallMap());
    bytes.resize(bytes.size() - 3);
    reseal(bytes);
    CHECK(decodeError(bytes) == "snapshot payload is malformed");

    // Meshes that point outside themselves.
    LoadedMap m = smallMap();
    m.meshes.regionsFill.indices[4] = 4;  // only 4 vertices
    CHECK(decodeError(sv::encodeSnapshot(m)) == "snapshot meshes are inconsistent");
    m = smallMap();
    m.meshes.nationalBorder.features[0].count = 6;  // 5 points
    CHECK(decodeError(sv::encodeSnapshot(m)) == "snapshot meshes are inconsistent");
    m = smallMap();
    m.meshes.regionOutlines.features.push_back({0, 5});  // two outlines for one region
    CHECK(decodeError(sv::encodeSnapshot(m)) == "snapshot meshes are inconsistent");

    m = smallMap();
    m.data.places[1].kind = static_cast<sv::PlaceKind>(17);
    CHECK(decodeError(sv::encodeSnapshot(m)) == "snapshot holds a bad place kind");
}

TEST_CASE("snapshotPath: one cache file per inputs' state, CRS and producer") {
    TempDir dir("snapshot-key");
    ScopedEnv cache("SITVIEW_CACHE_DIR", (dir.path / "cache").string());
    CHECK(sv::cacheDir() == dir.path / "cache");

    const sv::MapSources builtin = sv::builtinSources();
    REQUIRE_FALSE(builtin.regions.empty());
    sv::MapSources src;
    for (auto [from, to] : {std::pair{builtin.regions, &src.regions}, {builtin.context, &src.context},
                            {builtin.places, &src.places}}) {
        *to = (dir.path / fs::path(from).filename()).string();
        fs::copy_file(from, *to);
    }

    const auto key = sv::snapshotPath(src, "geo-1");
    REQUIRE(key.has_value());
    CHECK(key->parent_path() == dir.path / "cache");
    const std::string name = key->filename().string();
    CHECK(name.size() == 4 + 16 + 4);
    CHECK(name.rfind("map-", 0) == 0);
    CHECK(name.find_first_not_of("0123456789abcdef", 4) == 20);
    CHECK(name.substr(20) == ".bin");
    CHECK(sv::snapshotPath(src, "geo-1") == key);  // stable

    // A touched input is a different state; touched back, the same one.
    touchBy(src.places, std::chrono::seconds(10));
    const auto touched = sv::snapshotPath(src, "geo-1");
    REQUIRE(touched.has_value());
    CHECK(*touched != *key);
    touchBy(src.places, std::chrono::seconds(-10));
    CHECK(sv::snapshotPath(src, "geo-1") == key);
    touchBy(src.regions, std::chrono::seconds(1));
    CHECK(sv::snapshotPath(src, "geo-1") != key);
    touchBy(src.regions, std::chrono::seconds(-1));
    CHECK(sv::snapshotPath(src, "geo-1") == key);

    // A different CRS, producer or set of inputs is a different file.
    sv::MapSources other = src;
    other.crs = "EPSG:3035";
    CHECK(sv::snapshotPath(other, "geo-1") != key);
    CHECK(sv::snapshotPath(src, "geo-2") != key);
    other = src;
    other.context.clear();
    CHECK(sv::snapshotPath(other, "geo-1") != key);
    // The same content elsewhere is a different input.
    other = src;
    other.places = (dir.path / "copy.geojson").string();
    fs::copy_file(src.places, other.places);
    fs::last_write_time(other.places, fs::last_write_time(src.places));
    CHECK(sv::snapshotPath(other, "geo-1") != key);

    // Inputs that cannot be stat'ed have no cache file.
    other = src;
    other.regions = (dir.path / "gone.geojson").string();
    CHECK_FALSE(sv::snapshotPath(other, "geo-1").has_value());
    other.regions = "/vsizip/" + src.regions + ".zip/a.geojson";
    CHECK_FALSE(sv::snapshotPath(other, "geo-1").has_value());
}
