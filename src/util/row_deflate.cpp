// Scanline deflate (see row_deflate.hpp). Block format, code tables and the code-length alphabet follow RFC 1951
// sections 3.2.5-3.2.7.
#include "util/row_deflate.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <memory>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace sv {

namespace {

constexpr std::size_t kWindow = 32768, kMinMatch = 3, kMaxMatch = 258;
constexpr std::size_t kBlockSymbols = 65535;  // symbols per block (each block gets its own codes; one stored block
                                             // if all are literals)
constexpr std::size_t kStoredMax = 65535;
constexpr int kLitLen = 286, kDist = 30, kCodeLen = 19, kMaxBits = 15, kMaxCodeLenBits = 7;

constexpr uint16_t kLenBase[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                   31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr uint8_t kLenExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr uint16_t kDistBase[30] = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
                                    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr uint8_t kDistExtra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
constexpr uint8_t kCodeLenOrder[kCodeLen] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

// Length 3..258 -> index into kLenBase.
const std::array<uint8_t, kMaxMatch + 1>& lengthCodes() {
    static const auto t = [] {
        std::array<uint8_t, kMaxMatch + 1> a{};
        for (int c = 0; c < 29; ++c)
            for (std::size_t l = kLenBase[c]; l <= kMaxMatch && (c == 28 || l < kLenBase[c + 1]); ++l)
                a[l] = static_cast<uint8_t>(c);
        return a;
    }();
    return t;
}

int distanceCode(std::size_t d) {
    int c = 0;
    while (c + 1 < kDist && kDistBase[c + 1] <= d) ++c;
    return c;
}

// Code lengths of an optimal prefix code for `freq`, limited to `limit` bits: Huffman's, then the over-long codes
// shortened and the Kraft sum restored by lengthening the deepest codes that can take it. A code with fewer than two
// used symbols gets two one-bit codes (inflaters want complete codes).
void codeLengths(const uint32_t* freq, int n, int limit, uint8_t* lengths) {
    std::fill(lengths, lengths + n, uint8_t{0});
    std::vector<int> used;
    for (int i = 0; i < n; ++i)
        if (freq[i]) used.push_back(i);
    if (used.size() < 2) {
        const int a = used.empty() ? 0 : used[0];
        lengths[a] = 1, lengths[a == 0 ? 1 : 0] = 1;
        return;
    }
    // Huffman's tree by two queues: leaves sorted by weight, internal nodes made in weight order.
    std::sort(used.begin(), used.end(), [&](int a, int b) { return freq[a] != freq[b] ? freq[a] < freq[b] : a < b; });
    const std::size_t leaves = used.size();
    std::vector<uint64_t> weight(2 * leaves);
    std::vector<int> parent(2 * leaves, -1);
    for (std::size_t i = 0; i < leaves; ++i) weight[i] = freq[used[i]];
    std::size_t leaf = 0, node = leaves, made = leaves;
    auto take = [&] { return (leaf < leaves && (node >= made || weight[leaf] <= weight[node])) ? leaf++ : node++; };
    while (made < 2 * leaves - 1) {
        const std::size_t a = take(), b = take();
        weight[made] = weight[a] + weight[b];
        parent[a] = parent[b] = static_cast<int>(made);
        ++made;
    }
    std::vector<int> depth(2 * leaves - 1, 0);
    for (std::size_t i = 2 * leaves - 1; i-- > 0;)
        if (parent[i] >= 0) depth[i] = depth[static_cast<std::size_t>(parent[i])] + 1;
    std::array<uint32_t, 64> count{};
    for (std::size_t i = 0; i < leaves; ++i) ++count[static_cast<std::size_t>(std::min(depth[i], 63))];
    for (int l = limit + 1; l < 64; ++l) count[limit] += count[l], count[l] = 0;
    uint64_t kraft = 0;
    for (int l = 1; l <= limit; ++l) kraft += uint64_t(count[l]) << (limit - l);
    while (kraft > (uint64_t(1) << limit)) {
        --count[limit];  // one leaf at the limit goes, and a shorter one splits into two a level down
        for (int l = limit - 1; l > 0; --l)
            if (count[l]) {
                --count[l], count[l + 1] += 2;
                break;
            }
        --kraft;
    }
    // The most frequent symbols (at the end of `used`) get the shortest codes.
    std::size_t k = leaves;
    for (int l = 1; l <= limit; ++l)
        for (uint32_t c = 0; c < count[l]; ++c) lengths[used[--k]] = static_cast<uint8_t>(l);
}

// Canonical codes (RFC 1951 3.2.2), bit-reversed for deflate's least-significant-bit-first packing.
void canonicalCodes(const uint8_t* lengths, int n, uint16_t* codes) {
    std::array<uint16_t, kMaxBits + 2> count{}, next{};
    for (int i = 0; i < n; ++i) ++count[lengths[i]];
    count[0] = 0;
    uint16_t code = 0;
    for (int b = 1; b <= kMaxBits; ++b) next[b] = code = static_cast<uint16_t>((code + count[b - 1]) << 1);
    for (int i = 0; i < n; ++i) {
        const int len = lengths[i];
        if (!len) continue;
        uint16_t c = next[len]++, r = 0;
        for (int b = 0; b < len; ++b) r = static_cast<uint16_t>((r << 1) | ((c >> b) & 1));
        codes[i] = r;
    }
}

// Deflate's bits, least significant first. Every put stores the whole 64-bit accumulator and keeps only the bits of
// the last, unfinished byte in it: one unaligned store per code, no branch on how full it is. So a put needs 8 bytes
// of room from the first byte not yet final.
class BitWriter {
public:
    explicit BitWriter(std::size_t capacity) : out_(new uint8_t[capacity]), cap_(capacity) {}  // (not zero-filled)
    void put(uint64_t bits, unsigned n) {  // n <= 56, bits < 2^n
        if (pos_ + 8 > cap_) return void(overflow_ = true);
        acc_ |= bits << fill_;
        fill_ += n;
        store(out_.get() + pos_, acc_);
        pos_ += fill_ >> 3;
        acc_ >>= fill_ & ~7u;  // (fill_ <= 63)
        fill_ &= 7;
    }
    void alignToByte() {
        if (fill_ == 0) return;
        if (pos_ >= cap_) return void(overflow_ = true);
        out_[pos_++] = static_cast<uint8_t>(acc_);
        acc_ = 0, fill_ = 0;
    }
    void bytes(const uint8_t* p, std::size_t n) {  // after alignToByte
        if (n == 0) return;  // (p may be null then: an empty input)
        if (pos_ + n > cap_) return void(overflow_ = true);
        std::memcpy(out_.get() + pos_, p, n);
        pos_ += n;
    }
    bool overflowed() const { return overflow_; }
    std::vector<uint8_t> take() const {
        return overflow_ ? std::vector<uint8_t>{} : std::vector<uint8_t>(out_.get(), out_.get() + pos_);
    }

private:
    static void store(uint8_t* p, uint64_t v) {
        if constexpr (std::endian::native == std::endian::little) {
            std::memcpy(p, &v, 8);
        } else {
            for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
        }
    }
    std::unique_ptr<uint8_t[]> out_;
    std::size_t cap_, pos_ = 0;
    uint64_t acc_ = 0;
    unsigned fill_ = 0;  // bits in acc_ not yet a whole byte: 0-7 between puts
    bool overflow_ = false;
};

// Stored blocks for data[a, b): the last of them final if `final`. Also writes an empty one for a == b.
void storedBlocks(BitWriter& w, const uint8_t* data, std::size_t a, std::size_t b, bool final) {
    do {
        const std::size_t n = std::min(kStoredMax, b - a);
        const bool lastOne = a + n == b;
        w.put(final && lastOne ? 1 : 0, 3);  // BFINAL, BTYPE 00
        w.alignToByte();
        const uint8_t header[4] = {uint8_t(n), uint8_t(n >> 8), uint8_t(~n), uint8_t(~n >> 8)};
        w.bytes(header, 4);
        w.bytes(data + a, n);
        a += n;
    } while (a < b);
}

std::size_t matchLength(const uint8_t* a, const uint8_t* b, std::size_t max) {
    std::size_t k = 0;
#ifdef __SSE2__
    while (k + 16 <= max) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + k));
        const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + k));
        const unsigned differ = ~static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y))) & 0xFFFFu;
        if (differ) return k + static_cast<std::size_t>(__builtin_ctz(differ));
        k += 16;
    }
