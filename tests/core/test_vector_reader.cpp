// Reading vector data through GDAL (geo/vector_reader.hpp) and loading the base map from it (geo/map_loader.hpp):
// the built-in geodata, every supported container format, broken and refused inputs, invalid and unprojectable shapes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <cerrno>

#include <cpl_vsi.h>
#include <gdal.h>
#include <gdal_utils.h>

#include "geo/map_loader.hpp"
#include "geo/vector_reader.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using sv::geo::readVector;

namespace {

const std::string kData = SV_TEST_DATA;

// A fresh directory for one test, removed with everything in it afterwards.
using sv::test::TempDir;

using sv::test::slurp;

// `ogr2ogr -f FORMAT dst src [extra…]` through GDAL's library API, independently of the reader under test.
void translate(const std::string& src, const std::string& dst, const char* format,
               std::vector<const char*> extra = {}) {
    if (GDALGetDriverCount() == 0) GDALAllRegister();
    GDALDatasetH in = GDALOpenEx(src.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    REQUIRE(in != nullptr);
    std::vector<const char*> argv = {"-f", format};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(nullptr);
    GDALVectorTranslateOptions* opts = GDALVectorTranslateOptionsNew(const_cast<char**>(argv.data()), nullptr);
    REQUIRE(opts != nullptr);
    int usageError = 0;
    GDALDatasetH out = GDALVectorTranslate(dst.c_str(), nullptr, 1, &in, opts, &usageError);
    GDALVectorTranslateOptionsFree(opts);
    GDALClose(in);
    REQUIRE(out != nullptr);
    GDALClose(out);
}

// Writes `bytes` to a GDAL virtual file path (/vsizip/…, /vsigzip/…), creating the archive.
void writeVirtual(const std::string& vsiPath, const std::string& bytes) {
    VSILFILE* f = VSIFOpenL(vsiPath.c_str(), "wb");
    REQUIRE(f != nullptr);
    REQUIRE(VSIFWriteL(bytes.data(), 1, bytes.size(), f) == bytes.size());
    REQUIRE(VSIFCloseL(f) == 0);
}

const sv::geo::RawFeature* featureNamed(const sv::geo::RawLayer& layer, const std::string& name) {
    const int idx = layer.field({"name"});
    for (const auto& f : layer.features)
        if (sv::geo::fieldText(f, idx) == name) return &f;
    return nullptr;
}

void checkBox(const sv::Ring& ring, double minX, double minY, double maxX, double maxY) {
    const sv::Bbox b = sv::bounds(ring);
    CHECK(b.minX == doctest::Approx(minX).epsilon(1e-9));
    CHECK(b.minY == doctest::Approx(minY).epsilon(1e-9));
    CHECK(b.maxX == doctest::Approx(maxX).epsilon(1e-9));
    CHECK(b.maxY == doctest::Approx(maxY).epsilon(1e-9));
}

// The content of tests/data/formats.geojson, whatever container it went through: x is longitude, y latitude.
void checkFormatsContent(const sv::geo::VectorData& data, bool hasIdField = true) {
    REQUIRE(data.layers.size() == 1);
    const auto& layer = data.layers[0];
    CHECK(layer.crs == "EPSG:4326");
    CHECK_FALSE(layer.crsAssumed);
    REQUIRE(layer.features.size() == 3);

    const auto* sq = featureNamed(layer, "Holed square");
    REQUIRE(sq != nullptr);
    REQUIRE(sq->polygons.size() == 1);
    CHECK(sq->polygons[0].outer.size() == 4);
    REQUIRE(sq->polygons[0].holes.size() == 1);
    CHECK(sq->polygons[0].holes[0].size() == 4);
    checkBox(sq->polygons[0].outer, 30, 50, 32, 52);
    checkBox(sq->polygons[0].holes[0], 30.5, 50.5, 31.5, 51.5);
    CHECK(sv::planarArea(sq->polygons) == doctest::Approx(3.0).epsilon(1e-12));

    const auto* tr = featureNamed(layer, "Triangle");
    REQUIRE(tr != nullptr);
    REQUIRE(tr->polygons.size() == 1);
    CHECK(tr->polygons[0].outer.size() == 3);
    CHECK(tr->polygons[0].holes.empty());
    checkBox(tr->polygons[0].outer, 33, 48, 35, 49.5);

    const auto* mp = featureNamed(layer, "Two islands");
    REQUIRE(mp != nullptr);
    REQUIRE(mp->polygons.size() == 2);
    std::multiset<std::size_t> sizes{mp->polygons[0].outer.size(), mp->polygons[1].outer.size()};
    CHECK(sizes == std::multiset<std::size_t>{4, 5});
    CHECK(mp->polygons[0].holes.empty());
    CHECK(mp->polygons[1].holes.empty());
    const sv::Bbox all = sv::bounds(mp->polygons);
    CHECK(all.minX == doctest::Approx(24));
    CHECK(all.maxX == doctest::Approx(27));
    CHECK(all.minY == doctest::Approx(45));
    CHECK(all.maxY == doctest::Approx(46));

    if (hasIdField) {
        const int id = layer.field({"id"});
        REQUIRE(id >= 0);
        CHECK(sv::geo::fieldText(*sq, id) == "SQ");
        CHECK(sv::geo::fieldText(*tr, id) == "TR");
        CHECK(sv::geo::fieldText(*mp, id) == "MP");
    }
}

}  // namespace

TEST_CASE("the built-in geodata: 27 regions with their ISO ids and names, the places, no errors") {
    const sv::MapSources src = sv::builtinSources();
    REQUIRE_FALSE(src.regions.empty());
    const sv::LoadedMap map = sv::geo::loadMap(src);
    INFO("first error: " << (map.errors.empty() ? "" : map.errors[0]));
    CHECK(map.errors.empty());

    REQUIRE(map.data.regions.size() == 27);
    std::set<std::string> ids;
    for (const auto& r : map.data.regions) ids.insert(r.id);
    const std::set<std::string> expected = {"UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21",
                                            "UA-23", "UA-26", "UA-30", "UA-32", "UA-35", "UA-40", "UA-43",
                                            "UA-46", "UA-48", "UA-51", "UA-53", "UA-56", "UA-59", "UA-61",
                                            "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77"};
    CHECK(ids == expected);

    const std::pair<const char*, const char*> names[] = {{"UA-30", "Kyiv"},
                                                         {"UA-32", "Kyiv Oblast"},
                                                         {"UA-43", "Autonomous Republic of Crimea"},
                                                         {"UA-40", "Sevastopol"},
                                                         {"UA-51", "Odesa Oblast"}};
    for (auto [id, name] : names) {
        const sv::Region* r = map.data.findRegion(id);
        REQUIRE(r != nullptr);
        CHECK(r->name == name);
        CHECK_FALSE(r->shape.empty());
    }

    CHECK(map.data.places.size() >= 60);
    for (const char* id : {"kyiv", "mariupol", "istanbul"}) {
        INFO(id);
        CHECK(map.data.findPlace(id) != nullptr);
    }
    // Kyiv as in places.geojson ([30.5234, 50.4501], a capital): its lon/lat survives the trip through the map CRS.
    const sv::Place* kyiv = map.data.findPlace("kyiv");
    REQUIRE(kyiv != nullptr);
    CHECK(kyiv->name == "Kyiv");
    CHECK(kyiv->kind == sv::PlaceKind::Capital);
    CHECK(std::abs(kyiv->lonlat.x - 30.5234) < 1e-9);
    CHECK(std::abs(kyiv->lonlat.y - 50.4501) < 1e-9);
}

TEST_CASE("a missing file fails with GDAL's reason after the path") {
    auto r = readVector("/nonexistent/x.geojson");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == "/nonexistent/x.geojson: No such file or directory");
}

