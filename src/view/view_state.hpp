// What the user is looking at: camera, visible layers, cursor and selection. Plain data the panels and the map
// input edit and the renderer reads.
#pragma once
#include <optional>
#include <string>

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
    std::string selectedPlace;            // place id
    std::string selectedRegion;           // region id
    bool showLayersPanel = true;
    bool showLogPanel = false;
    bool showTimeline = true;
    bool hasTimeline = false;  // a scenario is loaded
    bool fitRequested = false;  // a panel asked for the home view
    bool showLegend = true;
};

}  // namespace sv
