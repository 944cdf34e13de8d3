// OGR reading: open read-only, iterate layers and features, flatten geometry types into RawFeature parts, turn
// field values and the CRS into plain values. GDAL's error messages are captured per thread and attached to the
// file they concern.
#include "geo/vector_reader.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_http.h>
#include <ogr_srs_api.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "reporting/text.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace sv::geo {
namespace {

// Stands in for GDAL's HTTP client (WFS, GML xlinks, remote GeoJSON, …): every request fails, nothing is sent.
CPLHTTPResult* refuseHttp(const char* url, CSLConstList, GDALProgressFunc, void*, CPLHTTPFetchWriteFunc, void*, void*) {
    auto* r = static_cast<CPLHTTPResult*>(CPLCalloc(1, sizeof(CPLHTTPResult)));
    r->nStatus = 1;
    r->pszErrBuf = CPLStrdup((std::string("network access is disabled in sitview (") + (url ? url : "") + ")").c_str());
    CPLError(CE_Failure, CPLE_AppDefined, "%s", r->pszErrBuf);
    return r;
}

void registerDrivers() {
    static std::once_flag once;
    std::call_once(once, [] {
        // A data file can name a remote resource itself (an OGR VRT's SrcDataSource, a GML xlink): the path check
        // in readVector cannot see that. So the network is closed inside GDAL too: /vsicurl/ and its relatives
        // (/vsis3/, /vsigs/, …) accept only file names ending in an extension no real file has, GDAL's HTTP client
        // is replaced by one that refuses, and PROJ does not fetch grids.
        CPLSetConfigOption("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".sitview-offline-no-network");
        CPLSetConfigOption("GDAL_HTTP_MAX_RETRY", "0");
        CPLHTTPSetFetchCallback(&refuseHttp, nullptr);
        OSRSetPROJEnableNetwork(FALSE);
        GDALAllRegister();
        // Drivers that talk to servers or run other programs: a data file must never make sitview do either.
        static constexpr const char* kRemote[] = {"HTTP", "WFS", "OAPIF", "CSW", "WMS", "WMTS", "WCS", "Elasticsearch",
                                                  "CARTO", "AmigoCloud", "NGW", "PLSCENES", "DAAS", "EEDA", "EEDAI",
                                                  "GPSBabel", "MongoDBv3", "OGCAPI", "STACTA", "STACIT", "TileDB"};
        GDALDriverManager* mgr = GetGDALDriverManager();
        for (const char* name : kRemote)
            if (GDALDriver* d = mgr->GetDriverByName(name)) {
                mgr->DeregisterDriver(d);
                GDALDestroyDriver(d);
            }
    });
}

// Collects GDAL errors raised on this thread while it is alive.
class ErrorCapture {
public:
    ErrorCapture() { CPLPushErrorHandlerEx(&ErrorCapture::handler, this); }
    ~ErrorCapture() { CPLPopErrorHandler(); }
    ErrorCapture(const ErrorCapture&) = delete;
    ErrorCapture& operator=(const ErrorCapture&) = delete;

    std::vector<std::string> messages;
    std::string last() const { return messages.empty() ? std::string() : messages.back(); }

private:
    static void CPL_STDCALL handler(CPLErr cls, CPLErrorNum, const char* msg) {
        auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData());
        if (self && cls >= CE_Warning && msg) self->messages.emplace_back(trim(msg));
    }
};

std::string crsOf(const OGRSpatialReference* srs, bool& assumed) {
    assumed = false;
    if (!srs) {
        assumed = true;
        return "EPSG:4326";
    }
    const char* auth = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    if (auth && code) return std::string(auth) + ":" + code;
    char* wkt = nullptr;
    const char* opts[] = {"FORMAT=WKT2_2019", nullptr};
    std::string out;
    if (srs->exportToWkt(&wkt, opts) == OGRERR_NONE && wkt) out = wkt;
    CPLFree(wkt);
    if (out.empty()) {
        assumed = true;
        out = "EPSG:4326";
    }
    return out;
}

bool readRing(const OGRLinearRing* ring, Ring& out, int* unclosed = nullptr) {
    const int n = ring->getNumPoints();
    if (unclosed && n > 0 && (ring->getX(0) != ring->getX(n - 1) || ring->getY(0) != ring->getY(n - 1))) ++*unclosed;
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const Vec2d p{ring->getX(i), ring->getY(i)};
        if (!isFinite(p)) return false;
        if (out.empty() || !(out.back() == p)) out.push_back(p);
    }
    if (out.size() > 1 && out.front() == out.back()) out.pop_back();
    return true;
}

