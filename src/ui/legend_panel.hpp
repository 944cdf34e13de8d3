// The Legend panel: what each colour, hatch, line and ring means, and the scenario's own disclaimer (a
// hand-digitised scenario says it is an approximation, here and in every export).
#pragma once
#include "model/scenario.hpp"
#include "view/view_state.hpp"

namespace sv::ui {

void drawLegendPanel(ViewState& view, const Scenario* scenario);

// The bottom edge of the Legend panel, in display pixels, as drawn in the latest frame; 0 before the panel has been
// measured (an auto-sized panel gets its size during its first frame and shows from the second) or while it is
// collapsed. Panels placed below it use it for their first position.
float legendBottom();

}  // namespace sv::ui
