// The hover tooltip on the map: the place, siege ring, event or control zone under the cursor at the current date —
// the same query (Scenario::controlAt) that `sitview status` prints.
#pragma once
#include "model/loaded_map.hpp"
#include "view/view_state.hpp"

namespace sv::ui {

void drawMapTooltip(const ViewState& view, const LoadedMap& map);

}  // namespace sv::ui
