// The Reporting panel (see reporting_ui.hpp): excerpts for the selected place, region or change.
#include <algorithm>

#include <imgui.h>

#include "reporting/text.hpp"
#include "ui/legend_panel.hpp"
#include "ui/reporting_ui.hpp"
#include "ui/rich_text.hpp"

namespace sv::ui {
namespace {

// The excerpt's sentence (or passage) with the mention highlighted.
std::vector<Span> excerptSpans(const Reporting& r, const Excerpt& e, int context) {
    const auto& spans = r.sentences[e.article];
    const auto& body = r.articles[e.article].bodyText;
    if (e.forced || spans.empty()) return {{"(linked by the article's header; no sentence names it)", IM_COL32(140, 140, 140, 255)}};
    const int lo = std::max(0, static_cast<int>(e.sentence) - context);
    const int hi = std::min(static_cast<int>(spans.size()) - 1, static_cast<int>(e.sentence) + context);
    const uint32_t b = spans[static_cast<std::size_t>(lo)].begin, en = spans[static_cast<std::size_t>(hi)].end;
    const std::u32string_view t(body);
    return {{text::encode(t.substr(b, e.begin - b))},
            {text::encode(t.substr(e.begin, e.end - e.begin)), IM_COL32(20, 20, 20, 255), IM_COL32(255, 214, 90, 255)},
            {text::encode(t.substr(e.end, en - e.end))}};
}

}  // namespace

ReportingActions drawReportingPanel(ViewState& view, const Reporting& r, const LoadedMap& map, ReportingUiState& st) {
    ReportingActions act;
    const float s = view.uiScale;
    const ImGuiIO& io = ImGui::GetIO();
    // First placed at the bottom right, above the timeline and below the Legend: that panel ends with the scenario's
    // disclaimer, which must not start out hidden. The Legend sizes itself in its first frame, so this panel first
    // shows once it has (or after a couple of frames without it). On a screen too low for both, it overlaps.
    if (st.framesBeforeReporting > 0 && view.showLegend && legendBottom() <= 0) {
        --st.framesBeforeReporting;
        return act;
    }
    st.framesBeforeReporting = 0;
    const float bottom = io.DisplaySize.y - 140 * s;  // the timeline's top, less a margin
    float top = io.DisplaySize.y - 520 * s;
    if (view.showLegend && legendBottom() + 10 * s > top && bottom - (legendBottom() + 10 * s) >= 160 * s)
        top = legendBottom() + 10 * s;
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 440 * s, top), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(430 * s, std::max(bottom - top, 160 * s)), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Reporting", &view.showReporting)) {
        ImGui::End();
        return act;
    }
    const auto& sel = view.selection;
    std::vector<ExcerptRow> list;
    if (sel.kind == ViewState::Selection::Kind::Target && sel.target >= 0) {
        const auto& t = r.gazetteer.targets()[static_cast<std::size_t>(sel.target)];
        ImGui::Text("%s", t.name.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled(t.kind == LinkTarget::Kind::Place ? "place" : t.kind == LinkTarget::Kind::Region ? "region" : "area");
        list = r.rowsForTarget(sel.target, view.time.date());
    } else if (sel.kind == ViewState::Selection::Kind::Change && map.hasScenario) {
        const auto& frames = map.scenario.frames();
        ImGui::TextWrapped("%s by Russia between %s and %s", sel.gained ? "Gained" : "Given up",
                           frames[static_cast<std::size_t>(sel.frame - 1)].from.iso().c_str(),
                           frames[static_cast<std::size_t>(sel.frame)].from.iso().c_str());
        ImGui::TextDisabled("reporting on places inside it, dated within 3 days of that window");
        for (const Excerpt* e : evidenceForChange(r, map.scenario, sel.frame, sel.gained)) list.push_back({e, false});
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("Click a place or a region on the map, search for one, or open an article.");
        ImGui::PopStyleColor();
        ImGui::End();
        return act;
    }
    ImGui::TextDisabled("%zu excerpt(s), newest first", list.size());
    ImGui::Separator();
    ImGui::BeginChild("excerpts");
    const Date now = view.time.date();
    for (const auto& row : list) {
        const Excerpt* e = row.excerpt;
        const Article& a = r.articles[e->article];
        const int idx = static_cast<int>(e - r.excerpts.data());
        ImGui::PushID(idx);
        ImGui::TextWrapped("%s", a.title.c_str());
        ImGui::TextDisabled("%s · %s", a.outlet.empty() ? "outlet not named" : a.outlet.c_str(), a.dateText().c_str());
        if (row.later) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(0.85f, 0.45f, 0.1f, 1), "later than %s", now.iso().c_str());
        }
        drawRichText("s", excerptSpans(r, *e, st.contextFor == idx ? 1 : 0), ImGui::GetContentRegionAvail().x);
        if (ImGui::IsItemClicked() && a.date) act.date = *a.date;
        if (a.date && ImGui::SmallButton("Go to date")) act.date = *a.date;
        if (a.date) ImGui::SameLine();
        if (ImGui::SmallButton(st.contextFor == idx ? "Less context" : "More context")) st.contextFor = st.contextFor == idx ? -1 : idx;
        ImGui::SameLine();
        if (ImGui::SmallButton("Open article")) act.openArticle = static_cast<int>(e->article);
        ImGui::Separator();
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::End();
    return act;
}

}  // namespace sv::ui
