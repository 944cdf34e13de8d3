// PNG encoding and metadata (see png.hpp).
#include "util/png.hpp"

#include "util/files.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>

#include <unistd.h>

#include <stb_image_write.h>

namespace sv {
namespace {

uint32_t crc32(const uint8_t* data, std::size_t n, uint32_t crc = 0) {
    static const auto table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    crc = ~crc;
    for (std::size_t i = 0; i < n; ++i) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

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
    putBe32(chunk, crc32(body.data(), body.size()));
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
    {
        std::lock_guard lock(stbMutex());  // stb's settings are globals
        stbi_write_png_compression_level = opt.compression;
        stbi_write_force_png_filter = opt.filter;
        stbi_flip_vertically_on_write(img.bottomUp ? 1 : 0);
        ok = stbi_write_png_to_func(append, &out, img.width, img.height, img.channels, img.pixels.data(),
                                    img.width * img.channels);
        stbi_flip_vertically_on_write(0);
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
