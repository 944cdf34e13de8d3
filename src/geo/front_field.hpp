// A distance field of the country's outline, rasterised once: for any map point, whether it lies inside the
// country and how far from its border or coast. A segment of the held area's boundary is front line when its
// middle lies inside the country farther than the tolerance from the outline — a per-segment test that depends on
// geometry only, so each distinct chunk of a long series is classified once, whatever day it appears on.
#pragma once
#include <cstdint>
#include <vector>

#include "model/geometry.hpp"

namespace sv::geo {

class OutlineField {
public:
    // `cell`: raster resolution in map units (a fraction of the tolerance is plenty).
    OutlineField(const MultiPolygon& country, double cell);
    bool empty() const { return w_ == 0; }
    // Distance from p to the outline in map units, positive inside the country, negative outside.
    double signedDistance(Vec2d p) const;

private:
    double x0_ = 0, y0_ = 0, cell_ = 1;
    int w_ = 0, h_ = 0;
    std::vector<float> d_;  // signed distance per cell centre
};

}  // namespace sv::geo
