// A block of pixels as read back from GL: RGB or RGBA rows, bottom row first when `bottomUp` (GL's order, kept to
// avoid a copy; the PNG writer flips while encoding).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace sv {

// std::allocator, except that resize() leaves new elements default-initialised: for bytes, not zeroed. A read-back
// overwrites every byte; zeroing the 8 MB of a 1920x1080 frame first made the screenshot's read-back step 3.9 ms
// instead of 3.0 (traced). Code that needs zeros says so (assign(n, 0)).
template <class T>
struct UninitialisedAllocator : std::allocator<T> {
    template <class U>
    struct rebind {
        using other = UninitialisedAllocator<U>;
    };
    UninitialisedAllocator() = default;
    template <class U>
    UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
    template <class U>
    void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

using PixelBytes = std::vector<uint8_t, UninitialisedAllocator<uint8_t>>;

struct Image {
    int width = 0, height = 0;
    int channels = 3;
    bool bottomUp = false;
    PixelBytes pixels;  // (resize() does not zero: every byte is written after it)

    // Pixel at (x, y) with y counted from the top, whatever the storage order.
    const uint8_t* at(int x, int y) const {
        const int row = bottomUp ? height - 1 - y : y;
        return &pixels[(static_cast<std::size_t>(row) * width + x) * channels];
    }
};

// Packs `count` RGBA pixels at `p` into RGB in place (alpha dropped; the first count * 3 bytes then hold them).
// GL hands back RGBA rows of an RGBA8 target as a copy, but converts to RGB pixel by pixel: for a 1920x1080 frame
// in llvmpipe 3.4 ms against 0.9 ms plus ~0.7 ms for this (SSSE3; plain code where the CPU lacks it).
void packRgbaToRgb(uint8_t* p, std::size_t count);

}  // namespace sv
