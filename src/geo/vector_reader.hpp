// The data edge: reads any OGR vector source into plain sitview structures. Nothing of OGR's types leaves
// vector_reader.cpp. Inputs are opened read-only; network sources are refused.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/geometry.hpp"
#include "util/result.hpp"

namespace sv::geo {

using FieldValue = std::variant<std::monostate, int64_t, double, std::string>;

// One feature with its geometry flattened by dimension (multi-types and collections are split into parts).
struct RawFeature {
    int64_t fid = 0;
    std::vector<Vec2d> points;
    std::vector<LineString> lines;
    MultiPolygon polygons;
    std::vector<FieldValue> fields;  // parallel to RawLayer::fieldNames
};

struct RawLayer {
    std::string name;
    std::vector<std::string> fieldNames;
    std::vector<RawFeature> features;
    // The layer's CRS as something PROJ accepts ("EPSG:4326" when an authority code is known, else WKT).
    // Coordinates are in GIS order (x = easting/longitude) whatever the CRS's axis order says.
    std::string crs;
    bool crsAssumed = false;  // the source had no CRS; WGS 84 lon/lat was assumed

    // Index of the first field whose name matches one of `names` (ASCII case-insensitive), or -1.
    int field(std::initializer_list<std::string_view> names) const;
};

struct ReadOptions {
    std::vector<std::string> layers;  // read only these layers (all when empty)
};

struct VectorData {
    std::string path;
    std::vector<RawLayer> layers;
    // "path: layer 'x', feature 12: reason" — features that were skipped or changed while reading.
    std::vector<std::string> warnings;
};

// Fails with "path: reason" (GDAL's reason when it has one) when the source cannot be opened at all.
Result<VectorData> readVector(const std::string& path, const ReadOptions& options = {});

// Paths that would make GDAL touch the network (/vsicurl/, http://, WFS:…); such inputs are refused.
bool isNetworkPath(std::string_view path);

std::string fieldText(const RawFeature& f, int index);  // "" for null/missing
std::optional<int64_t> fieldInt(const RawFeature& f, int index);
std::optional<double> fieldReal(const RawFeature& f, int index);

}  // namespace sv::geo
