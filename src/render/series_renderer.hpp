// Draws one day of an imported series from its deduplicated storage: the day's cell triangulations (one
// multi-draw), its outline chunks and the front-line runs of those chunks (each one instanced draw of the day's
// points, copied into a small buffer when the day changes from runs thinned once per zoom). Four draw calls a day.
#pragma once
#include <optional>
#include <vector>

#include "model/series.hpp"
#include "render/batches.hpp"

namespace sv {

class SeriesRenderer {
public:
    // With `onlyDay`, only that day's cells go to GL (a render of that day alone).
    void upload(Pipelines& p, const Series& s, Vec2d origin, std::optional<std::size_t> onlyDay = std::nullopt);
    void drawFill(Pipelines& p, const FrameUniforms& u, const Series& s, std::size_t day, Rgba colour, float hatch);
    // `minStep`: the smallest step along a line worth drawing, in world units (a fraction of a pixel at the zoom).
    void drawOutline(Pipelines& p, const FrameUniforms& u, const Series& s, std::size_t day, double minStep, Rgba colour,
                     float width);
    void drawFront(Pipelines& p, const FrameUniforms& u, const Series& s, std::size_t day, double minStep, Rgba colour,
                   float width);
    std::size_t gpuBytes() const { return fill_.gpuBytes() + lines_.gpuBytes(); }

    // Builds the day's range lists and uploads its polylines (on the first draw of a new day or zoom; exposed for
    // the date-change benchmark). Needs the GL context.
    void select(const Series& s, std::size_t day, double minStep);

private:
    static constexpr uint32_t kNotBuilt = 0xFFFFFFFFu;
    MeshRange run(const Series& s, uint32_t id, MeshRange stored);
    void append(const Series& s, uint32_t id, MeshRange stored, uint32_t& storedEnd, bool& open);

    FillBatch fill_;
    LineBatch lines_;
    std::size_t day_ = static_cast<std::size_t>(-1);
    std::vector<MeshRange> cells_;  // index ranges of the cell mesh
    std::vector<Vec2f> points_;     // the day's outline then front polylines, as uploaded to lines_
    MeshRange outlineRange_, frontRange_;  // their ranges in points_
    Vec2d origin_;
    double step_ = -1;                 // the step the thinned runs were made with
    std::vector<uint32_t> frontBase_;  // per chunk: its first front range's index among all front ranges
    std::vector<MeshRange> runs_;      // per run: its thinned points in runPoints_ (kNotBuilt until used)
    std::vector<Vec2f> runPoints_;
};

}  // namespace sv
