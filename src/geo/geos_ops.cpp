// GEOS C API wrappers (see geos_ops.hpp).
#include "geo/geos_ops.hpp"

#include <cmath>
#include <unordered_map>

#include <geos_c.h>

namespace sv::geo {
namespace {

GEOSContextHandle_t H(Geos& g) { return static_cast<GEOSContextHandle_t>(g.handle()); }

void onMessage(const char* message, void* user) { static_cast<Geos*>(user)->setError(message ? message : ""); }

struct GeomDeleter {
    GEOSContextHandle_t h;
    void operator()(GEOSGeometry* g) const {
        if (g) GEOSGeom_destroy_r(h, g);
    }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

GEOSGeometry* makeRing(GEOSContextHandle_t h, const Ring& r) {
    const auto n = static_cast<unsigned>(r.size());
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, n + 1, 2);
    for (unsigned i = 0; i <= n; ++i) {
        const Vec2d p = r[i % n];
        GEOSCoordSeq_setXY_r(h, seq, i, p.x, p.y);
    }
    return GEOSGeom_createLinearRing_r(h, seq);
}

GeomPtr toGeos(GEOSContextHandle_t h, const MultiPolygon& mp) {
    std::vector<GEOSGeometry*> polys;
    for (const auto& poly : mp) {
        if (poly.outer.size() < 3) continue;
        GEOSGeometry* shell = makeRing(h, poly.outer);
        std::vector<GEOSGeometry*> holes;
        for (const auto& r : poly.holes)
            if (r.size() >= 3) holes.push_back(makeRing(h, r));
        polys.push_back(GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size())));
    }
    return GeomPtr(GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, polys.data(), static_cast<unsigned>(polys.size())),
                   GeomDeleter{h});
}

Ring fromRing(GEOSContextHandle_t h, const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(h, seq, &n);
    Ring out;
    out.reserve(n);
    for (unsigned i = 0; i < n; ++i) {
        double x, y;
        GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
        out.push_back({x, y});
    }
    if (out.size() > 1 && out.front() == out.back()) out.pop_back();
    return out;
}

void collectPolygons(GEOSContextHandle_t h, const GEOSGeometry* g, MultiPolygon& out) {
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(h, g)) return;
        Polygon p;
        p.outer = fromRing(h, GEOSGetExteriorRing_r(h, g));
        const int nh = GEOSGetNumInteriorRings_r(h, g);
        for (int i = 0; i < nh; ++i) p.holes.push_back(fromRing(h, GEOSGetInteriorRingN_r(h, g, i)));
        if (p.outer.size() >= 3) out.push_back(std::move(p));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) collectPolygons(h, GEOSGetGeometryN_r(h, g, i), out);
    }
}

struct VertexKey {
    double x, y;
    bool operator==(const VertexKey&) const = default;
};
struct VertexHash {
    std::size_t operator()(const VertexKey& k) const {
        const std::size_t a = std::hash<double>{}(k.x), b = std::hash<double>{}(k.y);
        return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
    }
};

}  // namespace

Geos::Geos() : handle_(GEOS_init_r()) {
    GEOSContext_setErrorMessageHandler_r(H(*this), &onMessage, this);
    GEOSContext_setNoticeMessageHandler_r(H(*this), &onMessage, this);
}

Geos::~Geos() { GEOS_finish_r(H(*this)); }

Repair makeValid(Geos& g, const MultiPolygon& shape) {
    const auto h = H(g);
    Repair out;
    GeomPtr geom = toGeos(h, shape);
    if (!geom) {
        out.changed = true;
        out.reason = g.lastError();
        return out;
    }
    if (GEOSisValid_r(h, geom.get()) == 1) {
        out.shape = shape;
        return out;
    }
    if (char* why = GEOSisValidReason_r(h, geom.get())) {
        out.reason = why;
        GEOSFree_r(h, why);
    }
    out.changed = true;
    GeomPtr fixed(GEOSMakeValid_r(h, geom.get()), GeomDeleter{h});
    if (fixed) collectPolygons(h, fixed.get(), out.shape);
    return out;
}

double Triangulation::area() const {
    double a = 0;
    for (std::size_t i = 0; i + 2 < indices.size(); i += 3) {
        const Vec2d p = vertices[indices[i]], q = vertices[indices[i + 1]], r = vertices[indices[i + 2]];
        a += std::abs((q.x - p.x) * (r.y - p.y) - (r.x - p.x) * (q.y - p.y)) / 2.0;
    }
    return a;
}

