// Timeline state (see time_cursor.hpp).
#include "view/time_cursor.hpp"

#include <algorithm>
#include <cmath>

namespace sv {

void TimeCursor::setExtent(Date first, Date last) {
    if (last < first) std::swap(first, last);
    const Date keep = date();
    first_ = first, last_ = last;
    setDate(keep);
}

Date TimeCursor::date() const { return first_ + static_cast<int32_t>(std::floor(pos_ + 1e-9)); }

void TimeCursor::setDate(Date d) { pos_ = std::clamp(static_cast<double>(d - first_), 0.0, span()); }

void TimeCursor::setPosition(double pos) {
    if (!std::isnan(pos)) pos_ = std::clamp(pos, 0.0, span());
}

double TimeCursor::dayFraction() const {
    const double f = pos_ - std::floor(pos_ + 1e-9);
    return f < 1e-9 ? 0.0 : f;
}

void TimeCursor::step(int days) {
    const double n = static_cast<double>(date() - first_) + days;
    const double end = span();
    if (loop_ && play_ != Play::Idle && end > 0) {
        const double len = end + 1;  // days in the loop, both ends included
        pos_ = std::fmod(std::fmod(n, len) + len, len);
        return;
    }
    pos_ = std::clamp(n, 0.0, end);
}

void TimeCursor::togglePlay() {
    if (play_ != Play::Idle) {
        play_ = Play::Idle;
        return;
    }
    if (pos_ >= span() && !loop_) pos_ = 0;  // play from the start again
    play_ = Play::Forward;
}

void TimeCursor::setSpeed(double s) {
    if (std::isfinite(s)) speed_ = std::clamp(s, kMinSpeed, kMaxSpeed);
}

bool TimeCursor::advance(double dt) {
    if (play_ == Play::Idle || !(dt > 0)) return false;
    const Date before = date();
    const double dir = play_ == Play::Forward ? 1.0 : -1.0;
    pos_ += dir * speed_ * std::min(dt, 0.5);  // a stalled frame does not jump weeks ahead
    const double end = span();
    if (pos_ > end || pos_ < 0) {
        if (loop_ && end > 0) {
            pos_ = std::fmod(pos_ + (end + 1), end + 1);
        } else {
            pos_ = std::clamp(pos_, 0.0, end);
            play_ = Play::Idle;
        }
    }
    return date() != before;
}

}  // namespace sv
