// CPU-side meshes, prepared once at load and uploaded once; the frame only picks ranges to draw. Plain structs so
// tests can check them without a GL context. Positions are floats relative to a double-precision origin, which
// keeps sub-metre precision for projected coordinates in the millions of metres.
#pragma once
#include <cstdint>
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

struct PolygonMesh {
    FillMesh fill;
    LineMesh outline;
};

// Appends every ring of `shape` (outer and holes, closed) to `mesh` as one feature range.
void appendOutline(LineMesh& mesh, const MultiPolygon& shape, Vec2d origin);
void appendLines(LineMesh& mesh, const std::vector<LineString>& lines, Vec2d origin);
// Sum of triangle areas of one feature's range (in squared map units), for checking tessellations.
double triangleArea(const FillMesh& mesh, MeshRange range);

}  // namespace sv

namespace sv {

// Everything the renderer uploads for a scenario, built once at load; a date change only picks ranges.
struct PreparedScenario {
    FillMesh zoneFills;     // one range per zone
    LineMesh zoneOutlines;  // one range per zone
    LineMesh fronts;        // one range per frame
    FillMesh gains, losses;            // one range per frame
    LineMesh gainOutlines, lossOutlines;  // one range per frame
};

// Everything the renderer uploads for the base map, built once at load. Each layer's fill is the triangulated
// union of its features (one draw; shared borders vanish, so a third of the triangles of per-feature meshes);
// outlines keep one range per feature for highlighting.
struct PreparedMap {
    Vec2d origin;  // subtract from map coordinates before converting to float
    FillMesh regionsFill;      // union of MapData::regions
    LineMesh regionOutlines;   // one range per MapData::regions entry
    FillMesh contextFill;      // union of MapData::context
    LineMesh contextOutlines;  // one range per MapData::context entry
    LineMesh nationalBorder;   // outline of the union of all regions
    std::vector<PolygonMesh> overlayPolygons;  // per overlay layer, one range per polygon feature
    std::vector<LineMesh> overlayLines;        // per overlay layer
};

}  // namespace sv
