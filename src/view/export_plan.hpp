// What an export renders, as plain data (tests check it without GL): the frames of an animation (timeline
// positions from one date to another at a pace), output file names, and the video encoder's command line.
#pragma once
#include <string>
#include <vector>

#include "util/date.hpp"
#include "util/result.hpp"

namespace sv {

struct AnimationPlan {
    double firstPosition = 0;  // timeline position (days from the timeline's first day) of frame 0
    double daysPerFrame = 1;
    int frames = 0;
    double position(int frame) const { return firstPosition + daysPerFrame * frame; }
};

// From `from` to `to` (both shown) at `daysPerSecond` and `fps` within a timeline starting on `timelineFirst`
// and ending on `timelineLast`. Errors name the date outside the timeline.
Result<AnimationPlan> planAnimation(Date timelineFirst, Date timelineLast, Date from, Date to, double daysPerSecond,
                                    double fps);

enum class AnimationOutput { PngFolder, Mp4, Gif };
AnimationOutput animationOutputFor(const std::string& out);  // by extension: .mp4, .gif, else a folder

// "step-01.png" … (two digits at least, more for 100+ steps); "frame-0001.png" … (four digits at least).
std::string stepFileName(int index, int count);
std::string frameFileName(int index, int count);

// ffmpeg's arguments (without the program name) reading raw RGB frames, bottom row first, from stdin.
std::vector<std::string> ffmpegArguments(AnimationOutput kind, int width, int height, double fps, const std::string& out);

}  // namespace sv
