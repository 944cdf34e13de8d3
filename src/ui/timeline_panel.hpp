// The Timeline panel: a day slider over the scenario's range with ticks for keyframes, events and articles, exact
// date entry, play/pause, speed and loop; and the timeline keys (←/→ ±1 day, Shift ±7, Space, Home/End), used only
// when ImGui does not want the keyboard.
#pragma once
#include <vector>

#include "util/date.hpp"
#include "view/view_state.hpp"

namespace sv::ui {

struct TimelineTicks {
    std::vector<Date> keyframes, events, articles;
};

void drawTimelinePanel(ViewState& view, const TimelineTicks& ticks);
// Returns true when a key changed the date or the play state.
bool handleTimelineKeys(ViewState& view);

}  // namespace sv::ui
