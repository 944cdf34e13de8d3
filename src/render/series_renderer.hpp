// Draws one day of an imported series from its deduplicated storage: the day's cell triangulations (one
// multi-draw), its outline chunks and the front-line runs of those chunks (each one instanced draw of the day's
// points, copied into a small buffer when the day changes). A day costs four draw calls.
#pragma once
#include <vector>

#include "model/series.hpp"
#include "render/batches.hpp"

namespace sv {

class SeriesRenderer {
public:
    void upload(Pipelines& p, const Series& s, Vec2d origin);
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
    FillBatch fill_;
    LineBatch lines_;
    std::size_t day_ = static_cast<std::size_t>(-1);
    std::vector<MeshRange> cells_, outline_, front_;  // index ranges of the cell mesh, point ranges of the store
    std::vector<Vec2f> points_;  // the day's outline then front polylines, as uploaded to lines_
    MeshRange outlineRange_, frontRange_;  // their ranges in points_
    Vec2d origin_;
    double minStep_ = -1;  // the step points_ was built with
};

}  // namespace sv
