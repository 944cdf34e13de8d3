// PNG encoding of one picture, side by side: the screenshot's PNG step with zlib's deflate (the pieces on every core,
// libdeflate's last when built with it) and with sitview's scanline deflate (util/row_deflate.hpp), rounds
// interleaved so the machine's noise hits both alike. Also the deflate step alone, on the rows stb filters (filter
// byte 0 before each row). Prints one figure per line: `name value unit`.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <stb_image.h>

#include "util/png.hpp"

using namespace sv;

namespace {

double ms(const std::chrono::steady_clock::time_point& t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s IMAGE.png [ROUNDS=31]\n", argv[0]);
        return 2;
    }
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 31;
    Image img;
    int n = 0;
    unsigned char* px = stbi_load(argv[1], &img.width, &img.height, &n, 3);
    if (!px) {
        std::fprintf(stderr, "%s: cannot read: %s\n", argv[1], stbi_failure_reason());
        return 1;
    }
    img.channels = 3;
    img.pixels.assign(px, px + static_cast<std::size_t>(img.width) * img.height * 3);
    stbi_image_free(px);
    const std::size_t rowBytes = static_cast<std::size_t>(img.width) * 3 + 1;
    std::vector<uint8_t> rows(rowBytes * static_cast<std::size_t>(img.height));
    for (int y = 0; y < img.height; ++y) {
        rows[y * rowBytes] = 0;
        std::memcpy(&rows[y * rowBytes + 1], &img.pixels[static_cast<std::size_t>(y) * (rowBytes - 1)], rowBytes - 1);
    }

    std::vector<double> pngZlib, pngRows, deflZlib, deflRows;
    std::size_t sizeZlib = 0, sizeRows = 0, zZlib = 0, zRows = 0;
    for (int r = 0; r < rounds; ++r) {
        const bool rowsFirst = r % 2;  // alternate the order too
        for (int k = 0; k < 2; ++k) {
            const bool useRows = (k == 0) == rowsFirst;
            PngOptions opt;
            opt.scanlineDeflate = useRows;
            auto t0 = std::chrono::steady_clock::now();
            const auto png = encodePng(img, opt);
            (useRows ? pngRows : pngZlib).push_back(ms(t0));
            (useRows ? sizeRows : sizeZlib) = png.size();
            t0 = std::chrono::steady_clock::now();
            const auto z = useRows ? deflateScanlines(rows.data(), rows.size(), rowBytes, 3)
                                   : deflateZlib(rows.data(), rows.size(), 1);
            (useRows ? deflRows : deflZlib).push_back(ms(t0));
            (useRows ? zRows : zZlib) = z.size();
        }
    }
    std::printf("image %dx%d (%zu bytes of scanlines), %d rounds\n", img.width, img.height, rows.size(), rounds);
    std::printf("png_zlib_ms %.2f\npng_scanline_ms %.2f\n", median(pngZlib), median(pngRows));
    std::printf("png_zlib_bytes %zu\npng_scanline_bytes %zu\n", sizeZlib, sizeRows);
    std::printf("deflate_zlib_ms %.2f\ndeflate_scanline_ms %.2f\n", median(deflZlib), median(deflRows));
    std::printf("deflate_zlib_bytes %zu\ndeflate_scanline_bytes %zu\n", zZlib, zRows);
    std::vector<double> ratio;
    for (int r = 0; r < rounds; ++r) ratio.push_back(pngRows[r] / pngZlib[r]);
    std::printf("png_scanline_to_zlib_ratio %.2f\n", median(ratio));
    return 0;
}
