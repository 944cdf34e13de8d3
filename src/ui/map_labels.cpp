// Label placement and drawing (see map_labels.hpp). Positions come from the camera in framebuffer pixels; ImGui
// draws in window coordinates, so they are divided by the framebuffer scale.
#include "ui/map_labels.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <imgui.h>

#include "reporting/text.hpp"
#include "ui/fonts.hpp"
#include "view/label_layout.hpp"
#include "view/style.hpp"

namespace sv::ui {
namespace {

ImU32 col(Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }

void haloText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, const char* text, ImU32 fg, ImU32 halo, float r) {
    // Four offsets make a halo good enough at label sizes, at half the glyphs of eight.
    static const float offs[4][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
    for (const auto& o : offs) dl->AddText(font, size, ImVec2(pos.x + o[0] * r, pos.y + o[1] * r), halo, text);
    dl->AddText(font, size, pos, fg, text);
}

// Whether the halo font has a halo for every glyph of `text` that the label font draws (it leaves out scripts that
// labels are not written in: ui/fonts.cpp).
bool haloCovers(const ImFont& halo, const ImFont& label, const char* text) {
    for (const char32_t c : text::decode(text)) {
        if (c > 0xFFFF) continue;  // (beyond ImGui's 16-bit characters: drawn as the fallback glyph, which has a halo)
        const ImFontGlyph* g = label.FindGlyph(static_cast<ImWchar>(c));
        const ImFontGlyph* h = halo.FindGlyph(static_cast<ImWchar>(c));
        if (g && g->Visible && !(h && h->Visible)) return false;
    }
    return true;
}

double placePriority(const Place& p) {
    const double base = p.kind == PlaceKind::Capital        ? 5e8
                        : p.kind == PlaceKind::OblastCentre ? 4e8
                        : p.kind == PlaceKind::City         ? 3e8
                        : p.kind == PlaceKind::Site         ? 2e8
                                                            : 1e8;
    return base + static_cast<double>(p.population.value_or(0)) / 100.0;
}

}  // namespace

LabelStats drawMapLabels(ImDrawList* dl, const ViewState& view, const MapData& data) {
    LabelStats stats;
    const Fonts& f = fonts();
    if (!f.label) return stats;
    const ImGuiIO& io = ImGui::GetIO();
    const float fbScale = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1.0f;
    const float s = view.uiScale;
    const float size = f.label->FontSize * textScale();  // already scaled at load
    const Camera& cam = view.camera;

    std::vector<LabelRequest> req;
    std::vector<ScreenRect> obstacles;
    std::vector<std::string> texts;
    if (view.layers.places) {
        for (std::size_t i = 0; i < data.places.size(); ++i) {
            const Place& p = data.places[i];
            const Vec2d a = cam.worldToScreen(p.pos) * (1.0 / fbScale);
            double r = style::marker(p.kind).radiusPx * s / fbScale + 1.5;
            if (p.id == view.selectedPlace) r += 8.0 * s / fbScale;  // keep the highlight ring clear
            obstacles.push_back({a.x - r, a.y - r, a.x + r, a.y + r});
            if (!view.layers.placeLabels) continue;
            const ImVec2 ts = f.label->CalcTextSizeA(size, 1e9f, 0, p.name.c_str());
            req.push_back({static_cast<int>(i), a, {ts.x, ts.y}, r + 2.0, placePriority(p), false,
                           static_cast<int>(obstacles.size()) - 1});
        }
    }
    const std::size_t placeCount = req.size();
    if (view.layers.regions && view.layers.regionLabels) {
        for (std::size_t i = 0; i < data.regions.size(); ++i) {
            const Region& r = data.regions[i];
            const Vec2d a = cam.worldToScreen(r.labelPos) * (1.0 / fbScale);
            // Only label regions shown large enough for their name.
            const double widthPx = r.bbox.width() * cam.scale() / fbScale;
            const ImVec2 ts = f.label->CalcTextSizeA(size * 0.92f, 1e9f, 0, r.name.c_str());
            if (widthPx < ts.x * 1.2) continue;
            req.push_back({static_cast<int>(100000 + i), a, {ts.x, ts.y}, 0, 1.0, true});
        }
    }
    stats.requested = static_cast<int>(req.size());
    (void)placeCount;
    const auto placed = layoutLabels(std::move(req), obstacles, cam.width() / fbScale, cam.height() / fbScale);
    stats.placed = static_cast<int>(placed.size());
    struct Text {
        ImVec2 pos;
        float size;
        const char* text;
        ImU32 fg, halo;
        float haloPx;  // for the offset halo
    };
    std::vector<Text> out;
    out.reserve(placed.size());
    for (const auto& pl : placed) {
        const ImVec2 pos(static_cast<float>(pl.rect.x0), static_cast<float>(pl.rect.y0));
        if (pl.id >= 100000) {
            const Region& r = data.regions[static_cast<std::size_t>(pl.id - 100000)];
            out.push_back({pos, size * 0.92f, r.name.c_str(), col(style::kRegionLabelText), col(Rgba{250, 248, 242, 200}), 1.0f});
        } else {
            const Place& p = data.places[static_cast<std::size_t>(pl.id)];
            out.push_back({pos, size, p.name.c_str(), col(style::kLabelText), col(style::kLabelHalo), kLabelHaloPx * s});
        }
    }
    // With the halo font (uploaded by the renderer): every halo in one draw of the halo glyphs, then every text. Placed
    // labels do not overlap, so no text goes under another label's halo. Without it, four offset copies each.
    // A label in a script the halo font leaves out takes the offset halo.
    const bool haloFont = f.labelHalo && f.labelHalo->ContainerAtlas && f.labelHalo->ContainerAtlas->TexID;
    std::vector<char> oneDraw(out.size(), 0);
    for (std::size_t i = 0; i < out.size(); ++i) oneDraw[i] = haloFont && haloCovers(*f.labelHalo, *f.label, out[i].text);
    for (std::size_t i = 0; i < out.size(); ++i)
        if (!oneDraw[i]) haloText(dl, f.label, out[i].size, out[i].pos, out[i].text, out[i].fg, out[i].halo, out[i].haloPx);
    if (haloFont) {
        dl->PushTextureID(f.labelHalo->ContainerAtlas->TexID);
        for (std::size_t i = 0; i < out.size(); ++i)
            if (oneDraw[i]) dl->AddText(f.labelHalo, out[i].size, out[i].pos, out[i].halo, out[i].text);
        dl->PopTextureID();
        for (std::size_t i = 0; i < out.size(); ++i)
            if (oneDraw[i]) dl->AddText(f.label, out[i].size, out[i].pos, out[i].fg, out[i].text);
    }
    return stats;
}

void drawDateCaption(ImDrawList* dl, const ViewState& view, const std::string& date, const std::string& sub) {
    const Fonts& f = fonts();
    if (!f.caption) return;
    const ImGuiIO& io = ImGui::GetIO();
    const float s = view.uiScale;
    const float big = f.caption->FontSize * textScale(), small = f.label->FontSize * textScale();
    const ImVec2 ds = f.caption->CalcTextSizeA(big, 1e9f, 0, date.c_str());
    const ImVec2 ss = sub.empty() ? ImVec2(0, 0) : f.label->CalcTextSizeA(small, 1e9f, 0, sub.c_str());
    const float w = std::max(ds.x, ss.x) + 24 * s, h = ds.y + ss.y + 12 * s;
    const ImVec2 tl(io.DisplaySize.x / 2 - w / 2, 8 * s);
    dl->AddRectFilled(tl, ImVec2(tl.x + w, tl.y + h), IM_COL32(255, 255, 255, 215), 6 * s);
    dl->AddText(f.caption, big, ImVec2(io.DisplaySize.x / 2 - ds.x / 2, tl.y + 4 * s), IM_COL32(25, 25, 25, 255), date.c_str());
    if (!sub.empty())
        dl->AddText(f.label, small, ImVec2(io.DisplaySize.x / 2 - ss.x / 2, tl.y + 4 * s + ds.y + 2 * s),
                    IM_COL32(110, 60, 40, 255), sub.c_str());
}

void drawAttribution(ImDrawList* dl, const ViewState& view, const std::string& text) {
    const Fonts& f = fonts();
    if (!f.label || text.empty()) return;
    const ImGuiIO& io = ImGui::GetIO();
    const float size = f.label->FontSize * 0.85f * textScale();
    const ImVec2 ts = f.label->CalcTextSizeA(size, 1e9f, 0, text.c_str());
    const float pad = 4.0f * view.uiScale;
    const ImVec2 br(io.DisplaySize.x - pad, io.DisplaySize.y - pad);
    const ImVec2 tl(br.x - ts.x - 2 * pad, br.y - ts.y - pad);
    dl->AddRectFilled(tl, br, IM_COL32(255, 255, 255, 190), 3.0f);
    dl->AddText(f.label, size, ImVec2(tl.x + pad, tl.y + pad * 0.5f), IM_COL32(60, 60, 60, 255), text.c_str());
}

}  // namespace sv::ui
