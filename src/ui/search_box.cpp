// The place search box (see reporting_ui.hpp): type-ahead over names and aliases; Enter or a click selects the
// hit and flies there, ↑/↓ move through the hits.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "reporting/search.hpp"
#include "ui/keys.hpp"
#include "ui/reporting_ui.hpp"

namespace sv::ui {

ReportingActions drawSearchBox(ViewState& view, const Reporting& r, const MapData& map, ReportingUiState& st) {
    ReportingActions act;
    const float s = view.uiScale;
    ImGui::SetNextWindowPos(ImVec2(290 * s, 30 * s), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(270 * s, 0), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Search", nullptr)) {
        ImGui::End();
        return act;
    }
    ImGui::SetNextItemWidth(-1);
    const bool enter = ImGui::InputTextWithHint("##q", "place or region (Kiev, Маріуполь…)", &st.search,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    const bool focused = ImGui::IsItemActive() || ImGui::IsItemFocused();
    const auto hits = searchPlaces(r.gazetteer, map, st.search, 8);
    if (focused) {
        if (ImGui::IsKeyPressed(key::Down)) ++st.searchCursor;
        if (ImGui::IsKeyPressed(key::Up)) --st.searchCursor;
    }
    if (hits.empty()) st.searchCursor = 0;
    else st.searchCursor = (st.searchCursor % static_cast<int>(hits.size()) + static_cast<int>(hits.size())) % static_cast<int>(hits.size());
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const auto& t = r.gazetteer.targets()[static_cast<std::size_t>(hits[i].target)];
        std::string label = t.name;
        if (hits[i].matchedName != t.name) label += "  (" + hits[i].matchedName + ")";
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(label.c_str(), static_cast<int>(i) == st.searchCursor)) act.select = hits[i].target, act.fly = true;
        ImGui::PopID();
    }
    if (enter && !hits.empty()) act.select = hits[static_cast<std::size_t>(st.searchCursor)].target, act.fly = true;
    if (!st.search.empty() && hits.empty()) ImGui::TextDisabled("no place or region by that name");
    ImGui::End();
    return act;
}

}  // namespace sv::ui
