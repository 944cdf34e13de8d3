// Text handling (see text.hpp).
#include "reporting/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace sv::text {

namespace {

// The code point starting at p[i] and its length in bytes, or 0 when the bytes there are not valid UTF-8 (a stray
// continuation byte, a truncated sequence, an overlong form, a surrogate or a value beyond U+10FFFF).
int nextCodePoint(const unsigned char* p, std::size_t n, std::size_t i, char32_t& cp) {
    const unsigned char c = p[i];
    int len = 0;
    if (c < 0x80) cp = c, len = 1;
    else if (c >= 0xC2 && c <= 0xDF) cp = c & 0x1F, len = 2;
    else if (c >= 0xE0 && c <= 0xEF) cp = c & 0x0F, len = 3;
    else if (c >= 0xF0 && c <= 0xF4) cp = c & 0x07, len = 4;
    if (len == 0 || i + static_cast<std::size_t>(len) > n) return 0;
    for (int k = 1; k < len; ++k) {
        if ((p[i + k] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

// The end of the run of ASCII bytes starting at p[i], eight bytes at a time (most article text is ASCII).
std::size_t asciiRunEnd(const unsigned char* p, std::size_t n, std::size_t i) {
    for (uint64_t w = 0; i + 8 <= n; i += 8) {
        std::memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ull) break;
    }
    while (i < n && p[i] < 0x80) ++i;
    return i;
}

}  // namespace

std::u32string decode(std::string_view s, std::vector<std::size_t>* bad) {
    // At most one code point per byte: fill a buffer of that size and cut it to what was written.
    std::u32string out(s.size(), U'\0');
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0, o = 0;
    while (i < n) {
        const std::size_t ascii = asciiRunEnd(p, n, i);
        for (; i < ascii; ++i) out[o++] = p[i];
        if (i == n) break;
        char32_t cp = 0;
        if (const int len = nextCodePoint(p, n, i, cp)) {
            out[o++] = cp;
            i += static_cast<std::size_t>(len);
        } else {
            if (bad) bad->push_back(i);
            out[o++] = U'\uFFFD';
            ++i;
        }
    }
    out.resize(o);
    return out;
}

std::string encode(std::u32string_view t) {
    // The exact length first, then the bytes into a string of that size (no growth while appending).
    std::size_t n = 0;
    for (char32_t c : t) n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    std::string out(n, '\0');
    char* o = out.data();
    for (char32_t c : t) {
        if (c < 0x80) {
            *o++ = static_cast<char>(c);
        } else if (c < 0x800) {
            *o++ = static_cast<char>(0xC0 | (c >> 6));
            *o++ = static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            *o++ = static_cast<char>(0xE0 | (c >> 12));
            *o++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            *o++ = static_cast<char>(0x80 | (c & 0x3F));
        } else {
            *o++ = static_cast<char>(0xF0 | (c >> 18));
            *o++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            *o++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            *o++ = static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

bool validUtf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    for (std::size_t i = asciiRunEnd(p, n, 0); i < n; i = asciiRunEnd(p, n, i)) {
        char32_t cp = 0;
        const int len = nextCodePoint(p, n, i, cp);
        if (!len) return false;
        i += static_cast<std::size_t>(len);
    }
    return true;
}

namespace {

// Latin-1 Supplement 0xC0..0xFF folded to a lower-case base letter (0 = not a letter: keep).
constexpr char kLatin1[64] = {'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
                              'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 't', 's',
                              'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
                              'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 't', 'y'};
// Latin Extended-A 0x100..0x17F, pairs of upper/lower case: the base letter of each pair.
constexpr char kExtA[128] = {
    'a', 'a', 'a', 'a', 'a', 'a', 'c', 'c', 'c', 'c', 'c', 'c', 'c', 'c', 'd', 'd', 'd', 'd', 'e', 'e', 'e', 'e',
    'e', 'e', 'e', 'e', 'e', 'e', 'g', 'g', 'g', 'g', 'g', 'g', 'g', 'g', 'h', 'h', 'h', 'h', 'i', 'i', 'i', 'i',
    'i', 'i', 'i', 'i', 'i', 'i', 'i', 'i', 'j', 'j', 'k', 'k', 'k', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l',
    'l', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'r', 'r', 'r', 'r',
    'r', 'r', 's', 's', 's', 's', 's', 's', 's', 's', 't', 't', 't', 't', 't', 't', 'u', 'u', 'u', 'u', 'u', 'u',
    'u', 'u', 'u', 'u', 'u', 'u', 'w', 'w', 'y', 'y', 'y', 'z', 'z', 'z', 'z', 'z', 'z', 's'};

}  // namespace

char32_t fold(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c < 0x80) return c;
    if (c >= 0xC0 && c <= 0xFF) return kLatin1[c - 0xC0] ? static_cast<char32_t>(kLatin1[c - 0xC0]) : c;
    if (c >= 0x100 && c <= 0x17F) return static_cast<char32_t>(kExtA[c - 0x100]);
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;  // Cyrillic А..Я
    if (c >= 0x400 && c <= 0x40F) c += 0x50;        // Ѐ..Џ → ѐ..џ
    if (c >= 0x460 && c <= 0x4FF && c % 2 == 0) c += 1;  // paired Cyrillic letters (Ґ → ґ …)
    if (c == 0x451 || c == 0x450) return 0x435;    // ё, ѐ → е
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x0060 || c == 0x00B4) return '\'';
    return c;
}

std::u32string fold(std::u32string_view t) {
    std::u32string out(t);
    for (auto& c : out) c = fold(c);
    return out;
}

std::string foldUtf8(std::string_view s) { return encode(fold(decode(s))); }

bool isCyrillic(char32_t c) { return c >= 0x400 && c <= 0x52F; }

bool isLetter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
           (c >= 0x370 && c <= 0x3FF) || isCyrillic(c);
}

std::vector<Token> tokenize(std::u32string_view t) {
    std::vector<Token> out;
    const auto n = static_cast<uint32_t>(t.size());
    uint32_t i = 0;
    auto word = [&](uint32_t k) { return k < n && (isLetter(t[k]) || (t[k] >= '0' && t[k] <= '9')); };
    while (i < n) {
        if (!word(i)) {
            ++i;
            continue;
        }
        const uint32_t b = i;
        while (i < n) {
            if (word(i)) {
                ++i;
            } else if (t[i] == '\'' && i > b && i + 1 < n && isCyrillic(t[i - 1]) && isCyrillic(t[i + 1])) {
                ++i;  // Ukrainian apostrophe inside a word
            } else {
                break;
            }
        }
        out.push_back({b, i, std::u32string(t.substr(b, i - b))});
    }
    return out;
}

std::vector<Span> sentences(std::u32string_view t) {
    // Titles, and month abbreviations as news agencies write dates ("by Mar. 25", "Sept. 3").
    static const std::array<std::u32string_view, 24> kAbbrev = {
        U"mr",  U"mrs", U"ms",  U"dr",  U"st",  U"gen", U"col", U"lt",   U"sgt", U"prof", U"vs",  U"no",
        U"jan", U"feb", U"mar", U"apr", U"jun", U"jul", U"aug", U"sep", U"sept", U"oct", U"nov", U"dec"};
    std::vector<Span> out;
    const auto n = static_cast<uint32_t>(t.size());
    uint32_t start = 0;
    auto flush = [&](uint32_t end) {
        uint32_t b = start, e = end;
        while (b < e && (t[b] == ' ' || t[b] == '\t' || t[b] == '\n' || t[b] == '\r')) ++b;
        while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\n' || t[e - 1] == '\r')) --e;
        if (e > b) out.push_back({b, e});
        start = end;
    };
    for (uint32_t i = 0; i < n; ++i) {
        const char32_t c = t[i];
        if (c == '\n') {
            flush(i);
            continue;
        }
        if (c != '.' && c != '!' && c != '?') continue;
        uint32_t j = i + 1;
        while (j < n && (t[j] == '"' || t[j] == '\'' || t[j] == 0x201D || t[j] == 0x2019 || t[j] == ')')) ++j;
        if (j < n && t[j] != ' ' && t[j] != '\n') continue;
        uint32_t k = j;
        while (k < n && t[k] == ' ') ++k;
        if (k < n && t[k] != '\n') {
            const char32_t next = t[k];
            const bool starts = (next >= 'A' && next <= 'Z') || (next >= 0x410 && next <= 0x42F) ||
                                (next >= '0' && next <= '9') || next == '"' || next == 0x201C || next == '\'' ||
                                (next >= 0xC0 && next <= 0xDE) || (next >= 0x400 && next <= 0x40F);
            if (!starts) continue;
        }
        if (c == '.') {
            // The word before the full stop: an abbreviation ("Mr.") or a single letter ("U.S.") does not end it.
            uint32_t w = i;
            while (w > 0 && isLetter(t[w - 1])) --w;
            std::u32string word = fold(t.substr(w, i - w));
            const bool abbrev = std::find(kAbbrev.begin(), kAbbrev.end(), word) != kAbbrev.end() ||
                                (word.size() == 1 && w > 0 && t[w - 1] == '.');
            if (abbrev || (word.size() == 1 && isLetter(word[0]) && i + 2 < n && isLetter(t[i + 1]))) continue;
        }
        flush(j);
    }
    flush(n);
    return out;
}

}  // namespace sv::text
