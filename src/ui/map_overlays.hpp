// What a briefing picture carries on the map itself, drawn into ImGui's background list so it is in every frame
// of the window, of presentation mode and of every export: the legend (only what the scenario uses, with the
// approximation notice), a scale bar in true kilometres at the view's centre, the story step's caption and the
// 16:9 safe frame.
#pragma once
#include <string>

#include "model/scenario.hpp"
#include "view/view_state.hpp"

struct ImDrawList;

namespace sv::ui {

// Bottom left. `sources` is the scenario's source line (shown under the title), may be empty.
void drawMapLegend(ImDrawList* dl, const ViewState& view, const Scenario* sc);

// Bottom left above the legend's corner, or alone: `kmPerPixel` is the true ground distance of one framebuffer
// pixel at the view's centre (≤ 0: no bar). A round length (1, 2 or 5 × 10ⁿ km) about a sixth of the width.
void drawScaleBar(ImDrawList* dl, const ViewState& view, double kmPerPixel);
// The round length the bar shows for a maximum length in km (1, 2, 5 × 10ⁿ ≤ maxKm).
double scaleBarKm(double maxKm);

// The largest 16:9 rectangle centred in the display, outlined (presentation mode's optional safe frame).
void drawSafeFrame(ImDrawList* dl, const ViewState& view);

// A story step's caption (and its excerpt, quoted with its source) in a box under the date caption.
void drawStepCaption(ImDrawList* dl, const ViewState& view, const std::string& caption, const std::string& excerpt,
                     const std::string& excerptSource);

}  // namespace sv::ui
