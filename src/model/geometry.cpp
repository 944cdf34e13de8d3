// Planar geometry helpers (see geometry.hpp).
#include "model/geometry.hpp"

#include <algorithm>

namespace sv {

Bbox bounds(const Ring& ring) {
    Bbox b;
    for (const auto& p : ring) b.add(p);
    return b;
}

Bbox bounds(const MultiPolygon& mp) {
    Bbox b;
    for (const auto& poly : mp) b.add(bounds(poly.outer));
    return b;
}

double signedArea(const Ring& r) {
    const std::size_t n = r.size();
    if (n < 3) return 0.0;
    // Shift to the first vertex to keep precision with large projected coordinates.
    const Vec2d o = r[0];
    double twice = 0.0;
    for (std::size_t i = 1; i + 1 < n; ++i) {
        const Vec2d a = r[i] - o, b = r[i + 1] - o;
        twice += a.x * b.y - b.x * a.y;
    }
    return twice / 2.0;
}

double planarArea(const MultiPolygon& mp) {
    double area = 0.0;
    for (const auto& poly : mp) {
        area += std::abs(signedArea(poly.outer));
        for (const auto& h : poly.holes) area -= std::abs(signedArea(h));
    }
    return area;
}

bool pointInRing(const Ring& r, Vec2d p) {
    bool inside = false;
    const std::size_t n = r.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const Vec2d a = r[i], b = r[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
}

bool pointInPolygon(const Polygon& poly, Vec2d p) {
    if (!pointInRing(poly.outer, p)) return false;
    return std::none_of(poly.holes.begin(), poly.holes.end(), [&](const Ring& h) { return pointInRing(h, p); });
}

bool pointInMultiPolygon(const MultiPolygon& mp, Vec2d p) {
    return std::any_of(mp.begin(), mp.end(), [&](const Polygon& poly) { return pointInPolygon(poly, p); });
}

std::size_t vertexCount(const MultiPolygon& mp) {
    std::size_t n = 0;
    for (const auto& poly : mp) {
        n += poly.outer.size();
        for (const auto& h : poly.holes) n += h.size();
    }
    return n;
}

double distanceToSegmentSq(Vec2d p, Vec2d a, Vec2d b) {
    const Vec2d ab = b - a, ap = p - a;
    const double len2 = ab.x * ab.x + ab.y * ab.y;
    double t = len2 > 0 ? (ap.x * ab.x + ap.y * ab.y) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const Vec2d d = ap - ab * t;
    return d.x * d.x + d.y * d.y;
}

}  // namespace sv
