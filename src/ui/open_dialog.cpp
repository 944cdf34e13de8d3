// File ▸ Open dialog and the loading panel (see open_dialog.hpp).
#include "ui/open_dialog.hpp"

#include <algorithm>
#include <filesystem>

#include <imgui.h>
#include <imgui_stdlib.h>

namespace fs = std::filesystem;

namespace sv::ui {

std::optional<OpenRequest> drawOpenDialog(OpenDialogState& st, float s) {
    if (!st.open) return std::nullopt;
    std::error_code ec;
    if (st.dir.empty()) st.dir = fs::current_path(ec).string();
    ImGui::SetNextWindowSize(ImVec2(620 * s, 480 * s), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x / 2, ImGui::GetIO().DisplaySize.y / 2), ImGuiCond_FirstUseEver,
                            ImVec2(0.5f, 0.5f));
    std::optional<OpenRequest> out;
    if (!ImGui::Begin("Open control data", &st.open)) {
        ImGui::End();
        return out;
    }
    ImGui::TextWrapped("A scenario (GeoPackage with a control layer, or a folder of control.geojson …), a folder of "
                       "daily files (DeepStateMap, NZZ/Liveuamap, or dated file names), or one dated layer.");
    ImGui::SetNextItemWidth(-60 * s);
    ImGui::InputText("##dir", &st.dir);
    ImGui::SameLine();
    if (ImGui::Button("Up")) st.dir = fs::path(st.dir).parent_path().string(), st.selected.clear();
    std::vector<fs::directory_entry> entries;
    for (const auto& e : fs::directory_iterator(st.dir, fs::directory_options::skip_permission_denied, ec)) entries.push_back(e);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        if (a.is_directory() != b.is_directory()) return a.is_directory();
        return a.path().filename() < b.path().filename();
    });
    ImGui::BeginChild("entries", ImVec2(0, -130 * s), true);
    if (ec) ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.2f, 1), "%s", ec.message().c_str());
    for (const auto& e : entries) {
        const std::string name = e.path().filename().string() + (e.is_directory() ? "/" : "");
        const bool sel = st.selected == e.path().string();
        if (ImGui::Selectable(name.c_str(), sel, ImGuiSelectableFlags_AllowDoubleClick)) {
            st.selected = e.path().string();
            if (ImGui::IsMouseDoubleClicked(0) && e.is_directory()) st.dir = e.path().string(), st.selected.clear();
        }
    }
    ImGui::EndChild();
    static const char* kFormats[] = {"auto", "deepstate", "nzz", "dated", "layer"};
    ImGui::SetNextItemWidth(160 * s);
    ImGui::Combo("format", &st.format, kFormats, IM_ARRAYSIZE(kFormats));
    if (st.format == 4) {
        ImGui::SetNextItemWidth(140 * s);
        ImGui::InputTextWithHint("date field", "date", &st.dateField);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(140 * s);
        ImGui::InputTextWithHint("start", "valid_from", &st.startField);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(140 * s);
        ImGui::InputTextWithHint("end", "valid_to", &st.endField);
    }
    const std::string target = st.selected.empty() ? st.dir : st.selected;
    ImGui::TextDisabled("opens: %s", target.c_str());
    if (ImGui::Button(st.selected.empty() ? "Open this folder" : "Open")) {
        if (!fs::exists(target, ec)) {
            st.error = target + ": No such file or directory";
        } else {
            out = OpenRequest{target, kFormats[st.format], st.dateField, st.startField, st.endField};
            st.open = false;
            st.error.clear();
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) st.open = false;
    if (!st.error.empty()) ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.2f, 1), "%s", st.error.c_str());
    ImGui::End();
    return out;
}

bool drawLoadingPanel(const std::string& what, double fraction, std::size_t done, std::size_t total, float s,
                      const char* title, const char* unit) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(460 * s, 0));
    bool cancel = false;
    ImGui::Begin(title, nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextWrapped("%s", what.c_str());
    char label[64];
    if (total) std::snprintf(label, sizeof label, "%zu / %zu %s", done, total, unit);
    else std::snprintf(label, sizeof label, "preparing…");
    ImGui::ProgressBar(total ? static_cast<float>(fraction) : 0.0f, ImVec2(-1, 0), label);
    if (ImGui::Button("Cancel")) cancel = true;
    ImGui::End();
    return cancel;
}

}  // namespace sv::ui
