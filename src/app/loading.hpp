// What the loader thread does: the base map and scenario (from the prepared-data cache, else through the geo
// module), the CRS transforms when asked for, and the articles linked to the places. The result moves to the main
// thread whole.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "model/loaded_map.hpp"
#include "reporting/reporting.hpp"
#include "util/progress.hpp"

namespace sv {

struct LoadRequest {
    MapSources sources;
    std::vector<std::string> articleFolders;
    bool useCache = true;
    bool wantTransforms = false;  // load the geo module even on a cache hit (lon/lat options, CLI commands)
    Progress* progress = nullptr;  // reading progress and cancel, for the UI or stderr
};

struct LoadResult {
    LoadedMap map;
    std::unique_ptr<Reporting> reporting;  // null when the map failed
    std::unique_ptr<CoordTransform> toLonLat, fromLonLat;  // map CRS ↔ lon/lat, when the geo module is loaded
};

LoadResult loadEverything(const LoadRequest& request);
// Map CRS ↔ lon/lat through the geo module (loads it when needed).
void loadTransforms(const std::string& crs, LoadResult& out);
// The built-in article folder (assets/articles), if present.
std::string builtinArticles();

}  // namespace sv
