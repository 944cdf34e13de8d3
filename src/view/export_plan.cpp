// Export planning (see export_plan.hpp).
#include "view/export_plan.hpp"

#include <cmath>
#include <cstdio>

#include "util/strings.hpp"

namespace sv {

Result<AnimationPlan> planAnimation(Date first, Date last, Date from, Date to, double dps, double fps) {
    if (to < from) return fail("--to " + to.iso() + " is before --from " + from.iso());
    for (const Date d : {from, to})
        if (d < first || last < d)
            return fail(d.iso() + " is outside the timeline (" + first.iso() + " … " + last.iso() + ")");
    if (!(dps > 0) || !(fps > 0)) return fail("days per second and frames per second must be positive");
    AnimationPlan p;
    p.firstPosition = from - first;
    p.daysPerFrame = dps / fps;
    // Both ends shown: the last frame is at `to` exactly when the pace divides the span.
    p.frames = static_cast<int>(std::floor((to - from) / p.daysPerFrame + 1e-9)) + 1;
    return p;
}

AnimationOutput animationOutputFor(const std::string& out) {
    const std::string l = asciiLower(out);
    if (endsWith(l, ".mp4")) return AnimationOutput::Mp4;
    if (endsWith(l, ".gif")) return AnimationOutput::Gif;
    return AnimationOutput::PngFolder;
}

namespace {
std::string numbered(const char* stem, int index, int count, int minDigits) {
    int digits = minDigits;
    for (int n = count; n >= std::pow(10, digits); ) ++digits;
    std::string n = std::to_string(index + 1);
    if (static_cast<int>(n.size()) < digits) n.insert(0, static_cast<std::size_t>(digits) - n.size(), '0');
    return std::string(stem) + "-" + n + ".png";
}
}  // namespace

std::string stepFileName(int index, int count) { return numbered("step", index, count, 2); }
std::string frameFileName(int index, int count) { return numbered("frame", index, count, 4); }

std::vector<std::string> ffmpegArguments(AnimationOutput kind, int width, int height, double fps, const std::string& out) {
    char size[32], rate[32];
    std::snprintf(size, sizeof size, "%dx%d", width, height);
    std::snprintf(rate, sizeof rate, "%g", fps);
    std::vector<std::string> a = {"-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                                  "-f", "rawvideo", "-pixel_format", "rgb24", "-video_size", size,
                                  "-framerate", rate, "-i", "-"};
    if (kind == AnimationOutput::Gif) {
        a.insert(a.end(), {"-filter_complex", "vflip,split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer",
                           "-f", "gif"});
    } else {
        a.insert(a.end(), {"-vf", "vflip", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
                           "-movflags", "+faststart", "-f", "mp4"});
    }
    a.push_back(out);
    return a;
}

}  // namespace sv
