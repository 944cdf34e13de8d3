// A deflate encoder (RFC 1951) made for PNG scanlines of flat-coloured maps, written from the RFC for the screenshot's
// PNG: it looks for repeats at two distances only, one pixel back and one row up, where a map's pixels repeat, and
// codes each block with Huffman codes fitted to it. No hash chains, no window search: on the default 1920x1080 map it
// deflates the rows in about a quarter of the time of zlib at level 1 with libdeflate's help (both on two cores: 2.4
// against 10.3 ms), into a file 4 % larger (427 against 410 KB; bench/png_encode.cpp). Runs of literals are found 30
// bytes at a time, and each symbol's whole code is written with one store.
// Images without such repeats (photographs, noise) come out in stored blocks, never much larger than the input.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sv {

// Raw deflate of data[begin, end), for a stream that holds data[0, end): matches may reach back before `begin`
// (within 32 KiB), into bytes an earlier piece of the same stream carries, so pieces deflated in parallel and
// concatenated are one stream. `rowBytes` is the distance to the byte one row up (a PNG scanline with its filter
// byte), `pixelBytes` the one to the byte one pixel back. With `last`, the stream ends here (a final block, padded to
// a byte); otherwise the piece ends on a byte boundary with an empty stored block, as zlib's Z_SYNC_FLUSH does, so
// that the next piece can follow. Empty if the output would not fit the worst-case bound (never seen; the caller
// then uses zlib).
std::vector<uint8_t> deflateRows(const uint8_t* data, std::size_t begin, std::size_t end, std::size_t rowBytes,
                                 std::size_t pixelBytes, bool last);

}  // namespace sv
