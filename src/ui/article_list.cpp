// The Articles panel (see reporting_ui.hpp): every article, filtered by title, outlet or date.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "reporting/text.hpp"
#include "ui/reporting_ui.hpp"

namespace sv::ui {

ReportingActions drawArticleList(ViewState& view, const Reporting& r, ReportingUiState& st) {
    ReportingActions act;
    const float s = view.uiScale;
    ImGui::SetNextWindowSize(ImVec2(460 * s, 300 * s), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(290 * s, 120 * s), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Articles", &view.showArticles)) {
        ImGui::End();
        return act;
    }
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##filter", "filter by title, outlet or date", &st.articleFilter);
    const std::string want = text::foldUtf8(st.articleFilter);
    ImGui::BeginChild("list");
    int shown = 0;
    for (std::size_t i = 0; i < r.articles.size(); ++i) {
        const Article& a = r.articles[i];
        if (!want.empty()) {
            const std::string hay = text::foldUtf8(a.title + " " + a.outlet + " " + a.dateText() + " " + a.id);
            if (hay.find(want) == std::string::npos) continue;
        }
        ++shown;
        ImGui::PushID(static_cast<int>(i));
        const std::size_t links = r.ofArticle(static_cast<uint32_t>(i)).size();
        const std::string label = a.dateText() + "  " + a.title;
        if (ImGui::Selectable(label.c_str(), st.openArticle == static_cast<int>(i))) act.openArticle = static_cast<int>(i);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s · %zu linked mention(s)\n%s", a.outlet.empty() ? "outlet not named" : a.outlet.c_str(), links,
                              a.path.c_str());
        ImGui::PopID();
    }
    if (!shown) ImGui::TextDisabled(r.articles.empty() ? "No articles loaded." : "No article matches.");
    ImGui::EndChild();
    ImGui::End();
    return act;
}

}  // namespace sv::ui
