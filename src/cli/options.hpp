// Command-line and config-file options of the viewer. Parsing is pure (no I/O beyond reading a --config file) so
// tests drive it directly; errors name the option or the config file and line.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/loaded_map.hpp"
#include "util/date.hpp"
#include "util/result.hpp"

namespace sv {

struct Options {
    enum class Mode { View, Help, Version };
    Mode mode = Mode::View;

    MapSources sources;  // built-in geodata unless overridden
    std::string configFile;
    std::vector<std::string> articleFolders;  // every --articles DIR (after the built-in assets/articles)
    bool builtinArticles = true;

    // Headless rendering: --screenshot OUT.png [--size WxH]
    std::optional<std::string> screenshot;
    int width = 1920, height = 1080;
    bool sizeGiven = false;
    bool screenshotUi = false;  // include the panels in the screenshot
    std::string headless = "auto";  // auto | egl | glfw

    // Initial camera: --view LON,LAT,PX_PER_KM (default: fit Ukraine)
    std::optional<double> viewLon, viewLat, viewPxPerKm;
    std::string select;  // place id to select at start
    std::optional<Date> date;  // the timeline's date at start (default: the scenario's default date)

    std::vector<std::string> hide;  // layers hidden at start: context, regions, region-labels, places, place-labels, overlays
    float uiScale = 1.0f;
    bool timings = false;
    bool useCache = true;  // reuse prepared data from an earlier run with the same inputs (--no-cache: always load)
    bool exitAfterFirstFrame = false;  // benchmarks: quit once the first frame is on screen
    int frames = 0;                    // benchmarks: quit after N frames (0 = run until closed)
    double playSpeed = 0;              // benchmarks: days per second the timeline plays during --frames (60 fps)
    int benchDates = 0;                // benchmarks: time N random date changes (headless)
    bool atLargest = false;            // benchmarks: start at the series day with the most vertices
    bool benchPan = false;             // benchmarks: each --frames frame pans the view by one pixel, as a drag does

    // Briefing: --present starts in presentation mode; --present-scale S (default 2); --safe-frame; --story FILE.
    bool present = false;
    float presentScale = 2.0f;
    bool safeFrame = false;
    std::string story;
    bool morph = true;        // --no-morph: step day by day
    double morphT = -1;       // --morph-t T: draw the morph from --date to the next day at T (tests, benchmarks)
    bool overlays = false;    // --overlays: legend and scale bar on a --screenshot too
};

// The export commands: `render`, `story export`, `animate` (see exportUsage()).
struct ExportOptions {
    enum class Kind { Render, Story, Animate } kind = Kind::Render;
    std::string out;          // PNG file (render), folder (story, animate) or .mp4 / .gif (animate)
    std::string story;        // story export: the story file
    std::optional<Date> from, to;
    double daysPerSecond = 1, fps = 0;  // fps 0: as many frames per second as days per second (1 day per frame)
    bool sizeGiven = false;
    Options view;             // everything else: data, date, camera, layers, size, morphing
};
std::string exportUsage();
// `args` after the command word(s): for "story export" the arguments after "export".
Result<ExportOptions> parseExportOptions(ExportOptions::Kind kind, const std::vector<std::string>& args);
inline constexpr int kMaxExportWidth = 7680, kMaxExportHeight = 4320;

std::string usage();
// `args` excludes the program name.
Result<Options> parseOptions(const std::vector<std::string>& args);
// Applies `key = value` lines of a config file (regions, context, places, layer, crs); paths are relative to it.
Status applyConfigFile(const std::string& path, Options& options);
// The same for the file's contents already in memory (`path` names it in messages and anchors relative paths).
Status applyConfigText(std::string_view text, const std::string& path, Options& options);

}  // namespace sv
