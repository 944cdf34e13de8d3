// CPU-side meshes, prepared once at load and uploaded once; the frame only picks ranges to draw. Plain structs so
// tests can check them without a GL context. Positions are floats relative to a double-precision origin, which
// keeps sub-metre precision for projected coordinates in the millions of metres.
#pragma once
#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "model/geometry.hpp"

namespace sv {

struct Vec2f {
    float x = 0, y = 0;
};

// A contiguous run of indices (fills) or points (lines) belonging to one feature.
struct MeshRange {
    uint32_t first = 0, count = 0;
};

// Triangles: every 3 indices form one.
struct FillMesh {
    std::vector<Vec2f> vertices;
    std::vector<uint32_t> indices;
    std::vector<MeshRange> features;  // index ranges, one per feature (empty range for a feature without area)
};

// Polylines as a point list; a NaN point separates two lines. Drawn as instanced segments (point i to i+1), so
// each point costs 8 bytes and the width is applied in screen space by the shader.
struct LineMesh {
    std::vector<Vec2f> points;
    std::vector<MeshRange> features;  // point ranges, one per feature
};

// Bytes of the elements held (vertices, indices, points, ranges), not of the containers' spare capacity.
std::size_t meshBytes(const FillMesh& mesh);
std::size_t meshBytes(const LineMesh& mesh);

// The mesh with only the listed features' geometry (each listed index once, in any order; out-of-range ones are
// ignored): it keeps one range per feature of `mesh`, the others empty, so feature i is still range i. For a
// render of a single frame, which uploads what that frame draws instead of every day of a series.
FillMesh onlyFeatures(const FillMesh& mesh, const std::vector<uint32_t>& keep);
LineMesh onlyFeatures(const LineMesh& mesh, const std::vector<uint32_t>& keep);

struct PolygonMesh {
    FillMesh fill;
    LineMesh outline;
};

// Appends every ring of `shape` (outer and holes, closed) to `mesh` as one feature range.
void appendOutline(LineMesh& mesh, const MultiPolygon& shape, Vec2d origin);
void appendLines(LineMesh& mesh, const std::vector<LineString>& lines, Vec2d origin);
// Sum of triangle areas of one feature's range (in squared map units), for checking tessellations.
double triangleArea(const FillMesh& mesh, MeshRange range);

// Lines thinned for a zoom: steps shorter than `minStep` (map units; half a pixel at the zoom) change no pixel, but
// llvmpipe sets up and blends each segment. Appends points 0..n-1 (`point(i)` gives each) to `out`, leaving out a
// point closer than minStep to the last one kept — except the last point of every polyline. NaN points (polyline
// separators) are kept, so ranges stay drawable; minStep <= 0 copies everything.
template <class PointAt>
void appendThinned(std::vector<Vec2f>& out, std::size_t n, double minStep, PointAt point) {
    // Branch-light: every point is written to the next free slot, and the slot is taken (k advances) only when the
    // point is kept; a polyline's last point, if not kept, is still in its slot and is taken at the end.
    const float min2 = minStep > 0 ? static_cast<float>(minStep * minStep) : -1.0f;
    std::size_t k = out.size();
    out.resize(k + n);
    Vec2f* o = out.data();
    bool open = false, pending = false;  // a polyline has a kept point; its latest point is not kept
    Vec2f kept;
    for (std::size_t i = 0; i < n; ++i) {
        const Vec2f p = point(i);
        if (p.x != p.x) {  // NaN: the polyline ends
            k += pending;
            o[k++] = p;
            open = pending = false;
            continue;
        }
        const float dx = p.x - kept.x, dy = p.y - kept.y;
        const bool keep = !open || dx * dx + dy * dy >= min2;
        o[k] = p;
        k += keep;
        kept = keep ? p : kept;
        open = true, pending = !keep;
    }
    out.resize(k + pending);
}
// Culling by blocks: the box of every `per` consecutive segments of a point list (block b: points b·per to
// b·per + per, so its last segment ends at the next block's first point; NaN separators are skipped), and the
// point ranges that cover exactly the blocks meeting a view box, neighbours merged. Coordinates as in the mesh.
struct Box2f {
    float minX = 0, minY = 0, maxX = -1, maxY = -1;  // empty: min > max
    bool meets(const Box2f& o) const { return minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY; }
    static constexpr Box2f none() {  // grows with add()
        constexpr float m = std::numeric_limits<float>::max();
        return {m, m, -m, -m};
    }
    void add(Vec2f p) {
        minX = std::min(minX, p.x), minY = std::min(minY, p.y), maxX = std::max(maxX, p.x), maxY = std::max(maxY, p.y);
    }
};
std::vector<Box2f> lineBlockBoxes(const std::vector<Vec2f>& points, uint32_t per);
std::vector<MeshRange> visibleLineRanges(const std::vector<Box2f>& blocks, uint32_t per, uint32_t pointCount, Box2f view);
// The same for a fill drawn whole: its triangles reordered so that neighbours in the index list are neighbours on
// the map (by the Morton code of their centres, within each feature range: ranges and the set of triangles stay),
// then the box of every `per` triangles, and the index ranges of the blocks meeting a view box.
std::vector<uint32_t> spatiallySorted(const FillMesh& mesh);
std::vector<Box2f> fillBlockBoxes(const std::vector<Vec2f>& vertices, const std::vector<uint32_t>& indices, uint32_t per);
std::vector<MeshRange> visibleFillRanges(const std::vector<Box2f>& blocks, uint32_t per, uint32_t indexCount, Box2f view);

// Douglas-Peucker, in place, on the polylines of points[from, end) (separated by NaN points, which are kept): every
// left-out point lies within `tolerance` of the segment drawn in its place, and each polyline keeps its ends. Returns
// the new end (points beyond it are left over). tolerance <= 0 keeps every point. Linear time: a polyline is
// simplified in spans of at most 256 points.
std::size_t simplifyInPlace(std::vector<Vec2f>& points, std::size_t from, std::size_t end, double tolerance);

// The whole mesh thinned, its feature ranges mapped to the thinned points: steps shorter than minStep left out
// (appendThinned), then, with a tolerance, the rest simplified (simplifyInPlace).
LineMesh thinned(const LineMesh& mesh, double minStep, double tolerance = 0);

// The segments of `mesh` with each one drawn once: the boundary two neighbouring areas share is in both of their
// outlines (a segment is the same when its ends are, in either direction). Segments in only one polyline — a
// layer's outer edge — are kept when `keepSingles`. The result is one feature; a polyline is split where a
// segment is left out. For the base map: 20,084 oblast boundary segments are 8,545 shared ones plus 2,994 outer
// ones, which the national border draws anyway, and llvmpipe's cost is per segment.
LineMesh edgesOnce(const LineMesh& mesh, bool keepSingles);

}  // namespace sv

