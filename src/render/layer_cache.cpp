// Cached map layers (see layer_cache.hpp).
#include "render/layer_cache.hpp"

#include <algorithm>
#include <cmath>

namespace sv {

bool LayerCache::begin(uint64_t key, int w, int h) {
    if (holds(key, w, h)) return false;
    if (!colour_ || w != w_ || h != h_) {
        colour_ = gl::Renderbuffer::create();
        glBindRenderbuffer(GL_RENDERBUFFER, colour_.id());
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
        glBindRenderbuffer(GL_RENDERBUFFER, 0);
        fbo_ = gl::Framebuffer::create();
        glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour_.id());
        w_ = w, h_ = h;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glViewport(0, 0, w, h);
    key_ = key;
    valid_ = true;
    return true;
}

void LayerCache::done(GLint previous) { glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous)); }

void LayerCache::copyTo(GLuint framebuffer, int w, int h) const {
    if (!valid_) return;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, framebuffer);
    glDisable(GL_SCISSOR_TEST);
    glBlitFramebuffer(0, 0, w_, h_, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
}

std::optional<PixelShift> LayerCache::shiftFor(uint64_t family, Vec2d moved, int w, int h) const {
    if (!valid_ || family != family_ || w != w_ || h != h_) return std::nullopt;
    const double rx = std::round(moved.x), ry = std::round(moved.y);
    if (std::abs(moved.x - rx) > 1e-3 || std::abs(moved.y - ry) > 1e-3) return std::nullopt;  // between pixels
    if (std::abs(rx) > w / 2 || std::abs(ry) > h / 2 || (rx == 0 && ry == 0)) return std::nullopt;
    return PixelShift{static_cast<int>(rx), static_cast<int>(ry)};
}

std::vector<std::array<int, 4>> LayerCache::shiftTo(GLuint framebuffer, PixelShift s) const {
    // In GL's framebuffer coordinates y grows upwards: moving the picture down on screen is a negative y.
    const int dx = s.x, dy = -s.y;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, framebuffer);
    glDisable(GL_SCISSOR_TEST);
    const int sx0 = std::max(0, -dx), sx1 = std::min(w_, w_ - dx), sy0 = std::max(0, -dy), sy1 = std::min(h_, h_ - dy);
    glBlitFramebuffer(sx0, sy0, sx1, sy1, sx0 + dx, sy0 + dy, sx1 + dx, sy1 + dy, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
    std::vector<std::array<int, 4>> strips;
    if (dx > 0) strips.push_back({0, 0, dx, h_});
    if (dx < 0) strips.push_back({w_ + dx, 0, -dx, h_});
    // The horizontal strip leaves out what the vertical one already covers.
    const int x0 = std::max(0, dx), x1 = std::min(w_, w_ + dx);
    if (dy > 0) strips.push_back({x0, 0, x1 - x0, dy});
    if (dy < 0) strips.push_back({x0, h_ + dy, x1 - x0, -dy});
    return strips;
}

void LayerCache::store(GLuint framebuffer, uint64_t key) {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, framebuffer);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo_.id());
    glDisable(GL_SCISSOR_TEST);
    glBlitFramebuffer(0, 0, w_, h_, 0, 0, w_, h_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
    key_ = key;
}

}  // namespace sv
