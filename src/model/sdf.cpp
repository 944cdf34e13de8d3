// Signed distance fields (see sdf.hpp).
#include "model/sdf.hpp"

#include <algorithm>
#include <cmath>
#include <limits>



namespace sv {

GridSpec gridFor(const Bbox& box, int longSide) {
    GridSpec g;
    longSide = std::max(longSide, 8);
    const double w = std::max(box.width(), 1e-9), h = std::max(box.height(), 1e-9);
    g.cell = std::max(w, h) / (longSide - 2);
    g.width = static_cast<int>(std::ceil(w / g.cell)) + 2;
    g.height = static_cast<int>(std::ceil(h / g.cell)) + 2;
    g.box = Bbox{};
    g.box.add(Vec2d{box.minX - g.cell, box.minY - g.cell});
    g.box.add(Vec2d{box.minX - g.cell + g.width * g.cell, box.minY - g.cell + g.height * g.cell});
    return g;
}

void rasterTriangles(std::vector<uint8_t>& mask, const GridSpec& g, const FillMesh& mesh,
                     const std::vector<MeshRange>& ranges, Vec2d origin) {
    mask.resize(static_cast<std::size_t>(g.width) * g.height, 0);
    // Cell centre (i + ½, j + ½) in grid units; a triangle covers the centres of a scanline between its edges.
    auto gx = [&](const Vec2f& v) { return (v.x + origin.x - g.box.minX) / g.cell - 0.5; };
    auto gy = [&](const Vec2f& v) { return (v.y + origin.y - g.box.minY) / g.cell - 0.5; };
    for (const auto& r : ranges)
        for (uint32_t k = r.first; k + 3 <= r.first + r.count && k + 3 <= mesh.indices.size(); k += 3) {
            double x[3], y[3];
            for (int q = 0; q < 3; ++q) {
                const Vec2f& v = mesh.vertices[mesh.indices[k + static_cast<uint32_t>(q)]];
                x[q] = gx(v), y[q] = gy(v);
            }
            const double y0 = std::min({y[0], y[1], y[2]}), y1 = std::max({y[0], y[1], y[2]});
            const int j0 = std::max(0, static_cast<int>(std::ceil(y0))), j1 = std::min(g.height - 1, static_cast<int>(std::floor(y1)));
            for (int j = j0; j <= j1; ++j) {
                double lo = std::numeric_limits<double>::infinity(), hi = -lo;
                for (int e = 0; e < 3; ++e) {
                    const int f = (e + 1) % 3;
                    const double ya = y[e], yb = y[f];
                    if (ya == yb) {
                        if (ya == j) lo = std::min({lo, x[e], x[f]}), hi = std::max({hi, x[e], x[f]});
                        continue;
                    }
                    if ((j < std::min(ya, yb)) || (j > std::max(ya, yb))) continue;
                    const double xi = x[e] + (j - ya) / (yb - ya) * (x[f] - x[e]);
                    lo = std::min(lo, xi), hi = std::max(hi, xi);
                }
                if (!(lo <= hi)) continue;
                // Half-open on the right so triangles sharing an edge do not both claim a centre (harmless here).
                const int i0 = std::max(0, static_cast<int>(std::ceil(lo))), i1 = std::min(g.width - 1, static_cast<int>(std::floor(hi)));
                uint8_t* row = mask.data() + static_cast<std::size_t>(j) * g.width;
                for (int i = i0; i <= i1; ++i) row[i] = 1;
            }
        }
}

namespace {

// 1-D squared distance transform of f (Felzenszwalb & Huttenlocher 2012), n samples with stride.
void edt1d(float* f, int n, int stride, std::vector<float>& d, std::vector<int>& v, std::vector<float>& z) {
    constexpr float kInf = 1e20f;
    d.resize(static_cast<std::size_t>(n));
    v.resize(static_cast<std::size_t>(n));
    z.resize(static_cast<std::size_t>(n) + 1);
    int k = 0;
    v[0] = 0, z[0] = -kInf, z[1] = kInf;
    auto F = [&](int q) { return f[static_cast<std::ptrdiff_t>(q) * stride]; };
    for (int q = 1; q < n; ++q) {
        float s;
        while (true) {
            const int p = v[static_cast<std::size_t>(k)];
            s = ((F(q) + float(q) * q) - (F(p) + float(p) * p)) / (2.0f * (q - p));
            if (s <= z[static_cast<std::size_t>(k)] && k > 0) --k;
            else break;
        }
        if (s <= z[static_cast<std::size_t>(k)]) {  // k == 0 and the new parabola dominates everywhere
            v[0] = q, z[0] = -kInf, z[1] = kInf;
            continue;
        }
        ++k;
        v[static_cast<std::size_t>(k)] = q, z[static_cast<std::size_t>(k)] = s, z[static_cast<std::size_t>(k) + 1] = kInf;
    }
    k = 0;
    for (int q = 0; q < n; ++q) {
        while (z[static_cast<std::size_t>(k) + 1] < q) ++k;
        const int p = v[static_cast<std::size_t>(k)];
        d[static_cast<std::size_t>(q)] = float(q - p) * (q - p) + F(p);
    }
    for (int q = 0; q < n; ++q) f[static_cast<std::ptrdiff_t>(q) * stride] = d[static_cast<std::size_t>(q)];
}

// Squared distance (cells²) from every cell to the nearest cell where mask == target.
std::vector<float> squaredDistanceTo(const GridSpec& g, const std::vector<uint8_t>& mask, uint8_t target) {
    constexpr float kInf = 1e20f;
    std::vector<float> f(mask.size());
    for (std::size_t i = 0; i < mask.size(); ++i) f[i] = (mask[i] != 0) == (target != 0) ? 0.0f : kInf;
    std::vector<float> d, z;
    std::vector<int> v;
    for (int i = 0; i < g.width; ++i) edt1d(f.data() + i, g.height, g.width, d, v, z);
    for (int j = 0; j < g.height; ++j) edt1d(f.data() + static_cast<std::size_t>(j) * g.width, g.width, 1, d, v, z);
    return f;
}

}  // namespace

std::vector<float> signedDistance(const GridSpec& g, const std::vector<uint8_t>& mask) {
    const auto toIn = squaredDistanceTo(g, mask, 1), toOut = squaredDistanceTo(g, mask, 0);
    const float far = static_cast<float>(g.width + g.height);
    std::vector<float> out(mask.size());
    for (std::size_t i = 0; i < mask.size(); ++i) {
        if (mask[i]) out[i] = toOut[i] >= 1e19f ? -far : -(std::sqrt(toOut[i]) - 0.5f);
        else out[i] = toIn[i] >= 1e19f ? far : std::sqrt(toIn[i]) - 0.5f;
    }
    return out;
}

double morphArea(const GridSpec& g, const std::vector<float>& a, const std::vector<float>& b, double t) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
        if ((1.0 - t) * a[i] + t * b[i] < 0) ++n;
    return static_cast<double>(n) * g.cellArea();
}

}  // namespace sv
