// RGBA to RGB packing (see image.hpp).
#include "util/image.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define SITVIEW_X86 1
#endif

namespace sv {
namespace {

// Pixel i moves from byte 4i to byte 3i. Going forward, a write never reaches a byte not yet read: pixel i's bytes
// go to 3i..3i + 2 < 4i + 4, and packSsse3's 16-byte store of pixels i..i+3 ends at 3i + 15 < 4(i + 4).
void packPlain(uint8_t* p, std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < count; ++i) {
        p[3 * i] = p[4 * i];
        p[3 * i + 1] = p[4 * i + 1];
        p[3 * i + 2] = p[4 * i + 2];
    }
}

#ifdef SITVIEW_X86
__attribute__((target("ssse3"))) void packSsse3(uint8_t* p, std::size_t count) {
    const __m128i drop = _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
    std::size_t i = 0;
    // Four pixels a step. The store's last 4 bytes are zeros, overwritten by the next step (after the last step
    // they lie beyond the packed pixels, in bytes already read).
    for (; i + 4 <= count; i += 4) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 4 * i));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(p + 3 * i), _mm_shuffle_epi8(v, drop));
    }
    packPlain(p, i, count);
}
#endif

}  // namespace

void packRgbaToRgb(uint8_t* p, std::size_t count) {
#ifdef SITVIEW_X86
    if (__builtin_cpu_supports("ssse3")) return packSsse3(p, count);
#endif
    packPlain(p, 0, count);
}

}  // namespace sv
