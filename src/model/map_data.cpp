// Lookups on the base map (see map_data.hpp).
#include "model/map_data.hpp"

namespace sv {

std::string_view placeKindName(PlaceKind kind) {
    switch (kind) {
        case PlaceKind::Capital: return "capital";
        case PlaceKind::OblastCentre: return "oblast_centre";
        case PlaceKind::City: return "city";
        case PlaceKind::Town: return "town";
        case PlaceKind::Site: return "site";
    }
    return "town";
}

std::optional<PlaceKind> parsePlaceKind(std::string_view t) {
    if (t == "capital") return PlaceKind::Capital;
    if (t == "oblast_centre" || t == "oblast centre" || t == "oblast_center") return PlaceKind::OblastCentre;
    if (t == "city") return PlaceKind::City;
    if (t == "town" || t == "village") return PlaceKind::Town;
    if (t == "site") return PlaceKind::Site;
    return std::nullopt;
}

Bbox MapData::home() const {
    Bbox b;
    for (const auto& r : regions) b.add(r.bbox);
    if (!b.empty()) return b;
    for (const auto& r : context) b.add(r.bbox);
    for (const auto& p : places) b.add(p.pos);
    for (const auto& o : overlays) {
        for (const auto& mp : o.polygons) b.add(bounds(mp));
        for (const auto& p : o.points) b.add(p);
    }
    return b;
}

bool MapData::insideOutline(Vec2d p) const {
    for (const auto& poly : outline)
        if (pointInPolygon(poly, p)) return true;
    return false;
}

const Place* MapData::findPlace(std::string_view id) const {
    for (const auto& p : places)
        if (p.id == id) return &p;
    return nullptr;
}

const Region* MapData::findRegion(std::string_view id) const {
    for (const auto& r : regions)
        if (r.id == id) return &r;
    return nullptr;
}

}  // namespace sv
