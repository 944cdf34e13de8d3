// PNG encoding and metadata (see png.hpp).
#include "util/png.hpp"

#include "util/files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <thread>

#include <unistd.h>
#include <zlib.h>
#ifdef SITVIEW_LIBDEFLATE
#include <libdeflate.h>
#endif

#include "util/parallel.hpp"
#include "util/row_deflate.hpp"

namespace sv::detail {
unsigned char* deflateForStb(unsigned char* data, int length, int* outLength, int level);
unsigned int crcForStb(unsigned char* data, int length);
void* memmoveForStb(void* dst, const void* src, std::size_t n);
}

// stb_image_write from Debian's libstb-dev header, compiled here (static, so it does not clash with libstb) to plug
// in a faster deflate through its documented STBIW_ZLIB_COMPRESS hook: stb still writes the PNG (filtering, chunks,
// CRCs). At level 1 sitview's own scanline deflate compresses (util/row_deflate.hpp), in parallel pieces; at other
// levels zlib, in parallel pieces, and libdeflate the last of them when it is there. For the default 1920x1080 map
// stb's own deflate took ~86 ms, zlib at level 1 on two threads ~20 ms, with libdeflate's piece ~11 ms, the scanline
// deflate ~5 ms (bench/png_encode.cpp: the PNG step 13.6 -> 8.3 ms, the file 410 -> 427 KB).
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBIW_ZLIB_COMPRESS sv::detail::deflateForStb
#define STBIW_CRC32 sv::detail::crcForStb  // (stb's own goes a byte at a time: ~1 ms for the map's 430 KB IDAT)
#define STBIW_MEMMOVE(a, b, sz) sv::detail::memmoveForStb(a, b, sz)  // (starts deflating rows as they are copied)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <stb_image_write.h>
#pragma GCC diagnostic pop

