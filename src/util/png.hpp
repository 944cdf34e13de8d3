// PNG output through stb_image_write (Debian's libstb-dev; deflate by zlib in parallel pieces), with optional tEXt metadata (e.g. the map date) and an
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
    int compression = 1;  // zlib level (1-9): 1 is the fastest; on the default map already 6 % smaller than stb's own
    int filter = 0;       // PNG row filter; 0 (none) is both the fastest and the smallest for flat map colours
                          // (stb's per-row choice among all five: 5x the time, +18 % size on the default map)
    int pieces = 0;       // deflated in this many pieces in parallel; 0: one per core, each at least 512 KiB
    bool scanlineDeflate = true;  // at level 1, deflateScanlines (sitview's own) rather than zlib
};

std::vector<uint8_t> encodePng(const Image& image, const PngOptions& options = {});
// A zlib stream (RFC 1950) of n bytes, deflated at `level` in `pieces` parts on as many threads (0: one per core,
// each at least 512 KiB), as pigz does: every part but the last ends on a byte boundary with an empty stored block
// and the Adler-32 is combined from the parts', so any inflater reads one stream. Built with libdeflate, the last
// part is libdeflate's (and so 1.5 times as long as the others, for its speed). Empty on failure.
std::vector<uint8_t> deflateZlib(const uint8_t* data, std::size_t n, int level, std::size_t pieces = 0);
// The same stream by sitview's own scanline deflater (util/row_deflate.hpp): `data` is PNG scanlines of
// `rowBytes` (with the filter byte) and `pixelBytes` per pixel; pieces as above (0: one per core, each at least
// 256 KiB), all deflated the same way.
std::vector<uint8_t> deflateScanlines(const uint8_t* data, std::size_t n, std::size_t rowBytes, std::size_t pixelBytes,
                                      std::size_t pieces = 0);
Status writePng(const std::string& path, const Image& image, const PngOptions& options = {});
// Reads the tEXt chunks of a PNG file (for tests and tools).
Result<std::vector<std::pair<std::string, std::string>>> readPngText(const std::string& path);

}  // namespace sv
