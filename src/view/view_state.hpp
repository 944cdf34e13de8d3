// What the user is looking at: camera, visible layers, cursor and selection. Plain data the panels and the map
// input edit and the renderer reads.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/geometry.hpp"
#include "view/camera.hpp"
#include "view/time_cursor.hpp"

namespace sv {

struct LayerVisibility {
    bool context = true;
    bool regions = true;
    bool regionLabels = true;
    bool places = true;
    bool placeLabels = true;
    bool overlays = true;
    bool control = true;
    bool changes = true;  // gains and losses since the previous keyframe
    bool front = true;
    bool sieges = true;
    bool events = true;
};

struct ViewState {
    Camera camera;
    TimeCursor time;
    double clock = 0;  // seconds since start, for gentle animations (pulsing siege rings)
    LayerVisibility layers;
    float uiScale = 1.0f;                 // line widths, markers and labels scale with it
    std::optional<Vec2d> cursorWorld;     // map CRS, when the mouse is over the map
    std::optional<Vec2d> cursorLonLat;
    // What is selected: a gazetteer target (place, region or area such as Donbas) or a gain/loss area.
    struct Selection {
        enum class Kind { None, Target, Change } kind = Kind::None;
        int target = -1;       // Kind::Target: index into the gazetteer's targets
        int frame = -1;        // Kind::Change
        bool gained = false;   // Kind::Change: gained by Russia (else given up)
    } selection;
    // What the renderer highlights for it (derived from the selection by the app).
    std::string selectedPlace;                   // place id
    std::vector<std::string> highlightRegions;   // region ids
    std::string selectedRegion;                  // kept for single-region callers: the first highlighted region
    int highlightChangeFrame = -1;
    bool highlightChangeGained = false;
    bool showLayersPanel = true;
    bool showLogPanel = false;
    bool showTimeline = true;
    bool showReporting = true;
    bool showArticles = false;
    bool showChart = true;
    bool hasTimeline = false;  // a scenario is loaded
    bool fitRequested = false;  // a panel asked for the home view
    bool showLegend = true;
    bool showStory = false;

    // Morphing between consecutive days while the timeline is between two days (playing, story transitions).
    bool morph = true;
    bool morphWait = false;      // build missing grids before drawing (exports, tests) instead of stepping
    double forceMorphT = -1;     // ≥ 0: draw the morph from date() to the next day at this t (tests, benchmarks)

    // Presentation (briefing) mode: panels hidden, large caption, legend, scale bar and attribution on the map.
    bool presentation = false;
    float presentScale = 2.0f;   // text and line scale in presentation mode, × the desk view
    bool safeFrame = false;      // outline the 16:9 safe area
    bool overlays = false;       // draw the legend and scale bar on the map (presentation and exports)
    // A tile of a larger image: where the camera's pixel (0, 0), bottom-left, lies in the whole image, so screen-space
    // patterns (hatching) continue across tiles.
    float tileOffsetX = 0, tileOffsetY = 0;
};

}  // namespace sv