namespace sv {

namespace {

#ifdef SITVIEW_LIBDEFLATE
// libdeflate compresses the default map's rows in ~13 ms where zlib takes ~20 (level 1, one core, this VM), so the
// last piece, the one libdeflate takes, is that much longer. Its streams always end in a final block, which is why
// it can take only the last piece: the others must end on zlib's empty stored block to be continued.
constexpr double kLastPieceWeight = 1.5;
#else
constexpr double kLastPieceWeight = 1.0;
#endif

struct Piece {
    std::unique_ptr<uint8_t[]> out;  // not zero-filled: the bound's worst case is never touched in full
    std::size_t size = 0;
    uLong adler = 1;
    bool ok = false;
};

// A raw deflate stream of [data, data + n): the last piece ends in a final block, every other one on a byte boundary
// (Z_SYNC_FLUSH), so that the pieces concatenated are one stream.
void deflatePiece(const uint8_t* data, std::size_t n, int level, bool last, Piece& p) {
#ifdef SITVIEW_LIBDEFLATE
    if (last) {
        libdeflate_compressor* c = libdeflate_alloc_compressor(std::clamp(level, 1, 9));
        if (!c) return;
        const std::size_t bound = libdeflate_deflate_compress_bound(c, n);
        p.out.reset(new uint8_t[bound]);
        p.size = libdeflate_deflate_compress(c, data, n, p.out.get(), bound);
        libdeflate_free_compressor(c);
        p.ok = p.size > 0;
        p.adler = libdeflate_adler32(1, data, n);
        return;
    }
#endif
    z_stream z{};
    if (deflateInit2(&z, std::clamp(level, 1, 9), Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return;
    const std::size_t bound = deflateBound(&z, static_cast<uLong>(n)) + 16;
    p.out.reset(new uint8_t[bound]);
    z.next_in = const_cast<Bytef*>(data);
    z.avail_in = static_cast<uInt>(n);
    z.next_out = p.out.get();
    z.avail_out = static_cast<uInt>(bound);
    const int r = deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH);
    p.ok = (last ? r == Z_STREAM_END : r == Z_OK) && z.avail_in == 0;
    p.size = bound - z.avail_out;
    deflateEnd(&z);
    p.adler = adler32(1, data, static_cast<uInt>(n));
}

// How many pieces n bytes are deflated in: `pieces` when given (at most one per byte), else one per core, each at
// least `minPiece`.
std::size_t pieceCount(std::size_t n, std::size_t pieces, std::size_t minPiece) {
    if (pieces == 0) pieces = std::clamp<std::size_t>(n / minPiece, 1, workerCount(n / minPiece));
    return std::clamp<std::size_t>(pieces, 1, std::max<std::size_t>(n, 1));
}

// One zlib stream (RFC 1950) of raw deflate pieces: the header, the pieces in order, and the Adler-32 combined from
// the pieces' own (piece i deflated bytes [cut[i], cut[i + 1]) of the input).
std::vector<uint8_t> zlibStream(const std::vector<std::span<const uint8_t>>& parts, const std::vector<uLong>& adlers,
                                const std::vector<std::size_t>& cut) {
    std::size_t total = 2 + 4;
    for (const auto& p : parts) total += p.size();
    std::vector<uint8_t> z;
    z.reserve(total);
    z.push_back(0x78), z.push_back(0x01);  // deflate with a 32 KiB window; check bits for the "fastest" level
    uLong adler = 1;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        z.insert(z.end(), parts[i].begin(), parts[i].end());
        adler = i ? adler32_combine(adler, adlers[i], static_cast<z_off_t>(cut[i + 1] - cut[i])) : adlers[i];
    }
    for (int s = 24; s >= 0; s -= 8) z.push_back(static_cast<uint8_t>(adler >> s));
    return z;
}

}  // namespace

std::vector<uint8_t> deflateZlib(const uint8_t* data, std::size_t n, int level, std::size_t pieces) {
    pieces = pieceCount(n, pieces, 512 * 1024);  // (below 512 KiB, a thread costs more than it saves)
    // Piece i covers [cut[i], cut[i + 1]): equal shares, the last one weighted by its compressor's speed.
    std::vector<std::size_t> cut(pieces + 1, n);
    const double share = static_cast<double>(n) / (static_cast<double>(pieces - 1) + kLastPieceWeight);
    for (std::size_t i = 0; i < pieces; ++i)
        cut[i] = std::min(n, static_cast<std::size_t>(share * static_cast<double>(i)));
    std::vector<Piece> out(pieces);
    parallelFor(pieces, [&](std::size_t i, unsigned) {
        deflatePiece(data + cut[i], cut[i + 1] - cut[i], level, i + 1 == pieces, out[i]);
    });
    std::vector<std::span<const uint8_t>> parts;
    std::vector<uLong> adlers;
    for (const auto& p : out) {
        if (!p.ok) return {};
        parts.emplace_back(p.out.get(), p.size), adlers.push_back(p.adler);
    }
    return zlibStream(parts, adlers, cut);
}

namespace {

// The scanline deflate of n bytes in pieces, each deflated on a thread of its own as soon as its bytes are there
// (ready()), the last one on the caller's thread in finish(). So the PNG's first pieces are deflated while stb still
// copies the later rows into its buffer.
class ScanlineDeflater {
public:
    ScanlineDeflater(const uint8_t* data, std::size_t n, std::size_t rowBytes, std::size_t pixelBytes, std::size_t pieces)
        : data_(data), n_(n), rowBytes_(rowBytes), pixelBytes_(pixelBytes) {
        pieces = pieceCount(n, pieces, 256 * 1024);
        cut_.assign(pieces + 1, n);
        for (std::size_t i = 0; i < pieces; ++i) cut_[i] = n / pieces * i;
        out_.resize(pieces);
        adlers_.assign(pieces, 1);
        workers_.resize(pieces);
    }
    ScanlineDeflater(const ScanlineDeflater&) = delete;
    ScanlineDeflater& operator=(const ScanlineDeflater&) = delete;
    ~ScanlineDeflater() { join(); }

    const uint8_t* data() const { return data_; }
    std::size_t size() const { return n_; }

    // data[0, bytes) is final: every piece but the last that lies within it starts.
    void ready(std::size_t bytes) {
        while (started_ + 1 < out_.size() && cut_[started_ + 1] <= bytes) {
            const std::size_t i = started_++;
            workers_[i] = std::thread([this, i] { deflatePiece(i); });
        }
    }

