// The geo module's entry points, as a table of functions. Everything that needs GDAL, PROJ or GEOS lives in the
// shared library libsitview-geo.so: linking those libraries costs ~100 ms of symbol binding at process start
// (measured: 77 ms for `sitview --version` when they were linked in), so the viewer loads the module only when
// it needs it (a cache miss, a CLI command, the cursor's lon/lat) and usually on a worker thread. Tests link the
// module directly.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "model/loaded_map.hpp"
#include "util/progress.hpp"
#include "util/result.hpp"

namespace sv::geo {

inline constexpr int kApiVersion = 3;

struct Api {
    int version;
    LoadedMap (*loadMap)(const MapSources& sources, Progress* progress);
    // A PROJ transformation between two CRSs in GIS axis order; fails with PROJ's reason.
    Result<std::unique_ptr<CoordTransform>> (*transform)(const std::string& from, const std::string& to);
    // Geodesic area (km²) of every day of a series, in day order (see series_import.hpp).
    std::vector<double> (*seriesAreas)(const Series& series, const std::string& mapCrs);
    // Writes a loaded scenario/series (loaded in EPSG:4326) as a scenario GeoPackage.
    Status (*writeScenario)(const LoadedMap& map, const std::string& path);
};

const Api& api();

}  // namespace sv::geo

// The symbol the viewer looks up with dlsym.
extern "C" const sv::geo::Api* sitview_geo_api();
