// The Log panel: every warning and error of this session (bad files, repaired geometry, GL errors), newest last.
#pragma once

namespace sv::ui {

void drawLogPanel(bool* open, float uiScale);

}  // namespace sv::ui
