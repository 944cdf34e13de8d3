// Shared by the libFuzzer targets (tests/fuzz/*.cpp, docs/fuzzing.md): a check that reports and aborts, so a broken
// property is a crash libFuzzer saves like any other, and a few helpers for cutting the fuzz input into pieces.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

// Aborts with the failed condition and a note (shown by libFuzzer before the crash report).
#define SV_FUZZ_CHECK(cond, note)                                                                           \
    do {                                                                                                    \
        if (!(cond)) {                                                                                      \
            std::fprintf(stderr, "\nfuzz check failed at %s:%d: %s\n  %s\n", __FILE__, __LINE__, #cond,     \
                         std::string(note).c_str());                                                        \
            std::abort();                                                                                   \
        }                                                                                                   \
    } while (0)

namespace sv::fuzz {

inline std::string_view asText(const uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Splits on any of `seps`, keeping empty pieces (an empty input gives no pieces).
inline std::vector<std::string> splitAny(std::string_view text, std::string_view seps) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = text.find_first_of(seps, start);
        if (at == std::string_view::npos) {
            out.emplace_back(text.substr(start));
            return out;
        }
        out.emplace_back(text.substr(start, at - start));
        start = at + 1;
    }
}

}  // namespace sv::fuzz
