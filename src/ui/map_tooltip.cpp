// Map tooltip (see map_tooltip.hpp).
#include "ui/map_tooltip.hpp"

#include <imgui.h>

#include "view/style.hpp"

namespace sv::ui {
namespace {

void zoneLines(const ControlZone& z) {
    ImGui::Text("%s — %s", std::string(sideLabel(z.side)).c_str(), std::string(statusLabel(z.status)).c_str());
    ImGui::TextDisabled("valid %s – %s%s · confidence %s", z.validFrom.iso().c_str(),
                        z.validTo ? (*z.validTo - 1).iso().c_str() : "open", z.validTo ? "" : "",
                        std::string(confidenceName(z.confidence)).c_str());
    ImGui::TextWrapped("Source: %s", z.source.c_str());
    if (!z.note.empty()) ImGui::TextDisabled("%s", z.note.c_str());
}

}  // namespace

void drawMapTooltip(const ViewState& view, const LoadedMap& map) {
    if (!view.cursorWorld || ImGui::GetIO().WantCaptureMouse) return;
    const Vec2d w = *view.cursorWorld;
    const Camera& cam = view.camera;
    const Vec2d sp = cam.worldToScreen(w);
    const Date d = view.time.date();
    const Scenario* sc = map.hasScenario ? &map.scenario : nullptr;

    const Place* place = nullptr;
    if (view.layers.places)
        for (const auto& p : map.data.places) {
            const double r = style::marker(p.kind).radiusPx * view.uiScale + 4.0;
            if (distance(cam.worldToScreen(p.pos), sp) <= r) place = &p;
        }
    const Siege* siege = nullptr;
    const Event* event = nullptr;
    if (sc) {
        if (view.layers.sieges)
            for (const auto& s : sc->sieges) {
                const double r = s.radiusMap * cam.scale();
                const bool shown = s.activeOn(d) || (s.end && *s.end < d && d - *s.end <= style::kSiegeAfterDays);
                if (shown && std::abs(distance(cam.worldToScreen(s.pos), sp) - r) <= 6.0) siege = &s;
            }
        if (view.layers.events)
            for (const auto& e : sc->events)
                if (d - e.date >= 0 && d - e.date < style::kEventDays && distance(cam.worldToScreen(e.pos), sp) <= 8.0)
                    event = &e;
    }
    const ControlAnswer answer = sc ? sc->controlAt(d, w, map.data.insideOutline(w)) : ControlAnswer{};
    if (!place && !siege && !event && (!sc || answer.kind != ControlAnswer::Kind::Zone)) return;

    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
    if (place) {
        ImGui::Text("%s%s%s", place->name.c_str(), place->nameUk.empty() ? "" : "  ·  ", place->nameUk.c_str());
        ImGui::TextDisabled("%s%s", std::string(placeKindName(place->kind)).c_str(),
                            place->population ? (" · population " + std::to_string(*place->population)).c_str() : "");
        if (sc) {
            const ControlAnswer a = sc->controlAt(d, place->pos, map.data.insideOutline(place->pos));
            if (a.kind == ControlAnswer::Kind::Zone) ImGui::Text("On %s: %s", d.iso().c_str(), std::string(sideLabel(a.side)).c_str());
            else if (a.kind == ControlAnswer::Kind::UkraineDefault) ImGui::Text("On %s: Ukraine", d.iso().c_str());
        }
        ImGui::Separator();
    }
    if (siege) {
        ImGui::Text("Siege of %s", siege->place.c_str());
        if (siege->activeOn(d))
            ImGui::Text("Day %d under siege (since %s)", siege->daysOn(d), siege->start.iso().c_str());
        else
            ImGui::Text("%s: %d days, %s – %s", std::string(outcomeName(siege->outcome)).c_str(), siege->daysOn(d),
                        siege->start.iso().c_str(), siege->end ? siege->end->iso().c_str() : "…");
        ImGui::TextWrapped("Source: %s", siege->source.c_str());
        ImGui::Separator();
    }
    if (event) {
        ImGui::Text("%s — %s", event->date.iso().c_str(), event->title.c_str());
        ImGui::TextWrapped("Source: %s", event->source.c_str());
        ImGui::Separator();
    }
    if (answer.kind == ControlAnswer::Kind::Zone) {
        zoneLines(*answer.zone);
        for (const auto* z : answer.all)
            if (z != answer.zone) {
                ImGui::Separator();
                ImGui::TextDisabled("also:");
                zoneLines(*z);
            }
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

}  // namespace sv::ui
