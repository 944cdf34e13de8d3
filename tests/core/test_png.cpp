// PNG output (util/png.hpp, util/image.hpp): pixels and row order read back with stb_image, tEXt metadata read back
// by readPngText and by GDAL's PNG driver (libpng, which checks chunk CRCs), and the atomic write's failure modes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include <gdal.h>
#include <stb_image.h>
#include <zlib.h>

#include "util/png.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using sv::Image;

namespace {

using sv::test::TempDir;

// The value every channel of pixel (x, y) should have, y counted from the top.
uint8_t expected(int x, int y, int c) { return static_cast<uint8_t>(x * 37 + y * 91 + c * 53 + 11); }

// An image whose top row is y = 0, stored top-down or bottom-up.
Image makeImage(int w, int h, int channels, bool bottomUp) {
    Image img;
    img.width = w, img.height = h, img.channels = channels, img.bottomUp = bottomUp;
    img.pixels.resize(static_cast<std::size_t>(w) * h * channels);
    for (int y = 0; y < h; ++y) {
        const int row = bottomUp ? h - 1 - y : y;
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < channels; ++c)
                img.pixels[(static_cast<std::size_t>(row) * w + x) * channels + c] = expected(x, y, c);
    }
    return img;
}

std::vector<std::string> listDir(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("encodePng: stb_image decodes the same pixels, top row first, for either storage order") {
    for (const int channels : {3, 4})
        for (const bool bottomUp : {false, true}) {
            INFO(channels << " channels, bottomUp " << bottomUp);
            const Image img = makeImage(7, 5, channels, bottomUp);
            // Image::at hides the storage order.
            CHECK(img.at(2, 0)[1] == expected(2, 0, 1));
            CHECK(img.at(6, 4)[0] == expected(6, 4, 0));

            for (const int filter : {0, 4}) {
                const auto png = sv::encodePng(img, {{}, 2, filter});
                REQUIRE(png.size() > 33);
                int w = 0, h = 0, n = 0;
                unsigned char* px = stbi_load_from_memory(png.data(), static_cast<int>(png.size()), &w, &h, &n, 0);
                REQUIRE(px != nullptr);
                CHECK(w == 7);
                CHECK(h == 5);
                CHECK(n == channels);
                int wrong = 0;
                for (int y = 0; y < h; ++y)
                    for (int x = 0; x < w; ++x)
                        for (int c = 0; c < n; ++c) wrong += px[(y * w + x) * n + c] != expected(x, y, c);
                CHECK(wrong == 0);
                stbi_image_free(px);
            }
        }
}

TEST_CASE("encodePng refuses an image without pixels") {
    CHECK(sv::encodePng(Image{}).empty());
    Image short_ = makeImage(4, 4, 3, false);
    short_.pixels.resize(10);
    CHECK(sv::encodePng(short_).empty());
}

TEST_CASE("tEXt chunks come back exactly, and libpng accepts them") {
    TempDir dir("png-text");
    const std::string path = (dir.path / "meta.png").string();
    const std::vector<std::pair<std::string, std::string>> text = {
        {"Software", "sitview 0.1.0"},
        {"Source", "Natural Earth; places: Wikipedia, GeoNames"},
        {"Comment", "map date 2022-03-29, view 30.5,50.4 @ 2 px/km"},
        {"Title", ""},
    };
    REQUIRE(sv::writePng(path, makeImage(9, 3, 3, true), {text}).ok());

    auto got = sv::readPngText(path);
    REQUIRE(got.ok());
    CHECK(*got == text);

    // The image still decodes, and libpng (through GDAL's PNG driver, which checks every chunk's CRC) sees the
    // same metadata.
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(path.c_str(), &w, &h, &n, 0);
    REQUIRE(px != nullptr);
    CHECK(px[0] == expected(0, 0, 0));
    stbi_image_free(px);

    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly);
    CPLPopErrorHandler();
    REQUIRE(ds != nullptr);
    CHECK(std::string(GDALGetDriverShortName(GDALGetDatasetDriver(ds))) == "PNG");
    const char* software = GDALGetMetadataItem(ds, "Software", nullptr);
    const char* comment = GDALGetMetadataItem(ds, "Comment", nullptr);
    REQUIRE(software != nullptr);
    REQUIRE(comment != nullptr);
    CHECK(std::string(software) == "sitview 0.1.0");
    CHECK(std::string(comment) == "map date 2022-03-29, view 30.5,50.4 @ 2 px/km");
    GDALClose(ds);

    // Without text, no tEXt chunks.
    REQUIRE(sv::writePng(path, makeImage(2, 2, 3, false)).ok());
    got = sv::readPngText(path);
    REQUIRE(got.ok());
    CHECK(got->empty());
}

