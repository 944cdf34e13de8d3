// Deduplicated series storage (see series.hpp).
#include "model/series.hpp"

#include <algorithm>
#include <cstring>

namespace sv {
namespace {

uint64_t mix(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

uint64_t vertexHash(Vec2d p) {
    uint64_t a, b;
    std::memcpy(&a, &p.x, 8);
    std::memcpy(&b, &p.y, 8);
    return mix(a ^ mix(b + 0x9e3779b97f4a7c15ULL));
}

constexpr uint64_t kBoundaryMask = 31;  // ~1 vertex in 32 ends a chunk
constexpr uint32_t kMaxChunk = 256;

}  // namespace

void ChunkStore::restore(std::vector<Vec2d> points, std::vector<Chunk> chunks) {
    points_ = std::move(points);
    chunks_ = std::move(chunks);
    index_.clear();
    for (uint32_t i = 0; i < chunks_.size(); ++i) index_.emplace(chunks_[i].hash, i);
}

uint32_t ChunkStore::add(const Vec2d* pts, uint32_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (uint32_t i = 0; i < n; ++i) h = mix(h ^ vertexHash(pts[i]));
    auto [lo, hi] = index_.equal_range(h);
    for (auto it = lo; it != hi; ++it) {
        const Chunk& c = chunks_[it->second];
        if (c.count == n && std::equal(pts, pts + n, points_.begin() + c.first)) return it->second;
    }
    Chunk c;
    c.first = static_cast<uint32_t>(points_.size());
    c.count = n;
    c.hash = h;
    for (uint32_t i = 0; i < n; ++i) {
        points_.push_back(pts[i]);
        c.bbox.add(pts[i]);
    }
    chunks_.push_back(c);
    const auto id = static_cast<uint32_t>(chunks_.size() - 1);
    index_.emplace(h, id);
    return id;
}

void ChunkStore::addRing(const Ring& ring, std::vector<uint32_t>& out) {
    const std::size_t n = ring.size();
    if (n < 3) return;
    // Canonical start: the vertex with the smallest hash (rotation-invariant).
    std::vector<uint64_t> hs(n);
    std::size_t start = 0;
    for (std::size_t i = 0; i < n; ++i) {
        hs[i] = vertexHash(ring[i]);
        if (hs[i] < hs[start]) start = i;
    }
    std::vector<Vec2d> run;
    run.push_back(ring[start]);
    for (std::size_t k = 1; k <= n; ++k) {
        const std::size_t i = (start + k) % n;
        run.push_back(ring[i]);
        const bool boundary = (hs[i] & kBoundaryMask) == 0 || k == n || run.size() >= kMaxChunk;
        if (boundary) {
            out.push_back(add(run.data(), static_cast<uint32_t>(run.size())));
            run.assign(1, ring[i]);  // the next chunk starts where this one ends
        }
    }
}

std::size_t ChunkStore::bytes() const {
    return points_.size() * sizeof(Vec2d) + chunks_.size() * sizeof(Chunk) + index_.size() * 24;
}

bool Series::contains(std::size_t day, Vec2d p) const {
    const SeriesDay& d = days[day];
    if (!d.bbox.contains(p)) return false;
    bool inside = false;
    const auto& pts = chunks.points();
    for (uint32_t r = d.firstRing; r < d.firstRing + d.ringCount; ++r)
        for (uint32_t k = rings[r].first; k < rings[r].first + rings[r].count; ++k) {
            const Chunk& c = chunks.chunks()[chunkRefs[k]];
            // The ray runs from p to +x: a chunk wholly above, below or left of p cannot cross it.
            if (p.y < c.bbox.minY || p.y > c.bbox.maxY || p.x > c.bbox.maxX) continue;
            for (uint32_t i = c.first; i + 1 < c.first + c.count; ++i) {
                const Vec2d a = pts[i], b = pts[i + 1];
                if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
            }
        }
    return inside;
}

std::vector<Ring> Series::dayRings(std::size_t day, std::vector<bool>* holes) const {
    std::vector<Ring> out;
    const SeriesDay& d = days[day];
    const auto& pts = chunks.points();
    for (uint32_t r = d.firstRing; r < d.firstRing + d.ringCount; ++r) {
        if (holes) holes->push_back(rings[r].hole);
        Ring ring;
        for (uint32_t k = rings[r].first; k < rings[r].first + rings[r].count; ++k) {
            const Chunk& c = chunks.chunks()[chunkRefs[k]];
            // Chunks share their end points: skip each chunk's last point (the next chunk starts with it).
            ring.insert(ring.end(), pts.begin() + c.first, pts.begin() + c.first + c.count - 1);
        }
        out.push_back(std::move(ring));
    }
    return out;
}

MultiPolygon Series::dayShape(std::size_t day) const {
    std::vector<bool> holes;
    auto rs = dayRings(day, &holes);
    MultiPolygon mp;
    for (std::size_t i = 0; i < rs.size(); ++i)
        if (!holes[i]) mp.push_back({std::move(rs[i]), {}});
    for (std::size_t i = 0; i < rs.size(); ++i) {
        if (!holes[i] || rs[i].empty()) continue;
        for (auto& p : mp)
            if (pointInRing(p.outer, rs[i][0])) {
                p.holes.push_back(rs[i]);
                break;
            }
    }
    return mp;
}

std::size_t Series::geometryBytes() const {
    std::size_t b = chunks.bytes() + chunkRefs.size() * 4 + rings.size() * sizeof(SeriesRing) + days.size() * sizeof(SeriesDay) +
                    cellFill.vertices.size() * sizeof(Vec2f) + cellFill.indices.size() * 4 +
                    cellFill.features.size() * sizeof(MeshRange) + dayCells.size() * 4;
    for (const auto& f : chunkFront) b += f.size() * sizeof(MeshRange) + sizeof(f);
    return b;
}

std::size_t Series::vertexCount(std::size_t day) const {
    std::size_t n = 0;
    const SeriesDay& d = days[day];
    for (uint32_t r = d.firstRing; r < d.firstRing + d.ringCount; ++r)
        for (uint32_t k = rings[r].first; k < rings[r].first + rings[r].count; ++k) n += chunks.chunks()[chunkRefs[k]].count - 1;
    return n;
}

}  // namespace sv
