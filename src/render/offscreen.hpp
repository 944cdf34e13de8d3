// An offscreen render target (framebuffer object with one RGBA8 colour renderbuffer) and pixel read-back, for
// headless PNGs and exports at sizes other than the window's.
#pragma once
#include <cstdint>
#include <vector>

#include "render/gl/objects.hpp"
#include "util/image.hpp"
#include "util/result.hpp"

namespace sv {

class Offscreen {
public:
    // Fails when the size exceeds GL_MAX_RENDERBUFFER_SIZE / GL_MAX_VIEWPORT_DIMS or the FBO is incomplete.
    static Result<Offscreen> create(int width, int height);
    static int maxSize();

    void bind() const;
    static void bindDefault();
    // RGB pixels in GL's bottom-up row order.
    Image read() const;
    int width() const { return width_; }
    int height() const { return height_; }

private:
    gl::Framebuffer fbo_;
    gl::Renderbuffer colour_;  // the map needs no depth or stencil
    int width_ = 0, height_ = 0;
};

// Reads RGB pixels of the bound read framebuffer (e.g. the window's back buffer before the swap), bottom-up.
Image readPixels(int x, int y, int width, int height);

}  // namespace sv
