// Draws the map for a view: context countries, regions, the scenario at the view's date, national border, overlays
// and place markers. The meshes are uploaded once (upload); draw() only binds and issues draw calls and sets all
// GL state it uses.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>

#include "model/loaded_map.hpp"
#include "render/batches.hpp"
#include "render/layer_cache.hpp"
#include "render/scenario_renderer.hpp"
#include "view/view_state.hpp"

namespace sv {

class MapRenderer {
public:
    // Fails with the shader file and the driver's log, or when the shader directory is missing.
    static Result<std::unique_ptr<MapRenderer>> create(const std::filesystem::path& shaderDir);
    // With the shaders found next to the executable (util/paths.hpp); the error lists where it looked.
    static Result<std::unique_ptr<MapRenderer>> createFromResources();

    // With `onlyDate`, of the scenario only what that date's frame draws goes to GL: for a render of that date
    // alone (a 1,600-day series: ~17 MB less, as llvmpipe keeps GL buffers in process memory). Drawing another
    // date then shows no control, changes or front. Returns ScenarioRenderer::upload's count (0 without a scenario).
    std::size_t upload(const LoadedMap& map, std::optional<Date> onlyDate = std::nullopt);
    void draw(const ViewState& view, const LoadedMap& map);
    // Starts thinning the base's lines for the view's zoom on other threads (ThinnedLineBatch::prepareScale), for a
    // first frame drawn after some set-up of its own.
    void prepareView(const ViewState& view);
    void prepareDate(const ViewState& view, const LoadedMap& map) {
        if (map.hasScenario) scenario_.prepareDate(view, map.scenario);
    }
    Pipelines& pipelines() { return *pipelines_; }
    Vec2d origin() const { return origin_; }
    std::size_t gpuBytes() const;
    MorphRenderer& morph() { return morph_; }
    // Waits for background work that reads the map (morph grids); call before the map goes away.
    void releaseMap() { morph_.upload(LoadedMap{}); }
    // Whether the static base is kept in its own offscreen image between frames (the default). A one-frame render
    // (a screenshot) turns it off: it would cost a frame-sized buffer and a copy for nothing.
    void setCacheBase(bool on) {
        cacheBase_ = on;
        if (!on) base_ = LayerCache{};
    }
    // How the static base got into each frame so far: drawn straight, drawn into the cache, copied from it, or
    // moved from it with the strips that came into view drawn (a drag).
    struct BaseStats {
        int drawn = 0, cached = 0, copied = 0, shifted = 0;
    };
    const BaseStats& baseStats() const { return baseStats_; }

private:
    void drawBase(const ViewState& view, const FrameUniforms& u);

    std::unique_ptr<Pipelines> pipelines_;
    Vec2d origin_;
    FillBatch contextFill_, regionFill_;
    FillBatch backgroundFill_;  // PreparedMap::backgroundFill, drawn while the view is inside backgroundBox_
    Bbox backgroundBox_;
    ThinnedLineBatch contextLines_, regionLines_, border_;  // each boundary drawn once (PreparedMap::*Edges)
    ThinnedLineBatch regionOutlines_;  // whole outlines, one range per region: for highlighting
    std::vector<FillBatch> overlayFills_;
    std::vector<ThinnedLineBatch> overlayOutlines_, overlayLines_;
    MarkerBatch places_, overlayPoints_, highlight_;
    ScenarioRenderer scenario_;
    MorphRenderer morph_;
    LayerCache base_;  // the static layers under the control zones
    bool cacheBase_ = true;
    uint64_t lastBaseKey_ = 0, lastFamily_ = 0;  // the base's view key in the previous frame, with and without centre
    BaseStats baseStats_;
    std::vector<MarkerInstance> placeInstances_;
};

// Sets the blend/depth/cull state the map passes expect; the map pass calls it first every frame.
void setMapGlState(int width, int height);

}  // namespace sv
