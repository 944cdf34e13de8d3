// Series drawing (see series_renderer.hpp).
#include "render/series_renderer.hpp"

#include <limits>

namespace sv {
namespace {

// Appends r to rs, merging it into the last range when it starts where that one ends (chunks stored one after the
// other share their boundary point, so the joint is a zero-length segment).
void push(std::vector<MeshRange>& rs, MeshRange r) {
    if (!rs.empty() && rs.back().first + rs.back().count == r.first) rs.back().count += r.count;
    else rs.push_back(r);
}

// Appends the chunk points of every range to `out` as polylines, a NaN point between two ranges (the line shader
// drops segments touching a NaN), thinned for the zoom, so one instanced draw covers them all; returns the range of
// `out` they fill.
MeshRange appendPolylines(std::vector<Vec2f>& out, const std::vector<MeshRange>& ranges, const std::vector<Vec2d>& pts,
                          Vec2d origin, double minStep) {
    const auto first = static_cast<uint32_t>(out.size());
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (const MeshRange& r : ranges) {
        if (r.count == 0) continue;
        if (out.size() > first) out.push_back({nan, nan});
        appendThinned(out, r.count, minStep, [&](std::size_t i) {
            const Vec2d v = pts[r.first + i];
            return Vec2f{static_cast<float>(v.x - origin.x), static_cast<float>(v.y - origin.y)};
        });
    }
    return {first, static_cast<uint32_t>(out.size()) - first};
}

}  // namespace

void SeriesRenderer::upload(Pipelines& p, const Series& s, Vec2d origin) {
    fill_.upload(s.cellFill);
    lines_.upload(p, LineMesh{});  // the day's outline and front, filled by select()
    origin_ = origin;
    day_ = static_cast<std::size_t>(-1);
}

// A day's outline and front are a few dozen runs of chunk points scattered through the store. Copying them into one
// small buffer (a few thousand points) when the day or the zoom changes costs microseconds and makes each a single
// draw call of only the segments that are longer than a fraction of a pixel at this zoom.
void SeriesRenderer::select(const Series& s, std::size_t day, double minStep) {
    if (day != day_) {
        day_ = day;
        minStep_ = -1;
        cells_.clear(), outline_.clear(), front_.clear();
        const SeriesDay& d = s.days[day];
        for (uint32_t i = d.firstCell; i < d.firstCell + d.cellCount; ++i) cells_.push_back(s.cellFill.features[s.dayCells[i]]);
        for (uint32_t r = d.firstRing; r < d.firstRing + d.ringCount; ++r)
            for (uint32_t k = s.rings[r].first; k < s.rings[r].first + s.rings[r].count; ++k) {
                const uint32_t c = s.chunkRefs[k];
                const Chunk& ch = s.chunks.chunks()[c];
                push(outline_, {ch.first, ch.count});
                for (const auto& f : s.chunkFront[c]) push(front_, f);
            }
    }
    if (minStep == minStep_) return;
    minStep_ = minStep;
    points_.clear();
    outlineRange_ = appendPolylines(points_, outline_, s.chunks.points(), origin_, minStep);
    points_.push_back({std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::quiet_NaN()});
    frontRange_ = appendPolylines(points_, front_, s.chunks.points(), origin_, minStep);
    lines_.replacePoints(points_);
}

void SeriesRenderer::drawFill(Pipelines& p, const FrameUniforms& u, const Series& s, std::size_t day, Rgba colour, float hatch) {
    if (day != day_) select(s, day, minStep_ > 0 ? minStep_ : 0.0);
    fill_.drawRanges(p, u, cells_, colour, hatch);
}

void SeriesRenderer::drawOutline(Pipelines& p, const FrameUniforms& u, const Series& s, std::size_t day, double minStep,
                                 Rgba colour, float width) {
    select(s, day, minStep);
    lines_.drawRange(p, u, outlineRange_, colour, width);
}

void SeriesRenderer::drawFront(Pipelines& p, const FrameUniforms& u, const Series& s, std::size_t day, double minStep,
                               Rgba colour, float width) {
    select(s, day, minStep);
    lines_.drawRange(p, u, frontRange_, colour, width);
}

}  // namespace sv
