// Mouse and keys on the map: drag to pan, wheel to zoom about the cursor, Home to fit Ukraine, +/- to zoom. Used
// only when ImGui does not want the mouse / keyboard (a panel under the cursor or a focused text field wins).
#pragma once
#include <functional>
#include <optional>

#include "model/geometry.hpp"
#include "view/view_state.hpp"

namespace sv::ui {

using ToLonLat = std::function<std::optional<Vec2d>(Vec2d)>;

struct MapInputEvents {
    bool clicked = false;  // a click (press and release without dragging) on the map
    Vec2d clickScreen;
    bool moved = false;    // the user panned or zoomed
};

MapInputEvents handleMapInput(ViewState& view, const Bbox& home, const ToLonLat& toLonLat);

}  // namespace sv::ui
