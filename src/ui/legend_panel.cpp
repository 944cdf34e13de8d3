// Legend panel (see legend_panel.hpp).
#include "ui/legend_panel.hpp"

#include <imgui.h>

#include "view/style.hpp"

namespace sv::ui {
namespace {

ImU32 col(Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }

void swatch(Rgba fill, float hatch, const char* text) {
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + 2 * h, p.y + h), IM_COL32(250, 248, 242, 255));
    if (hatch > 0) {
        dl->AddRectFilled(p, ImVec2(p.x + 2 * h, p.y + h), col(Rgba{fill.r, fill.g, fill.b, uint8_t(fill.a * 0.35f)}));
        dl->PushClipRect(p, ImVec2(p.x + 2 * h, p.y + h), true);
        for (float x = -h; x < 2 * h + h; x += hatch)
            dl->AddLine(ImVec2(p.x + x, p.y + h), ImVec2(p.x + x + h, p.y), col(fill), hatch * 0.45f);
        dl->PopClipRect();
    } else {
        dl->AddRectFilled(p, ImVec2(p.x + 2 * h, p.y + h), col(fill));
    }
    ImGui::Dummy(ImVec2(2 * h, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
}

void line(Rgba c, float width, const char* text, Rgba casing = {0, 0, 0, 0}) {
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (casing.a) dl->AddLine(ImVec2(p.x, p.y + h / 2), ImVec2(p.x + 2 * h, p.y + h / 2), col(casing), width + 2.5f);
    dl->AddLine(ImVec2(p.x, p.y + h / 2), ImVec2(p.x + 2 * h, p.y + h / 2), col(c), width);
    ImGui::Dummy(ImVec2(2 * h, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
}

void ring(Rgba c, const char* text) {
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircle(ImVec2(p.x + h, p.y + h / 2), h * 0.42f, col(c), 24, 2.5f);
    ImGui::Dummy(ImVec2(2 * h, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
}

float gLegendBottom = 0;

}  // namespace

float legendBottom() { return gLegendBottom; }

void drawLegendPanel(ViewState& view, const Scenario* sc) {
    const float s = view.uiScale;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10 * s, 30 * s), ImGuiCond_FirstUseEver, ImVec2(1, 0));
    if (!ImGui::Begin("Legend", &view.showLegend, ImGuiWindowFlags_AlwaysAutoResize)) {
        gLegendBottom = 0;
        ImGui::End();
        return;
    }
    // Measured from the second frame on (see legendBottom()).
    gLegendBottom = ImGui::IsWindowAppearing() ? 0 : ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
    if (sc) {
        ImGui::TextUnformatted(sc->meta.title.c_str());
        for (auto st : {ControlStatus::Occupied, ControlStatus::AssessedAdvance, ControlStatus::Claimed, ControlStatus::Pre2022}) {
            const auto z = style::zone(Side::Ru, st);
            swatch(z.fill, z.hatchPx, z.label);
        }
        const auto c = style::zone(Side::Contested, ControlStatus::Occupied);
        swatch(c.fill, c.hatchPx, c.label);
        swatch(style::kGain, style::kChangeHatchPx, "gained by Russia since the previous keyframe");
        swatch(style::kLoss, style::kChangeHatchPx, "given up by Russia since the previous keyframe");
        line(style::kFrontLine, style::kFrontLinePx, "front line (derived)", style::kFrontCasing);
        ring(style::kSiegeActive, "siege: encircled or contested (pulses)");
        ring(style::kSiegeHeld, "siege ended: the city held");
        ring(style::kSiegeLifted, "siege ended: lifted");
        ring(style::kSiegeFell, "siege ended: the city fell");
        ImGui::Separator();
    }
    line(style::kNationalBorder, style::kNationalBorderPx, "international border (Ukraine)");
    line(style::kRegionLine, 1.5f, "oblast boundary");
    if (sc && !sc->meta.disclaimer.empty()) {
        ImGui::Separator();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 330 * s);
        ImGui::TextColored(ImVec4(0.55f, 0.25f, 0.1f, 1), "Approximation.");
        ImGui::SameLine();
        ImGui::TextUnformatted(sc->meta.disclaimer.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::End();
}

}  // namespace sv::ui
