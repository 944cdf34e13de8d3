// Area chart (see area_chart.hpp), drawn with the window's draw list: ImGui 1.86's PlotLines has no date axis.
#include "ui/area_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

namespace sv::ui {

std::optional<Date> drawAreaChart(ViewState& view, const std::vector<AreaPoint>& pts, double countryKm2, bool computing) {
    std::optional<Date> clicked;
    const float s = view.uiScale;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowSize(ImVec2(520 * s, 230 * s), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(10 * s, io.DisplaySize.y - 380 * s), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Occupied area", &view.showChart)) {
        ImGui::End();
        return clicked;
    }
    if (pts.empty()) {
        ImGui::TextDisabled(computing ? "Computing areas on the ellipsoid…" : "No area for this data.");
        ImGui::End();
        return clicked;
    }
    const Date now = view.time.date();
    // The value at the cursor: the last point on or before it.
    auto at = std::upper_bound(pts.begin(), pts.end(), now, [](Date d, const AreaPoint& p) { return d < p.date; });
    if (at != pts.begin()) {
        const auto& p = *(at - 1);
        const double change = at - 1 != pts.begin() ? p.km2 - (at - 2)->km2 : 0.0;
        ImGui::Text("%s: %.0f km²  (%.2f %% of Ukraine)   %+.0f km² since %s", p.date.iso().c_str(), p.km2,
                    countryKm2 > 0 ? 100.0 * p.km2 / countryKm2 : 0.0, change,
                    at - 1 != pts.begin() ? (at - 2)->date.iso().c_str() : "—");
    }
    if (computing) ImGui::TextDisabled("(areas still being computed)");
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 size(avail.x, std::max(60.0f * s, avail.y));
    ImGui::InvisibleButton("chart", size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(250, 250, 248, 255));
    double lo = 1e300, hi = -1e300;
    for (const auto& p : pts) lo = std::min(lo, p.km2), hi = std::max(hi, p.km2);
    if (hi - lo < 1) hi = lo + 1;
    const double pad = (hi - lo) * 0.08;
    lo -= pad, hi += pad;
    const Date d0 = std::min(pts.front().date, view.time.first()), d1 = std::max(pts.back().date, view.time.last());
    const double span = std::max(1, d1 - d0);
    auto X = [&](Date d) { return p0.x + static_cast<float>((d - d0) / span) * size.x; };
    auto Y = [&](double v) { return p0.y + size.y - static_cast<float>((v - lo) / (hi - lo)) * size.y; };
    std::vector<ImVec2> line;
    line.reserve(pts.size() * 2);
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (i) line.push_back(ImVec2(X(pts[i].date), Y(pts[i - 1].km2)));  // a step: the area holds until the next date
        line.push_back(ImVec2(X(pts[i].date), Y(pts[i].km2)));
    }
    dl->AddPolyline(line.data(), static_cast<int>(line.size()), IM_COL32(190, 40, 40, 255), 0, 1.5f * s);
    char label[48];
    std::snprintf(label, sizeof label, "%.0f km²", hi - pad);
    dl->AddText(ImVec2(p0.x + 4, p0.y + 2), IM_COL32(90, 90, 90, 255), label);
    std::snprintf(label, sizeof label, "%.0f km²", lo + pad);
    dl->AddText(ImVec2(p0.x + 4, p0.y + size.y - ImGui::GetTextLineHeight() - 2), IM_COL32(90, 90, 90, 255), label);
    const float cx = X(now);
    dl->AddLine(ImVec2(cx, p0.y), ImVec2(cx, p0.y + size.y), IM_COL32(30, 90, 200, 255), 1.5f * s);
    if (ImGui::IsItemHovered()) {
        const Date d = d0 + static_cast<int32_t>(std::lround((io.MousePos.x - p0.x) / size.x * span));
        ImGui::SetTooltip("%s — click to go there", d.iso().c_str());
        if (ImGui::IsItemClicked()) clicked = d;
    }
    ImGui::End();
    return clicked;
}

}  // namespace sv::ui
