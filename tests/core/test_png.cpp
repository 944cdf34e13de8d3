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

TEST_CASE("writePng: a missing directory fails with the path; no temporary file is ever left behind") {
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
    const auto empty = sv::deflateZlib(nullptr, 0, 1, 0);
    uLongf len = 1;
    uint8_t none[1];
    CHECK(uncompress(none, &len, empty.data(), empty.size()) == Z_OK);
    CHECK(len == 0);
}

TEST_CASE("encodePng in pieces: stb_image and libpng (which checks the zlib stream's Adler-32) read every pixel") {
    TempDir dir("png-pieces");
    const Image img = makeImage(1301, 997, 3, true);  // 3.9 MB of pixels: several 512 KiB pieces
    for (const int pieces : {1, 2, 5}) {
        INFO(pieces << " pieces");
        const std::string path = (dir.path / ("p" + std::to_string(pieces) + ".png")).string();
        REQUIRE(sv::writePng(path, img, {{}, 1, 0, pieces}).ok());
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
