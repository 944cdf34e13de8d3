// Map overlays (see map_overlays.hpp).
#include "ui/map_overlays.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include <imgui.h>

#include "ui/fonts.hpp"
#include "view/style.hpp"

namespace sv::ui {
namespace {

ImU32 col(Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }

struct Entry {
    enum class Kind { Swatch, Line, Ring } kind;
    Rgba colour;
    float hatch = 0;
    std::string text;
    Rgba casing{0, 0, 0, 0};
};

}  // namespace

double scaleBarKm(double maxKm) {
    if (!(maxKm > 0) || !std::isfinite(maxKm)) return 0;
    const double p = std::pow(10.0, std::floor(std::log10(maxKm)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= maxKm) return m * p;
    return p;
}

void drawMapLegend(ImDrawList* dl, const ViewState& view, const Scenario* sc) {
    const Fonts& f = fonts();
    if (!f.label || !sc) return;
    const float s = view.uiScale;
    const float size = f.label->FontSize * textScale();
    std::vector<Entry> entries;
    std::set<int> statuses;
    bool contested = false;
    for (const auto& z : sc->zones) {
        if (z.side == Side::Ru) statuses.insert(static_cast<int>(z.status));
        contested |= z.side == Side::Contested;
    }
    if (view.layers.control) {
        for (auto st : {ControlStatus::Occupied, ControlStatus::AssessedAdvance, ControlStatus::Claimed, ControlStatus::Pre2022})
            if (statuses.count(static_cast<int>(st))) {
                const auto z = style::zone(Side::Ru, st);
                entries.push_back({Entry::Kind::Swatch, z.fill, z.hatchPx, z.label});
            }
        if (contested) {
            const auto c = style::zone(Side::Contested, ControlStatus::Occupied);
            entries.push_back({Entry::Kind::Swatch, c.fill, c.hatchPx, c.label});
        }
    }
    if (view.layers.changes && !sc->series) {
        entries.push_back({Entry::Kind::Swatch, style::kGain, style::kChangeHatchPx, "gained by Russia since the previous keyframe"});
        entries.push_back({Entry::Kind::Swatch, style::kLoss, style::kChangeHatchPx, "given up by Russia since the previous keyframe"});
    }
    if (view.layers.front)
        entries.push_back({Entry::Kind::Line, style::kFrontLine, style::kFrontLinePx, "front line (derived)", style::kFrontCasing});
    if (view.layers.sieges && !sc->sieges.empty()) {
        entries.push_back({Entry::Kind::Ring, style::kSiegeActive, 0, "siege: encircled or contested"});
        entries.push_back({Entry::Kind::Ring, style::kSiegeHeld, 0, "siege ended: held"});
        entries.push_back({Entry::Kind::Ring, style::kSiegeFell, 0, "siege ended: fell"});
    }
    const std::string title = sc->meta.title;
    const std::string notice = sc->meta.disclaimer.empty() ? std::string() : "Approximation: " + sc->meta.disclaimer;
    const float h = size, pad = 6 * s, gap = 3 * s;
    float w = f.label->CalcTextSizeA(size, 1e9f, 0, title.c_str()).x;
    for (const auto& e : entries) w = std::max(w, 2 * h + 6 * s + f.label->CalcTextSizeA(size, 1e9f, 0, e.text.c_str()).x);
    const float wrap = std::max(w, 260.0f * s);
    const ImVec2 ns = notice.empty() ? ImVec2(0, 0) : f.label->CalcTextSizeA(size * 0.85f, 1e9f, wrap, notice.c_str());
    w = std::max(w, ns.x);
    const float total = pad * 2 + h + gap + static_cast<float>(entries.size()) * (h + gap) + (notice.empty() ? 0 : ns.y + gap);
    const ImGuiIO& io = ImGui::GetIO();
    const float bottom = io.DisplaySize.y - 10 * s - (view.presentation ? 0 : 0);
    ImVec2 p(10 * s, bottom - total);
    dl->AddRectFilled(p, ImVec2(p.x + w + 2 * pad, p.y + total), IM_COL32(255, 255, 255, 225), 5 * s);
    float y = p.y + pad;
    const float x = p.x + pad;
    dl->AddText(f.label, size, ImVec2(x, y), IM_COL32(20, 20, 20, 255), title.c_str());
    y += h + gap;
    for (const auto& e : entries) {
        const ImVec2 a(x, y), b(x + 2 * h, y + h);
        switch (e.kind) {
            case Entry::Kind::Swatch:
                dl->AddRectFilled(a, b, IM_COL32(250, 248, 242, 255));
                if (e.hatch > 0) {
                    dl->AddRectFilled(a, b, col(Rgba{e.colour.r, e.colour.g, e.colour.b, uint8_t(e.colour.a * 0.35f)}));
                    dl->PushClipRect(a, b, true);
                    const float period = e.hatch * s;
                    for (float xx = -h; xx < 3 * h; xx += period)
                        dl->AddLine(ImVec2(a.x + xx, b.y), ImVec2(a.x + xx + h, a.y), col(e.colour), period * 0.45f);
                    dl->PopClipRect();
                } else {
                    dl->AddRectFilled(a, b, col(e.colour));
                }
                break;
            case Entry::Kind::Line:
                dl->AddLine(ImVec2(a.x, y + h / 2), ImVec2(b.x, y + h / 2), col(e.casing), (e.hatch + 2.5f) * s);
                dl->AddLine(ImVec2(a.x, y + h / 2), ImVec2(b.x, y + h / 2), col(e.colour), e.hatch * s);
                break;
            case Entry::Kind::Ring:
                dl->AddCircle(ImVec2(a.x + h, y + h / 2), h * 0.42f, col(e.colour), 24, 2.5f * s);
                break;
        }
        dl->AddText(f.label, size, ImVec2(b.x + 6 * s, y), IM_COL32(30, 30, 30, 255), e.text.c_str());
        y += h + gap;
    }
    if (!notice.empty())
        dl->AddText(f.label, size * 0.85f, ImVec2(x, y), IM_COL32(120, 55, 25, 255), notice.c_str(), nullptr, wrap);
}

void drawScaleBar(ImDrawList* dl, const ViewState& view, double kmPerPixel) {
    const Fonts& f = fonts();
    if (!f.label || !(kmPerPixel > 0) || !std::isfinite(kmPerPixel)) return;
    const ImGuiIO& io = ImGui::GetIO();
    const float fb = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1.0f;
    const float s = view.uiScale;
    const double maxPx = io.DisplaySize.x / 6.0;
    const double km = scaleBarKm(maxPx * fb * kmPerPixel);
    if (km <= 0) return;
    const float px = static_cast<float>(km / kmPerPixel / fb);
    char text[32];
    std::snprintf(text, sizeof text, km >= 1 ? "%.0f km" : "%.1f km", km);
    const float size = f.label->FontSize * textScale();
    const ImVec2 ts = f.label->CalcTextSizeA(size, 1e9f, 0, text);
    // Bottom centre-left: clear of the legend (left) and the attribution (right).
    const float x0 = io.DisplaySize.x * 0.5f - px / 2, y0 = io.DisplaySize.y - 34 * s;
    dl->AddRectFilled(ImVec2(x0 - 6 * s, y0 - ts.y - 6 * s), ImVec2(x0 + px + 6 * s, y0 + 8 * s), IM_COL32(255, 255, 255, 200), 3 * s);
    const ImU32 ink = IM_COL32(30, 30, 30, 255);
    dl->AddLine(ImVec2(x0, y0), ImVec2(x0 + px, y0), ink, 2.0f * s);
    dl->AddLine(ImVec2(x0, y0 - 5 * s), ImVec2(x0, y0 + 4 * s), ink, 2.0f * s);
    dl->AddLine(ImVec2(x0 + px, y0 - 5 * s), ImVec2(x0 + px, y0 + 4 * s), ink, 2.0f * s);
    dl->AddText(f.label, size, ImVec2(x0 + px / 2 - ts.x / 2, y0 - ts.y - 4 * s), ink, text);
}

void drawSafeFrame(ImDrawList* dl, const ViewState& view) {
    const ImGuiIO& io = ImGui::GetIO();
    float w = io.DisplaySize.x, h = io.DisplaySize.y;
    if (w / h > 16.0f / 9.0f) w = h * 16.0f / 9.0f;
    else h = w * 9.0f / 16.0f;
    // The title-safe area: 90 % of the 16:9 frame.
    const float sw = w * 0.9f, sh = h * 0.9f;
    const ImVec2 a(io.DisplaySize.x / 2 - sw / 2, io.DisplaySize.y / 2 - sh / 2);
    dl->AddRect(a, ImVec2(a.x + sw, a.y + sh), IM_COL32(0, 120, 200, 160), 0, 0, 1.5f * view.uiScale);
}

void drawStepCaption(ImDrawList* dl, const ViewState& view, const std::string& caption, const std::string& excerpt,
                     const std::string& excerptSource) {
    const Fonts& f = fonts();
    if (!f.label || (caption.empty() && excerpt.empty())) return;
    const ImGuiIO& io = ImGui::GetIO();
    const float s = view.uiScale;
    const float size = f.label->FontSize * 1.25f * textScale(), small = f.label->FontSize * textScale();
    const float wrap = std::min(io.DisplaySize.x * 0.6f, 900.0f * s);
    const ImVec2 cs = caption.empty() ? ImVec2(0, 0) : f.label->CalcTextSizeA(size, 1e9f, wrap, caption.c_str());
    const std::string quote = excerpt.empty() ? std::string() : "“" + excerpt + "”";
    const ImVec2 qs = quote.empty() ? ImVec2(0, 0) : f.label->CalcTextSizeA(small, 1e9f, wrap, quote.c_str());
    const ImVec2 ss = excerptSource.empty() || quote.empty() ? ImVec2(0, 0) : f.label->CalcTextSizeA(small * 0.9f, 1e9f, wrap, excerptSource.c_str());
    const float pad = 10 * s, w = std::max({cs.x, qs.x, ss.x}) + 2 * pad;
    const float h = cs.y + qs.y + ss.y + 2 * pad + (qs.y > 0 && cs.y > 0 ? 6 * s : 0);
    // Under the date caption, clear of the legend and the attribution at the bottom.
    const ImVec2 tl(io.DisplaySize.x / 2 - w / 2, 84 * s);
    dl->AddRectFilled(tl, ImVec2(tl.x + w, tl.y + h), IM_COL32(255, 255, 255, 232), 6 * s);
    float y = tl.y + pad;
    if (cs.y > 0) {
        dl->AddText(f.label, size, ImVec2(tl.x + pad, y), IM_COL32(15, 15, 15, 255), caption.c_str(), nullptr, wrap);
        y += cs.y + (qs.y > 0 ? 6 * s : 0);
    }
    if (qs.y > 0) {
        dl->AddText(f.label, small, ImVec2(tl.x + pad, y), IM_COL32(50, 50, 70, 255), quote.c_str(), nullptr, wrap);
        y += qs.y;
        if (ss.y > 0) dl->AddText(f.label, small * 0.9f, ImVec2(tl.x + pad, y), IM_COL32(100, 100, 100, 255), excerptSource.c_str(), nullptr, wrap);
    }
}

}  // namespace sv::ui