#endif
    while (k + 8 <= max) {
        uint64_t x, y;
        std::memcpy(&x, a + k, 8);
        std::memcpy(&y, b + k, 8);
        if (x != y) return k + static_cast<std::size_t>(__builtin_ctzll(x ^ y) / 8);
        k += 8;
    }
    while (k < max && a[k] == b[k]) ++k;
    return k;
}

// A parsed symbol: a literal byte (0-255), or a match of length 3-258 one pixel back (256 + length - 3) or one row
// up (512 + length - 3).
constexpr uint16_t kPixelMatch = 256, kRowMatch = 512;

#ifdef __SSE2__
// Bit i set where a[i] == b[i], for i in [0, 32).
uint32_t equalBytes32(const uint8_t* a, const uint8_t* b) {
    const __m128i a0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a));
    const __m128i b0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b));
    const __m128i a1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + 16));
    const __m128i b1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + 16));
    return static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(a0, b0))) |
           static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(a1, b1))) << 16;
}

// Of the 30 positions from `a` on, those where kMinMatch (3) equal bytes begin: bit i for a[i..i+2] == b[i..i+2].
uint32_t matchStarts30(const uint8_t* a, const uint8_t* b) {
    const uint32_t e = equalBytes32(a, b);
    return e & (e >> 1) & (e >> 2) & 0x3FFFFFFFu;
}
#endif

}  // namespace

