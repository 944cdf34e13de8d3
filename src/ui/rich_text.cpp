// Rich text layout (see rich_text.hpp).
#include "ui/rich_text.hpp"

namespace sv::ui {

int drawRichText(const char* id, const std::vector<Span>& spans, float wrapWidth, int* hoveredLink) {
    ImGui::PushID(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    const float spaceW = ImGui::CalcTextSize(" ").x;
    const ImU32 normal = ImGui::GetColorU32(ImGuiCol_Text);
    float x = 0, y = 0;
    int clicked = -1, hovered = -1, button = 0;
    for (const auto& s : spans) {
        std::size_t pos = 0;
        while (pos <= s.text.size()) {
            // One word (with the spaces after it) at a time; explicit newlines break the line.
            std::size_t end = s.text.find_first_of(" \n", pos);
            if (end == std::string::npos) end = s.text.size();
            const std::string word = s.text.substr(pos, end - pos);
            const float w = ImGui::CalcTextSize(word.c_str()).x;
            if (x > 0 && x + w > wrapWidth) x = 0, y += lineH;
            if (!word.empty()) {
                const ImVec2 p(origin.x + x, origin.y + y);
                if (s.background) dl->AddRectFilled(ImVec2(p.x - 1, p.y), ImVec2(p.x + w + 1, p.y + lineH - 2), s.background, 2);
                dl->AddText(p, s.colour ? s.colour : normal, word.c_str());
                if (s.link >= 0) {
                    ImGui::SetCursorScreenPos(p);
                    ImGui::PushID(button++);
                    if (ImGui::InvisibleButton("link", ImVec2(w > 0 ? w : 1, lineH - 2))) clicked = s.link;
                    if (ImGui::IsItemHovered()) {
                        hovered = s.link;
                        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                        dl->AddLine(ImVec2(p.x, p.y + lineH - 3), ImVec2(p.x + w, p.y + lineH - 3), s.colour ? s.colour : normal);
                    }
                    ImGui::PopID();
                }
            }
            x += w;
            if (end >= s.text.size()) break;
            if (s.text[end] == '\n') x = 0, y += lineH;
            else x += spaceW;
            pos = end + 1;
        }
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(wrapWidth, y + lineH));
    ImGui::PopID();
    if (hoveredLink) *hoveredLink = hovered;
    return clicked;
}

}  // namespace sv::ui
