// JSON parser and writer (see json.hpp). The parser is a recursive descent over a string_view with an explicit
// depth bound; every read checks the index against the size first, so hostile input can only produce an error.
#include "util/json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <unordered_set>

#include "util/strings.hpp"

namespace sv::json {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 when there is none (RFC 3629 table 3-7).
std::size_t utf8Length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) len = 3;
    else if (c == 0xED) len = 3, hi = 0x9F;  // no UTF-16 surrogates
    else if (c >= 0xEE && c <= 0xEF) len = 3;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) len = 4, hi = 0x8F;  // nothing above U+10FFFF
    else return 0;
    if (s.size() - i < len) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return len;
}

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// At most `maxBytes` of `s`, cut at a code point boundary, with "…" when shortened (keeps messages short).
std::string shorten(std::string_view s, std::size_t maxBytes) {
    if (s.size() <= maxBytes) return std::string(s);
    std::size_t end = maxBytes;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    return std::string(s.substr(0, end)) + "…";
}

std::string hex4(uint32_t v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(v & 0xFFFF));
    return buf;
}

class Parser {
public:
    explicit Parser(std::string_view text) : t_(text) {}

    bool document(Value& out) {
        if (!value(out, 0)) return false;
        skipWhitespace();
        if (i_ < t_.size()) return fail(i_, "trailing characters after the JSON value");
        return true;
    }

    std::size_t errorOffset = 0;
    std::string errorReason;

private:
    std::string_view t_;
    std::size_t i_ = 0;

    bool fail(std::size_t at, std::string reason) {
        errorOffset = at;
        errorReason = std::move(reason);
        return false;
    }
    bool endOfInput() { return fail(t_.size(), "unexpected end of input"); }
    bool atEnd() const { return i_ >= t_.size(); }

    void skipWhitespace() {
        while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_;
    }

    // How the character at `at` reads in a message: 'x', 'é', U+0007 or byte 0xFF.
    std::string describe(std::size_t at) const {
        const unsigned char c = static_cast<unsigned char>(t_[at]);
        if (c < 0x20 || c == 0x7F) return "U+" + hex4(c);
        if (const std::size_t len = utf8Length(t_, at)) return "'" + std::string(t_.substr(at, len)) + "'";
        char buf[16];
        std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
        return buf;
    }

    bool value(Value& out, int depth) {
        skipWhitespace();
        if (atEnd()) return endOfInput();
        const char c = t_[i_];
        if (c == '{' || c == '[') {
            if (depth >= kMaxDepth) return fail(i_, "nesting deeper than " + std::to_string(kMaxDepth));
            return c == '{' ? object(out, depth + 1) : array(out, depth + 1);
        }
        if (c == '"') {
            std::string s;
            if (!string(s)) return false;
            out = Value(std::move(s));
            return true;
        }
        if (c == '-' || isDigit(c)) {
            double n = 0;
            if (!number(n)) return false;
            out = Value(n);
            return true;
        }
        if (isAlpha(c)) return literal(out);
        return fail(i_, "expected a JSON value, found " + describe(i_));
    }

    bool literal(Value& out) {
        const std::size_t start = i_;
        while (i_ < t_.size() && (isAlpha(t_[i_]) || isDigit(t_[i_]) || t_[i_] == '_')) ++i_;
        const std::string_view word = t_.substr(start, i_ - start);
        if (word == "true") out = Value(true);
        else if (word == "false") out = Value(false);
        else if (word == "null") out = Value();
        else return fail(start, "invalid literal '" + shorten(word, 32) + "'");
        return true;
    }

