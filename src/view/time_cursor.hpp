// The timeline's state, QGIS-temporal-controller style: an extent of days, the current day, and an animation
// (idle / forward / reverse) advanced from the frame's delta time — no timers. The day shown is the whole part of
// a fractional position, so playback at 0.25 days per second still advances smoothly.
#pragma once
#include "util/date.hpp"

namespace sv {

class TimeCursor {
public:
    enum class Play { Idle, Forward, Reverse };
    static constexpr double kMinSpeed = 0.25, kMaxSpeed = 30.0;  // days per second

    void setExtent(Date first, Date last);
    Date first() const { return first_; }
    Date last() const { return last_; }

    Date date() const;
    void setDate(Date d);  // clamped to the extent; stops nothing
    void step(int days);   // ±days, clamped (or wrapped when looping and playing)
    double position() const { return pos_; }  // fractional day index from first()
    void setPosition(double pos);             // clamped to the extent; NaN is ignored
    // Between two days (playing, or a story transition): the fraction of the way from date() to the next day.
    double dayFraction() const;

    void play(Play p) { play_ = p; }
    Play playing() const { return play_; }
    void togglePlay();
    void setSpeed(double daysPerSecond);
    double speed() const { return speed_; }
    void setLoop(bool on) { loop_ = on; }
    bool loop() const { return loop_; }

    // Advances by dt seconds of playback; returns true when the day shown changed. At the end of the extent it
    // wraps when looping, else stops there.
    bool advance(double dtSeconds);

private:
    Date first_, last_;
    double pos_ = 0;  // days from first_
    double speed_ = 2.0;
    Play play_ = Play::Idle;
    bool loop_ = false;
    double span() const { return static_cast<double>(last_ - first_); }
};

}  // namespace sv
