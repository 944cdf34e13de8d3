// Font atlas building (see fonts.hpp).
#include "ui/fonts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "util/log.hpp"
#include "util/paths.hpp"

namespace sv::ui {
namespace {

Fonts gFonts, gPresent;
bool gUsePresent = false;
std::unique_ptr<ImFontAtlas> gAtlas;
std::future<void> gBuild;
ImFontAtlas gHaloAtlas;

const ImWchar* glyphRanges() {
    static const ImWchar ranges[] = {
        0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement
        0x0100, 0x017F,  // Latin Extended-A (Erdoğan, İstanbul)
        0x02BC, 0x02BC,  // modifier apostrophe used in Ukrainian
        0x0400, 0x052F,  // Cyrillic + Cyrillic Supplement
        0x2010, 0x205E,  // dashes, quotes, ellipsis, bullets
        0x2190, 0x2193,  // arrows
        0x25A0, 0x25CF,  // squares, triangles, circles
        0,
    };
    return ranges;
}

// ---- label halos ----
// A label's halo (the light rim that keeps it legible over lines and fills) used to be its text drawn four times,
// offset by the radius: five draws of every glyph, and labels took ~40 % of a still frame at the default view (4.2 of
// 10.7 ms). Each halo glyph here is the label glyph's coverage dilated by the radius, so the halo is one draw, and
// round where the four offsets left notches at the diagonals.

struct HaloGlyph {
    ImFont* font;  // the halo font it belongs to
    int glyph;     // index into that font's glyphs
    int w, h;
    std::vector<unsigned char> px;
};

// Weights of the dilation: 256 within `radius` − ½ pixel of a texel, fading to 0 at `radius` + ½, over `rx` / `ry`
// texels each side of it. Texels are 1/ovH pixel wide (horizontal oversampling) and 1/ovV high.
struct HaloKernel {
    int rx, ry;
    std::vector<uint16_t> weight;  // (2 rx + 1) × (2 ry + 1), row by row
};

HaloKernel haloKernel(float radius, int ovH, int ovV) {
    HaloKernel k;
    k.rx = static_cast<int>(std::ceil((radius + 0.5f) * static_cast<float>(ovH)));
    k.ry = static_cast<int>(std::ceil((radius + 0.5f) * static_cast<float>(ovV)));
    for (int dy = -k.ry; dy <= k.ry; ++dy)
        for (int dx = -k.rx; dx <= k.rx; ++dx) {
            const float d = std::hypot(static_cast<float>(dx) / static_cast<float>(ovH), static_cast<float>(dy) / static_cast<float>(ovV));
            k.weight.push_back(static_cast<uint16_t>(std::lround(256.0f * std::clamp(radius + 0.5f - d, 0.0f, 1.0f))));
        }
    return k;
}

// The coverage of the glyph at texels [x0, x0 + w) × [y0, y0 + h) of `atlas` (row length `stride`), dilated: each
// texel takes the largest weighted coverage around it. The result has k.rx / k.ry more texels on each side.
HaloGlyph dilateGlyph(const unsigned char* atlas, int stride, int x0, int y0, int w, int h, const HaloKernel& k) {
    HaloGlyph g{nullptr, 0, w + 2 * k.rx, h + 2 * k.ry, {}};
    g.px.assign(static_cast<std::size_t>(g.w) * static_cast<std::size_t>(g.h), 0);
    const int kw = 2 * k.rx + 1;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const unsigned c = atlas[static_cast<std::size_t>(y0 + y) * static_cast<std::size_t>(stride) + static_cast<std::size_t>(x0 + x)];
            if (c == 0) continue;
            for (int dy = 0; dy <= 2 * k.ry; ++dy) {
                unsigned char* out = &g.px[static_cast<std::size_t>(y + dy) * static_cast<std::size_t>(g.w) + static_cast<std::size_t>(x)];
                const uint16_t* wrow = &k.weight[static_cast<std::size_t>(dy * kw)];
                for (int dx = 0; dx < kw; ++dx)
                    out[dx] = std::max(out[dx], static_cast<unsigned char>((c * wrow[dx] + 128) >> 8));
            }
        }
    return g;
}

// A copy of `label` (in gHaloAtlas) whose visible glyphs will be `glyphs`: the label font's dilated by `radius` pixels,
// their boxes grown to match. Texture coordinates are set when they are packed (buildHalos).
ImFont* addHaloFont(const ImFontAtlas& atlas, const ImFont& label, float radius, std::vector<HaloGlyph>& glyphs) {
    const int ovH = label.ConfigData ? std::max(1, label.ConfigData->OversampleH) : 1;
    const int ovV = label.ConfigData ? std::max(1, label.ConfigData->OversampleV) : 1;
    const HaloKernel kernel = haloKernel(radius, ovH, ovV);
    auto* font = IM_NEW(ImFont)();
    *font = label;  // metrics, advances and glyphs
    font->ContainerAtlas = &gHaloAtlas;
    for (int i = 0; i < font->Glyphs.Size; ++i) {
        ImFontGlyph& g = font->Glyphs[i];
        if (!g.Visible) continue;
        const int x0 = static_cast<int>(std::lround(g.U0 * static_cast<float>(atlas.TexWidth)));
        const int y0 = static_cast<int>(std::lround(g.V0 * static_cast<float>(atlas.TexHeight)));
        const int w = static_cast<int>(std::lround((g.U1 - g.U0) * static_cast<float>(atlas.TexWidth)));
        const int h = static_cast<int>(std::lround((g.V1 - g.V0) * static_cast<float>(atlas.TexHeight)));
        if (w <= 0 || h <= 0 || x0 < 0 || y0 < 0 || x0 + w > atlas.TexWidth || y0 + h > atlas.TexHeight) {
            g.Visible = 0;  // (never seen: ImGui's glyphs lie inside its texture) no halo rather than a wrong one
            continue;
        }
        glyphs.push_back(dilateGlyph(atlas.TexPixelsAlpha8, atlas.TexWidth, x0, y0, w, h, kernel));
        glyphs.back().font = font, glyphs.back().glyph = i;
        g.X0 -= static_cast<float>(kernel.rx) / static_cast<float>(ovH), g.X1 += static_cast<float>(kernel.rx) / static_cast<float>(ovH);
        g.Y0 -= static_cast<float>(kernel.ry) / static_cast<float>(ovV), g.Y1 += static_cast<float>(kernel.ry) / static_cast<float>(ovV);
    }
    font->BuildLookupTable();  // (its fallback glyph pointed into the label font's glyphs)
    gHaloAtlas.Fonts.push_back(font);
    return font;
}

// Larger halo textures are not built: GL 3.3 guarantees only 1024 texels a side, every driver of interest has 4096
// or more (Mesa 16384), and the renderer checks the real limit before uploading (ImGuiRenderer::newFrame).
constexpr int kMaxHaloTexels = 4096;

// Builds the halo atlas for the label fonts (the desk one, and the presentation one if there is one): their glyphs
// dilated, packed in rows one empty texel apart (linear filtering never reaches a neighbour) into a texture at least
// 512 texels wide and as wide as the widest glyph needs.
void buildHalos(const ImFontAtlas& atlas, float scale, float presentScale) {
    if (!atlas.TexPixelsAlpha8 || !gFonts.label) return;
    std::vector<HaloGlyph> glyphs;
    gFonts.labelHalo = addHaloFont(atlas, *gFonts.label, kLabelHaloPx * scale, glyphs);
    if (gPresent.label) gPresent.labelHalo = addHaloFont(atlas, *gPresent.label, kLabelHaloPx * scale * presentScale, glyphs);
    // About square: at least 512 texels wide, and as wide as the widest glyph needs.
    std::size_t area = 0;
    int width = 512;
    for (const auto& g : glyphs) {
        area += static_cast<std::size_t>(g.w + 1) * static_cast<std::size_t>(g.h + 1);
        width = std::max(width, g.w + 2);
    }
    width = std::max(width, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(area)) * 1.1)));
    int x = 1, y = 1, rowH = 0;
    std::vector<std::pair<int, int>> at(glyphs.size());
    for (std::size_t i = 0; i < glyphs.size(); ++i) {
        if (x + glyphs[i].w + 1 > width) x = 1, y += rowH + 1, rowH = 0;
        at[i] = {x, y};
        x += glyphs[i].w + 1;
        rowH = std::max(rowH, glyphs[i].h);
    }
    const int height = y + rowH + 1;
    if (width > kMaxHaloTexels || height > kMaxHaloTexels) {
        // Fonts this large (a UI scale of several times, in presentation mode) keep the offset halos.
        logWarning("label halo glyphs need a " + std::to_string(width) + "x" + std::to_string(height) +
                   " texture; drawing halos as offset copies instead");
        gFonts.labelHalo = gPresent.labelHalo = nullptr;
        gHaloAtlas.ClearFonts();
        return;
    }
    auto* pixels = static_cast<unsigned char*>(IM_ALLOC(static_cast<std::size_t>(width) * static_cast<std::size_t>(height)));
    std::fill_n(pixels, static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
    for (std::size_t i = 0; i < glyphs.size(); ++i) {
        const HaloGlyph& hg = glyphs[i];
        for (int row = 0; row < hg.h; ++row)
            std::copy_n(&hg.px[static_cast<std::size_t>(row) * static_cast<std::size_t>(hg.w)], hg.w,
                        pixels + static_cast<std::size_t>(at[i].second + row) * static_cast<std::size_t>(width) +
                            static_cast<std::size_t>(at[i].first));
        ImFontGlyph& g = hg.font->Glyphs[hg.glyph];
        g.U0 = static_cast<float>(at[i].first) / static_cast<float>(width);
        g.U1 = static_cast<float>(at[i].first + hg.w) / static_cast<float>(width);
        g.V0 = static_cast<float>(at[i].second) / static_cast<float>(height);
        g.V1 = static_cast<float>(at[i].second + hg.h) / static_cast<float>(height);
    }
    gHaloAtlas.TexWidth = width, gHaloAtlas.TexHeight = height;
    gHaloAtlas.TexPixelsAlpha8 = pixels;
}