TEST_CASE("a missing regions file: one error naming it, everything else still loads") {
    sv::MapSources src = sv::builtinSources();
    src.regions = "/nonexistent/regions.geojson";
    const sv::LoadedMap map = sv::geo::loadMap(src);
    REQUIRE(map.errors.size() == 1);
    CHECK(map.errors[0] == "/nonexistent/regions.geojson: No such file or directory");
    CHECK(map.data.regions.empty());
    CHECK(map.data.places.size() >= 60);
    CHECK(map.data.findPlace("kyiv") != nullptr);
    CHECK_FALSE(map.data.context.empty());
}

TEST_CASE("a truncated GeoJSON file fails and the message starts with its path") {
    const std::string path = kData + "/truncated.geojson";
    auto r = readVector(path);
    REQUIRE_FALSE(r.ok());
    INFO(r.error());
    CHECK(r.error().rfind(path + ": ", 0) == 0);
    CHECK(r.error().size() > path.size() + 2);  // a reason follows
}

TEST_CASE("network paths are refused before GDAL sees them") {
    for (const char* path : {"/vsicurl/http://x", "https://x", "/VSICURL/http://x", "/vsis3/bucket/key.geojson"}) {
        auto r = readVector(path);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error() == std::string(path) + ": network sources are not allowed (sitview works offline)");
    }
    CHECK(sv::geo::isNetworkPath("/vsizip//vsicurl/http://x/a.zip/b.shp"));
    CHECK_FALSE(sv::geo::isNetworkPath("/vsizip/tmp/a.zip/b.geojson"));
    CHECK_FALSE(sv::geo::isNetworkPath("/tmp/a.geojson"));
}

