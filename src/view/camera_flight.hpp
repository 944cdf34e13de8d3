// A camera move animated over a fixed duration with ease-in-out: "fly to" for search and article links (and the
// briefing's step transitions). Pure state advanced by the frame's delta time.
#pragma once
#include "model/geometry.hpp"
#include "view/camera.hpp"

namespace sv {

double easeInOut(double t);  // smoothstep-like cubic: 0→0, 1→1, zero slope at both ends

class CameraFlight {
public:
    void start(const Camera& from, Vec2d toCenter, double toScale, double seconds = 0.8);
    bool active() const { return active_; }
    // Moves the camera along the flight; returns true while flying.
    bool advance(Camera& cam, double dt);
    void cancel() { active_ = false; }

private:
    Vec2d c0_, c1_;
    double s0_ = 1, s1_ = 1, duration_ = 0.8, t_ = 0;
    bool active_ = false;
};

}  // namespace sv
