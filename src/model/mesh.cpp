// Outline mesh building (see mesh.hpp). Triangulation needs GEOS and lives in geo/tessellate.
#include "model/mesh.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>

namespace sv {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

void appendRun(LineMesh& mesh, const std::vector<Vec2d>& pts, bool closed, Vec2d origin) {
    if (pts.size() < 2) return;
    if (!mesh.points.empty() && !std::isnan(mesh.points.back().x)) mesh.points.push_back({kNaN, kNaN});
    for (const auto& p : pts)
        mesh.points.push_back({static_cast<float>(p.x - origin.x), static_cast<float>(p.y - origin.y)});
    if (closed) mesh.points.push_back(mesh.points[mesh.points.size() - pts.size()]);
}

MeshRange beginRange(const LineMesh& mesh) { return {static_cast<uint32_t>(mesh.points.size()), 0}; }
void endRange(LineMesh& mesh, MeshRange r) {
    r.count = static_cast<uint32_t>(mesh.points.size()) - r.first;
    mesh.features.push_back(r);
}

}  // namespace

void appendOutline(LineMesh& mesh, const MultiPolygon& shape, Vec2d origin) {
    MeshRange r = beginRange(mesh);
    for (const auto& poly : shape) {
        appendRun(mesh, poly.outer, true, origin);
        for (const auto& h : poly.holes) appendRun(mesh, h, true, origin);
    }
    endRange(mesh, r);
}

void appendLines(LineMesh& mesh, const std::vector<LineString>& lines, Vec2d origin) {
    MeshRange r = beginRange(mesh);
    for (const auto& l : lines) appendRun(mesh, l, false, origin);
    endRange(mesh, r);
}

double triangleArea(const FillMesh& mesh, MeshRange range) {
    double area = 0.0;
    for (uint32_t i = range.first; i + 2 < range.first + range.count; i += 3) {
        const Vec2f a = mesh.vertices[mesh.indices[i]], b = mesh.vertices[mesh.indices[i + 1]],
                    c = mesh.vertices[mesh.indices[i + 2]];
        area += std::abs((double(b.x) - a.x) * (double(c.y) - a.y) - (double(c.x) - a.x) * (double(b.y) - a.y)) / 2.0;
    }
    return area;
}

LineMesh thinned(const LineMesh& mesh, double minStep) {
    LineMesh out;
    out.points.reserve(mesh.points.size());  // appendThinned sizes for the worst case, then trims
    out.features.reserve(mesh.features.size());
    auto copy = [&](std::size_t from, std::size_t to) {
        appendThinned(out.points, to - from, minStep, [&](std::size_t i) { return mesh.points[from + i]; });
    };
    std::size_t at = 0;  // points before this are copied
    for (const MeshRange& r : mesh.features) {
        const std::size_t end = std::min<std::size_t>(std::size_t(r.first) + r.count, mesh.points.size());
        if (r.first > at) copy(at, r.first);  // points in no feature (a whole-batch draw still draws them)
        const auto first = static_cast<uint32_t>(out.points.size());
        copy(std::min<std::size_t>(r.first, end), end);  // a range overlapping an earlier one is copied again
        out.features.push_back({first, static_cast<uint32_t>(out.points.size()) - first});
        at = std::max(at, end);
    }
    copy(at, mesh.points.size());
    return out;
}

namespace {

uint64_t pointKey(Vec2f p) {
    uint32_t x, y;
    const float fx = p.x == 0 ? 0.0f : p.x, fy = p.y == 0 ? 0.0f : p.y;  // -0 and +0 are one point
    std::memcpy(&x, &fx, 4), std::memcpy(&y, &fy, 4);
    return uint64_t(x) << 32 | y;
}

struct SegmentKey {
    uint64_t a, b;  // a <= b: the same segment in either direction
    bool operator==(const SegmentKey&) const = default;
};
struct SegmentHash {
    std::size_t operator()(const SegmentKey& k) const { return std::hash<uint64_t>{}(k.a * 0x9E3779B97F4A7C15ULL ^ k.b); }
};
SegmentKey segmentKey(Vec2f p, Vec2f q) {
    const uint64_t a = pointKey(p), b = pointKey(q);
    return a <= b ? SegmentKey{a, b} : SegmentKey{b, a};
}

}  // namespace

LineMesh edgesOnce(const LineMesh& mesh, bool keepSingles) {
    const auto& pts = mesh.points;
    auto isSegment = [&](std::size_t i) { return !std::isnan(pts[i].x) && !std::isnan(pts[i + 1].x); };
    std::unordered_map<SegmentKey, uint32_t, SegmentHash> count;  // how often each segment occurs
    count.reserve(pts.size());
    for (std::size_t i = 0; i + 1 < pts.size(); ++i)
        if (isSegment(i)) ++count[segmentKey(pts[i], pts[i + 1])];
    LineMesh out;
    out.points.reserve(pts.size());
    bool open = false;  // the last point written ends a polyline that the next kept segment may continue
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
        if (!isSegment(i)) {
            open = false;
            continue;
        }
        uint32_t& c = count[segmentKey(pts[i], pts[i + 1])];
        const bool shared = (c & 0x7FFFFFFFu) >= 2, drawn = c & 0x80000000u;
        if (shared ? drawn : !keepSingles) {
            open = false;
            continue;
        }
        c |= 0x80000000u;
        if (!open) {
            if (!out.points.empty()) out.points.push_back({kNaN, kNaN});
            out.points.push_back(pts[i]);
            open = true;
        }
        out.points.push_back(pts[i + 1]);
    }
    out.features.push_back({0, static_cast<uint32_t>(out.points.size())});
    return out;
}

void deriveEdges(PreparedMap& m) {
    m.regionEdges = edgesOnce(m.regionOutlines, false);
    m.contextEdges = edgesOnce(m.contextOutlines, true);
}

}  // namespace sv
