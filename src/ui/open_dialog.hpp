// File ▸ Open: a small file browser (ImGui has none) to pick a scenario or a series — a file, or a folder of daily
// files — with the series format and date fields. Returns the choice when the user confirms.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace sv::ui {

struct OpenRequest {
    std::string path;
    std::string format = "auto";  // auto, deepstate, nzz, dated, layer
    std::string dateField, startField, endField;
};

struct OpenDialogState {
    bool open = false;
    std::string dir;
    std::string selected;
    int format = 0;
    std::string dateField, startField, endField;
    std::string error;
};

std::optional<OpenRequest> drawOpenDialog(OpenDialogState& st, float uiScale);

// A modal-looking panel while data loads: what, how far, and a Cancel button. Returns true when cancel is pressed.
bool drawLoadingPanel(const std::string& what, double fraction, std::size_t done, std::size_t total, float uiScale,
                      const char* title = "Loading", const char* unit = "files");

}  // namespace sv::ui
