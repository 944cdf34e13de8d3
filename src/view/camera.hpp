// The map camera as pure math: centre (map CRS units), scale (pixels per map unit) and viewport size; world↔screen
// conversions, zoom about a screen point, fit to a box, and the clip-space matrix (cached, rebuilt when dirty).
// Screen coordinates are framebuffer pixels, origin top-left, y down. No GL here.
#pragma once
#include <array>

#include "model/geometry.hpp"

namespace sv {

class Camera {
public:
    static constexpr double kMinScale = 1e-6;  // ~ whole Earth on a small window in metres
    static constexpr double kMaxScale = 10.0;  // 10 px per metre

    void setViewport(int width, int height);
    int width() const { return width_; }
    int height() const { return height_; }

    Vec2d center() const { return center_; }
    double scale() const { return scale_; }
    void setCenter(Vec2d c);
    void setScale(double s);  // clamped to [kMinScale, kMaxScale]

    Vec2d worldToScreen(Vec2d w) const;
    Vec2d screenToWorld(Vec2d s) const;
    // Moves the map by `delta` screen pixels (drag: the point under the cursor follows it).
    void panPixels(Vec2d delta);
    // Multiplies the scale by `factor` while the world point under `screen` stays under it.
    void zoomAbout(Vec2d screen, double factor);
    // Centres `box` and picks the largest scale that shows it whole with `paddingPx` around.
    void fit(const Bbox& box, double paddingPx = 24.0);
    Bbox visibleWorld() const;

    // Column-major 4×4 matrix taking (world − origin), as float, to clip space.
    const std::array<float, 16>& matrix(Vec2d origin) const;

private:
    Vec2d center_{0, 0};
    double scale_ = 1e-3;
    int width_ = 1, height_ = 1;
    mutable std::array<float, 16> matrix_{};
    mutable Vec2d matrixOrigin_{};
    mutable bool dirty_ = true;
};

}  // namespace sv