struct Flattener {
    RawFeature& f;
    std::string problem;  // first reason the feature's geometry is unusable
    int droppedRings = 0;
    int unclosedRings = 0;  // rings whose last point is not their first (read as closed)

    void add(const OGRGeometry* g) {
        if (!g || g->IsEmpty()) return;
        if (g->hasCurveGeometry()) {
            std::unique_ptr<OGRGeometry> lin(g->getLinearGeometry());
            if (lin) add(lin.get());
            return;
        }
        switch (wkbFlatten(g->getGeometryType())) {
            case wkbPoint: {
                auto* p = g->toPoint();
                const Vec2d v{p->getX(), p->getY()};
                if (!isFinite(v)) return setProblem("non-finite point coordinate");
                f.points.push_back(v);
                break;
            }
            case wkbLineString: {
                auto* l = g->toLineString();
                LineString ls;
                for (int i = 0; i < l->getNumPoints(); ++i) {
                    const Vec2d v{l->getX(i), l->getY(i)};
                    if (!isFinite(v)) return setProblem("non-finite line coordinate");
                    ls.push_back(v);
                }
                if (ls.size() >= 2) f.lines.push_back(std::move(ls));
                break;
            }
            case wkbPolygon: addPolygon(g->toPolygon()); break;
            case wkbMultiPoint:
            case wkbMultiLineString:
            case wkbMultiPolygon:
            case wkbGeometryCollection:
                for (const auto* part : *g->toGeometryCollection()) add(part);
                break;
            default: {
                // TINs, polyhedral surfaces: fall back to their polygon parts.
                std::unique_ptr<OGRGeometry> mp(OGRGeometryFactory::forceToMultiPolygon(g->clone()));
                if (mp && wkbFlatten(mp->getGeometryType()) == wkbMultiPolygon) add(mp.get());
                else setProblem(std::string("unsupported geometry type ") + g->getGeometryName());
            }
        }
    }

    void addPolygon(const OGRPolygon* poly) {
        const OGRLinearRing* ext = poly->getExteriorRing();
        if (!ext) return;
        Polygon out;
        if (!readRing(ext, out.outer, &unclosedRings)) return setProblem("non-finite polygon coordinate");
        if (out.outer.size() < 3) {
            ++droppedRings;
            return;
        }
        for (int i = 0; i < poly->getNumInteriorRings(); ++i) {
            Ring hole;
            if (!readRing(poly->getInteriorRing(i), hole, &unclosedRings)) return setProblem("non-finite polygon coordinate");
            if (hole.size() >= 3) out.holes.push_back(std::move(hole));
            else ++droppedRings;
        }
        f.polygons.push_back(std::move(out));
    }

    void setProblem(std::string why) {
        if (problem.empty()) problem = std::move(why);
    }
};

FieldValue readField(OGRFeature& feat, int i) {
    if (!feat.IsFieldSetAndNotNull(i)) return std::monostate{};
    switch (feat.GetFieldDefnRef(i)->GetType()) {
        case OFTInteger:
        case OFTInteger64: return static_cast<int64_t>(feat.GetFieldAsInteger64(i));
        case OFTReal: return feat.GetFieldAsDouble(i);
        case OFTDate:
        case OFTDateTime: {
            // OGR's own text form is "2022/03/29"; the scenario schema (and QGIS) use ISO 8601.
            int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
            float sec = 0;
            feat.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &sec, &tz);
            char buf[32];
            if (h == 0 && mi == 0 && sec == 0) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
            else std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02.0f", y, mo, d, h, mi, sec);
            return std::string(buf);
        }
        default: return std::string(feat.GetFieldAsString(i));
    }
}

std::string where(const std::string& path, const std::string& layer, int64_t fid) {
    return path + ": layer '" + layer + "', feature " + std::to_string(fid) + ": ";
}

