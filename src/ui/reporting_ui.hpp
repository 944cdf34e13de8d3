// The reporting panels: Reporting (excerpts for the selection, newest first), the article view (full text with
// every linked place clickable), the article list with a filter, and the place search box. They read the linked
// reporting and ask the app for actions (select, fly, set the date) instead of changing the map themselves.
#pragma once
#include <optional>
#include <string>

#include "model/loaded_map.hpp"
#include "reporting/reporting.hpp"
#include "util/date.hpp"
#include "view/view_state.hpp"

namespace sv::ui {

struct ReportingActions {
    int select = -1;             // select this gazetteer target
    bool fly = false;            // … and fly the camera to it
    std::optional<Date> date;    // move the timeline here
    int openArticle = -1;        // show this article
};

struct ReportingUiState {
    int openArticle = -1;
    int contextFor = -1;  // excerpt index showing its neighbouring sentences
    std::string articleFilter;
    std::string search;
    int searchCursor = 0;
    int framesBeforeReporting = 2;  // the Reporting panel waits up to this many frames for the Legend's size
};

ReportingActions drawReportingPanel(ViewState& view, const Reporting& r, const LoadedMap& map, ReportingUiState& st);
ReportingActions drawArticleWindow(ViewState& view, const Reporting& r, ReportingUiState& st);
ReportingActions drawArticleList(ViewState& view, const Reporting& r, ReportingUiState& st);
ReportingActions drawSearchBox(ViewState& view, const Reporting& r, const MapData& map, ReportingUiState& st);

}  // namespace sv::ui
