// The article view (see reporting_ui.hpp): the full text, every linked place clickable.
#include <algorithm>

#include <imgui.h>

#include "reporting/text.hpp"
#include "ui/reporting_ui.hpp"
#include "ui/rich_text.hpp"

namespace sv::ui {

ReportingActions drawArticleWindow(ViewState& view, const Reporting& r, ReportingUiState& st) {
    ReportingActions act;
    if (st.openArticle < 0 || static_cast<std::size_t>(st.openArticle) >= r.articles.size()) return act;
    const Article& a = r.articles[static_cast<std::size_t>(st.openArticle)];
    const float s = view.uiScale;
    ImGui::SetNextWindowSize(ImVec2(620 * s, 560 * s), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(300 * s, 80 * s), ImGuiCond_FirstUseEver);
    bool open = true;
    if (!ImGui::Begin("Article", &open)) {
        ImGui::End();
        if (!open) st.openArticle = -1;
        return act;
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(a.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextDisabled("%s · %s · %s", a.outlet.empty() ? "outlet not named" : a.outlet.c_str(), a.dateText().c_str(),
                        a.language.empty() ? "language not given" : a.language.c_str());
    if (!a.url.empty()) ImGui::TextDisabled("%s", a.url.c_str());
    if (!a.source.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("Source: %s", a.source.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::TextDisabled("file: %s", a.path.c_str());
    if (a.date && ImGui::SmallButton("Move the timeline to the article's date")) act.date = *a.date;
    ImGui::Separator();
    ImGui::BeginChild("text");
    // The text as given, the linked mentions as links (the article is displayed, never interpreted).
    auto ex = r.ofArticle(static_cast<uint32_t>(st.openArticle));
    std::sort(ex.begin(), ex.end(), [](const Excerpt* x, const Excerpt* y) { return x->begin < y->begin; });
    std::vector<Span> spans;
    const std::u32string_view body(a.bodyText);
    uint32_t pos = 0;
    for (const Excerpt* e : ex) {
        if (e->forced || e->begin < pos) continue;
        spans.push_back({text::encode(body.substr(pos, e->begin - pos))});
        spans.push_back({text::encode(body.substr(e->begin, e->end - e->begin)), IM_COL32(30, 110, 210, 255), 0, e->target});
        pos = e->end;
    }
    spans.push_back({text::encode(body.substr(pos))});
    int hovered = -1;
    const int clicked = drawRichText("body", spans, ImGui::GetContentRegionAvail().x - 8 * s, &hovered);
    if (hovered >= 0) ImGui::SetTooltip("%s — click to select and fly there", r.gazetteer.targets()[static_cast<std::size_t>(hovered)].name.c_str());
    if (clicked >= 0) act.select = clicked, act.fly = true;
    ImGui::EndChild();
    ImGui::End();
    if (!open) st.openArticle = -1;
    return act;
}

}  // namespace sv::ui