    bool object(Value& out, int depth) {
        ++i_;  // '{'
        out = Value::object();
        Value::Object members;
        std::unordered_set<std::string> keys;
        skipWhitespace();
        if (atEnd()) return endOfInput();
        if (t_[i_] == '}') {
            ++i_;
            return true;
        }
        for (bool first = true;; first = false) {
            skipWhitespace();
            if (atEnd()) return endOfInput();
            if (t_[i_] != '"')
                return fail(i_, first ? "expected a string key or '}'" : "expected a string key after ','");
            const std::size_t keyAt = i_;
            std::string key;
            if (!string(key)) return false;
            if (!keys.insert(key).second) return fail(keyAt, "duplicate key " + jsonQuote(shorten(key, 64)));
            skipWhitespace();
            if (atEnd()) return endOfInput();
            if (t_[i_] != ':') return fail(i_, "expected ':' after an object key");
            ++i_;
            Value member;
            if (!value(member, depth)) return false;
            members.emplace_back(std::move(key), std::move(member));
            skipWhitespace();
            if (atEnd()) return endOfInput();
            if (t_[i_] == '}') break;
            if (t_[i_] != ',') return fail(i_, "expected ',' or '}' after an object member");
            ++i_;
        }
        ++i_;  // '}'
        out = Value(std::move(members));
        return true;
    }

    bool array(Value& out, int depth) {
        ++i_;  // '['
        Value::Array elements;
        skipWhitespace();
        if (atEnd()) return endOfInput();
        if (t_[i_] != ']') {
            for (;;) {
                Value element;
                if (!value(element, depth)) return false;
                elements.push_back(std::move(element));
                skipWhitespace();
                if (atEnd()) return endOfInput();
                if (t_[i_] == ']') break;
                if (t_[i_] != ',') return fail(i_, "expected ',' or ']' after an array element");
                ++i_;
            }
        }
        ++i_;  // ']'
        out = Value(std::move(elements));
        return true;
    }

