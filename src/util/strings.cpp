// String helpers (see strings.hpp).
#include "util/strings.hpp"

#include <cstdio>

namespace sv {

std::vector<std::string> split(std::string_view text, char sep, bool keepEmpty) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(sep, start);
        if (end == std::string_view::npos) end = text.size();
        std::string part = trim(text.substr(start, end - start));
        if (keepEmpty || !part.empty()) out.push_back(std::move(part));
        start = end + 1;
    }
    return out;
}

std::string trim(std::string_view t) {
    const char* ws = " \t\r\n\f\v";
    const auto b = t.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    const auto e = t.find_last_not_of(ws);
    return std::string(t.substr(b, e - b + 1));
}

std::string asciiLower(std::string_view t) {
    std::string s(t);
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

bool equalsAsciiNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

bool startsWith(std::string_view t, std::string_view p) { return t.substr(0, p.size()) == p; }
bool endsWith(std::string_view t, std::string_view s) {
    return t.size() >= s.size() && t.substr(t.size() - s.size()) == s;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

std::string jsonQuote(std::string_view t) {
    std::string out = "\"";
    for (unsigned char c : t) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

std::string shortenUtf8(std::string_view text, size_t maxBytes, size_t keepBytes) {
    if (text.size() <= maxBytes) return std::string(text);
    size_t cut = std::min(keepBytes, text.size());
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // back to a lead byte
    return std::string(text.substr(0, cut)) + "…";
}

}  // namespace sv
