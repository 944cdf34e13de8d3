// The fonts the UI and the map labels use: DejaVu Sans (Debian's fonts-dejavu-core) with Latin, Latin Extended-A,
// Cyrillic and common punctuation, loaded into ImGui's atlas at start.
#pragma once

struct ImFont;

namespace sv::ui {

struct Fonts {
    ImFont* ui = nullptr;       // panels
    ImFont* label = nullptr;    // place labels on the map
    ImFont* caption = nullptr;  // large captions (date, titles)
};

// Adds the fonts at `scale` × their base sizes; `labelsOnly` skips the panel font (headless). Falls back to
// ImGui's built-in font, with a warning, when the TTF is missing.
void loadFonts(float scale, bool labelsOnly = false);
const Fonts& fonts();

}  // namespace sv::ui
