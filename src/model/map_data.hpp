// The base map the viewer draws: Ukraine's admin-1 regions, neighbouring countries for context, named places and
// any extra overlay layers. Geometry here is already in the map CRS (projected); lon/lat is kept for places.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/geometry.hpp"

namespace sv {

enum class PlaceKind { Capital, OblastCentre, City, Town, Site };

std::string_view placeKindName(PlaceKind kind);  // "capital", "oblast_centre", …
std::optional<PlaceKind> parsePlaceKind(std::string_view text);

struct Place {
    std::string id;
    std::string name;    // English (Ukrainian official romanisation)
    std::string nameUk;  // Ukrainian
    std::vector<std::string> aliases;
    PlaceKind kind = PlaceKind::Town;
    std::optional<int64_t> population;
    std::string admin;  // ISO 3166-2 code of the unit it lies in
    std::string source;
    Vec2d lonlat;
    Vec2d pos;  // map CRS
};

struct Region {
    std::string id;  // ISO 3166-2 code for admin-1 units, ISO 3166-1 alpha-3 for countries
    std::string name;
    std::string nameUk;
    std::string type;
    std::vector<std::string> aliases;
    MultiPolygon shape;  // map CRS
    Bbox bbox;
    Vec2d labelPos;  // a point well inside the shape, for its label
};

// A user-supplied layer drawn on top with a neutral style (any geometry type).
struct OverlayLayer {
    std::string name;
    std::string source;
    std::vector<MultiPolygon> polygons;
    std::vector<std::vector<LineString>> lines;
    std::vector<Vec2d> points;
};

struct MapData {
    std::string crs;  // the map CRS as given (e.g. "EPSG:3857")
    std::vector<Region> regions;
    std::vector<Region> context;
    std::vector<Place> places;
    std::vector<OverlayLayer> overlays;
    MultiPolygon outline;  // the union of the regions (Ukraine), for "inside the country" questions
    double outlineKm2 = 0;  // its geodesic area
    // Where "Home" goes: the regions' extent (or everything's, without regions).
    Bbox home() const;

    const Place* findPlace(std::string_view id) const;
    // Inside the regions' union (Ukraine)?
    bool insideOutline(Vec2d mapPos) const;
    const Region* findRegion(std::string_view id) const;
};

}  // namespace sv
