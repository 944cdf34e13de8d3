// A layer of the map kept in an offscreen image while nothing it shows changes: the static base is drawn once per
// camera move and copied into each frame with glBlitFramebuffer (a plain copy: on llvmpipe ~1 ms at 1920×1080,
// where sampling it as a texture costs 6-8 ms and redrawing the base ~20 ms). Playback then costs the dynamic
// layers alone.
#pragma once
#include <cstdint>

#include "render/gl/objects.hpp"

namespace sv {

class LayerCache {
public:
    // Binds the cache as the render target when it must be redrawn for `key` at this size (returns true); the
    // caller clears and draws, then calls done(). Returns false (nothing bound) when the cached image is still good.
    bool begin(uint64_t key, int width, int height);  // (allocates the image on first use)
    void done(GLint previousFramebuffer);
    // Copies the cached image into `framebuffer` (same size).
    void copyTo(GLuint framebuffer, int width, int height) const;
    void invalidate() { valid_ = false; }
    // Whether the cached image is good for `key` at this size.
    bool holds(uint64_t key, int width, int height) const { return valid_ && key == key_ && width == w_ && height == h_; }

private:
    gl::Framebuffer fbo_;
    gl::Renderbuffer colour_;
    int w_ = 0, h_ = 0;
    uint64_t key_ = 0;
    bool valid_ = false;
};

}  // namespace sv
