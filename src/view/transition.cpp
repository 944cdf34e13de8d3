// Step transitions (see transition.hpp).
#include "view/transition.hpp"

#include <algorithm>
#include <cmath>

#include "view/camera_flight.hpp"

namespace sv {

TransitionPoint interpolate(const TransitionPoint& a, const TransitionPoint& b, double e) {
    if (e <= 0) return a;
    if (e >= 1) return b;
    TransitionPoint p;
    p.center = a.center + (b.center - a.center) * e;
    p.scale = a.scale > 0 && b.scale > 0 ? a.scale * std::pow(b.scale / a.scale, e) : b.scale;
    p.position = a.position + (b.position - a.position) * e;
    return p;
}

void StepTransition::start(const TransitionPoint& from, const TransitionPoint& to, double seconds) {
    a_ = from, b_ = to;
    duration_ = std::max(seconds, 0.0);
    t_ = 0;
    active_ = true;
}

bool StepTransition::advance(double dt, Camera& camera, TimeCursor& time) {
    if (!active_) return false;
    t_ = std::min(t_ + std::max(dt, 0.0), duration_);
    if (duration_ <= 0 || t_ >= duration_ - 1e-9) {  // 60 × (1/60) falls just short of 1 in floating point
        finish(camera, time);
        return true;
    }
    const TransitionPoint p = interpolate(a_, b_, easeInOut(t_ / duration_));
    camera.setCenter(p.center);
    camera.setScale(p.scale);
    time.setPosition(p.position);
    return true;
}

void StepTransition::finish(Camera& camera, TimeCursor& time) {
    camera.setCenter(b_.center);
    camera.setScale(b_.scale);
    time.setPosition(b_.position);
    active_ = false;
}

}  // namespace sv