namespace sv {

// Everything the renderer uploads for a scenario, built once at load; a date change only picks ranges.
struct PreparedScenario {
    FillMesh zoneFills;     // one range per zone
    LineMesh zoneOutlines;  // one range per zone
    LineMesh fronts;        // one range per frame
    FillMesh gains, losses;            // one range per frame
    LineMesh gainOutlines, lossOutlines;  // one range per frame
    std::size_t uploadedOnly = 0;         // what GL holds of the meshes dropUploaded freed

    // Bytes of the vertices, indices and points, here or (after dropUploaded) in GL.
    std::size_t bytes() const;
    // Frees the copies only the renderer's upload reads (it keeps its own ranges): everything but zoneFills, which
    // transitions rasterise on the CPU. A 1,600-day series: ~8 MB. `inGl`: the bytes of them the upload put in GL
    // (all of them, or one frame's for a one-frame render), which bytes() counts from then on.
    void dropUploaded(std::size_t inGl);
};

// Everything the renderer uploads for the base map, built once at load. Each layer's fill is the triangulated
// union of its features (one draw; shared borders vanish, so a third of the triangles of per-feature meshes);
// outlines keep one range per feature for highlighting.
struct PreparedMap {
    Vec2d origin;  // subtract from map coordinates before converting to float
    FillMesh regionsFill;      // union of MapData::regions
    LineMesh regionOutlines;   // one range per MapData::regions entry
    FillMesh contextFill;      // union of MapData::context
    // The background's share of the map: what neither the context layer nor the regions cover (the sea, gaps in
    // the data) within backgroundBox, triangulated (prepareBackground). With the context layer and the regions
    // shown the renderer clears to the context colour and fills this in the background colour: the picture of the
    // context fill over a background-coloured clear, pixel for pixel, while the sea is a fraction of the
    // neighbours' area and outline (default view, warm: 2.0 against 6.4 ms of llvmpipe). A view reaching beyond
    // backgroundBox is drawn with contextFill. Empty when there is no context layer or it could not be made.
    FillMesh backgroundFill;
    Bbox backgroundBox;  // map coordinates
    LineMesh contextOutlines;  // one range per MapData::context entry
    LineMesh nationalBorder;   // outline of the union of all regions
    // What the base map draws as boundaries: each shared boundary once (edgesOnce). Derived from the outlines by
    // finishMeshes when the loader makes a PreparedMap, and kept in the prepared-data cache with it.
    LineMesh regionEdges;   // between two regions only: the national border draws the outer edge
    LineMesh contextEdges;  // every context boundary, shared ones once
    std::vector<PolygonMesh> overlayPolygons;  // per overlay layer, one range per polygon feature
    std::vector<LineMesh> overlayLines;        // per overlay layer
};

// What every PreparedMap gets after it is built (the snapshot keeps the result), off the render thread: regionEdges and contextEdges from
// the outlines, and the region and context fills' triangles in map order (spatiallySorted) so that culling by
// blocks leaves out most of what is off screen.
void finishMeshes(PreparedMap& m);

}  // namespace sv
