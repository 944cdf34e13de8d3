// Loads the base map: reads each source with GDAL, projects it with PROJ to the map CRS, repairs invalid
// polygons with GEOS and prepares the meshes. A file that fails is reported and the rest still loads.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "geo/projection.hpp"

#include "model/map_data.hpp"
#include "model/mesh.hpp"

namespace sv::geo {

struct MapSources {
    std::string regions;  // admin-1 polygons (built-in: geodata/ukraine_admin1.geojson)
    std::string context;  // neighbouring countries (geodata/neighbours.geojson)
    std::string places;   // named points (geodata/places.geojson)
    std::vector<std::string> overlays;  // any further OGR sources, drawn on top
    std::string crs = "EPSG:3857";
};

// The built-in geodata found next to the executable or in the source tree (empty paths if not found).
MapSources builtinSources();

struct MapTimings {
    double read = 0, project = 0, prepare = 0;  // seconds
};

struct LoadedMap {
    MapData data;
    PreparedMap meshes;
    MapTimings timings;
    std::vector<std::string> errors;    // one line per file that could not be used: "file: reason"
    std::vector<std::string> warnings;  // skipped or repaired features, assumed CRSs
    // Map CRS ↔ WGS 84 lon/lat, for the cursor readout and lon/lat options (null if the CRS was unusable).
    std::shared_ptr<Projector> toLonLat, fromLonLat;
};

LoadedMap loadMap(const MapSources& sources);

}  // namespace sv::geo
