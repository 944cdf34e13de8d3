// Geometry operations through the GEOS C API (re-entrant `_r` functions, one context per thread): repair,
// constrained Delaunay triangulation, label points, union and boundary work. GEOS types stay inside geos_ops.cpp.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/geometry.hpp"
#include "model/mesh.hpp"
#include "util/result.hpp"

namespace sv::geo {

// A GEOS context handle; create one per thread and pass it to the functions below.
class Geos {
public:
    Geos();
    ~Geos();
    Geos(const Geos&) = delete;
    Geos& operator=(const Geos&) = delete;
    void* handle() const { return handle_; }
    const std::string& lastError() const { return lastError_; }
    void setError(std::string e) { lastError_ = std::move(e); }

private:
    void* handle_;
    std::string lastError_;
};

struct Repair {
    MultiPolygon shape;   // valid polygons (empty if nothing with area was left)
    bool changed = false; // the input was invalid and MakeValid changed it
    std::string reason;   // GEOS's reason the input was invalid ("Self-intersection[…]")
};

// Returns the input unchanged when valid, else GEOS MakeValid's polygonal part.
Repair makeValid(Geos& g, const MultiPolygon& shape);

// Triangles in double precision covering exactly the polygon(s) (constrained Delaunay, holes excluded).
struct Triangulation {
    std::vector<Vec2d> vertices;
    std::vector<uint32_t> indices;
    double area() const;
};
Result<Triangulation> triangulate(Geos& g, const MultiPolygon& shape);
// The same area cut into square cells of at most `cellSize` map units first (quadtree of GEOS rectangle clips),
// each cell triangulated on its own. Constrained Delaunay triangles of a large polygon are long slivers that a
// software rasteriser bins into dozens of tiles each; bounded cells keep every triangle small. Measured on the
// default map at 1920×1080 with llvmpipe: fill of Ukraine 16 ms → see bench/README.md.
Result<Triangulation> triangulateTiled(Geos& g, const MultiPolygon& shape, double cellSize);

// Appends a triangulation to a float mesh as one feature range, relative to `origin`.
void appendFill(FillMesh& mesh, const Triangulation& t, Vec2d origin);

// A point well inside the shape (centre of the maximum inscribed circle of its largest part), for labels.
Vec2d labelPoint(Geos& g, const MultiPolygon& shape);

// Union of all the shapes (overlaps counted once), as valid polygons.
MultiPolygon unionAll(Geos& g, const std::vector<const MultiPolygon*>& shapes);

// Boolean operations on areas (results are valid polygons; lines and points produced by touching are dropped).
MultiPolygon intersection(Geos& g, const MultiPolygon& a, const MultiPolygon& b);
MultiPolygon difference(Geos& g, const MultiPolygon& a, const MultiPolygon& b);
// A shape converted to GEOS once, for many operations on it (owned; freed with its context's handle).
class GeosShape {
public:
    GeosShape(Geos& g, const MultiPolygon& shape);
    ~GeosShape();
    GeosShape(const GeosShape&) = delete;
    GeosShape& operator=(const GeosShape&) = delete;
    void* get() const { return geom_; }
    const Bbox& bounds() const { return bbox_; }

private:
    Geos& g_;
    void* geom_ = nullptr;
    Bbox bbox_;
};

// The part of `shape` inside the rectangle (GEOS's fast rectangle clip, with an exact intersection as fallback).
MultiPolygon clipToRect(Geos& g, const MultiPolygon& shape, double x0, double y0, double x1, double y1);
MultiPolygon clipToRect(Geos& g, const GeosShape& shape, double x0, double y0, double x1, double y1);
// Drops the polygons smaller than `minArea` (slivers left by boolean operations on hand-drawn shapes).
MultiPolygon dropSlivers(const MultiPolygon& shape, double minArea);

// The front line: where the `held` area meets territory the other side controls — the part of held's boundary
// that borders the country minus held minus contested, leaving out whatever runs within `borderTolerance` of the
// country's own outline (international border and coast) and pieces shorter than that tolerance. The country and
// the band along its outline are prepared once per deriver (one per thread: it holds GEOS objects).
class FrontLineDeriver {
public:
    FrontLineDeriver(Geos& g, const MultiPolygon& country, double borderTolerance);
    ~FrontLineDeriver();
    FrontLineDeriver(const FrontLineDeriver&) = delete;
    FrontLineDeriver& operator=(const FrontLineDeriver&) = delete;
    // `held` must already lie within the country (see intersection()).
    std::vector<LineString> derive(const MultiPolygon& held, const MultiPolygon& contested) const;

private:
    Geos& g_;
    double tol_;
    void* country_ = nullptr;  // GEOSGeometry*
    void* band_ = nullptr;     // GEOSGeometry*: buffer of the country's outline
};
double lineLength(const std::vector<LineString>& lines);

// Area in squared map units as GEOS computes it (for cross-checks).
double geosArea(Geos& g, const MultiPolygon& shape);

}  // namespace sv::geo
