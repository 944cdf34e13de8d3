// Font atlas building (see fonts.hpp).
#include "ui/fonts.hpp"

#include <future>
#include <memory>
#include <string>

#include <imgui.h>

#include "util/log.hpp"
#include "util/paths.hpp"

namespace sv::ui {
namespace {

Fonts gFonts, gPresent;
bool gUsePresent = false;
std::unique_ptr<ImFontAtlas> gAtlas;
std::future<void> gBuild;

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
