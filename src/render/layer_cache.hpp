// A layer of the map kept in an offscreen image while nothing it shows changes: the static base is drawn once per
// camera move and copied into each frame with glBlitFramebuffer (a plain copy: on llvmpipe ~1 ms at 1920×1080,
// where sampling it as a texture costs 6-8 ms and redrawing the base ~20 ms). Playback then costs the dynamic
// layers alone. While the map is dragged (same zoom, the view moved by whole pixels) the image is moved instead
// of drawn again: only the strips that come into view are drawn (see shiftFor).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "model/geometry.hpp"
#include "render/gl/objects.hpp"

namespace sv {

struct PixelShift {
    int x = 0, y = 0;  // pixels, y down
};

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

    // Dragging. `family` identifies everything the image depends on except where the view is (zoom, size,
    // layers); `centre` is the world point at the middle of the image. set() records both for the image drawn
    // last (after begin or store).
    void set(uint64_t family, Vec2d centre) { family_ = family, centre_ = centre; }
    Vec2d centre() const { return centre_; }
    // For a view of the same family whose middle is elsewhere: `moved` is where the cached image's middle now is
    // on screen minus the middle of the screen (pixels, y down). Returns the shift in whole pixels when the image
    // can be reused moved by it — a whole number of pixels (within 1/1000), at most half the image either way.
    std::optional<PixelShift> shiftFor(uint64_t family, Vec2d moved, int width, int height) const;
    // Copies the cached image into `framebuffer` moved by `shift` (pixels, y down); the strips it leaves are
    // returned as GL rectangles (x, y from the bottom, width, height) for the caller to draw.
    std::vector<std::array<int, 4>> shiftTo(GLuint framebuffer, PixelShift shift) const;
    // Takes the whole of `framebuffer` (same size) as the new image for `key`.
    void store(GLuint framebuffer, uint64_t key);

private:
    gl::Framebuffer fbo_;
    gl::Renderbuffer colour_;
    int w_ = 0, h_ = 0;
    uint64_t key_ = 0, family_ = 0;
    Vec2d centre_;
    bool valid_ = false;
};

}  // namespace sv
