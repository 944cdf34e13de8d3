// Camera flight (see camera_flight.hpp). The scale is interpolated geometrically so zooming feels even.
#include "view/camera_flight.hpp"

#include <algorithm>
#include <cmath>

namespace sv {

double easeInOut(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t < 0.5 ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3) / 2;
}

void CameraFlight::start(const Camera& from, Vec2d toCenter, double toScale, double seconds) {
    c0_ = from.center(), s0_ = from.scale();
    c1_ = toCenter, s1_ = toScale > 0 ? toScale : from.scale();
    duration_ = std::max(seconds, 1e-3);
    t_ = 0;
    active_ = true;
}

bool CameraFlight::advance(Camera& cam, double dt) {
    if (!active_) return false;
    t_ = std::min(t_ + std::max(dt, 0.0), duration_);
    const double e = easeInOut(t_ / duration_);
    cam.setCenter(c0_ + (c1_ - c0_) * e);
    cam.setScale(s0_ * std::pow(s1_ / s0_, e));
    if (t_ >= duration_) {  // land exactly on the target, not one rounding step off
        cam.setCenter(c1_);
        cam.setScale(s1_);
        active_ = false;
    }
    return true;
}

}  // namespace sv
