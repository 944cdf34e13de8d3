// Font atlas building (see fonts.hpp).
#include "ui/fonts.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "util/binary_io.hpp"
#include "util/cache_files.hpp"
#include "util/files.hpp"
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

// ---- the atlas cache ----
// Rasterising the fonts (stb_truetype: Latin, Cyrillic and punctuation at two or three sizes) and dilating the halo
// glyphs cost ~15 ms of CPU at every start, on a thread that shares the two cores with the GL context's start-up
// (the loader's too). The built atlases, ImGui's and the halos' (pixels, glyphs, metrics and which font is which),
// are kept in the cache folder as the prepared data and the GL programs are, under a key of everything they are
// made from: the font files (path, size, time), sizes and scales, glyph ranges, ImGui's version and glyph layout,
// and the executable itself (size, time), since the code that builds them is in it. A file that does not read
// back whole (truncated, corrupt: a checksum covers it) is ignored, and the atlases are built and the file written
// again.

constexpr uint64_t kAtlasMagic = 0x3173657361746c61ULL;  // "atlases1"

void putFileStamp(BinaryWriter& w, const std::filesystem::path& p) {
    std::error_code sizeError, timeError;
    const auto size = std::filesystem::file_size(p, sizeError);
    const auto time = std::filesystem::last_write_time(p, timeError).time_since_epoch().count();
    w.put(p.string()), w.put(static_cast<uint64_t>(sizeError ? 0 : size)), w.put(static_cast<int64_t>(timeError ? 0 : time));
}

std::filesystem::path atlasCachePath(const std::filesystem::path& dir, float scale, bool labelsOnly, float presentScale,
                                     const std::filesystem::path& regular, const std::filesystem::path& bold) {
    BinaryWriter w(nullptr);
    w.put(kAtlasMagic), w.put(int32_t{IMGUI_VERSION_NUM}), w.put(static_cast<uint32_t>(sizeof(ImFontGlyph)));
    w.put(scale), w.put(labelsOnly), w.put(presentScale), w.put(kLabelHaloPx);
    for (const ImWchar* r = glyphRanges(); *r; ++r) w.put(*r);
    putFileStamp(w, regular), putFileStamp(w, bold);
    std::error_code ec;
    putFileStamp(w, std::filesystem::read_symlink("/proc/self/exe", ec));
    char name[40];
    std::snprintf(name, sizeof name, "fonts-%016llx.bin", static_cast<unsigned long long>(fnv1a(w.bytes().data(), w.bytes().size())));
    return dir / name;
}

void putAtlas(BinaryWriter& w, const ImFontAtlas& a) {
    w.put(static_cast<int32_t>(a.TexWidth)), w.put(static_cast<int32_t>(a.TexHeight));
    w.put(a.TexUvScale), w.put(a.TexUvWhitePixel);
    for (const ImVec4& uv : a.TexUvLines) w.put(uv);
    w.put(static_cast<uint32_t>(a.Fonts.Size));
    for (const ImFont* f : a.Fonts) {
        w.put(f->FontSize), w.put(f->Ascent), w.put(f->Descent), w.put(f->Scale);
        w.put(f->FallbackChar), w.put(f->EllipsisChar), w.put(f->DotChar);
        w.putVector(std::vector<ImFontGlyph>(f->Glyphs.begin(), f->Glyphs.end()));
    }
    w.putVector(std::vector<uint8_t>(a.TexPixelsAlpha8, a.TexPixelsAlpha8 + std::size_t(a.TexWidth) * std::size_t(a.TexHeight)));
}

bool getAtlas(BinaryReader& r, ImFontAtlas& a) {
    a.TexWidth = r.get<int32_t>(), a.TexHeight = r.get<int32_t>();
    a.TexUvScale = r.get<ImVec2>(), a.TexUvWhitePixel = r.get<ImVec2>();
    for (ImVec4& uv : a.TexUvLines) uv = r.get<ImVec4>();
    const auto fonts = r.get<uint32_t>();
    if (!r.ok() || fonts == 0 || fonts > 16 || a.TexWidth <= 0 || a.TexHeight <= 0 || a.TexWidth > 16384 || a.TexHeight > 16384)
        return false;
    for (uint32_t i = 0; i < fonts; ++i) {
        auto* f = IM_NEW(ImFont)();
        a.Fonts.push_back(f);  // (owned by the atlas from here, whatever happens)
        f->ContainerAtlas = &a;
        f->FontSize = r.get<float>(), f->Ascent = r.get<float>(), f->Descent = r.get<float>(), f->Scale = r.get<float>();
        f->FallbackChar = r.get<ImWchar>(), f->EllipsisChar = r.get<ImWchar>(), f->DotChar = r.get<ImWchar>();
        const auto glyphs = r.getVector<ImFontGlyph>();
        if (!r.ok() || glyphs.empty() || glyphs.size() >= 0xFFFF) return false;
        // (The lookup tables are as long as the largest code point: only ImWchar's range is accepted.)
        for (const ImFontGlyph& gl : glyphs)
            if (gl.Codepoint > IM_UNICODE_CODEPOINT_MAX) return false;
        f->Glyphs.resize(static_cast<int>(glyphs.size()));
        std::copy(glyphs.begin(), glyphs.end(), f->Glyphs.begin());
    }
    const auto pixels = r.getVector<uint8_t>();
    if (!r.ok() || pixels.size() != std::size_t(a.TexWidth) * std::size_t(a.TexHeight)) return false;
    a.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(pixels.size()));
    std::copy(pixels.begin(), pixels.end(), a.TexPixelsAlpha8);
    for (ImFont* f : a.Fonts) f->BuildLookupTable();
    a.TexReady = true;
    return true;
}

