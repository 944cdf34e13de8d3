// Draws one day of an imported series from its deduplicated storage: the day's cell triangulations (one
// multi-draw), its outline chunks and the front-line runs of those chunks. Contiguous ranges are merged, so a day
// costs a few dozen draw calls at most; the per-day range lists are built once when the day changes.
#pragma once
#include <vector>

#include "model/series.hpp"
#include "render/batches.hpp"

namespace sv {

class SeriesRenderer {
public:
    void upload(Pipelines& p, const Series& s, Vec2d origin);
    void drawFill(Pipelines& p, const FrameUniforms& u, const Series& s, std::size_t day, Rgba colour, float hatch);
    void drawOutline(Pipelines& p, const FrameUniforms& u, const Series& s, std::size_t day, Rgba colour, float width);
    void drawFront(Pipelines& p, const FrameUniforms& u, const Series& s, std::size_t day, Rgba colour, float width);
    std::size_t gpuBytes() const { return fill_.gpuBytes() + lines_.gpuBytes(); }

    // Builds the day's range lists (done on the first draw of a new day; exposed for the date-change benchmark).
    void select(const Series& s, std::size_t day);

private:
    FillBatch fill_;
    LineBatch lines_;
    std::size_t day_ = static_cast<std::size_t>(-1);
    std::vector<MeshRange> cells_, outline_, front_;
};

}  // namespace sv