    // All of data is final: the last piece here, the others waited for, and the zlib stream of them all.
    std::vector<uint8_t> finish() {
        ready(n_);
        deflatePiece(out_.size() - 1);
        join();
        std::vector<std::span<const uint8_t>> parts;
        for (const auto& p : out_) {
            if (p.empty()) return deflateZlib(data_, n_, 1, out_.size());  // (never seen: over the bound)
            parts.emplace_back(p);
        }
        return zlibStream(parts, adlers_, cut_);
    }

private:
    void deflatePiece(std::size_t i) {
        out_[i] = deflateRows(data_, cut_[i], cut_[i + 1], rowBytes_, pixelBytes_, i + 1 == out_.size());
#ifdef SITVIEW_LIBDEFLATE
        adlers_[i] = libdeflate_adler32(1, data_ + cut_[i], cut_[i + 1] - cut_[i]);  // (vectorised: ~4x zlib's)
#else
        adlers_[i] = adler32_z(1, data_ + cut_[i], cut_[i + 1] - cut_[i]);
#endif
    }
    void join() {
        for (auto& t : workers_)
            if (t.joinable()) t.join();
    }

    const uint8_t* data_;
    std::size_t n_, rowBytes_, pixelBytes_;
    std::vector<std::size_t> cut_;  // piece i: [cut_[i], cut_[i + 1])
    std::vector<std::vector<uint8_t>> out_;
    std::vector<uLong> adlers_;
    std::vector<std::thread> workers_;
    std::size_t started_ = 0;
};

}  // namespace

std::vector<uint8_t> deflateScanlines(const uint8_t* data, std::size_t n, std::size_t rowBytes, std::size_t pixelBytes,
                                      std::size_t pieces) {
    return ScanlineDeflater(data, n, rowBytes, pixelBytes, pieces).finish();
}

namespace detail {

// For the encodePng call in progress (under stbMutex): pieces, and the scanline and pixel sizes of the rows stb
// filtered, for deflateScanlines (0: zlib); with the scanline deflate, the image's rows and where the deflater that
// starts on stb's rows as they are copied lives.
std::size_t gPieces = 0, gRowBytes = 0, gPixelBytes = 0, gRows = 0;
std::optional<ScanlineDeflater>* gEarly = nullptr;

// stb copies each filtered row into its buffer of all rows (filter byte, row, filter byte, row, ...) with this,
// and nothing else before it deflates them: the first copy says where that buffer is, and each one that completes
// a piece of the deflate's starts that piece.
void* memmoveForStb(void* dst, const void* src, std::size_t n) {
    std::memmove(dst, src, n);
    if (gEarly && gRowBytes > 1 && n == gRowBytes - 1) {
        auto* row = static_cast<const uint8_t*>(dst);
        if (!*gEarly) gEarly->emplace(row - 1, gRowBytes * gRows, gRowBytes, gPixelBytes, gPieces);
        ScanlineDeflater& d = **gEarly;
        if (row > d.data() && static_cast<std::size_t>(row - d.data()) + n <= d.size())
            d.ready(static_cast<std::size_t>(row - d.data()) + n);  // (this row and all before it are final)
    }
    return dst;
}

unsigned char* deflateForStb(unsigned char* data, int length, int* outLength, int level) {
    const auto n = static_cast<std::size_t>(std::max(length, 0));
    std::vector<uint8_t> z;
    if (gEarly && *gEarly) {
        ScanlineDeflater& d = **gEarly;
        if (d.data() == data && d.size() == n && level <= 1) z = d.finish();
        gEarly->reset();  // (any piece already started reads stb's buffer: joined here, before stb frees it)
        gEarly = nullptr;
    }
    if (z.empty())
        z = gRowBytes && level <= 1 && n % gRowBytes == 0 ? deflateScanlines(data, n, gRowBytes, gPixelBytes, gPieces)
                                                          : deflateZlib(data, n, level, gPieces);
    auto* copy = z.empty() ? nullptr : static_cast<unsigned char*>(std::malloc(z.size()));  // stb frees it
    if (!copy) return nullptr;
    std::memcpy(copy, z.data(), z.size());
    *outLength = static_cast<int>(z.size());
    return copy;
}

unsigned int crcForStb(unsigned char* data, int length) {
#ifdef SITVIEW_LIBDEFLATE
    return libdeflate_crc32(0, data, static_cast<std::size_t>(std::max(length, 0)));
#else
    return static_cast<unsigned int>(crc32_z(0, data, static_cast<z_size_t>(std::max(length, 0))));
#endif
}

}  // namespace detail

namespace {

void putBe32(std::vector<uint8_t>& out, uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}

std::vector<uint8_t> textChunk(const std::string& key, const std::string& value) {
    std::vector<uint8_t> body;
    const std::string k = key.substr(0, 79);
    body.insert(body.end(), {'t', 'E', 'X', 't'});
    body.insert(body.end(), k.begin(), k.end());
    body.push_back(0);
    body.insert(body.end(), value.begin(), value.end());
    std::vector<uint8_t> chunk;
    putBe32(chunk, static_cast<uint32_t>(body.size() - 4));
    chunk.insert(chunk.end(), body.begin(), body.end());
    putBe32(chunk, static_cast<uint32_t>(crc32_z(0, body.data(), body.size())));
    return chunk;
}

std::mutex& stbMutex() {
    static std::mutex m;
    return m;
}

}  // namespace

std::vector<uint8_t> encodePng(const Image& img, const PngOptions& opt) {
    std::vector<uint8_t> out;
    if (img.width <= 0 || img.height <= 0 || img.pixels.size() < std::size_t(img.width) * img.height * img.channels)
        return out;
    auto append = [](void* ctx, void* data, int size) {
        auto* v = static_cast<std::vector<uint8_t>*>(ctx);
        v->insert(v->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
    };
    int ok = 0;
    std::optional<ScanlineDeflater> early;  // (reset, its threads joined, while the lock is held)
    {
        std::lock_guard lock(stbMutex());  // stb's settings are globals
        stbi_write_png_compression_level = opt.compression;
        stbi_write_force_png_filter = opt.filter;
        detail::gPieces = static_cast<std::size_t>(std::max(opt.pieces, 0));
        detail::gPixelBytes = static_cast<std::size_t>(img.channels);
        detail::gRowBytes = opt.scanlineDeflate ? static_cast<std::size_t>(img.width) * detail::gPixelBytes + 1 : 0;
        detail::gRows = static_cast<std::size_t>(img.height);
        detail::gEarly = opt.scanlineDeflate && opt.compression <= 1 ? &early : nullptr;
        stbi_flip_vertically_on_write(img.bottomUp ? 1 : 0);
        ok = stbi_write_png_to_func(append, &out, img.width, img.height, img.channels, img.pixels.data(),
                                    img.width * img.channels);
        stbi_flip_vertically_on_write(0);
        detail::gEarly = nullptr;
        early.reset();
    }
    if (!ok || out.size() < 33) return {};
    if (!opt.text.empty()) {
        // Insert after the 8-byte signature and the 25-byte IHDR chunk.
        std::vector<uint8_t> chunks;
        for (const auto& [k, v] : opt.text) {
            auto c = textChunk(k, v);
            chunks.insert(chunks.end(), c.begin(), c.end());
        }
        out.insert(out.begin() + 33, chunks.begin(), chunks.end());
    }
    return out;
}

Status writePng(const std::string& path, const Image& img, const PngOptions& opt) {
    const auto bytes = encodePng(img, opt);
    if (bytes.empty()) return fail(path + ": PNG encoding failed");
    return writeFileAtomic(path, bytes.data(), bytes.size());
}

Result<std::vector<std::pair<std::string, std::string>>> readPngText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(path + ": cannot read");
    std::vector<uint8_t> b((std::istreambuf_iterator<char>(in)), {});
    static const uint8_t sig[8] = {137, 80, 78, 71, 13, 10, 26, 10};
    if (b.size() < 8 || std::memcmp(b.data(), sig, 8) != 0) return fail(path + ": not a PNG file");
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t pos = 8;
    while (pos + 12 <= b.size()) {
        const uint32_t len = uint32_t(b[pos]) << 24 | uint32_t(b[pos + 1]) << 16 | uint32_t(b[pos + 2]) << 8 | b[pos + 3];
        if (pos + 12 + len > b.size()) return fail(path + ": truncated chunk");
        const std::string type(reinterpret_cast<const char*>(&b[pos + 4]), 4);
        if (type == "tEXt") {
            const std::string body(reinterpret_cast<const char*>(&b[pos + 8]), len);
            const auto nul = body.find('\0');
            if (nul != std::string::npos) out.emplace_back(body.substr(0, nul), body.substr(nul + 1));
        }
        if (type == "IEND") break;
        pos += 12 + len;
    }
    return out;
}

}  // namespace sv