namespace {

Status triangulateInto(GEOSContextHandle_t h, Geos& g, const GEOSGeometry* geom, Triangulation& out) {
    GeomPtr tris(GEOSConstrainedDelaunayTriangulation_r(h, geom), GeomDeleter{h});
    if (!tris) return fail("triangulation failed: " + g.lastError());
    std::unordered_map<VertexKey, uint32_t, VertexHash> index;
    const int n = GEOSGetNumGeometries_r(h, tris.get());
    out.indices.reserve(static_cast<std::size_t>(n) * 3);
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* tri = GEOSGetGeometryN_r(h, tris.get(), i);
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, GEOSGetExteriorRing_r(h, tri));
        for (unsigned k = 0; k < 3; ++k) {
            double x, y;
            GEOSCoordSeq_getXY_r(h, seq, k, &x, &y);
            auto [it, inserted] = index.try_emplace({x, y}, static_cast<uint32_t>(out.vertices.size()));
            if (inserted) out.vertices.push_back({x, y});
            out.indices.push_back(it->second);
        }
    }
    return Ok{};
}

// The part of a geometry inside a rectangle, by an exact overlay (OverlayNG clips by the envelope first, so this is
// nearly as fast as GEOSClipByRect). Not GEOSClipByRect: in GEOS 3.11 its polygon reconnection leaks rings
// (RectangleIntersectionBuilder::reconnectPolygons, found by the sanitizer build) and its output may be invalid.
GeomPtr clipExact(GEOSContextHandle_t h, const GEOSGeometry* geom, double x0, double y0, double x1, double y1) {
    GeomPtr rect(GEOSGeom_createRectangle_r(h, x0, y0, x1, y1), GeomDeleter{h});
    if (!rect) return GeomPtr(nullptr, GeomDeleter{h});
    GeomPtr part(GEOSIntersection_r(h, geom, rect.get()), GeomDeleter{h});
    if (!part) {  // a topology exception on invalid input: repair, then clip again
        GeomPtr fixed(GEOSMakeValid_r(h, geom), GeomDeleter{h});
        if (fixed) part.reset(GEOSIntersection_r(h, fixed.get(), rect.get()));
    }
    return part;
}

Status splitAndTriangulate(GEOSContextHandle_t h, Geos& g, const GEOSGeometry* piece, double x0, double y0, double x1,
                           double y1, double cell, Triangulation& out) {
    if (GEOSisEmpty_r(h, piece)) return Ok{};
    if (x1 - x0 <= cell && y1 - y0 <= cell) {
        // Rectangle clipping may leave self-touching rings; CDT wants valid input.
        if (GEOSisValid_r(h, piece) == 1) return triangulateInto(h, g, piece, out);
        GeomPtr fixed(GEOSMakeValid_r(h, piece), GeomDeleter{h});
        if (!fixed) return fail("cannot repair a clipped cell: " + g.lastError());
        return triangulateInto(h, g, fixed.get(), out);
    }
    // Split the longer side in two.
    const bool vertical = x1 - x0 >= y1 - y0;
    const double mid = vertical ? (x0 + x1) / 2 : (y0 + y1) / 2;
    const double r[2][4] = {{x0, y0, vertical ? mid : x1, vertical ? y1 : mid},
                            {vertical ? mid : x0, vertical ? y0 : mid, x1, y1}};
    GeomPtr parts[2] = {clipExact(h, piece, r[0][0], r[0][1], r[0][2], r[0][3]),
                        clipExact(h, piece, r[1][0], r[1][1], r[1][2], r[1][3])};
    if (!parts[0] || !parts[1]) return triangulateInto(h, g, piece, out);  // the overlay failed: the piece as it is
    for (int i = 0; i < 2; ++i)
        if (auto ok = splitAndTriangulate(h, g, parts[i].get(), r[i][0], r[i][1], r[i][2], r[i][3], cell, out); !ok)
            return ok;
    return Ok{};
}

}  // namespace

Result<Triangulation> triangulate(Geos& g, const MultiPolygon& shape) {
    const auto h = H(g);
    Triangulation out;
    if (shape.empty()) return out;
    GeomPtr geom = toGeos(h, shape);
    if (!geom) return fail("cannot build polygon: " + g.lastError());
    if (auto ok = triangulateInto(h, g, geom.get(), out); !ok) return Error{ok.error()};
    return out;
}

Result<Triangulation> triangulateTiled(Geos& g, const MultiPolygon& shape, double cellSize) {
    const auto h = H(g);
    Triangulation out;
    if (shape.empty()) return out;
    GeomPtr geom = toGeos(h, shape);
    if (!geom) return fail("cannot build polygon: " + g.lastError());
    const Bbox b = bounds(shape);
    if (auto ok = splitAndTriangulate(h, g, geom.get(), b.minX, b.minY, b.maxX, b.maxY, cellSize, out); !ok)
        return Error{ok.error()};
    return out;
}

