// The Layers panel: layer toggles, what is loaded, and the cursor's lon/lat.
#pragma once
#include <string>

#include "model/map_data.hpp"
#include "view/view_state.hpp"

namespace sv::ui {

struct LayersPanelInfo {
    bool loading = false;
    std::string glRenderer;
    std::string crs;
    int warnings = 0, errors = 0;
};

void drawLayersPanel(ViewState& view, const MapData& data, const LayersPanelInfo& info);

}  // namespace sv::ui
