// Word-wrapped text with coloured, highlighted and clickable spans, for excerpts and the article view (ImGui 1.86
// has no inline styling). Wraps at spaces to the available width.
#pragma once
#include <string>
#include <vector>

#include <imgui.h>

namespace sv::ui {

struct Span {
    std::string text;
    ImU32 colour = 0;        // 0: the style's text colour
    ImU32 background = 0;    // 0: none (a highlight otherwise)
    int link = -1;           // >= 0: clickable, reported back when clicked
};

// Returns the link of the clicked span, or -1. `hoveredLink` (if given) receives the hovered one.
int drawRichText(const char* id, const std::vector<Span>& spans, float wrapWidth, int* hoveredLink = nullptr);

}  // namespace sv::ui
