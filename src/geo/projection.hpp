// Coordinate transformation with PROJ between any two CRSs (EPSG codes, PROJ strings, WKT), always in GIS axis
// order (x = easting/longitude) thanks to proj_normalize_for_visualization. Each Projector owns its PROJ
// context, so one per thread is safe.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/geometry.hpp"
#include "util/result.hpp"

namespace sv::geo {

inline constexpr std::string_view kLonLat = "EPSG:4326";
inline constexpr std::string_view kDefaultMapCrs = "EPSG:3857";

class Projector {
public:
    // Fails with "cannot use CRS '<text>': <PROJ's reason>" for an unknown or unusable definition.
    static Result<Projector> create(std::string_view fromCrs, std::string_view toCrs);
    Projector(Projector&&) noexcept;
    Projector& operator=(Projector&&) noexcept;
    ~Projector();

    // Transforms in place; points PROJ cannot transform become NaN. Returns how many failed.
    std::size_t forward(Vec2d* pts, std::size_t n) const;
    std::size_t inverse(Vec2d* pts, std::size_t n) const;
    std::size_t forward(std::vector<Vec2d>& pts) const { return forward(pts.data(), pts.size()); }
    Vec2d forward(Vec2d p) const;  // NaN on failure
    Vec2d inverse(Vec2d p) const;

    // Transforms every ring; a ring with a failed point makes the whole call fail (caller skips the feature).
    bool forward(MultiPolygon& mp) const;
    bool forward(std::vector<LineString>& lines) const;

    bool isIdentity() const;

private:
    struct Impl;
    explicit Projector(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// Checks that a CRS definition is understood by PROJ; the error names the text and PROJ's reason.
Status validateCrs(std::string_view crs);

}  // namespace sv::geo
