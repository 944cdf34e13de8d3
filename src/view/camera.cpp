// Camera math (see camera.hpp).
#include "view/camera.hpp"

#include <algorithm>
#include <cmath>

namespace sv {

void Camera::setViewport(int w, int h) {
    w = std::max(w, 1), h = std::max(h, 1);
    if (w != width_ || h != height_) dirty_ = true;
    width_ = w, height_ = h;
}

void Camera::setCenter(Vec2d c) {
    if (!isFinite(c)) return;
    center_ = c;
    dirty_ = true;
}

void Camera::setScale(double s) {
    if (!std::isfinite(s) || s <= 0) return;
    scale_ = std::clamp(s, kMinScale, kMaxScale);
    dirty_ = true;
}

Vec2d Camera::worldToScreen(Vec2d w) const {
    return {(w.x - center_.x) * scale_ + width_ / 2.0, height_ / 2.0 - (w.y - center_.y) * scale_};
}

Vec2d Camera::screenToWorld(Vec2d s) const {
    return {center_.x + (s.x - width_ / 2.0) / scale_, center_.y - (s.y - height_ / 2.0) / scale_};
}

void Camera::panPixels(Vec2d d) { setCenter({center_.x - d.x / scale_, center_.y + d.y / scale_}); }

void Camera::zoomAbout(Vec2d screen, double factor) {
    if (!std::isfinite(factor) || factor <= 0) return;
    const Vec2d anchor = screenToWorld(screen);
    setScale(scale_ * factor);
    // Put the anchor back under the same screen point.
    const Vec2d now = screenToWorld(screen);
    setCenter(center_ + (anchor - now));
}

void Camera::fit(const Bbox& box, double pad) {
    if (box.empty()) return;
    const double w = std::max(width_ - 2 * pad, 1.0), h = std::max(height_ - 2 * pad, 1.0);
    const double bw = std::max(box.width(), 1e-9), bh = std::max(box.height(), 1e-9);
    setScale(std::min(w / bw, h / bh));
    setCenter(box.center());
}

Bbox Camera::visibleWorld() const {
    Bbox b;
    b.add(screenToWorld({0, 0}));
    b.add(screenToWorld({double(width_), double(height_)}));
    return b;
}

const std::array<float, 16>& Camera::matrix(Vec2d origin) const {
    if (dirty_ || !(origin == matrixOrigin_)) {
        const double sx = 2.0 * scale_ / width_, sy = 2.0 * scale_ / height_;
        matrix_ = {};
        matrix_[0] = static_cast<float>(sx);
        matrix_[5] = static_cast<float>(sy);
        matrix_[10] = 1.0f;
        matrix_[12] = static_cast<float>((origin.x - center_.x) * sx);
        matrix_[13] = static_cast<float>((origin.y - center_.y) * sy);
        matrix_[15] = 1.0f;
        matrixOrigin_ = origin;
        dirty_ = false;
    }
    return matrix_;
}

}  // namespace sv
