// Briefing (see app.hpp): presentation mode, the story and its Story panel, step navigation with animated
// transitions.
#include <algorithm>
#include <filesystem>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/app.hpp"
#include "ui/fonts.hpp"
#include "reporting/text.hpp"
#include "ui/keys.hpp"
#include "ui/timeline_panel.hpp"
#include "util/log.hpp"

namespace sv {

void App::setPresentation(bool on) {
    if (on == view_.presentation) return;
    view_.presentation = on;
    // Text and lines for a projector: the presentation fonts are rasterised at the larger size (crisp); without
    // them the desk fonts are magnified.
    const float k = view_.presentScale;
    view_.uiScale = on ? view_.uiScale * k : view_.uiScale / k;
    ui::usePresentationFonts(on);
    if (!ui::hasPresentationFonts()) ui::setTextScale(on ? k : 1.0f);
}

void App::handlePresentationKeys() {
    if (ImGui::GetIO().WantCaptureKeyboard) return;
    const bool next = ImGui::IsKeyPressed(key::PageDown) || ImGui::IsKeyPressed(key::Right) || ImGui::IsKeyPressed(key::Space);
    const bool prev = ImGui::IsKeyPressed(key::PageUp) || ImGui::IsKeyPressed(key::Left);
    if (story_.steps.empty()) {
        ui::handleTimelineKeys(view_);  // without a story the clicker scrubs the timeline
        return;
    }
    if (next) stepStory(+1);
    if (prev) stepStory(-1);
    if (ImGui::IsKeyPressed(key::Home)) applyStep(0, true);
    if (ImGui::IsKeyPressed(key::End)) applyStep(static_cast<int>(story_.steps.size()) - 1, true);
}

std::string App::defaultStoryPath() const {
    const std::string scenario = opt_.sources.scenario.empty() ? std::string(".") : opt_.sources.scenario;
    std::string name = story_.title.empty() ? (map_ && map_->hasScenario ? map_->scenario.meta.title : "briefing") : story_.title;
    // The built-in scenario lives with the program: save next to the working directory instead.
    if (scenario == builtinSources().scenario) return storyPathFor(".", name);
    return storyPathFor(scenario, name);
}

void App::loadStoryFile(const std::string& path) {
    auto s = loadStory(path);
    if (!s) {
        storyMessage_ = s.error();
        logError(s.error());
        return;
    }
    story_ = std::move(*s);
    storyPath_ = path;
    storyStep_ = -1;
    storyMessage_ = "Opened " + path + " (" + std::to_string(story_.steps.size()) + " steps)";
    logInfo(storyMessage_);
}

void App::saveStoryFile() {
    if (storyPath_.empty()) storyPath_ = defaultStoryPath();
    if (story_.scenario.empty() && map_ && map_->hasScenario) story_.scenario = map_->scenario.meta.title;
    auto ok = saveStory(story_, storyPath_);
    storyMessage_ = ok ? "Saved " + storyPath_ : ok.error();
    if (ok) logInfo(storyMessage_);
    else logError(storyMessage_);
}

void App::drawStoryPanel() {
    const float s = view_.uiScale;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10 * s, io.DisplaySize.y * 0.45f), ImGuiCond_FirstUseEver, ImVec2(1, 0));
    ImGui::SetNextWindowSize(ImVec2(380 * s, 420 * s), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Story", &view_.showStory)) {
        ImGui::End();
        return;
    }
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##title", "story title", &story_.title);
    if (ImGui::Button("Add step")) {
        StoryStep st = stepFromView();
        const std::size_t at = insertStepAfter(story_, storyStep_ < 0 ? story_.steps.size() : static_cast<std::size_t>(storyStep_), st);
        storyStep_ = static_cast<int>(at);
        storyEditing_ = storyStep_;
    }
    ImGui::SameLine();
    if (ImGui::Button("Save")) saveStoryFile();
    ImGui::SameLine();
    if (ImGui::Button("Present") && !story_.steps.empty()) {
        setPresentation(true);
        applyStep(storyStep_ < 0 ? 0 : storyStep_, true);
    }
    ImGui::TextDisabled("%s", (storyPath_.empty() ? defaultStoryPath() : storyPath_).c_str());
    static std::string openPath;
    ImGui::SetNextItemWidth(-70 * s);
    ImGui::InputTextWithHint("##open", "path of a .story.json", &openPath);
    ImGui::SameLine();
    if (ImGui::Button("Open") && !openPath.empty()) loadStoryFile(openPath);
    if (!storyMessage_.empty()) ImGui::TextWrapped("%s", storyMessage_.c_str());
    ImGui::Separator();
    int move = 0, remove = -1;
    for (int i = 0; i < static_cast<int>(story_.steps.size()); ++i) {
        StoryStep& st = story_.steps[static_cast<std::size_t>(i)];
        ImGui::PushID(i);
        std::string first = st.caption.substr(0, st.caption.find('\n'));
        if (first.empty()) first = "(no caption)";
        const std::string label = std::to_string(i + 1) + ". " + st.date.iso() + "  " + first;
        if (ImGui::Selectable(label.c_str(), storyStep_ == i)) {
            applyStep(i, true);
            storyEditing_ = i;
        }
        if (storyEditing_ == i) {
            ImGui::Indent();
            ImGui::InputTextMultiline("##caption", &st.caption, ImVec2(-1, 60 * s));
            if (ImGui::SmallButton("Up")) move = -1;
            ImGui::SameLine();
            if (ImGui::SmallButton("Down")) move = +1;
            ImGui::SameLine();
            if (ImGui::SmallButton("Update from view")) {
                StoryStep v = stepFromView();
                v.caption = st.caption, v.excerpt = st.excerpt;
                st = v;
            }
            ImGui::SameLine();
            if (ImGui::SmallButton("Delete")) remove = i;
            // One excerpt of the selected place's reporting may be shown with the step.
            if (reporting_ && view_.selection.kind == ViewState::Selection::Kind::Target) {
                const auto rows = reporting_->rowsForTarget(view_.selection.target, view_.time.date());
                std::string current = st.excerpt ? stepExcerpt(st).first.substr(0, 60) : std::string("(no excerpt)");
                if (ImGui::BeginCombo("excerpt", current.c_str())) {
                    if (ImGui::Selectable("(no excerpt)", !st.excerpt)) st.excerpt.reset();
                    for (const auto& r : rows) {
                        const auto& a = reporting_->articles[r.excerpt->article];
                        const auto& sp = reporting_->sentences[r.excerpt->article][r.excerpt->sentence];
                        const std::string text = text::encode(a.bodyText.substr(sp.begin, sp.end - sp.begin));
                        if (ImGui::Selectable((a.dateText() + "  " + text.substr(0, 70)).c_str()))
                            st.excerpt = StoryStep::ExcerptRef{a.id, sp.begin, sp.end};
                    }
                    ImGui::EndCombo();
                }
            } else if (st.excerpt) {
                ImGui::TextWrapped("Excerpt: %s", stepExcerpt(st).first.c_str());
                if (ImGui::SmallButton("Remove excerpt")) st.excerpt.reset();
            }
            ImGui::Unindent();
        }
        ImGui::PopID();
    }
    if (move != 0 && storyEditing_ >= 0) {
        const int to = std::clamp(storyEditing_ + move, 0, static_cast<int>(story_.steps.size()) - 1);
        moveStep(story_, static_cast<std::size_t>(storyEditing_), static_cast<std::size_t>(to));
        storyEditing_ = storyStep_ = to;
    }
    if (remove >= 0) {
        deleteStep(story_, static_cast<std::size_t>(remove));
        storyEditing_ = -1;
        storyStep_ = std::min(storyStep_, static_cast<int>(story_.steps.size()) - 1);
    }
    if (story_.steps.empty()) ImGui::TextDisabled("No steps yet: set up the map, then Add step.");
    ImGui::End();
}

}  // namespace sv
