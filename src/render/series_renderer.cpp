// Series drawing (see series_renderer.hpp).
#include "render/series_renderer.hpp"

#include <algorithm>
#include <limits>

namespace sv {

void SeriesRenderer::upload(Pipelines& p, const Series& s, Vec2d origin, std::optional<std::size_t> onlyDay) {
    if (onlyDay && *onlyDay < s.days.size()) {
        const SeriesDay& d = s.days[*onlyDay];
        fill_.upload(onlyFeatures(s.cellFill, {s.dayCells.begin() + d.firstCell, s.dayCells.begin() + d.firstCell + d.cellCount}));
    } else {
        fill_.upload(s.cellFill);
    }
    lines_.upload(p, LineMesh{});  // the day's outline and front, filled by select()
    origin_ = origin;
    day_ = static_cast<std::size_t>(-1);
    step_ = -1;
    // Run ids: chunk c is run c; chunk c's j-th front range is run chunks + frontBase_[c] + j.
    frontBase_.assign(s.chunkFront.size() + 1, 0);
    for (std::size_t c = 0; c < s.chunkFront.size(); ++c)
        frontBase_[c + 1] = frontBase_[c] + static_cast<uint32_t>(s.chunkFront[c].size());
    runs_.assign(s.chunks.chunks().size() + frontBase_.back(), MeshRange{kNotBuilt, 0});
    runPoints_.clear();
}

// The run's points thinned for the current step, built on first use (runs are shared by many days).
MeshRange SeriesRenderer::run(const Series& s, uint32_t id, MeshRange stored) {
    MeshRange& r = runs_[id];
    if (r.first == kNotBuilt) {
        r.first = static_cast<uint32_t>(runPoints_.size());
        const auto& pts = s.chunks.points();
        appendThinned(runPoints_, stored.count, step_, [&](std::size_t i) {
            const Vec2d v = pts[stored.first + i];
            return Vec2f{static_cast<float>(v.x - origin_.x), static_cast<float>(v.y - origin_.y)};
        });
        r.count = static_cast<uint32_t>(runPoints_.size()) - r.first;
    }
    return r;
}

// Appends a run to the day's polylines: joined to the previous run when it continues it (stored right after it and
// starting at its last point: the joint is a zero-length segment), else after a NaN point, which the line shader
// treats as a break.
void SeriesRenderer::append(const Series& s, uint32_t id, MeshRange stored, uint32_t& storedEnd, bool& open) {
    if (stored.count == 0) return;
    const MeshRange r = run(s, id, stored);
    // Stored one after the other is not enough: the last chunk of one ring and the first of the next can be
    // neighbours in the store without touching (that joined separate enclaves with a straight line).
    const auto& pts = s.chunks.points();
    const bool joined = open && storedEnd == stored.first && stored.first > 0 &&
                        pts[stored.first - 1].x == pts[stored.first].x && pts[stored.first - 1].y == pts[stored.first].y;
    if (open && !joined) points_.push_back({std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::quiet_NaN()});
    points_.insert(points_.end(), runPoints_.begin() + r.first, runPoints_.begin() + r.first + r.count);
    storedEnd = stored.first + stored.count;
    open = true;
}

// A day's outline and front are a few dozen runs of chunk points scattered through the store. Each run is thinned
// once per zoom (steps under half a pixel left out: each is a segment llvmpipe sets up and blends) and kept; a date
// change copies the day's runs, a few thousand points, into one small buffer, so each is a single draw call.
void SeriesRenderer::select(const Series& s, std::size_t day, double minStep) {
    const bool restep = rethin(step_, minStep);  // the thinned runs are kept while the zoom stays near theirs
    if (day == day_ && !restep) return;
    if (restep) {
        step_ = minStep;
        std::fill(runs_.begin(), runs_.end(), MeshRange{kNotBuilt, 0});
        runPoints_.clear();
    }
    if (day != day_) {
        cells_.clear();
        const SeriesDay& d = s.days[day];
        for (uint32_t i = d.firstCell; i < d.firstCell + d.cellCount; ++i) cells_.push_back(fill_.ranges()[s.dayCells[i]]);
    }
    day_ = day;
    const SeriesDay& d = s.days[day];
    const auto chunks = static_cast<uint32_t>(s.chunks.chunks().size());
    points_.clear();
    uint32_t end = kNotBuilt;
    bool open = false;
    for (uint32_t r = d.firstRing; r < d.firstRing + d.ringCount; ++r)
        for (uint32_t k = s.rings[r].first; k < s.rings[r].first + s.rings[r].count; ++k) {
            const uint32_t c = s.chunkRefs[k];
            const Chunk& ch = s.chunks.chunks()[c];
            append(s, c, {ch.first, ch.count}, end, open);
        }
    outlineRange_ = {0, static_cast<uint32_t>(points_.size())};
    points_.push_back({std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::quiet_NaN()});
    const auto frontFirst = static_cast<uint32_t>(points_.size());
    end = kNotBuilt, open = false;
    for (uint32_t r = d.firstRing; r < d.firstRing + d.ringCount; ++r)
        for (uint32_t k = s.rings[r].first; k < s.rings[r].first + s.rings[r].count; ++k) {
            const uint32_t c = s.chunkRefs[k];
            for (std::size_t j = 0; j < s.chunkFront[c].size(); ++j)
                append(s, chunks + frontBase_[c] + static_cast<uint32_t>(j), s.chunkFront[c][j], end, open);
        }
    frontRange_ = {frontFirst, static_cast<uint32_t>(points_.size()) - frontFirst};
    lines_.replacePoints(points_);
}

void SeriesRenderer::drawFill(Pipelines& p, const FrameUniforms& u, const Series& s, std::size_t day, Rgba colour, float hatch) {
    if (day != day_) select(s, day, step_ > 0 ? step_ : 0.0);
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
