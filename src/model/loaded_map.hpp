// What loading the base map produces, independent of how it was produced (read through GDAL/PROJ/GEOS by the geo
// module, or restored from the prepared-data cache): the data, its meshes, timings, and every problem met.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "model/map_data.hpp"
#include "model/mesh.hpp"
#include "model/scenario.hpp"
#include "model/series.hpp"

namespace sv {

struct MapSources {
    std::string regions;  // admin-1 polygons (built-in: geodata/ukraine_admin1.geojson)
    std::string context;  // neighbouring countries (geodata/neighbours.geojson)
    std::string places;   // named points (geodata/places.geojson)
    std::vector<std::string> overlays;  // any further OGR sources, drawn on top
    std::string scenario;  // a scenario GeoPackage or folder, or a daily series (built-in: geodata/scenarios/spring2022.gpkg)
    // How to read `scenario` when it is a series (geo/series_import.hpp): "auto", "deepstate", "nzz", "dated",
    // "layer"; for a layer, the date field or the start/end fields.
    std::string seriesFormat = "auto";
    std::string dateField, startField, endField;
    std::string crs = "EPSG:3857";
};

// The built-in geodata found next to the executable or in the source tree (empty paths if not found).
MapSources builtinSources();

struct MapTimings {
    double read = 0, project = 0, prepare = 0;  // seconds
    double scenario = 0;                        // reading and deriving the scenario, seconds
    bool fromCache = false;
};

struct LoadedMap {
    MapData data;
    PreparedMap meshes;
    bool hasScenario = false;
    Scenario scenario;
    PreparedScenario scenarioMeshes;
    // An imported daily series behind the scenario's zones (null for hand-made scenarios): its snapshots are
    // stored deduplicated and drawn from there.
    std::shared_ptr<Series> series;
    MapTimings timings;
    std::vector<std::string> errors;    // one line per file that could not be used: "file: reason"
    std::vector<std::string> warnings;  // skipped or repaired features, assumed CRSs
};

// A coordinate transformation (PROJ behind it, in the geo module): NaN on failure.
class CoordTransform {
public:
    virtual ~CoordTransform() = default;
    virtual Vec2d apply(Vec2d p) const = 0;
};

}  // namespace sv
