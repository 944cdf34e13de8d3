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

std::size_t meshBytes(const FillMesh& mesh) {
    return mesh.vertices.size() * sizeof(Vec2f) + mesh.indices.size() * sizeof(uint32_t) + mesh.features.size() * sizeof(MeshRange);
}

std::size_t meshBytes(const LineMesh& mesh) { return mesh.points.size() * sizeof(Vec2f) + mesh.features.size() * sizeof(MeshRange); }

namespace {

// Calls keepOne(f, range) for each listed feature whose range is non-empty and within `elements`.
template <class KeepOne>
void eachKept(const std::vector<MeshRange>& features, const std::vector<uint32_t>& keep, std::size_t elements, KeepOne keepOne) {
    for (const uint32_t f : keep)
        if (f < features.size() && features[f].count > 0 && std::size_t(features[f].first) + features[f].count <= elements)
            keepOne(f, features[f]);
}

}  // namespace

FillMesh onlyFeatures(const FillMesh& mesh, const std::vector<uint32_t>& keep) {
    FillMesh out;
    out.features.assign(mesh.features.size(), MeshRange{0, 0});
    eachKept(mesh.features, keep, mesh.indices.size(), [&](uint32_t f, MeshRange r) {
        // The vertices the range uses, as one span (a feature's vertices are appended together).
        uint32_t lo = UINT32_MAX, hi = 0;
        for (uint32_t i = r.first; i < r.first + r.count; ++i) lo = std::min(lo, mesh.indices[i]), hi = std::max(hi, mesh.indices[i]);
        if (hi >= mesh.vertices.size()) return;
        const auto base = static_cast<uint32_t>(out.vertices.size());
        out.vertices.insert(out.vertices.end(), mesh.vertices.begin() + lo, mesh.vertices.begin() + hi + 1);
        out.features[f] = {static_cast<uint32_t>(out.indices.size()), r.count};
        for (uint32_t i = r.first; i < r.first + r.count; ++i) out.indices.push_back(mesh.indices[i] - lo + base);
    });
    return out;
}

LineMesh onlyFeatures(const LineMesh& mesh, const std::vector<uint32_t>& keep) {
    LineMesh out;
    out.features.assign(mesh.features.size(), MeshRange{0, 0});
    eachKept(mesh.features, keep, mesh.points.size(), [&](uint32_t f, MeshRange r) {
        // Kept apart from the feature before, as appendRun keeps runs (a whole-batch draw joins what touches).
        if (!out.points.empty() && !std::isnan(out.points.back().x) && !std::isnan(mesh.points[r.first].x))
            out.points.push_back({kNaN, kNaN});
        out.features[f] = {static_cast<uint32_t>(out.points.size()), r.count};
        out.points.insert(out.points.end(), mesh.points.begin() + r.first, mesh.points.begin() + r.first + r.count);
    });
    return out;
}

std::size_t PreparedScenario::bytes() const {
    return meshBytes(zoneFills) + meshBytes(zoneOutlines) + meshBytes(fronts) + meshBytes(gains) + meshBytes(losses) +
           meshBytes(gainOutlines) + meshBytes(lossOutlines) + uploadedOnly;
}

