// The Occupied area panel: the area held on every date (km² and share of Ukraine), the change since the previous
// date, a cursor at the timeline's date; clicking the chart moves the timeline there.
#pragma once
#include <optional>
#include <vector>

#include "util/date.hpp"
#include "view/view_state.hpp"

namespace sv::ui {

struct AreaPoint {
    Date date;
    double km2;
};

// Returns a date when the user clicked the chart.
std::optional<Date> drawAreaChart(ViewState& view, const std::vector<AreaPoint>& points, double countryKm2,
                                  bool computing);

}  // namespace sv::ui
