// Writes a loaded scenario or series as the scenario format (docs/scenario.md): a GeoPackage with a `control`
// layer (one feature per distinct snapshot or zone, real DATE columns for QGIS's temporal controller) and a
// `metadata` table. Written to a temporary file next to the target and renamed, so a failed write leaves nothing.
#pragma once
#include <string>

#include "model/loaded_map.hpp"
#include "util/result.hpp"

namespace sv::geo {

// `map` must be in lon/lat (load it with the map CRS EPSG:4326) so coordinates are written exactly as read.
// Refuses (writing nothing) a `path` that is the scenario's source, lies inside a source folder, or exists and is
// not a scenario GeoPackage — an output never replaces an input or another file of the user's.
Status writeScenarioGpkg(const LoadedMap& map, const std::string& path);

}  // namespace sv::geo
