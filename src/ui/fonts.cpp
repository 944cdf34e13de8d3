// Font loading (see fonts.hpp).
#include "ui/fonts.hpp"

#include <imgui.h>

#include "util/log.hpp"
#include "util/paths.hpp"

namespace sv::ui {
namespace {

Fonts gFonts;

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

}  // namespace

void loadFonts(float scale, bool labelsOnly) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const auto regular = findUiFont(false);
    const auto bold = findUiFont(true);
    if (!regular) {
        logWarning("DejaVu Sans not found (install fonts-dejavu-core): using ImGui's built-in font, without Cyrillic");
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * scale;
        gFonts.ui = gFonts.label = gFonts.caption = io.Fonts->AddFontDefault(&cfg);
        return;
    }
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    const std::string reg = regular->string(), bld = bold ? bold->string() : reg;
    if (!labelsOnly) gFonts.ui = io.Fonts->AddFontFromFileTTF(reg.c_str(), 15.0f * scale, &cfg, glyphRanges());
    gFonts.label = io.Fonts->AddFontFromFileTTF(reg.c_str(), 13.0f * scale, &cfg, glyphRanges());
    gFonts.caption = io.Fonts->AddFontFromFileTTF(bld.c_str(), 30.0f * scale, &cfg, glyphRanges());
    if (labelsOnly) gFonts.ui = gFonts.label;
    if (!gFonts.label || !gFonts.caption || !gFonts.ui) {
        logWarning(reg + ": cannot load font; using ImGui's built-in font");
        io.Fonts->Clear();
        gFonts.ui = gFonts.label = gFonts.caption = io.Fonts->AddFontDefault();
    }
    io.FontDefault = gFonts.ui;
}

const Fonts& fonts() { return gFonts; }

}  // namespace sv::ui