TEST_CASE("readPngText rejects what is not a PNG") {
    TempDir dir("png-bad");
    const std::string missing = (dir.path / "none.png").string();
    auto r = sv::readPngText(missing);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == missing + ": cannot read");

    const std::string text = (dir.path / "text.png").string();
    std::FILE* f = std::fopen(text.c_str(), "wb");
    std::fputs("this is not a PNG file at all", f);
    std::fclose(f);
    r = sv::readPngText(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == text + ": not a PNG file");
}

TEST_CASE("writePng: a missing directory fails with the path, no temporary file is ever left behind") {
    TempDir dir("png-write");
    const Image img = makeImage(4, 3, 3, true);

    const std::string nowhere = (dir.path / "no" / "such" / "dir" / "x.png").string();
    auto st = sv::writePng(nowhere, img);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error() == nowhere + ": cannot write: No such file or directory");
    CHECK(listDir(dir.path).empty());

    const std::string ok = (dir.path / "map.png").string();
    REQUIRE(sv::writePng(ok, img).ok());
    CHECK(listDir(dir.path) == std::vector<std::string>{"map.png"});
    // Overwriting replaces the file whole.
    REQUIRE(sv::writePng(ok, makeImage(40, 30, 3, false)).ok());
    CHECK(listDir(dir.path) == std::vector<std::string>{"map.png"});
    int w = 0, h = 0, n = 0;
    REQUIRE(stbi_info(ok.c_str(), &w, &h, &n));
    CHECK(w == 40);
    CHECK(h == 30);

    // The target is a directory: the rename fails, the temporary file goes.
    fs::create_directories(dir.path / "taken.png" / "inside");
    st = sv::writePng((dir.path / "taken.png").string(), img);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().rfind((dir.path / "taken.png").string() + ": cannot write: ", 0) == 0);
    CHECK(listDir(dir.path) == std::vector<std::string>{"map.png", "taken.png"});

    // Nothing to encode: nothing written.
    st = sv::writePng((dir.path / "empty.png").string(), Image{});
    REQUIRE_FALSE(st.ok());
    CHECK(st.error() == (dir.path / "empty.png").string() + ": PNG encoding failed");
    CHECK(listDir(dir.path) == std::vector<std::string>{"map.png", "taken.png"});
}

namespace {

// Whether zlib (which checks the Adler-32) inflates the stream to exactly `want`.
bool inflatesTo(const std::vector<uint8_t>& z, const std::vector<uint8_t>& want) {
    std::vector<uint8_t> back(want.size() + 1);
    uLongf len = back.size();
    return uncompress(back.data(), &len, z.data(), z.size()) == Z_OK && len == want.size() &&
           std::equal(want.begin(), want.end(), back.begin());
}

}  // namespace

TEST_CASE("deflateZlib: any number of pieces inflates back to the input, Adler-32 included") {
    // Runs (what maps are made of), noise and a short tail, so pieces end mid-run and mid-noise.
    std::vector<uint8_t> data(3 * 1024 * 1024 + 17);
    uint32_t rng = 12345;
    for (std::size_t i = 0; i < data.size(); ++i) {
        rng = rng * 1664525u + 1013904223u;
        data[i] = (i / 4096) % 3 == 0 ? static_cast<uint8_t>(rng >> 24) : static_cast<uint8_t>(i / 7000);
    }
    for (const std::size_t pieces : {1, 2, 3, 7}) {
        for (const int level : {1, 6}) {
            INFO(pieces << " pieces, level " << level);
            const auto z = sv::deflateZlib(data.data(), data.size(), level, pieces);
            REQUIRE(z.size() > 6);
            CHECK(z[0] == 0x78);
            CHECK((z[0] * 256 + z[1]) % 31 == 0);  // the header's check bits
            std::vector<uint8_t> back(data.size() + 1);
            uLongf len = back.size();
            // uncompress() checks the trailing Adler-32: a wrong combination fails with Z_DATA_ERROR.
            REQUIRE(uncompress(back.data(), &len, z.data(), z.size()) == Z_OK);
            CHECK(len == data.size());
            CHECK(std::equal(data.begin(), data.end(), back.begin()));
        }
    }
    // Empty input: still one valid stream.
    CHECK(inflatesTo(sv::deflateZlib(nullptr, 0, 1, 0), {}));  // (Z_OK and no bytes)
}

