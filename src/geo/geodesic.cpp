// Geodesic areas (see geodesic.hpp).
#include "geo/geodesic.hpp"

#include <cmath>
#include <vector>

#include <geodesic.h>

namespace sv::geo {

double geodesicRingAreaKm2(const Ring& ring) {
    if (ring.size() < 3) return 0.0;
    static const geod_geodesic g = [] {
        geod_geodesic gg;
        geod_init(&gg, 6378137.0, 1.0 / 298.257223563);
        return gg;
    }();
    std::vector<double> lats(ring.size()), lons(ring.size());
    for (std::size_t i = 0; i < ring.size(); ++i) lons[i] = ring[i].x, lats[i] = ring[i].y;
    double area = 0, perimeter = 0;
    geod_polygonarea(&g, lats.data(), lons.data(), static_cast<int>(ring.size()), &area, &perimeter);
    return std::abs(area) / 1e6;
}

double geodesicAreaKm2(const MultiPolygon& mp) {
    double a = 0;
    for (const auto& p : mp) {
        a += geodesicRingAreaKm2(p.outer);
        for (const auto& h : p.holes) a -= geodesicRingAreaKm2(h);
    }
    return a;
}

}  // namespace sv::geo
