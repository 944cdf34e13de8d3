// Small string helpers shared by the loaders and the CLI.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sv {

std::vector<std::string> split(std::string_view text, char sep, bool keepEmpty = false);
std::string trim(std::string_view text);
std::string asciiLower(std::string_view text);
// a == b ignoring ASCII case (no allocation): asciiLower(a) == asciiLower(b).
bool equalsAsciiNoCase(std::string_view a, std::string_view b);
bool startsWith(std::string_view text, std::string_view prefix);
bool endsWith(std::string_view text, std::string_view suffix);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// Quotes a string for JSON output (UTF-8 passes through; control characters are escaped).
std::string jsonQuote(std::string_view text);
// `text` if it has at most `maxBytes` bytes; otherwise its longest prefix of at most `keepBytes` bytes that ends
// between UTF-8 characters, followed by "…". Never splits a multi-byte character.
std::string shortenUtf8(std::string_view text, size_t maxBytes, size_t keepBytes);

}  // namespace sv