TEST_CASE("encodePng in pieces: stb_image and libpng (which checks the zlib stream's Adler-32) read every pixel") {
    TempDir dir("png-pieces");
    const Image img = makeImage(1301, 997, 3, true);  // 3.9 MB of pixels: several 512 KiB pieces
    for (const int pieces : {1, 2, 5})
      for (const bool scanline : {true, false}) {
        INFO(pieces << " pieces, " << (scanline ? "sitview's scanline deflate" : "zlib"));
        const std::string path = (dir.path / ("p" + std::to_string(pieces) + (scanline ? "s" : "z") + ".png")).string();
        REQUIRE(sv::writePng(path, img, {{}, 1, 0, pieces, scanline}).ok());
        int w = 0, h = 0, n = 0;
        unsigned char* px = stbi_load(path.c_str(), &w, &h, &n, 0);
        REQUIRE(px != nullptr);
        REQUIRE(w == 1301);
        REQUIRE(h == 997);
        int wrong = 0;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                for (int c = 0; c < 3; ++c) wrong += px[(y * w + x) * 3 + c] != expected(x, y, c);
        CHECK(wrong == 0);
        stbi_image_free(px);

        GDALAllRegister();
        GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly);
        REQUIRE(ds != nullptr);
        std::vector<uint8_t> row(1301);
        CPLErrorReset();
        // The last row: libpng reads the whole stream to get there and verifies the Adler-32 at its end.
        CHECK(GDALRasterIO(GDALGetRasterBand(ds, 2), GF_Read, 0, 996, 1301, 1, row.data(), 1301, 1, GDT_Byte, 0, 0) == CE_None);
        CHECK(CPLGetLastErrorType() == CE_None);
        CHECK(row[1300] == expected(1300, 996, 1));
        CHECK(row[5] == expected(5, 996, 1));
        GDALClose(ds);
    }
}

namespace {


// PNG scanlines (filter byte 0, then the row) of a w x h image with `px` bytes per pixel, coloured by `colour`.
template <class Colour>
std::vector<uint8_t> scanlines(int w, int h, int px, Colour colour) {
    std::vector<uint8_t> rows;
    rows.reserve(static_cast<std::size_t>(w * px + 1) * h);
    for (int y = 0; y < h; ++y) {
        rows.push_back(0);
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < px; ++c) rows.push_back(colour(x, y, c));
    }
    return rows;
}

}  // namespace

TEST_CASE("deflateScanlines: maps, noise and edge cases inflate back with zlib, in any number of pieces") {
    uint32_t rng = 99;
    auto noise = [&](int, int, int) { return static_cast<uint8_t>((rng = rng * 1664525u + 1013904223u) >> 24); };
    // A "map": flat areas split by a diagonal border, a few noisy stripes (labels, antialiasing), rows repeating.
    auto map = [&](int x, int y, int c) -> uint8_t {
        if (y % 37 < 3 && x % 50 < 20) return noise(x, y, c);
        return x + y / 2 < 700 ? static_cast<uint8_t>(200 + c) : static_cast<uint8_t>(90 - c * 20);
    };
    struct Case { const char* what; int w, h, px; std::vector<uint8_t> rows; };
    std::vector<Case> cases;
    cases.push_back({"map RGB", 1301, 397, 3, scanlines(1301, 397, 3, map)});
    cases.push_back({"map RGBA", 640, 300, 4, scanlines(640, 300, 4, map)});
    cases.push_back({"map grey", 999, 211, 1, scanlines(999, 211, 1, map)});
    cases.push_back({"noise", 700, 500, 3, scanlines(700, 500, 3, noise)});
    // Rows longer than deflate's 32 KiB window: only the pixel-back distance is usable.
    cases.push_back({"wide", 12000, 12, 3, scanlines(12000, 12, 3, map)});
    cases.push_back({"one pixel", 1, 1, 3, scanlines(1, 1, 3, map)});
    cases.push_back({"flat", 2000, 300, 3, scanlines(2000, 300, 3, [](int, int, int c) { return uint8_t(30 * c); })});
    for (const auto& k : cases) {
        const std::size_t rowBytes = static_cast<std::size_t>(k.w) * k.px + 1;
        for (const std::size_t pieces : {0, 1, 2, 3, 7}) {
            INFO(std::string(k.what) << ", " << pieces << " pieces");
            const auto z = sv::deflateScanlines(k.rows.data(), k.rows.size(), rowBytes, k.px, pieces);
            REQUIRE(z.size() > 6);
            CHECK((z[0] * 256 + z[1]) % 31 == 0);
            CHECK(inflatesTo(z, k.rows));
            if (std::string(k.what) == "noise") {
                // Stored blocks: 5 bytes for each (at most 64 KiB, one more per piece than the size needs), the
                // empty block that ends each piece but the last, and the zlib wrapper's 6.
                const std::size_t p = std::max<std::size_t>(pieces, 2);
                CHECK(z.size() <= k.rows.size() + 5 * (k.rows.size() / 65535 + p) + 5 * (p - 1) + 6);
            }
            if (std::string(k.what) == "flat") CHECK(z.size() < k.rows.size() / 200);  // 1.8 MB of one colour
        }
    }
    // Empty input: one valid, empty stream.
    CHECK(inflatesTo(sv::deflateScanlines(nullptr, 0, 4, 3), {}));
}

