// FBO creation and read-back (see offscreen.hpp).
#include "render/offscreen.hpp"

#include <algorithm>
#include <string>

namespace sv {

int Offscreen::maxSize() {
    GLint rb = 0, vp[2] = {0, 0};
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &rb);
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, vp);
    return std::min({rb, vp[0], vp[1]});
}

Result<Offscreen> Offscreen::create(int w, int h) {
    const int limit = maxSize();
    if (w < 1 || h < 1 || w > limit || h > limit)
        return fail("offscreen size " + std::to_string(w) + "x" + std::to_string(h) + " is outside 1.." +
                    std::to_string(limit) + " (this GL's limit)");
    Offscreen o;
    o.width_ = w, o.height_ = h;
    o.fbo_ = gl::Framebuffer::create();
    o.colour_ = gl::Renderbuffer::create();
    glBindRenderbuffer(GL_RENDERBUFFER, o.colour_.id());
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
    glBindRenderbuffer(GL_RENDERBUFFER, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, o.fbo_.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, o.colour_.id());
    const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (status != GL_FRAMEBUFFER_COMPLETE)
        return fail("offscreen framebuffer incomplete (status 0x" + std::to_string(status) + ")");
    return o;
}

void Offscreen::bind() const {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glViewport(0, 0, width_, height_);
}

void Offscreen::bindDefault() { glBindFramebuffer(GL_FRAMEBUFFER, 0); }

Image readPixels(int x, int y, int w, int h) {
    Image img;
    img.width = w, img.height = h, img.channels = 3, img.bottomUp = true;
    // Read as RGBA (a copy from an RGBA8 target) and packed to RGB here: GL's own RGB conversion goes pixel by pixel
    // (1920x1080 in llvmpipe: 3.4 ms, against 0.9 + 0.7 ms).
    const std::size_t count = static_cast<std::size_t>(w) * h;
    img.pixels.resize(count * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glReadPixels(x, y, w, h, GL_RGBA, GL_UNSIGNED_BYTE, img.pixels.data());
    packRgbaToRgb(img.pixels.data(), count);
    img.pixels.resize(count * 3);
    return img;
}

Image Offscreen::read() const {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.id());
    auto img = readPixels(0, 0, width_, height_);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    return img;
}

}  // namespace sv
