// Map text drawn with ImGui's background draw list (so it sits on the map and under the panels): place labels in
// Latin script placed without overlaps, region names, and the attribution line.
#pragma once
#include <string>

#include "model/map_data.hpp"
#include "view/view_state.hpp"

struct ImDrawList;

namespace sv::ui {

struct LabelStats {
    int placed = 0, requested = 0;
};

LabelStats drawMapLabels(ImDrawList* dl, const ViewState& view, const MapData& data);
void drawAttribution(ImDrawList* dl, const ViewState& view, const std::string& text);
// The current date, large, at the top centre of the map, with a smaller line under it.
void drawDateCaption(ImDrawList* dl, const ViewState& view, const std::string& date, const std::string& subtitle);

}  // namespace sv::ui
