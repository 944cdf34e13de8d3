// RGBA to RGB packing in place (util/image.hpp), as the read-back of every screenshot and export uses it.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "util/image.hpp"

TEST_CASE("packRgbaToRgb drops alpha in place and keeps every pixel's RGB, for any pixel count") {
    // Counts around the four-pixel steps, and a 1920-pixel row; each byte distinct enough that a pixel read from
    // a neighbour's place or a byte from another channel shows.
    for (std::size_t count : std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 1920, 1921}) {
        std::vector<uint8_t> p(count * 4);
        for (std::size_t i = 0; i < count; ++i) {
            p[4 * i] = static_cast<uint8_t>(i * 7 + 1);
            p[4 * i + 1] = static_cast<uint8_t>(i * 13 + 2);
            p[4 * i + 2] = static_cast<uint8_t>(i * 29 + 3);
            p[4 * i + 3] = static_cast<uint8_t>(0xA5 ^ i);  // alpha: must vanish
        }
        sv::packRgbaToRgb(p.data(), count);
        CAPTURE(count);
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < count; ++i)
            wrong += p[3 * i] != static_cast<uint8_t>(i * 7 + 1) || p[3 * i + 1] != static_cast<uint8_t>(i * 13 + 2) ||
                     p[3 * i + 2] != static_cast<uint8_t>(i * 29 + 3);
        CHECK(wrong == 0);
    }
}