// Which font of which atlas each slot of gFonts and gPresent is: -1 none, i ImGui's atlas, 1000 + i the halos'.
std::array<ImFont**, 8> fontSlots() {
    return {&gFonts.ui, &gFonts.label, &gFonts.caption, &gFonts.labelHalo,
            &gPresent.ui, &gPresent.label, &gPresent.caption, &gPresent.labelHalo};
}

std::vector<uint8_t> encodeAtlases(const ImFontAtlas& atlas) {
    BinaryWriter w(nullptr);
    w.put(kAtlasMagic);
    for (ImFont** slot : fontSlots()) {
        int32_t code = -1;
        for (int i = 0; i < atlas.Fonts.Size; ++i)
            if (*slot && atlas.Fonts[i] == *slot) code = i;
        for (int i = 0; i < gHaloAtlas.Fonts.Size; ++i)
            if (*slot && gHaloAtlas.Fonts[i] == *slot) code = 1000 + i;
        w.put(code);
    }
    putAtlas(w, atlas);
    putAtlas(w, gHaloAtlas);
    const uint64_t check = fnv1a(w.bytes().data(), w.bytes().size());
    w.put(check);
    return std::move(w.bytes());
}

bool decodeAtlases(const std::string& file, ImFontAtlas& atlas) {
    if (file.size() < 16) return false;
    const auto* data = reinterpret_cast<const uint8_t*>(file.data());
    uint64_t check = 0;
    std::memcpy(&check, data + file.size() - 8, 8);
    if (check != fnv1a(data, file.size() - 8)) return false;
    BinaryReader r(data, file.size() - 8);
    if (r.get<uint64_t>() != kAtlasMagic) return false;
    std::array<int32_t, 8> codes{};
    for (auto& c : codes) c = r.get<int32_t>();
    if (!getAtlas(r, atlas) || !getAtlas(r, gHaloAtlas) || !r.ok() || !r.atEnd()) return false;
    const auto slots = fontSlots();
    for (std::size_t i = 0; i < slots.size(); ++i) {
        const int32_t c = codes[i];
        ImFontAtlas& from = c >= 1000 ? gHaloAtlas : atlas;
        const int index = c >= 1000 ? c - 1000 : c;
        if (c != -1 && (index < 0 || index >= from.Fonts.Size)) return false;
        *slots[i] = c == -1 ? nullptr : from.Fonts[index];
    }
    return gFonts.ui && gFonts.label && gFonts.caption;
}

bool gAtlasFromCache = false;

void build(ImFontAtlas& atlas, float scale, bool labelsOnly, float presentScale, const std::filesystem::path& cache) {
    const auto regular = findUiFont(false);
    const auto bold = findUiFont(true);
    std::filesystem::path cachePath;
    if (!cache.empty() && regular) {
        cachePath = atlasCachePath(cache, scale, labelsOnly, presentScale, *regular, bold ? *bold : *regular);
        if (auto file = readFile(cachePath.string()); file && decodeAtlases(*file, atlas)) {
            gAtlasFromCache = true;
            cache::touch(cachePath);
            return;
        }
        atlas.Clear(), gHaloAtlas.Clear();  // (whatever a bad file left)
        gFonts = gPresent = {};
    }
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
    // Kept only when everything was built as asked (no built-in font, halos made); a write that fails costs nothing
    // but the next start's rasterising.
    if (!cachePath.empty() && gFonts.label && gFonts.labelHalo && atlas.TexPixelsAlpha8 && gHaloAtlas.TexPixelsAlpha8) {
        std::error_code ec;
        std::filesystem::create_directories(cachePath.parent_path(), ec);
        const auto bytes = encodeAtlases(atlas);
        if (writeFileAtomic(cachePath.string(), bytes.data(), bytes.size())) cache::afterWrite(cachePath);
    }
}

}  // namespace

void startFontAtlas(float scale, bool labelsOnly, float presentScale, const std::filesystem::path& cacheDir) {
    if (gBuild.valid() || gAtlas) return;
    gAtlas = std::make_unique<ImFontAtlas>();
    gBuild = std::async(std::launch::async, [scale, labelsOnly, presentScale, cacheDir] {
        build(*gAtlas, scale, labelsOnly, presentScale, cacheDir);
    });
}

std::function<void()> deferFontAtlas(float scale, bool labelsOnly, float presentScale, const std::filesystem::path& cacheDir) {
    if (gBuild.valid() || gAtlas) return {};
    gAtlas = std::make_unique<ImFontAtlas>();
    auto done = std::make_shared<std::promise<void>>();
    gBuild = done->get_future();
    return [done, scale, labelsOnly, presentScale, cacheDir] {
        try {
            build(*gAtlas, scale, labelsOnly, presentScale, cacheDir);
            done->set_value();
        } catch (...) {
            done->set_exception(std::current_exception());  // (waitFontAtlas rethrows it, as it would std::async's)
        }
    };
}

ImFontAtlas* fontAtlas() {
    if (!gAtlas) startFontAtlas(1.0f);
    return gAtlas.get();
}

ImFontAtlas* haloAtlas() { return &gHaloAtlas; }

void waitFontAtlas() {
    if (gBuild.valid()) gBuild.get();
}

bool fontAtlasFromCache() { return gAtlasFromCache; }

const Fonts& fonts() { return gUsePresent && gPresent.label ? gPresent : gFonts; }
void usePresentationFonts(bool on) { gUsePresent = on; }
namespace {
float gTextScale = 1.0f;
}
void setTextScale(float scale) { gTextScale = scale > 0 ? scale : 1.0f; }
float textScale() { return gTextScale; }
bool hasPresentationFonts() { return gPresent.label != nullptr; }

}  // namespace sv::ui