RawLayer readLayer(OGRLayer& layer, const std::string& name, const std::string& path, std::vector<std::string>& warnings) {
    RawLayer out;
    out.name = name;
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) out.fieldNames.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    out.crs = crsOf(layer.GetSpatialRef(), out.crsAssumed);
    if (out.crsAssumed && defn->GetGeomFieldCount() > 0)
        warnings.push_back(path + ": layer '" + out.name + "' has no CRS; assuming WGS 84 longitude/latitude");

    layer.ResetReading();
    for (auto& feat : layer) {
        RawFeature f;
        f.fid = feat->GetFID();
        Flattener flat{f, {}, 0};
        flat.add(feat->GetGeometryRef());
        if (!flat.problem.empty()) {
            warnings.push_back(where(path, out.name, f.fid) + flat.problem + "; feature skipped");
            continue;
        }
        if (flat.droppedRings)
            warnings.push_back(where(path, out.name, f.fid) + std::to_string(flat.droppedRings) +
                               " degenerate ring(s) with fewer than 3 distinct points dropped");
        if (flat.unclosedRings)
            warnings.push_back(where(path, out.name, f.fid) + std::to_string(flat.unclosedRings) +
                               " ring(s) not closed (last point differs from the first); read as closed");
        f.fields.reserve(out.fieldNames.size());
        for (int i = 0; i < static_cast<int>(out.fieldNames.size()); ++i) {
            f.fields.push_back(readField(*feat, i));
            // Text must be UTF-8 everywhere after this point (labels, search, messages, exports).
            if (auto* text = std::get_if<std::string>(&f.fields.back()); text && !text::validUtf8(*text)) {
                std::vector<std::size_t> bad;
                std::string fixed = text::encode(text::decode(*text, &bad));
                warnings.push_back(where(path, out.name, f.fid) + "field '" + out.fieldNames[static_cast<std::size_t>(i)] +
                                   "': not valid UTF-8 (byte " + std::to_string(bad.empty() ? 0 : bad.front()) + "; " +
                                   std::to_string(bad.size()) + " invalid byte(s) replaced with U+FFFD)");
                *text = std::move(fixed);
            }
        }
        out.features.push_back(std::move(f));
    }
    return out;
}

// A GeoJSON file's text, for GDAL's GeoJSON driver to parse from memory. Given a file name the driver reads it in
// two streaming passes (one to learn the fields, one to build the features); given the text it parses it once: 300
// daily DeepStateMap-shaped files read in 1.17 s instead of 1.72 s (bench/README.md). Only plain .geojson/.json files
// up to 16 MB that hold a JSON object qualify (a bigger file keeps the streaming reader's memory bound); nullopt:
// open by name as before. A document that names its layer "OGRGeoJSON" (the name the driver gives a layer read from
// text) is opened by name too, so the layer's name can be told apart and set to the one a file gets.
std::optional<std::string> geojsonText(const std::string& path) {
    constexpr std::uintmax_t kMaxBytes = 16u << 20;
    if (startsWith(path, "/vsi")) return std::nullopt;
    const std::string ext = asciiLower(std::filesystem::path(path).extension().string());
    if (ext != ".geojson" && ext != ".json") return std::nullopt;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size == 0 || size > kMaxBytes) return std::nullopt;
    auto read = readFile(path);
    if (!read) return std::nullopt;  // (opened by name, GDAL gives the reason)
    std::string text = std::move(*read);
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || text[first] != '{' || text.find("\"OGRGeoJSON\"") != std::string::npos)
        return std::nullopt;
    return text;
}

GDALDatasetUniquePtr openGeojsonText(const std::string& text) {
    static const char* const kGeojson[] = {"GeoJSON", nullptr};
    ErrorCapture quiet;  // a text the driver refuses is opened again by name, which reports the reason
    return GDALDatasetUniquePtr(
        GDALDataset::Open(text.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, kGeojson, nullptr, nullptr));
}

}  // namespace

bool isNetworkPath(std::string_view path) {
    static constexpr std::string_view kNet[] = {"/vsicurl", "/vsis3", "/vsigs", "/vsiaz", "/vsiadls", "/vsioss",
                                                "/vsiswift", "/vsiwebhdfs", "/vsihdfs"};
    const std::string lower = asciiLower(path);
    for (auto p : kNet)
        if (lower.find(p) != std::string::npos) return true;
    return lower.find("://") != std::string::npos;
}