std::vector<uint8_t> deflateRows(const uint8_t* data, std::size_t begin, std::size_t end, std::size_t rowBytes,
                                 std::size_t pixelBytes, bool last) {
    // Worst case: stored blocks (5 bytes per 64 KiB, and 5 per block of symbols), as every block is stored when that
    // is smaller, plus the empty block that ends a piece; the bound leaves room to spare.
    BitWriter w((end - begin) + (end - begin) / 1024 + 1024);
    const std::size_t dist[2] = {pixelBytes, rowBytes};
    const bool useDist[2] = {pixelBytes >= 1 && pixelBytes <= kWindow, rowBytes >= 1 && rowBytes <= kWindow && rowBytes != pixelBytes};
    const int distCode[2] = {distanceCode(pixelBytes), distanceCode(rowBytes)};
#ifdef __SSE2__
    const std::size_t scanFrom = std::max(useDist[0] ? dist[0] : 0, useDist[1] ? dist[1] : 0);
#endif
    const auto& lenCode = lengthCodes();
    std::vector<uint16_t> symbols(std::min(kBlockSymbols, end - begin + 1));
    std::size_t pos = begin;
    if (pos == end) storedBlocks(w, data, pos, end, last);
    while (pos < end && !w.overflowed()) {
        const std::size_t blockStart = pos;
        std::array<uint32_t, kLitLen> litFreq{};
        std::array<uint32_t, kDist> distFreq{};
        std::size_t count = 0;
        while (pos < end && count < symbols.size()) {
#ifdef __SSE2__
            // Most of a map's literals come in runs (antialiased edges, text). Where every candidate distance can be
            // looked at, 30 positions are tested at once for a match's first three bytes, and the bytes before the
            // first position where one may start are literals: the same parse as testing each position in turn.
            if (pos >= scanFrom && end - pos >= 32) {
                uint32_t starts = 0;
                for (int k = 0; k < 2; ++k)
                    if (useDist[k]) starts |= matchStarts30(data + pos, data + pos - dist[k]);
                const std::size_t lits = std::min<std::size_t>(starts ? static_cast<std::size_t>(__builtin_ctz(starts)) : 30,
                                                               symbols.size() - count);
                for (std::size_t j = 0; j < lits; ++j) {
                    const uint8_t b = data[pos + j];
                    symbols[count++] = b;
                    ++litFreq[b];
                }
                pos += lits;
                if (lits > 0) continue;
            }
#endif
            const std::size_t max = std::min(kMaxMatch, end - pos);
            std::size_t best = 0;
            int which = 0;
            for (int k = 0; k < 2 && best < max; ++k) {  // (one pixel back first: its distance costs fewer bits)
                if (!useDist[k] || pos < dist[k] || max < kMinMatch) continue;
                const uint8_t* a = data + pos;
                const uint8_t* b = a - dist[k];
                if (a[0] != b[0] || a[1] != b[1] || a[2] != b[2]) continue;  // (most literals stop here)
                const std::size_t l = matchLength(a, b, max);
                if (l > best) best = l, which = k;
            }
            if (best >= kMinMatch) {
                symbols[count++] = static_cast<uint16_t>((which ? kRowMatch : kPixelMatch) + best - kMinMatch);
                ++litFreq[257 + lenCode[best]];
                ++distFreq[distCode[which]];
                pos += best;
            } else {
                symbols[count++] = data[pos];
                ++litFreq[data[pos]];
                ++pos;
            }
        }
        ++litFreq[256];
        const bool final = last && pos == end;

        uint8_t litLen[kLitLen], distLen[kDist];
        codeLengths(litFreq.data(), kLitLen, kMaxBits, litLen);
        codeLengths(distFreq.data(), kDist, kMaxBits, distLen);
        int hlit = kLitLen, hdist = kDist;
        while (hlit > 257 && !litLen[hlit - 1]) --hlit;
        while (hdist > 1 && !distLen[hdist - 1]) --hdist;
        // The code lengths, run-length coded with 16 (repeat the last 3-6 times), 17 (3-10 zeros), 18 (11-138 zeros).
        std::vector<uint8_t> all(litLen, litLen + hlit);
        all.insert(all.end(), distLen, distLen + hdist);
        std::vector<std::pair<uint8_t, uint8_t>> runs;  // (symbol, extra bits' value)
        std::array<uint32_t, kCodeLen> clFreq{};
        for (std::size_t i = 0; i < all.size();) {
            std::size_t r = 1;
            while (i + r < all.size() && all[i + r] == all[i]) ++r;
            std::size_t left = r;
            if (all[i] == 0) {
                while (left >= 11) {
                    const std::size_t n = std::min<std::size_t>(left, 138);
                    runs.push_back({18, uint8_t(n - 11)}), left -= n;
                }
                if (left >= 3) runs.push_back({17, uint8_t(left - 3)}), left = 0;
            } else {
                runs.push_back({all[i], 0}), --left;
                while (left >= 3) {
                    const std::size_t n = std::min<std::size_t>(left, 6);
                    runs.push_back({16, uint8_t(n - 3)}), left -= n;
                }
            }
            for (; left > 0; --left) runs.push_back({all[i], 0});
            i += r;
        }
        for (const auto& [s, e] : runs) ++clFreq[s];
        uint8_t clLen[kCodeLen];
        codeLengths(clFreq.data(), kCodeLen, kMaxCodeLenBits, clLen);
        int hclen = kCodeLen;
        while (hclen > 4 && !clLen[kCodeLenOrder[hclen - 1]]) --hclen;

        // Size of the block coded this way, in bits, against storing it.
        uint64_t bits = 3 + 5 + 5 + 4 + 3 * uint64_t(hclen);
        for (const auto& [s, e] : runs) bits += clLen[s] + (s == 16 ? 2 : s == 17 ? 3 : s == 18 ? 7 : 0);
        for (int s = 0; s < kLitLen; ++s) bits += uint64_t(litFreq[s]) * (litLen[s] + (s > 256 ? kLenExtra[s - 257] : 0));
        for (int d = 0; d < kDist; ++d) bits += uint64_t(distFreq[d]) * (distLen[d] + kDistExtra[d]);
        const std::size_t raw = pos - blockStart;
        if (bits / 8 + 1 >= raw + 5 * (raw / kStoredMax + 1)) {
            storedBlocks(w, data, blockStart, pos, final);
            continue;
        }

        uint16_t litCode[kLitLen] = {}, distCodeBits[kDist] = {}, clCode[kCodeLen] = {};
        canonicalCodes(litLen, kLitLen, litCode);
        canonicalCodes(distLen, kDist, distCodeBits);
        canonicalCodes(clLen, kCodeLen, clCode);
        w.put(final ? 1 : 0, 1);
        w.put(2, 2);  // dynamic Huffman codes
        w.put(static_cast<uint32_t>(hlit - 257), 5);
        w.put(static_cast<uint32_t>(hdist - 1), 5);
        w.put(static_cast<uint32_t>(hclen - 4), 4);
        for (int i = 0; i < hclen; ++i) w.put(clLen[kCodeLenOrder[i]], 3);
        for (const auto& [s, e] : runs) {
            w.put(clCode[s], clLen[s]);
            if (s >= 16) w.put(e, s == 16 ? 2 : s == 17 ? 3 : 7);
        }
        // Every symbol's whole code (a match's length code, its extra bits, its distance code and extra bits: at most
        // 48 bits), once per block.
        uint64_t distBits[2];
        unsigned distBitCount[2];
        for (int k = 0; k < 2; ++k) {
            const int c = distCode[k];
            distBits[k] = distCodeBits[c] | uint64_t(dist[k] - kDistBase[c]) << distLen[c];
            distBitCount[k] = distLen[c] + kDistExtra[c];
        }
        std::array<uint64_t, 768> code;
        std::array<uint8_t, 768> codeBits;
        for (int b = 0; b < 256; ++b) code[b] = litCode[b], codeBits[b] = litLen[b];
        for (std::size_t len = kMinMatch; len <= kMaxMatch; ++len) {
            const int c = lenCode[len];
            const unsigned lenBits = litLen[257 + c] + kLenExtra[c];
            const uint64_t lenCodeBits = litCode[257 + c] | uint64_t(len - kLenBase[c]) << litLen[257 + c];
            for (int k = 0; k < 2; ++k) {
                const std::size_t s = (k ? kRowMatch : kPixelMatch) + len - kMinMatch;
                code[s] = lenCodeBits | distBits[k] << lenBits;
                codeBits[s] = static_cast<uint8_t>(lenBits + distBitCount[k]);
            }
        }
        for (std::size_t i = 0; i < count; ++i) w.put(code[symbols[i]], codeBits[symbols[i]]);
        w.put(litCode[256], litLen[256]);
    }
    if (!last) storedBlocks(w, data, end, end, false);  // the byte-aligned empty block a next piece follows
    w.alignToByte();
    return w.take();
}

}  // namespace sv