void PreparedScenario::dropUploaded(std::size_t inGl) {
    zoneOutlines = {}, fronts = {}, gains = {}, losses = {}, gainOutlines = {}, lossOutlines = {};
    uploadedOnly = inGl;
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

std::size_t simplifyInPlace(std::vector<Vec2f>& points, std::size_t from, std::size_t end, double tolerance) {
    if (!(tolerance > 0)) return end;
    const double tol2 = tolerance * tolerance;
    std::vector<uint8_t> keep;
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    std::size_t out = from;
    auto line = [&](std::size_t a, std::size_t b) {  // points[a..b): one polyline
        if (b - a <= 2) {
            for (std::size_t i = a; i < b; ++i) points[out++] = points[i];
            return;
        }
        // In spans of at most kSpan points that share their ends: each span's recursion visits its points at most
        // kSpan times, so a long polyline (a detailed layer drawn zoomed in, where few points go) costs time linear
        // in its length, not up to quadratic. The span ends stay, one extra point per kSpan at most.
        constexpr std::size_t kSpan = 256;
        keep.assign(b - a, 0);
        stack.clear();
        for (std::size_t i = a; i + 1 < b; i += kSpan) {
            const std::size_t j = std::min(b - 1, i + kSpan);
            keep[i - a] = keep[j - a] = 1;
            stack.emplace_back(i, j);
        }
        while (!stack.empty()) {
            const auto [i, j] = stack.back();
            stack.pop_back();
            if (j - i < 2) continue;
            const double ax = points[i].x, ay = points[i].y;
            const double dx = points[j].x - ax, dy = points[j].y - ay, len2 = dx * dx + dy * dy;
            double worst = -1;
            std::size_t at = i;
            for (std::size_t k = i + 1; k < j; ++k) {
                const double px = points[k].x - ax, py = points[k].y - ay;
                double d2;
                if (len2 > 0) {  // squared distance to the segment (a closed ring's ends coincide: to the point)
                    const double t = std::clamp((px * dx + py * dy) / len2, 0.0, 1.0);
                    const double ex = px - t * dx, ey = py - t * dy;
                    d2 = ex * ex + ey * ey;
                } else {
                    d2 = px * px + py * py;
                }
                if (d2 > worst) worst = d2, at = k;
            }
            if (worst > tol2) {
                keep[at - a] = 1;
                stack.emplace_back(i, at);
                stack.emplace_back(at, j);
            }
        }
        for (std::size_t i = a; i < b; ++i)
            if (keep[i - a]) points[out++] = points[i];
    };
    std::size_t start = from;
    for (std::size_t i = from; i < end; ++i)
        if (points[i].x != points[i].x) {  // NaN: the polyline ends
            line(start, i);
            points[out++] = points[i];
            start = i + 1;
        }
    line(start, end);
    return out;
}

LineMesh thinned(const LineMesh& mesh, double minStep, double tolerance) {
    LineMesh out;
    out.points.reserve(mesh.points.size());  // appendThinned sizes for the worst case, then trims
    out.features.reserve(mesh.features.size());
    auto copy = [&](std::size_t from, std::size_t to) {
        const std::size_t start = out.points.size();
        appendThinned(out.points, to - from, minStep, [&](std::size_t i) { return mesh.points[from + i]; });
        out.points.resize(simplifyInPlace(out.points, start, out.points.size(), tolerance));
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

void finishMeshes(PreparedMap& m) {
    m.regionEdges = edgesOnce(m.regionOutlines, false);
    m.contextEdges = edgesOnce(m.contextOutlines, true);
    m.regionsFill.indices = spatiallySorted(m.regionsFill);
    m.contextFill.indices = spatiallySorted(m.contextFill);
}

std::vector<Box2f> lineBlockBoxes(const std::vector<Vec2f>& pts, uint32_t per) {
    std::vector<Box2f> out;
    if (per == 0 || pts.size() < 2) return out;
    const std::size_t segments = pts.size() - 1, blocks = (segments + per - 1) / per;
    out.reserve(blocks);
    for (std::size_t b = 0; b < blocks; ++b) {
        Box2f box = Box2f::none();
        const std::size_t end = std::min(pts.size(), (b + 1) * per + 1);
        for (std::size_t i = b * per; i < end; ++i)
            if (!std::isnan(pts[i].x) && !std::isnan(pts[i].y)) box.add(pts[i]);
        out.push_back(box);
    }
    return out;
}

namespace {

// Block b covers items b·size to b·size + size + overlap (clipped to `total`); the blocks meeting `view`, with
// touching or overlapping neighbours merged into one range.
std::vector<MeshRange> blockRanges(const std::vector<Box2f>& blocks, uint32_t size, uint32_t overlap, uint32_t total,
                                   Box2f view) {
    std::vector<MeshRange> out;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        if (!blocks[b].meets(view)) continue;
        const auto first = static_cast<uint32_t>(b * size);
        const auto end = std::min<uint32_t>(total, static_cast<uint32_t>((b + 1) * size + overlap));
        if (!out.empty() && out.back().first + out.back().count >= first) out.back().count = end - out.back().first;
        else out.push_back({first, end - first});
    }
    return out;
}

}  // namespace

std::vector<MeshRange> visibleLineRanges(const std::vector<Box2f>& blocks, uint32_t per, uint32_t pointCount, Box2f view) {
    return blockRanges(blocks, per, 1, pointCount, view);  // a block's last segment ends at the next one's first point
}

namespace {

// Interleaves the bits of two 16-bit numbers.
uint32_t morton(uint32_t x, uint32_t y) {
    auto spread = [](uint32_t v) {
        v &= 0xFFFF;
        v = (v | (v << 8)) & 0x00FF00FF;
        v = (v | (v << 4)) & 0x0F0F0F0F;
        v = (v | (v << 2)) & 0x33333333;
        return (v | (v << 1)) & 0x55555555;
    };
    return spread(x) | spread(y) << 1;
}

}  // namespace

std::vector<uint32_t> spatiallySorted(const FillMesh& mesh) {
    std::vector<uint32_t> out = mesh.indices;
    Box2f all = Box2f::none();
    for (const Vec2f& v : mesh.vertices) all.add(v);
    const double sx = all.maxX > all.minX ? 65535.0 / (double(all.maxX) - all.minX) : 0.0;
    const double sy = all.maxY > all.minY ? 65535.0 / (double(all.maxY) - all.minY) : 0.0;
    auto cell = [](double v) { return v >= 0 && v <= 65535 ? static_cast<uint32_t>(v) : v > 65535 ? 65535u : 0u; };  // NaN: 0
    std::vector<std::pair<uint32_t, uint32_t>> keyed;  // (Morton code of the centre, triangle's first index)
    auto sortRange = [&](std::size_t first, std::size_t end) {
        keyed.clear();
        for (std::size_t i = first; i + 2 < end; i += 3) {
            const std::size_t n = mesh.vertices.size();
            if (mesh.indices[i] >= n || mesh.indices[i + 1] >= n || mesh.indices[i + 2] >= n) return;  // left as it is
            const Vec2f a = mesh.vertices[mesh.indices[i]], b = mesh.vertices[mesh.indices[i + 1]], c = mesh.vertices[mesh.indices[i + 2]];
            const double cx = (double(a.x) + b.x + c.x) / 3.0, cy = (double(a.y) + b.y + c.y) / 3.0;
            keyed.push_back({morton(cell((cx - all.minX) * sx), cell((cy - all.minY) * sy)), static_cast<uint32_t>(i)});
        }
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto& p, const auto& q) { return p.first < q.first; });
        std::size_t k = first;
        for (const auto& [key, i] : keyed)
            for (int j = 0; j < 3; ++j) out[k++] = mesh.indices[i + static_cast<std::size_t>(j)];
    };
    if (mesh.features.empty()) sortRange(0, mesh.indices.size());
    for (const MeshRange& r : mesh.features)
        if (std::size_t(r.first) + r.count <= mesh.indices.size()) sortRange(r.first, std::size_t(r.first) + r.count);
    return out;
}

std::vector<Box2f> fillBlockBoxes(const std::vector<Vec2f>& vertices, const std::vector<uint32_t>& indices, uint32_t per) {
    std::vector<Box2f> out;
    const std::size_t triangles = indices.size() / 3;
    if (per == 0) return out;
    for (std::size_t t0 = 0; t0 < triangles; t0 += per) {
        Box2f box = Box2f::none();
        for (std::size_t i = t0 * 3; i < std::min(triangles, t0 + per) * 3; ++i)
            if (indices[i] < vertices.size()) box.add(vertices[indices[i]]);
        out.push_back(box);
    }
    return out;
}

std::vector<MeshRange> visibleFillRanges(const std::vector<Box2f>& blocks, uint32_t per, uint32_t indexCount, Box2f view) {
    return blockRanges(blocks, per * 3, 0, indexCount, view);
}

}  // namespace sv