Result<VectorData> readVector(const std::string& path, const ReadOptions& options) {
    if (isNetworkPath(path)) return fail(path + ": network sources are not allowed (sitview works offline)");
    if (!startsWith(path, "/vsi")) {
        // A named pipe or a device would block or never end: only files and folders are data sources.
        namespace fs = std::filesystem;
        std::error_code ec;
        const auto st = fs::status(path, ec);
        if (!ec && fs::exists(st) && !fs::is_regular_file(st) && !fs::is_directory(st))
            return fail(path + ": is " +
                        (fs::is_fifo(st) ? "a named pipe" : fs::is_socket(st) ? "a socket" : "a device") +
                        ", not a data file");
    }
    registerDrivers();
    ErrorCapture errors;
    GDALDatasetUniquePtr ds;
    const std::optional<std::string> text = geojsonText(path);
    const bool fromText = text && (ds = openGeojsonText(*text));
    if (!ds)
        ds.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, nullptr,
                                   nullptr, nullptr));
    if (!ds) {
        std::string reason = errors.last();
        if (reason.empty()) reason = "not a vector data source GDAL can read";
        // GDAL often names the path itself; avoid saying it twice.
        if (startsWith(reason, path + ":")) reason = trim(reason.substr(path.size() + 1));
        if (startsWith(reason, "`" + path + "' ")) reason = trim(reason.substr(path.size() + 3));
        while (!reason.empty() && reason.back() == '.') reason.pop_back();
        // GDAL's "not recognized" says little; say what is wrong with the file where that is plain.
        if (!startsWith(path, "/vsi")) {
            std::error_code ec;
            const auto st = std::filesystem::status(path, ec);
            if (ec)  // the system's reason is the precise one (a symlink loop, no permission)
                reason = ec.message();
            else if (std::filesystem::is_directory(st))
                reason = "is a directory, not a vector data source GDAL can read";
            else if (std::filesystem::is_regular_file(st) && std::filesystem::file_size(path, ec) == 0 && !ec)
                reason = "empty file (0 bytes)";
            else if (std::filesystem::is_regular_file(st) && asciiLower(std::filesystem::path(path).extension().string()) == ".gpkg") {
                char head[16] = {};
                std::ifstream in(path, std::ios::binary);
                in.read(head, sizeof head);
                if (in.gcount() < 16 || std::string(head, 16) != std::string("SQLite format 3\0", 16))
                    reason = "not a GeoPackage: the file is not an SQLite database (no 'SQLite format 3' header)";
            }
        }
        return fail(path + ": " + reason);
    }
    VectorData out;
    out.path = path;
    for (auto* layer : ds->GetLayers()) {
        // Read from text, the driver names an unnamed collection's layer "OGRGeoJSON"; from the file, after the file.
        const std::string name = fromText && std::string_view(layer->GetName()) == "OGRGeoJSON"
                                     ? std::filesystem::path(path).stem().string()
                                     : std::string(layer->GetName());
        if (!options.layers.empty()) {
            bool wanted = false;
            for (const auto& n : options.layers) wanted |= n == name;
            if (!wanted) continue;
        }
        out.layers.push_back(readLayer(*layer, name, path, out.warnings));
    }
    for (const auto& n : options.layers) {
        bool found = false;
        for (const auto& l : out.layers) found |= l.name == n;
        if (!found) out.warnings.push_back(path + ": no layer named '" + n + "'");
    }
    for (auto m : errors.messages) {
        // Reported per feature above, with the feature's id.
        if (m.find("Non closed ring detected") != std::string::npos) continue;
        // Read from text, the dataset's name is the document itself: a message that quotes it names the file instead.
        for (std::size_t at; fromText && (at = m.find(*text)) != std::string::npos;) m.replace(at, text->size(), path);
        out.warnings.push_back(path + ": " + m);
    }
    return out;
}

int RawLayer::field(std::initializer_list<std::string_view> names) const {
    for (auto want : names)
        for (std::size_t i = 0; i < fieldNames.size(); ++i)
            if (equalsAsciiNoCase(fieldNames[i], want)) return static_cast<int>(i);
    return -1;
}

std::string fieldText(const RawFeature& f, int i) {
    if (i < 0 || static_cast<std::size_t>(i) >= f.fields.size()) return {};
    const auto& v = f.fields[static_cast<std::size_t>(i)];
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
    if (auto* d = std::get_if<double>(&v)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.15g", *d);
        return buf;
    }
    return {};
}

std::optional<int64_t> fieldInt(const RawFeature& f, int i) {
    if (i < 0 || static_cast<std::size_t>(i) >= f.fields.size()) return std::nullopt;
    const auto& v = f.fields[static_cast<std::size_t>(i)];
    if (auto* n = std::get_if<int64_t>(&v)) return *n;
    if (auto* d = std::get_if<double>(&v); d && std::isfinite(*d) && std::abs(*d) < 9e18) return static_cast<int64_t>(*d);
    if (auto* s = std::get_if<std::string>(&v)) {
        try {
            std::size_t used = 0;
            const long long n = std::stoll(*s, &used);
            if (used == s->size()) return n;
        } catch (...) {
        }
    }
    return std::nullopt;
}

std::optional<double> fieldReal(const RawFeature& f, int i) {
    if (i < 0 || static_cast<std::size_t>(i) >= f.fields.size()) return std::nullopt;
    const auto& v = f.fields[static_cast<std::size_t>(i)];
    if (auto* d = std::get_if<double>(&v)) return *d;
    if (auto* n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
    if (auto* s = std::get_if<std::string>(&v)) {
        try {
            std::size_t used = 0;
            const double d = std::stod(*s, &used);
            if (used == s->size()) return d;
        } catch (...) {
        }
    }
    return std::nullopt;
}

}  // namespace sv::geo