void appendFill(FillMesh& mesh, const Triangulation& t, Vec2d origin) {
    const auto base = static_cast<uint32_t>(mesh.vertices.size());
    MeshRange r{static_cast<uint32_t>(mesh.indices.size()), static_cast<uint32_t>(t.indices.size())};
    for (const auto& v : t.vertices)
        mesh.vertices.push_back({static_cast<float>(v.x - origin.x), static_cast<float>(v.y - origin.y)});
    for (uint32_t i : t.indices) mesh.indices.push_back(base + i);
    mesh.features.push_back(r);
}

Vec2d labelPoint(Geos& g, const MultiPolygon& shape) {
    if (shape.empty()) return {};
    const auto h = H(g);
    // The largest part carries the label.
    std::size_t best = 0;
    double bestArea = -1;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        const double a = std::abs(signedArea(shape[i].outer));
        if (a > bestArea) bestArea = a, best = i;
    }
    GeomPtr geom = toGeos(h, MultiPolygon{shape[best]});
    const double tolerance = std::max(std::sqrt(bestArea) / 40.0, 1e-9);  // a few % of its size: plenty for a label
    GeomPtr mic(geom ? GEOSMaximumInscribedCircle_r(h, geom.get(), tolerance) : nullptr, GeomDeleter{h});
    if (mic) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, mic.get());
        double x, y;
        if (seq && GEOSCoordSeq_getXY_r(h, seq, 0, &x, &y)) return {x, y};
    }
    return bounds(shape[best].outer).center();
}

MultiPolygon unionAll(Geos& g, const std::vector<const MultiPolygon*>& shapes) {
    const auto h = H(g);
    std::vector<GEOSGeometry*> parts;
    for (const auto* mp : shapes)
        if (mp && !mp->empty()) parts.push_back(toGeos(h, *mp).release());
    MultiPolygon out;
    if (parts.empty()) return out;
    GeomPtr coll(GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())),
                 GeomDeleter{h});
    GeomPtr u(coll ? GEOSUnaryUnion_r(h, coll.get()) : nullptr, GeomDeleter{h});
    if (u) collectPolygons(h, u.get(), out);
    return out;
}

namespace {

void collectLines(GEOSContextHandle_t h, const GEOSGeometry* g, std::vector<LineString>& out) {
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, g);
        unsigned n = 0;
        GEOSCoordSeq_getSize_r(h, seq, &n);
        LineString l;
        for (unsigned i = 0; i < n; ++i) {
            double x, y;
            GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
            l.push_back({x, y});
        }
        if (l.size() >= 2) out.push_back(std::move(l));
    } else if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) collectLines(h, GEOSGetGeometryN_r(h, g, i), out);
    }
}

// Boolean op on two area sets; each input is unioned first so overlapping parts are legal.
template <class Op>
MultiPolygon areaOp(Geos& g, const MultiPolygon& a, const MultiPolygon& b, Op op) {
    const auto h = H(g);
    MultiPolygon out;
    GeomPtr ga = toGeos(h, a), gb = toGeos(h, b);
    if (!ga || !gb) return out;
    GeomPtr ua(GEOSUnaryUnion_r(h, ga.get()), GeomDeleter{h}), ub(GEOSUnaryUnion_r(h, gb.get()), GeomDeleter{h});
    if (!ua || !ub) return out;
    GeomPtr r(op(h, ua.get(), ub.get()), GeomDeleter{h});
    if (r) collectPolygons(h, r.get(), out);
    return out;
}

}  // namespace

MultiPolygon intersection(Geos& g, const MultiPolygon& a, const MultiPolygon& b) {
    if (a.empty() || b.empty()) return {};
    return areaOp(g, a, b, GEOSIntersection_r);
}

MultiPolygon difference(Geos& g, const MultiPolygon& a, const MultiPolygon& b) {
    if (a.empty()) return {};
    if (b.empty()) return unionAll(g, {&a});
    return areaOp(g, a, b, GEOSDifference_r);
}

GeosShape::GeosShape(Geos& g, const MultiPolygon& shape) : g_(g), bbox_(sv::bounds(shape)) {
    geom_ = toGeos(H(g), shape).release();
}

GeosShape::~GeosShape() {
    if (geom_) GEOSGeom_destroy_r(H(g_), static_cast<GEOSGeometry*>(geom_));
}

