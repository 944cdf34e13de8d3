// Layers panel (see layers_panel.hpp).
#include "ui/layers_panel.hpp"

#include <cstdio>

#include <imgui.h>

namespace sv::ui {

void drawLayersPanel(ViewState& view, const MapData& data, const LayersPanelInfo& info) {
    const float s = view.uiScale;
    ImGui::SetNextWindowPos(ImVec2(10 * s, 30 * s), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(270 * s, 0), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Layers", &view.showLayersPanel)) {
        ImGui::End();
        return;
    }
    if (info.loading) ImGui::TextDisabled("Loading data…");
    auto& L = view.layers;
    char label[128];
    std::snprintf(label, sizeof label, "Neighbouring countries (%zu)", data.context.size());
    ImGui::Checkbox(label, &L.context);
    std::snprintf(label, sizeof label, "Oblasts (%zu)", data.regions.size());
    ImGui::Checkbox(label, &L.regions);
    ImGui::Indent();
    ImGui::Checkbox("Oblast names", &L.regionLabels);
    ImGui::Unindent();
    std::snprintf(label, sizeof label, "Places (%zu)", data.places.size());
    ImGui::Checkbox(label, &L.places);
    ImGui::Indent();
    ImGui::Checkbox("Place names", &L.placeLabels);
    ImGui::Unindent();
    if (view.hasTimeline) {
        ImGui::Separator();
        ImGui::Checkbox("Control zones", &L.control);
        ImGui::Checkbox("Gains and losses", &L.changes);  // (the full name did not fit the panel's width)
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Area gained or given up since the previous keyframe (in a daily series: the previous day)");
        ImGui::Checkbox("Front line", &L.front);
        ImGui::Checkbox("Sieges", &L.sieges);
        ImGui::Checkbox("Events", &L.events);
    }
    if (!data.overlays.empty()) {
        std::snprintf(label, sizeof label, "Extra layers (%zu)", data.overlays.size());
        ImGui::Checkbox(label, &L.overlays);
        for (const auto& o : data.overlays) ImGui::BulletText("%s", o.name.c_str());
    }
    ImGui::Separator();
    if (view.cursorLonLat)
        ImGui::Text("Cursor  %.4f° E, %.4f° N", view.cursorLonLat->x, view.cursorLonLat->y);
    else
        ImGui::TextDisabled("Cursor  —");
    ImGui::TextDisabled("Map CRS %s · %.3g px/km", info.crs.c_str(), view.camera.scale() * 1000.0);
    if (info.errors || info.warnings) {
        std::snprintf(label, sizeof label, "Log: %d error(s), %d warning(s)", info.errors, info.warnings);
        if (ImGui::SmallButton(label)) view.showLogPanel = true;
    } else if (ImGui::SmallButton("Log")) {
        view.showLogPanel = true;
    }
    if (ImGui::SmallButton("Fit Ukraine (F)")) view.fitRequested = true;
    // The hint and the renderer's name wrap at the panel's edge instead of running past it.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Drag to pan, wheel to zoom.");
    if (!info.glRenderer.empty()) ImGui::TextWrapped("%s", info.glRenderer.c_str());
    ImGui::PopStyleColor();
    ImGui::End();
}

}  // namespace sv::ui
