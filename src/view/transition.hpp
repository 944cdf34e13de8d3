// The move between two briefing steps: camera and date animated together over about a second with the same
// ease-in-out as a camera flight. The date runs through every day in between as a fractional timeline position,
// so the front line visibly moves (and morphs, when morphing is on) on the way. Pure state; tests drive it.
#pragma once
#include "model/geometry.hpp"
#include "view/camera.hpp"
#include "view/time_cursor.hpp"

namespace sv {

struct TransitionPoint {
    Vec2d center;
    double scale = 1;     // pixels per map unit
    double position = 0;  // timeline position (days from the timeline's first day)
};

// The state at eased fraction e ∈ [0, 1]: centre and position linear in e, scale geometric (a zoom feels even).
TransitionPoint interpolate(const TransitionPoint& a, const TransitionPoint& b, double e);

class StepTransition {
public:
    void start(const TransitionPoint& from, const TransitionPoint& to, double seconds = 1.0);
    bool active() const { return active_; }
    double progress() const { return duration_ > 0 ? t_ / duration_ : 1.0; }  // 0…1 of the time, not eased
    // Advances by dt and writes camera and timeline position; lands exactly on the target at the end. Returns true
    // while it was active.
    bool advance(double dt, Camera& camera, TimeCursor& time);
    void finish(Camera& camera, TimeCursor& time);  // jump to the end
    void cancel() { active_ = false; }

private:
    TransitionPoint a_, b_;
    double duration_ = 1.0, t_ = 0;
    bool active_ = false;
};

}  // namespace sv
