// Loads libsitview-geo.so (GDAL, PROJ, GEOS) on first use, from the executable's directory. Thread-safe; the
// first call pays the dynamic linking (~80-100 ms here), so callers make it from a worker thread where they can.
#pragma once
#include "geo/geo_api.hpp"
#include "util/result.hpp"

namespace sv {

Result<const geo::Api*> geoModule();
// True once the module is loaded (never blocks).
bool geoModuleLoaded();

}  // namespace sv
