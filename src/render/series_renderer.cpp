// Series drawing (see series_renderer.hpp).
#include "render/series_renderer.hpp"

namespace sv {
namespace {

// Appends r to rs, merging it into the last range when it starts where that one ends (chunks stored one after the
// other share their boundary point, so the joint is a zero-length segment).
void push(std::vector<MeshRange>& rs, MeshRange r) {
    if (!rs.empty() && rs.back().first + rs.back().count == r.first) rs.back().count += r.count;
    else rs.push_back(r);
}

}  // namespace

void SeriesRenderer::upload(Pipelines& p, const Series& s, Vec2d origin) {
    fill_.upload(s.cellFill);
    LineMesh lm;
    lm.points.reserve(s.chunks.points().size());
    for (const auto& v : s.chunks.points())
        lm.points.push_back({static_cast<float>(v.x - origin.x), static_cast<float>(v.y - origin.y)});
    lines_.upload(p, lm);
    day_ = static_cast<std::size_t>(-1);
}

void SeriesRenderer::select(const Series& s, std::size_t day) {
    if (day == day_) return;
    day_ = day;
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

void SeriesRenderer::drawFill(Pipelines& p, const FrameUniforms& u, const Series& s, std::size_t day, Rgba colour, float hatch) {
    select(s, day);
    fill_.drawRanges(p, u, cells_, colour, hatch);
}

void SeriesRenderer::drawOutline(Pipelines& p, const FrameUniforms& u, const Series& s, std::size_t day, Rgba colour, float width) {
    select(s, day);
    for (const auto& r : outline_) lines_.drawRange(p, u, r, colour, width);
}

void SeriesRenderer::drawFront(Pipelines& p, const FrameUniforms& u, const Series& s, std::size_t day, Rgba colour, float width) {
    select(s, day);
    for (const auto& r : front_) lines_.drawRange(p, u, r, colour, width);
}

}  // namespace sv
