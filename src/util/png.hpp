// PNG output through stb_image_write (Debian's libstb), with optional tEXt metadata (e.g. the map date) and an
// atomic write: a temporary file next to the target, then rename, so a failed export never leaves half a file.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "util/result.hpp"

namespace sv {

struct PngOptions {
    std::vector<std::pair<std::string, std::string>> text;  // tEXt chunks: keyword, Latin-1 text
    int compression = 2;  // zlib level for stb (1 = fastest; stb's default 8 is ~4× slower for ~10 % smaller files)
};

// `rgba` holds `height` rows of `width` RGBA pixels, top row first.
std::vector<uint8_t> encodePng(const uint8_t* rgba, int width, int height, const PngOptions& options = {});
Status writePng(const std::string& path, const uint8_t* rgba, int width, int height, const PngOptions& options = {});
// Writes bytes to path atomically (temporary file, flush, rename).
Status writeFileAtomic(const std::string& path, const void* data, std::size_t size);
// Reads the tEXt chunks of a PNG file (for tests and tools).
Result<std::vector<std::pair<std::string, std::string>>> readPngText(const std::string& path);

}  // namespace sv