    // Four hex digits at t_[at..at+3] into *cp; false when missing or not hex.
    bool hex4At(std::size_t at, uint32_t* cp) const {
        if (t_.size() < at + 4) return false;
        uint32_t v = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const int h = hexValue(t_[at + k]);
            if (h < 0) return false;
            v = v * 16 + static_cast<uint32_t>(h);
        }
        *cp = v;
        return true;
    }

    // A \uXXXX escape (with its low surrogate when it is a high one); i_ is at the backslash.
    bool unicodeEscape(std::string& out) {
        const std::size_t start = i_;
        uint32_t cp = 0;
        if (!hex4At(i_ + 2, &cp)) {
            for (std::size_t k = i_ + 2; k < i_ + 6; ++k) {
                if (k >= t_.size()) return endOfInput();
                if (hexValue(t_[k]) < 0) break;
            }
            return fail(start, "invalid \\u escape: expected 4 hex digits");
        }
        i_ += 6;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(start, "unpaired surrogate \\u" + hex4(cp));
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (atEnd() || (t_[i_] == '\\' && i_ + 1 >= t_.size())) return endOfInput();
            if (t_[i_] != '\\' || t_[i_ + 1] != 'u') return fail(start, "unpaired surrogate \\u" + hex4(cp));
            uint32_t low = 0;
            if (!hex4At(i_ + 2, &low)) return unicodeEscape(out);  // the second escape is malformed: report it there
            if (low < 0xDC00 || low > 0xDFFF) return fail(start, "unpaired surrogate \\u" + hex4(cp));
            i_ += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        appendUtf8(out, cp);
        return true;
    }

    bool escape(std::string& out) {
        const std::size_t start = i_;
        if (i_ + 1 >= t_.size()) return endOfInput();
        const char e = t_[i_ + 1];
        char plain = 0;
        switch (e) {
            case '"': plain = '"'; break;
            case '\\': plain = '\\'; break;
            case '/': plain = '/'; break;
            case 'b': plain = '\b'; break;
            case 'f': plain = '\f'; break;
            case 'n': plain = '\n'; break;
            case 'r': plain = '\r'; break;
            case 't': plain = '\t'; break;
            case 'u': return unicodeEscape(out);
            default:
                if (e > 0x20 && e < 0x7F) return fail(start, std::string("invalid escape '\\") + e + "'");
                return fail(start, "invalid escape: '\\' followed by " + describe(i_ + 1));
        }
        out += plain;
        i_ += 2;
        return true;
    }

    bool string(std::string& out) {
        ++i_;  // opening quote
        for (;;) {
            if (atEnd()) return endOfInput();
            const unsigned char c = static_cast<unsigned char>(t_[i_]);
            if (c == '"') {
                ++i_;
                return true;
            }
            if (c == '\\') {
                if (!escape(out)) return false;
                continue;
            }
            if (c < 0x20) return fail(i_, "control character in string");
            const std::size_t len = utf8Length(t_, i_);
            if (len == 0) return fail(i_, "invalid UTF-8 in string");
            out.append(t_.substr(i_, len));
            i_ += len;
        }
    }

    void skipDigits() {
        while (i_ < t_.size() && isDigit(t_[i_])) ++i_;
    }

    bool number(double& out) {
        const std::size_t start = i_;
        if (t_[i_] == '-') {
            ++i_;
            if (atEnd()) return endOfInput();
            if (!isDigit(t_[i_])) return fail(i_, "expected a digit after '-'");
        }
        if (t_[i_] == '0') {
            ++i_;
            if (i_ < t_.size() && isDigit(t_[i_])) return fail(start, "leading zeros are not allowed");
        } else {
            skipDigits();
        }
        if (i_ < t_.size() && t_[i_] == '.') {
            ++i_;
            if (atEnd()) return endOfInput();
            if (!isDigit(t_[i_])) return fail(i_, "expected a digit after '.'");
            skipDigits();
        }
        if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
            ++i_;
            if (i_ < t_.size() && (t_[i_] == '+' || t_[i_] == '-')) ++i_;
            if (atEnd()) return endOfInput();
            if (!isDigit(t_[i_])) return fail(i_, "expected a digit in the exponent");
            skipDigits();
        }
        const std::string_view text = t_.substr(start, i_ - start);
        const auto r = std::from_chars(text.data(), text.data() + text.size(), out);
        if (r.ec == std::errc::result_out_of_range) {
            if (!tiny(text)) return fail(start, "number out of range");
            out = text[0] == '-' ? -0.0 : 0.0;  // below the smallest subnormal: the nearest double is zero
            return true;
        }
        if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return fail(start, "invalid number");
        return true;
    }

    // For a number from_chars found out of range: true when it is too small (underflow) rather than too large.
    // Its decimal exponent decides: where the first significant digit sits, plus the written exponent.
    static bool tiny(std::string_view n) {
        std::size_t k = n[0] == '-' ? 1 : 0;
        long long magnitude = 0;
        if (n[k] == '0') {  // 0.000ddd: negative magnitude
            k += 1;
            magnitude = -1;
            if (k < n.size() && n[k] == '.')
                for (++k; k < n.size() && n[k] == '0'; ++k) --magnitude;
        } else {
            for (; k < n.size() && isDigit(n[k]); ++k) ++magnitude;
            --magnitude;
        }
        const std::size_t e = n.find_first_of("eE");
        long long exponent = 0;
        if (e != std::string_view::npos) {
            std::size_t j = e + 1;
            const bool negative = j < n.size() && n[j] == '-';
            if (j < n.size() && (n[j] == '+' || n[j] == '-')) ++j;
            for (; j < n.size(); ++j) exponent = std::min(exponent * 10 + (n[j] - '0'), 1000000000LL);
            if (negative) exponent = -exponent;
        }
        return magnitude + exponent < 0;
    }
};

// 1-based line and column (in code points) of byte `offset`.
void locate(std::string_view text, std::size_t offset, ParseError& e) {
    e.line = 1;
    e.column = 1;
    for (std::size_t k = 0; k < offset && k < text.size(); ++k) {
        const unsigned char c = static_cast<unsigned char>(text[k]);
        if (c == '\n') {
            ++e.line;
            e.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++e.column;
        }
    }
}

std::string quote(const std::string& s) {
    if (isValidUtf8(s)) return jsonQuote(s);
    std::string clean;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8Length(s, i);
        if (len == 0) {
            clean += "\xEF\xBF\xBD";  // U+FFFD
            ++i;
        } else {
            clean.append(s, i, len);
            i += len;
        }
    }
    return jsonQuote(clean);
}

void newline(std::string& out, int indent, int level) {
    if (indent <= 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent) * static_cast<std::size_t>(level), ' ');
}

