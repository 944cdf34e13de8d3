// Areas on the WGS 84 ellipsoid (PROJ's geodesic routines, C. F. F. Karney's algorithms): exact for the polygon
// whose edges are geodesics between its vertices, independent of any map projection. Occupied areas are reported
// this way; see docs/series.md for why not a projected (even equal-area) plane.
#pragma once
#include "model/geometry.hpp"

namespace sv::geo {

// |area| of one lon/lat ring in km².
double geodesicRingAreaKm2(const Ring& lonlat);
// Outer rings minus holes, in km². Parts must not overlap (valid polygons): union them first otherwise.
double geodesicAreaKm2(const MultiPolygon& lonlat);

}  // namespace sv::geo
