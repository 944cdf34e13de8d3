// The Legend panel: what each colour, hatch, line and ring means, and the scenario's own disclaimer (a
// hand-digitised scenario says it is an approximation, here and in every export).
#pragma once
#include "model/scenario.hpp"
#include "view/view_state.hpp"

namespace sv::ui {

void drawLegendPanel(ViewState& view, const Scenario* scenario);

}  // namespace sv::ui