MultiPolygon clipToRect(Geos& g, const GeosShape& shape, double x0, double y0, double x1, double y1) {
    const auto h = H(g);
    MultiPolygon out;
    const Bbox& b = shape.bounds();
    const auto* geom = static_cast<const GEOSGeometry*>(shape.get());
    if (!geom || b.empty() || b.maxX <= x0 || b.minX >= x1 || b.maxY <= y0 || b.minY >= y1) return out;
    GeomPtr part = clipExact(h, geom, x0, y0, x1, y1);
    if (part && GEOSisValid_r(h, part.get()) != 1) part.reset(GEOSMakeValid_r(h, part.get()));
    if (part) collectPolygons(h, part.get(), out);
    return out;
}

MultiPolygon clipToRect(Geos& g, const MultiPolygon& shape, double x0, double y0, double x1, double y1) {
    return clipToRect(g, GeosShape(g, shape), x0, y0, x1, y1);
}

MultiPolygon dropSlivers(const MultiPolygon& shape, double minArea) {
    MultiPolygon out;
    for (const auto& p : shape)
        if (planarArea(MultiPolygon{p}) >= minArea) out.push_back(p);
    return out;
}

double lineLength(const std::vector<LineString>& lines) {
    double len = 0;
    for (const auto& l : lines)
        for (std::size_t i = 1; i < l.size(); ++i) len += distance(l[i - 1], l[i]);
    return len;
}

FrontLineDeriver::FrontLineDeriver(Geos& g, const MultiPolygon& country, double tol) : g_(g), tol_(tol) {
    const auto h = H(g);
    GeomPtr c = toGeos(h, country);
    GeomPtr cu(c ? GEOSUnaryUnion_r(h, c.get()) : nullptr, GeomDeleter{h});
    GeomPtr outline(cu ? GEOSBoundary_r(h, cu.get()) : nullptr, GeomDeleter{h});
    band_ = outline ? GEOSBuffer_r(h, outline.get(), tol, 2) : nullptr;
    country_ = cu.release();
}

FrontLineDeriver::~FrontLineDeriver() {
    const auto h = H(g_);
    if (country_) GEOSGeom_destroy_r(h, static_cast<GEOSGeometry*>(country_));
    if (band_) GEOSGeom_destroy_r(h, static_cast<GEOSGeometry*>(band_));
}

std::vector<LineString> FrontLineDeriver::derive(const MultiPolygon& held, const MultiPolygon& contested) const {
    const auto h = H(g_);
    std::vector<LineString> out;
    if (held.empty() || !country_ || !band_) return out;
    GeomPtr gh = toGeos(h, held);
    GeomPtr heldU(gh ? GEOSUnaryUnion_r(h, gh.get()) : nullptr, GeomDeleter{h});
    if (!heldU) return out;
    // The other side's territory: the country minus held minus contested.
    GeomPtr other(GEOSDifference_r(h, static_cast<GEOSGeometry*>(country_), heldU.get()), GeomDeleter{h});
    if (other && !contested.empty()) {
        GeomPtr gc = toGeos(h, contested);
        GeomPtr cu(gc ? GEOSUnaryUnion_r(h, gc.get()) : nullptr, GeomDeleter{h});
        if (cu) other.reset(GEOSDifference_r(h, other.get(), cu.get()));
    }
    if (!other || GEOSisEmpty_r(h, other.get())) return out;
    GeomPtr boundary(GEOSBoundary_r(h, heldU.get()), GeomDeleter{h});
    // Only the boundary pieces away from the country's outline can be a front: clip them first (cheap, and it
    // makes the intersection with the other side's territory smaller).
    GeomPtr inner(boundary ? GEOSDifference_r(h, boundary.get(), static_cast<GEOSGeometry*>(band_)) : nullptr,
                  GeomDeleter{h});
    GeomPtr touching(inner ? GEOSIntersection_r(h, inner.get(), other.get()) : nullptr, GeomDeleter{h});
    if (!touching) return out;
    GeomPtr merged(GEOSLineMerge_r(h, touching.get()), GeomDeleter{h});
    std::vector<LineString> pieces;
    collectLines(h, merged ? merged.get() : touching.get(), pieces);
    for (auto& l : pieces)
        if (lineLength({l}) >= tol_) out.push_back(std::move(l));
    return out;
}

double geosArea(Geos& g, const MultiPolygon& shape) {
    const auto h = H(g);
    GeomPtr geom = toGeos(h, shape);
    double a = 0;
    if (geom) GEOSArea_r(h, geom.get(), &a);
    return a;
}

}  // namespace sv::geo
