// Plain geometry value types that every module shares (no GDAL/GEOS types travel past the loader), plus the
// few exact, allocation-free computations the UI needs every frame: bounding boxes, planar area, point in polygon.
#pragma once
#include <cmath>
#include <algorithm>
#include <limits>
#include <vector>

namespace sv {

struct Vec2d {
    double x = 0, y = 0;
    friend Vec2d operator+(Vec2d a, Vec2d b) { return {a.x + b.x, a.y + b.y}; }
    friend Vec2d operator-(Vec2d a, Vec2d b) { return {a.x - b.x, a.y - b.y}; }
    friend Vec2d operator*(Vec2d a, double s) { return {a.x * s, a.y * s}; }
    friend bool operator==(Vec2d a, Vec2d b) { return a.x == b.x && a.y == b.y; }
};

inline bool isFinite(Vec2d p) { return std::isfinite(p.x) && std::isfinite(p.y); }
inline double distance(Vec2d a, Vec2d b) { return std::hypot(a.x - b.x, a.y - b.y); }

struct Bbox {
    double minX = std::numeric_limits<double>::infinity(), minY = std::numeric_limits<double>::infinity();
    double maxX = -std::numeric_limits<double>::infinity(), maxY = -std::numeric_limits<double>::infinity();

    bool empty() const { return !(minX <= maxX && minY <= maxY); }
    void add(Vec2d p) {
        minX = std::min(minX, p.x), minY = std::min(minY, p.y);
        maxX = std::max(maxX, p.x), maxY = std::max(maxY, p.y);
    }
    void add(const Bbox& b) {
        if (b.empty()) return;
        add(Vec2d{b.minX, b.minY});
        add(Vec2d{b.maxX, b.maxY});
    }
    bool contains(Vec2d p) const { return p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY; }
    bool contains(const Bbox& b) const { return !empty() && !b.empty() && b.minX >= minX && b.maxX <= maxX && b.minY >= minY && b.maxY <= maxY; }
    bool intersects(const Bbox& b) const {
        return !empty() && !b.empty() && minX <= b.maxX && b.minX <= maxX && minY <= b.maxY && b.minY <= maxY;
    }
    Vec2d center() const { return {(minX + maxX) / 2, (minY + maxY) / 2}; }
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
};

// Rings are closed implicitly: the last point is not a repeat of the first.
using Ring = std::vector<Vec2d>;
using LineString = std::vector<Vec2d>;

struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
};
using MultiPolygon = std::vector<Polygon>;

Bbox bounds(const Ring& ring);
Bbox bounds(const MultiPolygon& mp);
// Shoelace area; positive for counter-clockwise rings.
double signedArea(const Ring& ring);
// Planar area of the polygon(s) in squared map units: outer rings minus holes (assumes valid, non-overlapping parts).
double planarArea(const MultiPolygon& mp);
bool pointInRing(const Ring& ring, Vec2d p);
// Inside an outer ring and not inside any of its holes.
bool pointInPolygon(const Polygon& poly, Vec2d p);
bool pointInMultiPolygon(const MultiPolygon& mp, Vec2d p);
std::size_t vertexCount(const MultiPolygon& mp);
// Squared distance from p to segment ab.
double distanceToSegmentSq(Vec2d p, Vec2d a, Vec2d b);

}  // namespace sv
