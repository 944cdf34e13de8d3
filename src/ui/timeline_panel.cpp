// Timeline panel (see timeline_panel.hpp).
#include "ui/timeline_panel.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "ui/keys.hpp"

namespace sv::ui {
namespace {

// Ticks under the slider at the dates' positions (the slider's usable width excludes half a grab on each side).
void drawTicks(ImDrawList* dl, ImVec2 min, ImVec2 max, const TimeCursor& t, const std::vector<Date>& dates, ImU32 col,
               float y0, float y1) {
    const double span = std::max(1, t.last() - t.first());
    const float grab = ImGui::GetStyle().GrabMinSize;
    const float x0 = min.x + grab / 2, x1 = max.x - grab / 2;
    for (const Date& d : dates) {
        if (d < t.first() || t.last() < d) continue;
        const float x = x0 + static_cast<float>((d - t.first()) / span) * (x1 - x0);
        dl->AddLine(ImVec2(x, y0), ImVec2(x, y1), col, 1.5f);
    }
}

}  // namespace

void drawTimelinePanel(ViewState& view, const TimelineTicks& ticks) {
    TimeCursor& t = view.time;
    const float s = view.uiScale;
    const ImGuiIO& io = ImGui::GetIO();
    const float h = 118.0f * s;
    ImGui::SetNextWindowPos(ImVec2(10 * s, io.DisplaySize.y - h - 10 * s), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x - 20 * s, h), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Timeline", &view.showTimeline)) {
        ImGui::End();
        return;
    }
    if (ImGui::Button("|<")) t.setDate(t.first());
    ImGui::SameLine();
    if (ImGui::Button("<")) t.step(-1);
    ImGui::SameLine();
    if (ImGui::Button(t.playing() == TimeCursor::Play::Idle ? "  Play  " : " Pause ")) t.togglePlay();
    ImGui::SameLine();
    if (ImGui::Button(">")) t.step(1);
    ImGui::SameLine();
    if (ImGui::Button(">|")) t.setDate(t.last());
    ImGui::SameLine();

    // Exact date entry: applied on Enter; an invalid date says why and keeps the current one.
    static char text[16] = "";
    static std::string error;
    static int shownDay = INT32_MIN;
    if (!ImGui::IsItemActive() && shownDay != t.date().days()) {
        std::snprintf(text, sizeof text, "%s", t.date().iso().c_str());
        shownDay = t.date().days();
    }
    ImGui::SetNextItemWidth(110 * s);
    if (ImGui::InputText("##date", text, sizeof text, ImGuiInputTextFlags_EnterReturnsTrue)) {
        auto d = Date::parse(text);
        if (!d) {
            error = d.error();
        } else if (*d < t.first() || t.last() < *d) {
            error = d->iso() + " is outside " + t.first().iso() + " … " + t.last().iso();
        } else {
            error.clear();
            t.setDate(*d);
        }
        shownDay = INT32_MIN;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Type a date as YYYY-MM-DD and press Enter");
    ImGui::SameLine();
    float speed = static_cast<float>(t.speed());
    ImGui::SetNextItemWidth(170 * s);
    if (ImGui::SliderFloat("days/s", &speed, TimeCursor::kMinSpeed, TimeCursor::kMaxSpeed, "%.2f",
                           ImGuiSliderFlags_Logarithmic))
        t.setSpeed(speed);
    ImGui::SameLine();
    bool loop = t.loop();
    if (ImGui::Checkbox("Loop", &loop)) t.setLoop(loop);
    ImGui::SameLine();
    ImGui::TextDisabled("day %d of %d", t.date() - t.first() + 1, t.last() - t.first() + 1);
    if (!error.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.2f, 1), "%s", error.c_str());
    }

    int day = t.date() - t.first();
    const std::string label = t.date().iso();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderInt("##day", &day, 0, t.last() - t.first(), label.c_str())) t.setDate(t.first() + day);
    const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    drawTicks(dl, mn, mx, t, ticks.keyframes, IM_COL32(200, 60, 60, 255), mx.y + 1 * s, mx.y + 7 * s);
    drawTicks(dl, mn, mx, t, ticks.events, IM_COL32(120, 60, 180, 255), mx.y + 8 * s, mx.y + 13 * s);
    drawTicks(dl, mn, mx, t, ticks.articles, IM_COL32(40, 120, 200, 255), mx.y + 14 * s, mx.y + 19 * s);
    ImGui::Dummy(ImVec2(1, 20 * s));
    ImGui::TextDisabled("ticks: red keyframes · purple events · blue articles      keys: ←/→ day, Shift ±7, Space play, Home/End");
    ImGui::End();
}

bool handleTimelineKeys(ViewState& view) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantCaptureKeyboard || !view.hasTimeline) return false;
    TimeCursor& t = view.time;
    const Date before = t.date();
    const auto play = t.playing();
    const int step = io.KeyShift ? 7 : 1;
    if (ImGui::IsKeyPressed(key::Right)) t.step(step);
    if (ImGui::IsKeyPressed(key::Left)) t.step(-step);
    if (ImGui::IsKeyPressed(key::Space, false)) t.togglePlay();
    if (ImGui::IsKeyPressed(key::Home, false)) t.setDate(t.first());
    if (ImGui::IsKeyPressed(key::End, false)) t.setDate(t.last());
    return t.date() != before || t.playing() != play;
}

}  // namespace sv::ui
