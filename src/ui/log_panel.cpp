// Log panel (see log_panel.hpp). Copies only the entries added since the last frame.
#include "ui/log_panel.hpp"

#include <vector>

#include <imgui.h>

#include "util/log.hpp"

namespace sv::ui {

void drawLogPanel(bool* open, float s) {
    static std::vector<LogEntry> entries;
    static bool onlyProblems = false;
    if (appLog().size() < entries.size()) entries.clear();  // the log was cleared
    for (auto& e : appLog().since(entries.size())) entries.push_back(std::move(e));

    ImGui::SetNextWindowSize(ImVec2(640 * s, 260 * s), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(300 * s, 10 * s), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Log", open)) {
        ImGui::End();
        return;
    }
    ImGui::Checkbox("Warnings and errors only", &onlyProblems);
    ImGui::SameLine();
    if (ImGui::SmallButton("Clear")) {
        appLog().clear();
        entries.clear();
    }
    ImGui::Separator();
    ImGui::BeginChild("entries", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    for (const auto& e : entries) {
        if (onlyProblems && e.level == LogLevel::Info) continue;
        const ImVec4 c = e.level == LogLevel::Error     ? ImVec4(0.9f, 0.25f, 0.2f, 1)
                         : e.level == LogLevel::Warning ? ImVec4(0.85f, 0.6f, 0.1f, 1)
                                                        : ImVec4(0.7f, 0.7f, 0.7f, 1);
        ImGui::PushStyleColor(ImGuiCol_Text, c);
        ImGui::TextUnformatted(e.level == LogLevel::Error ? "error" : e.level == LogLevel::Warning ? "warn " : "info ");
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::TextUnformatted(e.text.c_str());
    }
    if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY()) ImGui::SetScrollHereY(1.0f);
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace sv::ui
