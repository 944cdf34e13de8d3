// Loads the base map: reads each source with GDAL, projects it with PROJ to the map CRS, repairs invalid
// polygons with GEOS and prepares the meshes. A file that fails is reported and the rest still loads.
#pragma once
#include "model/loaded_map.hpp"
#include "util/progress.hpp"

namespace sv::geo {

LoadedMap loadMap(const MapSources& sources, Progress* progress = nullptr);

}  // namespace sv::geo