void build(ImFontAtlas& atlas, float scale, bool labelsOnly, float presentScale) {
    const auto regular = findUiFont(false);
    const auto bold = findUiFont(true);
    if (!regular) {
        logWarning("DejaVu Sans not found (install fonts-dejavu-core): using ImGui's built-in font, without Cyrillic");
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * scale;
        gFonts.ui = gFonts.label = gFonts.caption = atlas.AddFontDefault(&cfg);
    } else {
        ImFontConfig cfg;
        cfg.OversampleH = 2;
        cfg.OversampleV = 1;
        const std::string reg = regular->string(), bld = bold ? bold->string() : reg;
        if (!labelsOnly) gFonts.ui = atlas.AddFontFromFileTTF(reg.c_str(), 15.0f * scale, &cfg, glyphRanges());
        gFonts.label = atlas.AddFontFromFileTTF(reg.c_str(), 13.0f * scale, &cfg, glyphRanges());
        gFonts.caption = atlas.AddFontFromFileTTF(bld.c_str(), 30.0f * scale, &cfg, glyphRanges());
        if (labelsOnly) gFonts.ui = gFonts.label;
        if (presentScale > 0) {
            gPresent.ui = gFonts.ui;
            gPresent.label = atlas.AddFontFromFileTTF(reg.c_str(), 13.0f * scale * presentScale, &cfg, glyphRanges());
            gPresent.caption = atlas.AddFontFromFileTTF(bld.c_str(), 30.0f * scale * presentScale, &cfg, glyphRanges());
            if (!gPresent.label || !gPresent.caption) gPresent = {};
        }
        if (!gFonts.label || !gFonts.caption || !gFonts.ui) {
            logWarning(reg + ": cannot load font; using ImGui's built-in font");
            atlas.Clear();
            gFonts.ui = gFonts.label = gFonts.caption = atlas.AddFontDefault();
        }
    }
    atlas.Build();
    buildHalos(atlas, scale, presentScale);
}

}  // namespace

void startFontAtlas(float scale, bool labelsOnly, float presentScale) {
    if (gBuild.valid() || gAtlas) return;
    gAtlas = std::make_unique<ImFontAtlas>();
    gBuild = std::async(std::launch::async,
                        [scale, labelsOnly, presentScale] { build(*gAtlas, scale, labelsOnly, presentScale); });
}

ImFontAtlas* fontAtlas() {
    if (!gAtlas) startFontAtlas(1.0f);
    return gAtlas.get();
}

ImFontAtlas* haloAtlas() { return &gHaloAtlas; }

void waitFontAtlas() {
    if (gBuild.valid()) gBuild.get();
}

const Fonts& fonts() { return gUsePresent && gPresent.label ? gPresent : gFonts; }
void usePresentationFonts(bool on) { gUsePresent = on; }
namespace {
float gTextScale = 1.0f;
}
void setTextScale(float scale) { gTextScale = scale > 0 ? scale : 1.0f; }
float textScale() { return gTextScale; }
bool hasPresentationFonts() { return gPresent.label != nullptr; }

}  // namespace sv::ui
