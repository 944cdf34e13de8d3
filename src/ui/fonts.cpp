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
#include "util/parallel.hpp"
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

// Weights of the dilation: 256 within `radius` − ½ pixel of a texel, fading to 0 at `radius` + ½, over `rx` / `ry`
// texels each side of it. Texels are 1/ovH pixel wide (horizontal oversampling) and 1/ovV high.
struct HaloKernel {
    int rx = 0, ry = 0;
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

// One halo glyph to make: the label glyph's texels in the atlas, the halo font's glyph, its place in the halo texture.
struct HaloJob {
    ImFont* font;
    int glyph;                // index into font->Glyphs
    const HaloKernel* kernel;
    int x0, y0, w, h;         // the label glyph in the atlas
    int atX = 0, atY = 0;     // the halo glyph (w + 2 rx) × (h + 2 ry) in the halo texture
    int width() const { return w + 2 * kernel->rx; }
    int height() const { return h + 2 * kernel->ry; }
};

// Writes the job's glyph, dilated, into `out` (row length `stride`): each texel takes the largest coverage around it
// weighted by the kernel. Only texels with a less covered neighbour spread: any other one's spread is covered by the
// neighbour towards the target texel, which is at least as covered and nearer (in both axes).
void dilateGlyph(const unsigned char* atlas, int atlasStride, const HaloJob& j, unsigned char* out, int stride) {
    const HaloKernel& k = *j.kernel;
    const int kw = 2 * k.rx + 1;
    auto src = [&](int x, int y) -> unsigned {
        if (x < 0 || y < 0 || x >= j.w || y >= j.h) return 0;
        return atlas[static_cast<std::size_t>(j.y0 + y) * static_cast<std::size_t>(atlasStride) + static_cast<std::size_t>(j.x0 + x)];
    };
    auto dst = [&](int x, int y) -> unsigned char& {
        return out[static_cast<std::size_t>(j.atY + y) * static_cast<std::size_t>(stride) + static_cast<std::size_t>(j.atX + x)];
    };
    for (int y = 0; y < j.h; ++y)
        for (int x = 0; x < j.w; ++x) {
            const unsigned c = src(x, y);
            if (c == 0) continue;
            unsigned char& self = dst(x + k.rx, y + k.ry);
            self = std::max(self, static_cast<unsigned char>(c));
            bool edge = false;
            for (int ny = -1; ny <= 1 && !edge; ++ny)
                for (int nx = -1; nx <= 1 && !edge; ++nx) edge = src(x + nx, y + ny) < c;
            if (!edge) continue;
            for (int dy = 0; dy <= 2 * k.ry; ++dy) {
                unsigned char* row = &dst(x, y + dy);
                const uint16_t* wrow = &k.weight[static_cast<std::size_t>(dy * kw)];
                for (int dx = 0; dx < kw; ++dx)
                    row[dx] = std::max(row[dx], static_cast<unsigned char>((c * wrow[dx] + 128) >> 8));
            }
        }
}

// Halo glyphs are made for the Latin script labels are written in (place and region names; Latin-1 and Extended-A
// for names like Dnipropetrovsk's or İstanbul's) and for punctuation; the label font's Cyrillic and symbols would
// double the glyphs to dilate (at a UI scale of 2 in presentation mode, 80 ms more on the font thread) for text that
// labels do not show.
bool haloCodepoint(unsigned c) { return (c >= 0x20 && c <= 0x17F) || (c >= 0x2010 && c <= 0x205E); }

// A copy of `label` in gHaloAtlas whose visible glyphs are to be the label glyphs dilated by `kernel` (jobs appended),
// their boxes grown to match; texture coordinates are set once they are packed (buildHalos).
ImFont* addHaloFont(const ImFontAtlas& atlas, const ImFont& label, const HaloKernel& kernel, int ovH, int ovV,
                    std::vector<HaloJob>& jobs) {
    auto* font = IM_NEW(ImFont)();
    *font = label;  // metrics, advances and glyphs
    font->ContainerAtlas = &gHaloAtlas;
    for (int i = 0; i < font->Glyphs.Size; ++i) {
        ImFontGlyph& g = font->Glyphs[i];
        if (!g.Visible) continue;
        if (!haloCodepoint(g.Codepoint)) {
            g.Visible = 0;  // a label with it keeps the offset halo (ui/map_labels.cpp)
            continue;
        }
        const int x0 = static_cast<int>(std::lround(g.U0 * static_cast<float>(atlas.TexWidth)));
        const int y0 = static_cast<int>(std::lround(g.V0 * static_cast<float>(atlas.TexHeight)));
        const int w = static_cast<int>(std::lround((g.U1 - g.U0) * static_cast<float>(atlas.TexWidth)));
        const int h = static_cast<int>(std::lround((g.V1 - g.V0) * static_cast<float>(atlas.TexHeight)));
        if (w <= 0 || h <= 0 || x0 < 0 || y0 < 0 || x0 + w > atlas.TexWidth || y0 + h > atlas.TexHeight) {
            g.Visible = 0;  // (never seen: ImGui's glyphs lie inside its texture) no halo rather than a wrong one
            continue;
        }
        jobs.push_back({font, i, &kernel, x0, y0, w, h});
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
// dilated by kLabelHaloPx × `scale` pixels (the presentation font's too: its halo stays as thin as before), packed in
// rows one empty texel apart (linear filtering never reaches a neighbour) into a texture about square, with sides
// that are powers of two.
void buildHalos(const ImFontAtlas& atlas, float scale) {
    if (!atlas.TexPixelsAlpha8 || !gFonts.label) return;
    std::vector<HaloKernel> kernels;
    kernels.reserve(2);
    std::vector<HaloJob> jobs;
    for (Fonts* set : {&gFonts, &gPresent}) {
        if (!set->label) continue;
        const int ovH = set->label->ConfigData ? std::max(1, set->label->ConfigData->OversampleH) : 1;
        const int ovV = set->label->ConfigData ? std::max(1, set->label->ConfigData->OversampleV) : 1;
        kernels.push_back(haloKernel(kLabelHaloPx * scale, ovH, ovV));
        set->labelHalo = addHaloFont(atlas, *set->label, kernels.back(), ovH, ovV, jobs);
    }
    std::size_t area = 0;
    int width = 512;
    for (const auto& j : jobs) {
        area += static_cast<std::size_t>(j.width() + 1) * static_cast<std::size_t>(j.height() + 1);
        width = std::max(width, j.width() + 2);
    }
    width = std::max(width, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(area)) * 1.1)));
    // Both sides powers of two, as in ImGui's own atlas: llvmpipe builds a fragment pipeline for each kind of
    // texture it samples (power-of-two sides or not among them), so the halos and the text then share one.
    auto powerOfTwo = [](int v) {
        int p = 1;
        while (p < v && p <= kMaxHaloTexels) p *= 2;
        return p;
    };
    width = powerOfTwo(width);
    int x = 1, y = 1, rowH = 0;
    for (auto& j : jobs) {
        if (x + j.width() + 1 > width) x = 1, y += rowH + 1, rowH = 0;
        j.atX = x, j.atY = y;
        x += j.width() + 1;
        rowH = std::max(rowH, j.height());
    }
    const int height = powerOfTwo(y + rowH + 1);
    if (width > kMaxHaloTexels || height > kMaxHaloTexels) {
        // Fonts this large (a UI scale of several times, in presentation mode) keep the offset halos.
        logWarning("label halo glyphs need a " + std::to_string(width) + "x" + std::to_string(height) +
                   " texture; drawing halos as offset copies instead");
        gFonts.labelHalo = gPresent.labelHalo = nullptr;
        gHaloAtlas.ClearFonts();
        return;
    }
    const std::size_t bytes = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    auto* pixels = static_cast<unsigned char*>(IM_ALLOC(bytes));
    std::fill_n(pixels, bytes, 0);
    // Glyphs write disjoint rectangles: on both cores (the other one is often free by now; at a UI scale of 2 in
    // presentation mode the halos are tens of milliseconds of the font thread, which then decides the first frame).
    parallelFor(jobs.size(), [&](std::size_t i, unsigned) { dilateGlyph(atlas.TexPixelsAlpha8, atlas.TexWidth, jobs[i], pixels, width); });
    for (const auto& j : jobs) {
        ImFontGlyph& g = j.font->Glyphs[j.glyph];
        g.U0 = static_cast<float>(j.atX) / static_cast<float>(width);
        g.U1 = static_cast<float>(j.atX + j.width()) / static_cast<float>(width);
        g.V0 = static_cast<float>(j.atY) / static_cast<float>(height);
        g.V1 = static_cast<float>(j.atY + j.height()) / static_cast<float>(height);
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
    buildHalos(atlas, scale);
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
