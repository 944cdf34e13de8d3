// The fonts the UI and the map labels use: DejaVu Sans (Debian's fonts-dejavu-core) with Latin, Latin Extended-A,
// Cyrillic and common punctuation. The atlas is rasterised on a worker thread while the GL context comes up (it
// needs no context: ImGui contexts can share a prebuilt atlas) — ~35 ms off the first frame.
#pragma once
#include <filesystem>
#include <functional>

struct ImFont;
struct ImFontAtlas;

namespace sv::ui {

struct Fonts {
    ImFont* ui = nullptr;       // panels
    ImFont* label = nullptr;    // place labels on the map
    ImFont* caption = nullptr;  // large captions (date, titles)
    // The label font's glyphs dilated by kLabelHaloPx (× the atlas's scale), in haloAtlas()'s texture: one draw of a
    // label's text with it makes the label's halo. Null with ImGui's built-in font.
    ImFont* labelHalo = nullptr;
};

// A label halo's radius in pixels of the label font at scale 1.
inline constexpr float kLabelHaloPx = 1.2f;

// Starts building the atlas at `scale` × the base sizes; `labelsOnly` skips the panel font (headless).
// `presentScale` > 0 adds the map fonts at scale × presentScale for presentation mode (crisp, not magnified).
// With a `cacheDir`, atlases built before with the same fonts and sizes are read from there (fonts-*.bin) instead of
// rasterised again, and new ones are written there.
void startFontAtlas(float scale, bool labelsOnly = false, float presentScale = 0, const std::filesystem::path& cacheDir = {});
// The same, built by whoever calls the function returned, once, on a thread of its choice (empty if an atlas was
// started already). The app has the loader's thread build it before the map.
std::function<void()> deferFontAtlas(float scale, bool labelsOnly = false, float presentScale = 0,
                                     const std::filesystem::path& cacheDir = {});
// The atlas being built, for ImGui::CreateContext (which only stores the pointer: no need to wait).
ImFontAtlas* fontAtlas();
// The atlas of the halo fonts (Fonts::labelHalo): built with fontAtlas(), its coverage kept in TexPixelsAlpha8 for
// every renderer that draws it (ImGuiRenderer::addAtlas uploads it and sets its texture id). ImGui never builds it.
ImFontAtlas* haloAtlas();
// Waits until the atlas is built (by startFontAtlas's thread or deferFontAtlas's caller); call before the first
// ImGui frame.
void waitFontAtlas();
// Whether the atlases came from the cache folder (after waitFontAtlas).
bool fontAtlasFromCache();
// The fonts in use: the desk set, or the presentation set (larger label and caption fonts; the same panel font).
const Fonts& fonts();
void usePresentationFonts(bool on);
// Map text is drawn at the font's size × this (exports from the window at a larger size than the window; 1 else).
void setTextScale(float scale);
float textScale();
bool hasPresentationFonts();

}  // namespace sv::ui