TEST_CASE("a data file that names a network source cannot make GDAL connect") {
    // A listening socket on the loopback: if anything connected to it, GDAL went to the network.
    const int srv = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(srv >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(srv, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(srv, 4) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(getsockname(srv, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/zones.geojson";

    TempDir dir("network");
    const std::string vrt = (dir.path / "remote.vrt").string();
    std::ofstream(vrt) << "<OGRVRTDataSource><OGRVRTLayer name=\"zones\"><SrcDataSource>/vsicurl/" << url
                       << "</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>\n";
    const std::string geojson = (dir.path / "remote.geojson").string();
    std::ofstream(geojson) << "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
                              "\"properties\": {}, \"geometry\": {\"$ref\": \""
                           << url << "\"}}]}\n";
    const auto vrtRead = readVector(vrt);
    const auto jsonRead = readVector(geojson);

    fcntl(srv, F_SETFL, O_NONBLOCK);
    const int conn = accept(srv, nullptr, nullptr);
    const int why = errno;
    if (conn >= 0) close(conn);
    close(srv);
    CHECK(conn < 0);
    CHECK((why == EAGAIN || why == EWOULDBLOCK));
    // The VRT's only layer cannot be opened: an error naming the file, or a source without features.
    if (vrtRead.ok()) {
        for (const auto& layer : vrtRead->layers) CHECK(layer.features.empty());
    } else {
        CHECK(vrtRead.error().rfind(vrt + ": ", 0) == 0);
    }
    (void)jsonRead;  // whatever GeoJSON makes of "$ref", it must not have fetched it (checked above)
}

TEST_CASE("formats: GeoJSON, GeoPackage, Shapefile, FlatGeobuf, KML, /vsizip/ and /vsigzip/ read the same") {
    const std::string src = kData + "/formats.geojson";
    TempDir dir("formats");

    SUBCASE("GeoJSON") {
        auto r = readVector(src);
        REQUIRE(r.ok());
        CHECK(r->path == src);
        CHECK(r->layers[0].name == "formats");
        CHECK(r->warnings.empty());
        checkFormatsContent(*r);
    }
    SUBCASE("GeoPackage") {
        translate(src, dir / "f.gpkg", "GPKG");
        auto r = readVector(dir / "f.gpkg");
        REQUIRE(r.ok());
        checkFormatsContent(*r);
    }
    SUBCASE("ESRI Shapefile") {
        translate(src, dir / "f.shp", "ESRI Shapefile");
        auto r = readVector(dir / "f.shp");
        REQUIRE(r.ok());
        CHECK(r->layers[0].name == "f");
        checkFormatsContent(*r);
    }
    SUBCASE("FlatGeobuf") {
        translate(src, dir / "f.fgb", "FlatGeobuf");
        auto r = readVector(dir / "f.fgb");
        REQUIRE(r.ok());
        checkFormatsContent(*r);
    }
    SUBCASE("KML") {
        translate(src, dir / "f.kml", "KML");
        auto r = readVector(dir / "f.kml");
        REQUIRE(r.ok());
        checkFormatsContent(*r);
    }
    SUBCASE("/vsizip/") {
        writeVirtual("/vsizip/" + (dir / "f.zip") + "/inner.geojson", slurp(src));
        REQUIRE(fs::file_size(dir.path / "f.zip") > 0);
        auto r = readVector("/vsizip/" + (dir / "f.zip") + "/inner.geojson");
        REQUIRE(r.ok());
        checkFormatsContent(*r);
    }
    SUBCASE("/vsigzip/") {
        writeVirtual("/vsigzip/" + (dir / "f.geojson.gz"), slurp(src));
        // A real gzip stream on disk (magic 1f 8b), not a copy of the text.
        const std::string gz = slurp(dir / "f.geojson.gz");
        REQUIRE(gz.size() > 2);
        CHECK(static_cast<unsigned char>(gz[0]) == 0x1f);
        CHECK(static_cast<unsigned char>(gz[1]) == 0x8b);
        auto r = readVector("/vsigzip/" + (dir / "f.geojson.gz"));
        REQUIRE(r.ok());
        checkFormatsContent(*r);
    }
}

TEST_CASE("invalid polygons: a bow-tie is repaired with MakeValid, the valid square kept as it is") {
    const std::string path = kData + "/bowtie.geojson";
    sv::MapSources src;
    src.regions = path;
    const sv::LoadedMap map = sv::geo::loadMap(src);
    CHECK(map.errors.empty());
    REQUIRE(map.data.regions.size() == 2);
    const sv::Region* bowtie = map.data.findRegion("BT");
    const sv::Region* square = map.data.findRegion("OK");
    REQUIRE(bowtie != nullptr);
    REQUIRE(square != nullptr);
    // Two triangles meeting where the diagonals cross: half of the bow-tie's box. Web Mercator maps a lon/lat box to
    // a rectangle, so the square over the same latitudes and as many degrees of longitude has exactly twice the area.
    CHECK(bowtie->shape.size() == 2);
    CHECK(square->shape.size() == 1);
    CHECK(sv::planarArea(bowtie->shape) == doctest::Approx(sv::planarArea(square->shape) / 2).epsilon(1e-9));

    const std::string prefix = path + ": 1 invalid polygon(s) repaired with MakeValid, 0 skipped (first: feature 0: ";
    int lines = 0;
    for (const auto& w : map.warnings)
        if (w.find("invalid polygon(s) repaired with MakeValid") != std::string::npos) {
            ++lines;
            INFO(w);
            CHECK(w.rfind(prefix, 0) == 0);
            CHECK(w.find("Self-intersection") != std::string::npos);
        }
    CHECK(lines == 1);
}

TEST_CASE("a coordinate outside the projection's domain skips that feature only") {
    const std::string path = kData + "/far_coordinates.geojson";
    sv::MapSources src;
    src.places = path;
    const sv::LoadedMap map = sv::geo::loadMap(src);
    CHECK(map.errors.empty());
    REQUIRE(map.data.places.size() == 2);
    CHECK(map.data.findPlace("near-a") != nullptr);
    CHECK(map.data.findPlace("near-b") != nullptr);
    CHECK(map.data.findPlace("far") == nullptr);
    REQUIRE(map.warnings.size() == 1);
    CHECK(map.warnings[0] == path +
                                 ": layer 'far_coordinates', feature 1: coordinates outside the map projection's "
                                 "domain; feature skipped");
}

TEST_CASE("a layer without a CRS is read as WGS 84 longitude/latitude, with a warning") {
    TempDir dir("nocrs");
    translate(kData + "/formats.geojson", dir / "nocrs.shp", "ESRI Shapefile");
    REQUIRE(fs::remove(dir.path / "nocrs.prj"));
    auto r = readVector(dir / "nocrs.shp");
    REQUIRE(r.ok());
    REQUIRE(r->layers.size() == 1);
    CHECK(r->layers[0].crsAssumed);
    CHECK(r->layers[0].crs == "EPSG:4326");
    REQUIRE(r->warnings.size() == 1);
    CHECK(r->warnings[0] == (dir / "nocrs.shp") + ": layer 'nocrs' has no CRS; assuming WGS 84 longitude/latitude");
    // The coordinates are still the file's, unchanged.
    const auto* sq = featureNamed(r->layers[0], "Holed square");
    REQUIRE(sq != nullptr);
    checkBox(sq->polygons[0].outer, 30, 50, 32, 52);

    // Loaded as regions, the warning reaches the map's warnings and the regions are projected as lon/lat.
    sv::MapSources src;
    src.regions = dir / "nocrs.shp";
    const sv::LoadedMap map = sv::geo::loadMap(src);
    CHECK(map.errors.empty());
    CHECK(map.data.regions.size() == 3);
    CHECK(std::count(map.warnings.begin(), map.warnings.end(), r->warnings[0]) == 1);
}

namespace {

void checkSameRead(const sv::geo::VectorData& a, const sv::geo::VectorData& b) {
    CHECK(a.warnings.size() == b.warnings.size());
    REQUIRE(a.layers.size() == b.layers.size());
    for (std::size_t l = 0; l < a.layers.size(); ++l) {
        const auto& x = a.layers[l];
        const auto& y = b.layers[l];
        CHECK(x.name == y.name);
        CHECK(x.fieldNames == y.fieldNames);
        CHECK(x.crs == y.crs);
        REQUIRE(x.features.size() == y.features.size());
        for (std::size_t i = 0; i < x.features.size(); ++i) {
            const auto& f = x.features[i];
            const auto& g = y.features[i];
            CHECK(f.fid == g.fid);
            CHECK(f.fields == g.fields);
            CHECK(f.points == g.points);
            CHECK(f.lines == g.lines);
            REQUIRE(f.polygons.size() == g.polygons.size());
            for (std::size_t p = 0; p < f.polygons.size(); ++p) {
                CHECK(f.polygons[p].outer == g.polygons[p].outer);
                CHECK(f.polygons[p].holes == g.polygons[p].holes);
            }
        }
    }
}

}  // namespace

// readVector hands a .geojson/.json file's text to GDAL's GeoJSON driver (one parse instead of two streaming passes).
// The same document with another extension is opened by name as before: both must read alike, names and warnings too.
TEST_CASE("a GeoJSON file read from its text reads as GDAL reads it by name: layer name, fields, FIDs, shapes, warnings") {
    TempDir dir("geojson-text");
    const std::string doc = R"({ "type": "FeatureCollection",
"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:EPSG::3857" } },
"features": [
{ "type": "Feature", "id": 7, "properties": { "name": "Київ", "n": 3, "area": 2.5, "date": "2022-03-29" },
  "geometry": { "type": "Polygon", "coordinates": [ [[0,0],[4,0],[4,4],[0,4],[0,0]], [[1,1],[1,2],[2,2],[2,1],[1,1]] ] } },
{ "type": "Feature", "id": 8, "properties": { "name": "open ring", "n": null, "area": 1e-3, "date": "2022-03-30" },
  "geometry": { "type": "MultiPolygon", "coordinates": [ [[[10,10],[12,10],[12,12],[10,12]]], [[[20,20],[21,20],[21,21],[20,20]]] ] } },
{ "type": "Feature", "id": 9, "properties": { "name": "line and point" },
  "geometry": { "type": "GeometryCollection", "geometries": [ { "type": "LineString", "coordinates": [[0,0],[5,5]] },
                                                              { "type": "Point", "coordinates": [3,1] } ] } }
] })";
    for (const char* ext : {".geojson", ".txt"}) std::ofstream(dir / (std::string("doc") + ext)) << doc;
    auto fromText = readVector(dir / "doc.geojson");
    auto byName = readVector(dir / "doc.txt");
    REQUIRE(fromText.ok());
    REQUIRE(byName.ok());
    REQUIRE(fromText->layers.size() == 1);
    CHECK(fromText->layers[0].name == "doc");  // the file's name, as GDAL names a collection without one
    CHECK(fromText->layers[0].crs == "EPSG:3857");
    REQUIRE(fromText->layers[0].features.size() == 3);
    CHECK(fromText->layers[0].features[1].fid == 8);
    REQUIRE(fromText->warnings.size() == 1);
    CHECK(fromText->warnings[0] == dir / "doc.geojson" + ": layer 'doc', feature 8: 1 ring(s) not closed (last point differs from the first); read as closed");
    checkSameRead(*fromText, *byName);

    SUBCASE("a collection named \"OGRGeoJSON\" keeps its name") {
        std::string named = doc;
        named.insert(named.find("\"crs\""), "\"name\": \"OGRGeoJSON\", ");
        std::ofstream(dir / "named.geojson") << named;
        auto r = readVector(dir / "named.geojson");
        REQUIRE(r.ok());
        CHECK(r->layers[0].name == "OGRGeoJSON");
    }
    SUBCASE("a file that is not GeoJSON keeps GDAL's message for the file") {
        std::ofstream(dir / "bad.geojson") << R"({ "type": "FeatureCollection", "features": [ { "type": )";
        auto r = readVector(dir / "bad.geojson");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().rfind(dir / "bad.geojson" + ": ", 0) == 0);
        CHECK(r.error().find("FeatureCollection") == std::string::npos);  // the document's text is not in the message
    }
}
