// Draws a scenario at the view's date: control zones filled by side and status, gains and losses since the
// previous keyframe, the front line, siege rings and event markers. The meshes are uploaded once; a date change
// only picks the frame's ranges (and rebuilds a handful of ring and event instances).
#pragma once
#include <optional>
#include <vector>

#include "model/mesh.hpp"
#include "model/scenario.hpp"
#include "render/batches.hpp"
#include "render/morph_renderer.hpp"
#include "render/series_renderer.hpp"
#include "view/view_state.hpp"

namespace sv {

class ScenarioRenderer {
public:
    // What a render of one frame needs of the meshes: that frame's changes and front, its zones, its series day.
    struct OneFrame {
        uint32_t frame;
        std::vector<uint32_t> zones;
        std::optional<std::size_t> seriesDay;
    };
    // With `only`, only what that frame draws goes to GL; the batches keep a range per frame and zone, the others
    // empty. Returns the bytes that went to GL of the meshes PreparedScenario::dropUploaded frees (all but the zone
    // fills), so what stays held can be counted.
    std::size_t upload(Pipelines& p, const PreparedScenario& meshes, const Series* series, Vec2d origin, const OneFrame* only = nullptr);
    // Between the base map's fills and its outlines.
    // `morphing`: the held area is drawn by the morph instead — skip the zones that morph, gains and losses.
    void drawAreas(Pipelines& p, const FrameUniforms& u, const ViewState& view, const Scenario& sc, bool morphing = false);
    // Above the outlines: front line, change outlines, sieges and events.
    void drawLines(Pipelines& p, const FrameUniforms& u, const ViewState& view, const Scenario& sc, bool morphing = false);
    // What a date change costs before drawing: the frame lookup and, for a series, the day's range lists.
    void prepareDate(const ViewState& view, const Scenario& sc);

private:
    FillBatch zoneFills_, gains_, losses_;
    LineBatch zoneOutlines_, fronts_, gainOutlines_, lossOutlines_;
    MarkerBatch rings_, events_;
    SeriesRenderer series_;
    Vec2d origin_;
};

}  // namespace sv
