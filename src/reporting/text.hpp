// Text handling for reporting: UTF-8 decoding that repairs invalid bytes, case- and diacritic-folding that keeps
// one code point per code point (so offsets in the folded text are offsets in the original), word tokens and
// sentence spans. Latin (with Latin-1 and Extended-A diacritics) and Cyrillic.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sv::text {

// Decodes UTF-8; every invalid byte sequence becomes U+FFFD. `badBytes` (if given) receives their byte offsets.
std::u32string decode(std::string_view utf8, std::vector<std::size_t>* badBytes = nullptr);
std::string encode(std::u32string_view text);
bool validUtf8(std::string_view utf8);

// Lower case without diacritics: "Erdoğan" → "erdogan", "KYÏV" → "kyiv", "Київ" → "київ", "ё" → "е"; every
// apostrophe-like mark becomes '\''. Same length as its input.
char32_t fold(char32_t c);
std::u32string fold(std::u32string_view text);
std::string foldUtf8(std::string_view utf8);

bool isLetter(char32_t c);
bool isCyrillic(char32_t c);

struct Token {
    uint32_t begin, end;  // code point offsets
    std::u32string text;  // folded
};
// Words: runs of letters and digits; an apostrophe joins two Cyrillic letters (Ukrainian "м'ясо") but separates
// Latin ones, so "Kiev's" is the word "kiev" followed by "s".
std::vector<Token> tokenize(std::u32string_view folded);

struct Span {
    uint32_t begin, end;
};
// Sentences: ends at . ! ? (with any closing quotes) before whitespace and an upper-case letter, digit or quote,
// and at every line break (titles and captions have no full stop). Common abbreviations do not end a sentence.
std::vector<Span> sentences(std::u32string_view text);

}  // namespace sv::text
