// PNG output through stb_image_write (Debian's libstb), with optional tEXt metadata (e.g. the map date) and an
// atomic write: a temporary file next to the target, then rename, so a failed export never leaves half a file.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "util/image.hpp"
#include "util/result.hpp"

namespace sv {

struct PngOptions {
    std::vector<std::pair<std::string, std::string>> text;  // tEXt chunks: keyword, Latin-1 text
    int compression = 2;  // zlib level for stb: 1-5 cost the same here, 8 (stb's default) ~35 % more
    int filter = 0;       // PNG row filter; 0 (none) is both the fastest and the smallest for flat map colours
                          // (stb's per-row choice among all five: +60 % time, +18 % size on the default map)
};

std::vector<uint8_t> encodePng(const Image& image, const PngOptions& options = {});
Status writePng(const std::string& path, const Image& image, const PngOptions& options = {});
// Reads the tEXt chunks of a PNG file (for tests and tools).
Result<std::vector<std::pair<std::string, std::string>>> readPngText(const std::string& path);

}  // namespace sv