void writeValue(std::string& out, const Value& v, int indent, int level) {
    switch (v.type()) {
        case Type::Null: out += "null"; return;
        case Type::Bool: out += v.asBool() ? "true" : "false"; return;
        case Type::Number: out += std::isfinite(v.asNumber()) ? formatNumber(v.asNumber()) : "null"; return;
        case Type::String: out += quote(v.asString()); return;
        case Type::Array: {
            const auto& a = v.asArray();
            if (a.empty()) {
                out += "[]";
                return;
            }
            out += '[';
            for (std::size_t k = 0; k < a.size(); ++k) {
                if (k) out += ',';
                newline(out, indent, level + 1);
                writeValue(out, a[k], indent, level + 1);
            }
            newline(out, indent, level);
            out += ']';
            return;
        }
        case Type::Object: {
            const auto& o = v.asObject();
            if (o.empty()) {
                out += "{}";
                return;
            }
            out += '{';
            for (std::size_t k = 0; k < o.size(); ++k) {
                if (k) out += ',';
                newline(out, indent, level + 1);
                out += quote(o[k].first);
                out += indent > 0 ? ": " : ":";
                writeValue(out, o[k].second, indent, level + 1);
            }
            newline(out, indent, level);
            out += '}';
            return;
        }
    }
}

}  // namespace

// --- Value ---

bool Value::asBool(bool fallback) const { return isBool() ? std::get<bool>(v_) : fallback; }
double Value::asNumber(double fallback) const { return isNumber() ? std::get<double>(v_) : fallback; }

const std::string& Value::asString() const {
    static const std::string kEmpty;
    return isString() ? std::get<std::string>(v_) : kEmpty;
}

const Value::Array& Value::asArray() const {
    static const Array kEmpty;
    return isArray() ? std::get<Array>(v_) : kEmpty;
}

const Value::Object& Value::asObject() const {
    static const Object kEmpty;
    return isObject() ? std::get<Object>(v_) : kEmpty;
}

const Value* Value::get(std::string_view key) const {
    if (!isObject()) return nullptr;
    for (const auto& [k, v] : std::get<Object>(v_))
        if (k == key) return &v;
    return nullptr;
}

Value* Value::get(std::string_view key) { return const_cast<Value*>(std::as_const(*this).get(key)); }

Value& Value::set(std::string key, Value value) {
    if (!isObject()) v_ = Object{};
    if (Value* existing = get(key)) return *existing = std::move(value);
    auto& members = std::get<Object>(v_);
    members.emplace_back(std::move(key), std::move(value));
    return members.back().second;
}

Value& Value::push(Value value) {
    if (!isArray()) v_ = Array{};
    auto& elements = std::get<Array>(v_);
    elements.push_back(std::move(value));
    return elements.back();
}

std::size_t Value::size() const {
    if (isArray()) return std::get<Array>(v_).size();
    if (isObject()) return std::get<Object>(v_).size();
    return 0;
}

bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

// --- parse / write ---

std::string ParseError::message() const {
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + reason;
}

Result<Value> parse(std::string_view text, ParseError* error) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    Parser parser(text);
    Value root;
    if (parser.document(root)) return root;
    ParseError e;
    e.offset = parser.errorOffset;
    e.reason = std::move(parser.errorReason);
    locate(text, e.offset, e);
    std::string message = e.message();
    if (error) *error = std::move(e);
    return fail(std::move(message));
}

std::string write(const Value& value, int indent) {
    std::string out;
    writeValue(out, value, indent, 0);
    return out;
}

std::string formatNumber(double n) {
    char buf[64];
    if (std::isfinite(n) && n == std::trunc(n) && std::fabs(n) < 1e21) {  // integers as digits, like JavaScript
        const auto r = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::fixed, 0);
        return std::string(buf, r.ptr);
    }
    if (!std::isfinite(n)) {
        const auto r = std::to_chars(buf, buf + sizeof buf, n);
        return std::string(buf, r.ptr);
    }
    for (int precision = 1;; ++precision) {
        const auto r = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::general, precision);
        double back = 0;
        std::from_chars(buf, r.ptr, back);
        if (back == n || precision >= 17) return std::string(buf, r.ptr);
    }
}

bool isValidUtf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = utf8Length(text, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

}  // namespace sv::json