TEST_CASE("encodePng's image data is deflateScanlines' stream of the same rows, its pieces started while stb copies") {
    // encodePng starts deflating each piece as soon as stb has copied its rows; the stream must be the one the
    // rows deflated in one go give, byte for byte, for any number of pieces and either row order.
    for (const bool bottomUp : {false, true}) {
        const Image img = makeImage(1301, 997, 3, bottomUp);
        std::vector<uint8_t> rows;  // filter byte 0, then the row, top row first
        for (int y = 0; y < img.height; ++y) {
            rows.push_back(0);
            for (int x = 0; x < img.width; ++x)
                for (int c = 0; c < 3; ++c) rows.push_back(img.at(x, y)[c]);
        }
        for (const int pieces : {1, 2, 3, 7}) {
            INFO(pieces << " pieces, " << (bottomUp ? "bottom-up" : "top-down"));
            const auto png = sv::encodePng(img, {{}, 1, 0, pieces, true});
            std::vector<uint8_t> idat;
            for (std::size_t pos = 8; pos + 12 <= png.size();) {
                const std::size_t len = std::size_t(png[pos]) << 24 | std::size_t(png[pos + 1]) << 16 |
                                        std::size_t(png[pos + 2]) << 8 | png[pos + 3];
                REQUIRE(pos + 12 + len <= png.size());
                if (std::string(reinterpret_cast<const char*>(&png[pos + 4]), 4) == "IDAT")
                    idat.insert(idat.end(), png.begin() + static_cast<long>(pos + 8), png.begin() + static_cast<long>(pos + 8 + len));
                pos += 12 + len;
            }
            const auto whole = sv::deflateScanlines(rows.data(), rows.size(), 1301 * 3 + 1, 3, static_cast<std::size_t>(pieces));
            CHECK(idat.size() == whole.size());
            CHECK(idat == whole);
        }
    }
}

TEST_CASE("deflateScanlines keeps Huffman codes within 15 bits when the byte counts are skewed") {
    // Byte values with Fibonacci counts (2, 3, 5, ... 17711; 46,365 bytes, one block), after the filter byte and the
    // block's end code, once each: their Huffman code is 21 levels deep. As one scanline whose pixel and row are both longer than deflate's 32 KiB window, nothing can
    // match, so every byte is a literal and the block's literal code must be cut to deflate's 15 bits, or zlib
    // refuses the stream.
    std::vector<uint8_t> rows{0};  // the filter byte
    uint32_t a = 2, b = 3;
    for (int v = 0; v < 20; ++v) {
        rows.insert(rows.end(), a, static_cast<uint8_t>(v * 7 + 1));
        const uint32_t c = a + b;
        a = b, b = c;
    }
    uint32_t rng = 7;
    for (std::size_t i = rows.size(); i > 2; --i) std::swap(rows[i - 1], rows[1 + (rng = rng * 1664525u + 1013904223u) % (i - 1)]);
    const auto z = sv::deflateScanlines(rows.data(), rows.size(), rows.size(), rows.size(), 1);
    CHECK(inflatesTo(z, rows));
    CHECK(z.size() < rows.size() * 3 / 4);  // a coded block, not a stored one: the skew makes codes pay
}
