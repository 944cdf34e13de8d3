// Outline distance field (see front_field.hpp): scanline rasterisation of the country, then Felzenszwalb &
// Huttenlocher's exact squared Euclidean distance transform on the inside and the outside masks.
#include "geo/front_field.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sv::geo {
namespace {

constexpr float kInf = 1e20f;

// 1-D squared distance transform of f (size n) into d.
void dt1(const float* f, int n, float* d, std::vector<int>& v, std::vector<float>& z) {
    v.assign(static_cast<std::size_t>(n), 0);
    z.assign(static_cast<std::size_t>(n) + 1, 0);
    int k = 0;
    v[0] = 0;
    z[0] = -kInf, z[1] = kInf;
    for (int q = 1; q < n; ++q) {
        float s;
        while (true) {
            const int p = v[static_cast<std::size_t>(k)];
            s = ((f[q] + float(q) * q) - (f[p] + float(p) * p)) / (2.0f * float(q - p));
            if (s > z[static_cast<std::size_t>(k)] || k == 0) break;
            --k;
        }
        if (s <= z[static_cast<std::size_t>(k)]) {
            v[0] = q, z[0] = -kInf, z[1] = kInf, k = 0;
            continue;
        }
        ++k;
        v[static_cast<std::size_t>(k)] = q;
        z[static_cast<std::size_t>(k)] = s;
        z[static_cast<std::size_t>(k) + 1] = kInf;
    }
    k = 0;
    for (int q = 0; q < n; ++q) {
        while (z[static_cast<std::size_t>(k) + 1] < float(q)) ++k;
        const int p = v[static_cast<std::size_t>(k)];
        d[q] = float(q - p) * float(q - p) + f[p];
    }
}

// Squared distance (in cells) from every cell to the nearest cell where `target` is true.
std::vector<float> edt(const std::vector<uint8_t>& target, int w, int h) {
    std::vector<float> g(static_cast<std::size_t>(w) * h);
    for (std::size_t i = 0; i < g.size(); ++i) g[i] = target[i] ? 0.0f : kInf;
    std::vector<int> v;
    std::vector<float> z, f(static_cast<std::size_t>(std::max(w, h))), d(f.size());
    for (int x = 0; x < w; ++x) {
        for (int y = 0; y < h; ++y) f[static_cast<std::size_t>(y)] = g[static_cast<std::size_t>(y) * w + x];
        dt1(f.data(), h, d.data(), v, z);
        for (int y = 0; y < h; ++y) g[static_cast<std::size_t>(y) * w + x] = d[static_cast<std::size_t>(y)];
    }
    for (int y = 0; y < h; ++y) {
        float* row = &g[static_cast<std::size_t>(y) * w];
        std::copy(row, row + w, f.begin());
        dt1(f.data(), w, d.data(), v, z);
        std::copy(d.begin(), d.begin() + w, row);
    }
    return g;
}

}  // namespace

OutlineField::OutlineField(const MultiPolygon& country, double cell) {
    const Bbox b = bounds(country);
    if (b.empty() || !(cell > 0)) return;
    cell_ = cell;
    const double margin = cell * 4;
    x0_ = b.minX - margin, y0_ = b.minY - margin;
    w_ = static_cast<int>(std::ceil((b.width() + 2 * margin) / cell));
    h_ = static_cast<int>(std::ceil((b.height() + 2 * margin) / cell));
    if (static_cast<double>(w_) * h_ > 6e7) {  // a misuse (huge extent, tiny cell): give up rather than eat RAM
        w_ = h_ = 0;
        return;
    }
    // Inside mask by scanlines through the cell centres (even-odd over every ring).
    std::vector<uint8_t> inside(static_cast<std::size_t>(w_) * h_, 0);
    std::vector<double> xs;
    for (int y = 0; y < h_; ++y) {
        const double py = y0_ + (y + 0.5) * cell;
        xs.clear();
        auto ring = [&](const Ring& r) {
            for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
                const Vec2d a = r[i], c = r[j];
                if ((a.y > py) != (c.y > py)) xs.push_back(a.x + (py - a.y) * (c.x - a.x) / (c.y - a.y));
            }
        };
        for (const auto& p : country) {
            ring(p.outer);
            for (const auto& hole : p.holes) ring(hole);
        }
        std::sort(xs.begin(), xs.end());
        for (std::size_t k = 0; k + 1 < xs.size(); k += 2) {
            const int a = std::max(0, static_cast<int>(std::ceil((xs[k] - x0_) / cell - 0.5)));
            const int e = std::min(w_ - 1, static_cast<int>(std::floor((xs[k + 1] - x0_) / cell - 0.5)));
            for (int x = a; x <= e; ++x) inside[static_cast<std::size_t>(y) * w_ + x] = 1;
        }
    }
    std::vector<uint8_t> outside(inside.size());
    for (std::size_t i = 0; i < inside.size(); ++i) outside[i] = !inside[i];
    const auto toOutside = edt(outside, w_, h_), toInside = edt(inside, w_, h_);
    d_.resize(inside.size());
    for (std::size_t i = 0; i < inside.size(); ++i)
        d_[i] = inside[i] ? std::sqrt(toOutside[i]) * static_cast<float>(cell) : -std::sqrt(toInside[i]) * static_cast<float>(cell);
}

double OutlineField::signedDistance(Vec2d p) const {
    if (w_ == 0) return -std::numeric_limits<double>::infinity();
    const int x = static_cast<int>(std::floor((p.x - x0_) / cell_)), y = static_cast<int>(std::floor((p.y - y0_) / cell_));
    if (x < 0 || y < 0 || x >= w_ || y >= h_) return -std::numeric_limits<double>::infinity();
    return d_[static_cast<std::size_t>(y) * w_ + x];
}

}  // namespace sv::geo
