// The strict JSON parser and writer: values, round trips, exact error positions and hostile input.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>

#include "util/json.hpp"

namespace json = sv::json;
using json::Value;

namespace {

std::string errorOf(std::string_view text) {
    auto r = json::parse(text);
    return r ? std::string("(parsed)") : r.error();
}

Value parsed(std::string_view text) {
    auto r = json::parse(text);
    REQUIRE_MESSAGE(r.ok(), r.error());
    return *r;
}

}  // namespace

TEST_CASE("json parses every value type, objects in insertion order") {
    const Value v = parsed(R"( {"b": [1, -2.5, true, false, null], "a": {"x": "y"}, "": {}} )");
    REQUIRE(v.isObject());
    REQUIRE(v.size() == 3);
    CHECK(v.asObject()[0].first == "b");
    CHECK(v.asObject()[1].first == "a");
    CHECK(v.asObject()[2].first == "");
    const Value* b = v.get("b");
    REQUIRE(b);
    REQUIRE(b->isArray());
    REQUIRE(b->size() == 5);
    CHECK(b->asArray()[0].asNumber() == 1);
    CHECK(b->asArray()[1].asNumber() == -2.5);
    CHECK(b->asArray()[2].asBool() == true);
    CHECK(b->asArray()[3].isBool());
    CHECK(b->asArray()[3].asBool(true) == false);
    CHECK(b->asArray()[4].isNull());
    CHECK(v.get("a")->get("x")->asString() == "y");
    CHECK(v.get("")->isObject());
    CHECK(v.get("")->size() == 0);
    CHECK(v.get("missing") == nullptr);
    CHECK(b->get("x") == nullptr);  // not an object
    // Wrong-type reads give the fallback, never throw.
    CHECK(b->asString().empty());
    CHECK(b->asNumber(7) == 7);
    CHECK(v.get("a")->asArray().empty());
    CHECK(parsed("\"top\"").asString() == "top");
    CHECK(parsed(" 42 ").asNumber() == 42);
    CHECK(parsed("null").isNull());
    CHECK(parsed("[]").isArray());
}

TEST_CASE("json builders set, replace and append") {
    Value v;
    CHECK(v.isNull());
    v.set("a", 1);
    v.set("b", "two");
    v.set("a", Value::array());  // replaced in place, order kept
    v.get("a")->push(true);
    v.get("a")->push(nullptr);
    CHECK(json::write(v, 0) == R"({"a":[true,null],"b":"two"})");
    Value copy = v;
    CHECK(copy == v);
    copy.get("a")->push(3);
    CHECK_FALSE(copy == v);
    CHECK(Value(0.0) == Value(-0.0));
    CHECK_FALSE(Value(1) == Value(true));
    CHECK_FALSE(Value("1") == Value(1));
}

TEST_CASE("json strings: escapes, UTF-8 and surrogate pairs") {
    CHECK(parsed(R"("\"\\\/\b\f\n\r\t")").asString() == "\"\\/\b\f\n\r\t");
    CHECK(parsed(R"("\u00e9\u00C9")").asString() == "\xC3\xA9\xC3\x89");               // éÉ
    CHECK(parsed(R"("\u20ac")").asString() == "\xE2\x82\xAC");                           // €
    CHECK(parsed(R"("\uD83D\uDE00")").asString() == "\xF0\x9F\x98\x80");                 // 😀
    CHECK(parsed(R"("\udbff\udfff")").asString() == "\xF4\x8F\xBF\xBF");                 // U+10FFFF
    CHECK(parsed("\"Маріуполь 😀\"").asString() == "Маріуполь 😀");  // raw UTF-8 kept
    CHECK(parsed("\"a\x7F" "b\"").asString() == "a\x7F" "b");                             // DEL needs no escape
    const std::string nul = parsed(R"("a\u0000b")").asString();
    CHECK(nul == std::string("a\0b", 3));
    // Written back: control characters escaped, everything else as is, and it parses to the same string.
    static const char raw[] = "q\"\\/\b\x01\n\té😀\0";
    const Value s(std::string(raw, sizeof raw - 1));
    const std::string w = json::write(s);
    CHECK(w == "\"q\\\"\\\\/\\u0008\\u0001\\n\\té😀\\u0000\"");
    CHECK(parsed(w) == s);
    // Invalid UTF-8 (built in code, never parsed) is written as U+FFFD so the output still parses.
    CHECK(json::write(Value(std::string("a\xFF" "b"))) == "\"a\xEF\xBF\xBD" "b\"");
    CHECK(json::isValidUtf8("Маріуполь 😀"));
    CHECK_FALSE(json::isValidUtf8("\xC0\xAF"));
    CHECK_FALSE(json::isValidUtf8("\xED\xA0\x80"));
    CHECK_FALSE(json::isValidUtf8("\xF4\x90\x80\x80"));
    CHECK_FALSE(json::isValidUtf8("\xE2\x82"));
}

TEST_CASE("json numbers parse exactly and are written to round-trip") {
    CHECK(parsed("1e308").asNumber() == 1e308);
    CHECK(parsed("-1E+308").asNumber() == -1e308);
    CHECK(parsed("0.1").asNumber() == 0.1);
    CHECK(parsed("5e-324").asNumber() == 5e-324);  // smallest subnormal
    CHECK(parsed("1e-400").asNumber() == 0);       // underflow: the nearest double is zero
    CHECK(std::signbit(parsed("-1e-400").asNumber()));
    CHECK(parsed("123456789012345678901234567890").asNumber() == 123456789012345678901234567890.0);
    CHECK(parsed("0e99999999999999999999").asNumber() == 0);
    const double negZero = parsed("-0").asNumber();
    CHECK(negZero == 0);
    CHECK(std::signbit(negZero));
    CHECK(json::formatNumber(0.1) == "0.1");
    CHECK(json::formatNumber(1e308) == "1e+308");
    CHECK(json::formatNumber(-0.0) == "-0");
    CHECK(json::formatNumber(3) == "3");
    CHECK(json::formatNumber(-42) == "-42");
    CHECK(json::formatNumber(1e15) == "1000000000000000");
    CHECK(json::formatNumber(9007199254740993.0) == "9007199254740992");
    CHECK(json::formatNumber(1e21) == "1e+21");
    CHECK(json::formatNumber(37.5) == "37.5");
    CHECK(json::formatNumber(1.0 / 3) == "0.3333333333333333");
    CHECK(json::formatNumber(5e-324) == "5e-324");
    CHECK(json::formatNumber(0.1 + 0.2) == "0.30000000000000004");
    for (double x : {0.1, 1e308, -0.0, 5e-324, 1.0 / 3, 0.1 + 0.2, 4294967295.0, -1.7976931348623157e308, 2.5e-7}) {
        const Value back = parsed(json::write(Value(x)));
        CHECK(back.asNumber() == x);
        CHECK(std::signbit(back.asNumber()) == std::signbit(x));
    }
    CHECK(json::write(Value(std::nan(""))) == "null");
    CHECK(json::write(Value(HUGE_VAL)) == "null");
}

TEST_CASE("json writes stable indented and compact text") {
    const Value v = parsed(R"({"z": 1, "a": [1, {"k": []}, {}], "s": "x"})");
    CHECK(json::write(v) ==
          "{\n"
          "  \"z\": 1,\n"
          "  \"a\": [\n"
          "    1,\n"
          "    {\n"
          "      \"k\": []\n"
          "    },\n"
          "    {}\n"
          "  ],\n"
          "  \"s\": \"x\"\n"
          "}");
    CHECK(json::write(v, 0) == R"({"z":1,"a":[1,{"k":[]},{}],"s":"x"})");
    CHECK(json::write(v, 4).substr(0, 11) == "{\n    \"z\": ");
    CHECK(parsed(json::write(v)) == v);
    CHECK(parsed(json::write(v, 0)) == v);
    CHECK(json::write(parsed(json::write(v))) == json::write(v));
}

TEST_CASE("json syntax errors name the line, column and reason") {
    CHECK(errorOf("") == "line 1, column 1: unexpected end of input");
    CHECK(errorOf("  \n ") == "line 2, column 2: unexpected end of input");
    CHECK(errorOf(R"({"a": 1)") == "line 1, column 8: unexpected end of input");
    CHECK(errorOf(R"("abc)") == "line 1, column 5: unexpected end of input");
    CHECK(errorOf(R"("abc\)") == "line 1, column 6: unexpected end of input");
    CHECK(errorOf(R"({"a": 1 "b": 2})") == "line 1, column 9: expected ',' or '}' after an object member");
    CHECK(errorOf("[1 2]") == "line 1, column 4: expected ',' or ']' after an array element");
    CHECK(errorOf(R"({"a" 1})") == "line 1, column 6: expected ':' after an object key");
    CHECK(errorOf("{1: 2}") == "line 1, column 2: expected a string key or '}'");
    CHECK(errorOf(R"({"a": 1,})") == "line 1, column 9: expected a string key after ','");
    CHECK(errorOf("[1,]") == "line 1, column 4: expected a JSON value, found ']'");
    CHECK(errorOf("[+1]") == "line 1, column 2: expected a JSON value, found '+'");
    CHECK(errorOf(".5") == "line 1, column 1: expected a JSON value, found '.'");
    CHECK(errorOf("\x01") == "line 1, column 1: expected a JSON value, found U+0001");
    CHECK(errorOf("é") == "line 1, column 1: expected a JSON value, found 'é'");
    CHECK(errorOf("\xFF") == "line 1, column 1: expected a JSON value, found byte 0xFF");
    CHECK(errorOf("{} x") == "line 1, column 4: trailing characters after the JSON value");
    CHECK(errorOf("1 2") == "line 1, column 3: trailing characters after the JSON value");
    CHECK(errorOf(R"({"x": 1, "x": 2})") == "line 1, column 10: duplicate key \"x\"");
    CHECK(errorOf(R"({"a": {"b\n": 1, "b\n": 2}})") == "line 1, column 18: duplicate key \"b\\n\"");
}

TEST_CASE("json string errors: escapes, control characters, UTF-8, surrogates") {
    CHECK(errorOf(R"("a\qb")") == "line 1, column 3: invalid escape '\\q'");
    CHECK(errorOf(R"("\x41")") == "line 1, column 2: invalid escape '\\x'");
    CHECK(errorOf("\"\\\x01\"") == "line 1, column 2: invalid escape: '\\' followed by U+0001");
    CHECK(errorOf("\"a\tb\"") == "line 1, column 3: control character in string");
    CHECK(errorOf("\"a\nb\"") == "line 1, column 3: control character in string");
    CHECK(errorOf("\"a\xFF" "b\"") == "line 1, column 3: invalid UTF-8 in string");
    CHECK(errorOf("\"\xC0\xAF\"") == "line 1, column 2: invalid UTF-8 in string");      // overlong '/'
    CHECK(errorOf("\"\xED\xA0\x80\"") == "line 1, column 2: invalid UTF-8 in string");  // encoded surrogate
    CHECK(errorOf("\"\xF4\x90\x80\x80\"") == "line 1, column 2: invalid UTF-8 in string");  // above U+10FFFF
    CHECK(errorOf("\"\xE2\x82\"") == "line 1, column 2: invalid UTF-8 in string");      // truncated sequence
    CHECK(errorOf(R"("\uD800")") == "line 1, column 2: unpaired surrogate \\uD800");
    CHECK(errorOf(R"("\udc00")") == "line 1, column 2: unpaired surrogate \\uDC00");
    CHECK(errorOf(R"("x\uD800\u0041")") == "line 1, column 3: unpaired surrogate \\uD800");
    CHECK(errorOf(R"("\uD800\uD800")") == "line 1, column 2: unpaired surrogate \\uD800");
    CHECK(errorOf(R"("\uD800x")") == "line 1, column 2: unpaired surrogate \\uD800");
    CHECK(errorOf(R"("\uD800)") == "line 1, column 8: unexpected end of input");
    CHECK(errorOf(R"("\u12G4")") == "line 1, column 2: invalid \\u escape: expected 4 hex digits");
    CHECK(errorOf(R"("\uD800\uZZZZ")") == "line 1, column 8: invalid \\u escape: expected 4 hex digits");
    CHECK(errorOf(R"("\u12)") == "line 1, column 6: unexpected end of input");
}

TEST_CASE("json number and literal errors") {
    CHECK(errorOf("1e400") == "line 1, column 1: number out of range");
    CHECK(errorOf("[0, -1e400]") == "line 1, column 5: number out of range");
    CHECK(errorOf(std::string(400, '9')) == "line 1, column 1: number out of range");
    CHECK(errorOf("01") == "line 1, column 1: leading zeros are not allowed");
    CHECK(errorOf("[-007]") == "line 1, column 2: leading zeros are not allowed");
    CHECK(errorOf("-") == "line 1, column 2: unexpected end of input");
    CHECK(errorOf("[-]") == "line 1, column 3: expected a digit after '-'");
    CHECK(errorOf("-Infinity") == "line 1, column 2: expected a digit after '-'");
    CHECK(errorOf("[1.]") == "line 1, column 4: expected a digit after '.'");
    CHECK(errorOf("[1.e5]") == "line 1, column 4: expected a digit after '.'");
    CHECK(errorOf("[1e]") == "line 1, column 4: expected a digit in the exponent");
    CHECK(errorOf("[1e+]") == "line 1, column 5: expected a digit in the exponent");
    CHECK(errorOf("1.") == "line 1, column 3: unexpected end of input");
    CHECK(errorOf("NaN") == "line 1, column 1: invalid literal 'NaN'");
    CHECK(errorOf("[Infinity]") == "line 1, column 2: invalid literal 'Infinity'");
    CHECK(errorOf("tru") == "line 1, column 1: invalid literal 'tru'");
    CHECK(errorOf("[truex]") == "line 1, column 2: invalid literal 'truex'");
    CHECK(errorOf("True") == "line 1, column 1: invalid literal 'True'");
    CHECK(errorOf("nul") == "line 1, column 1: invalid literal 'nul'");
}

TEST_CASE("json error positions: lines, code point columns, byte order mark") {
    CHECK(errorOf("{\n  \"a\": [1, 2,\n  }\n") == "line 3, column 3: expected a JSON value, found '}'");
    CHECK(errorOf("[\"é😀\" x]") == "line 1, column 7: expected ',' or ']' after an array element");
    CHECK(errorOf("{\r\n\"a\": tru\r\n}") == "line 2, column 6: invalid literal 'tru'");
    CHECK(errorOf("{\"a\":\n1,\n") == "line 3, column 1: unexpected end of input");
    // A UTF-8 byte order mark is skipped and does not count as a column.
    CHECK(parsed("\xEF\xBB\xBF[1]") == parsed("[1]"));
    CHECK(errorOf("\xEF\xBB\xBF[1,]") == "line 1, column 4: expected a JSON value, found ']'");
    // The structured error carries the same position and the bare reason.
    json::ParseError e;
    auto r = json::parse("[\n  1,\n  ?]", &e);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == "line 3, column 3: expected a JSON value, found '?'");
    CHECK(e.line == 3);
    CHECK(e.column == 3);
    CHECK(e.offset == 9);
    CHECK(e.reason == "expected a JSON value, found '?'");
    CHECK(e.message() == r.error());
}

TEST_CASE("json nesting is limited to 64 levels without deep recursion") {
    const auto nested = [](int n, char open, char close) { return std::string(n, open) + std::string(n, close); };
    CHECK(json::parse(nested(64, '[', ']')).ok());
    CHECK(errorOf(nested(65, '[', ']')) == "line 1, column 65: nesting deeper than 64");
    CHECK(errorOf(std::string(1000000, '[')) == "line 1, column 65: nesting deeper than 64");
    std::string objects;
    for (int k = 0; k < 64; ++k) objects += "{\"a\":";
    CHECK(json::parse(objects + "1" + std::string(64, '}')).ok());
    CHECK(errorOf(objects + "[1]" + std::string(64, '}')) == "line 1, column 321: nesting deeper than 64");
    // Depth counts containers, not their length.
    std::string wide = "[";
    for (int k = 0; k < 10000; ++k) wide += k ? ",[[1]]" : "[[1]]";
    CHECK(json::parse(wide + "]").ok());
}

TEST_CASE("json survives hostile input: truncations, mutations, huge objects") {
    const std::string doc =
        "{\"title\": \"Mariupol \\u00e9 \\ud83d\\ude00\", \"n\": [0, -1.5e-3, 1e308, true, false, null],\n"
        " \"nested\": {\"a\": [[], {}], \"b\": \"\xC3\xA9\"}}";
    REQUIRE(json::parse(doc).ok());
    for (std::size_t n = 0; n < doc.size(); ++n) {
        auto r = json::parse(std::string_view(doc).substr(0, n));
        CHECK_FALSE(r.ok());
        CHECK(r.error().rfind("line ", 0) == 0);
    }
    // Deterministic mutations (xorshift): every result is a value or a positioned error.
    uint64_t state = 0x9E3779B97F4A7C15ull;
    auto next = [&] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    const char alphabet[] = "{}[],:\"\\u0123456789eE+-.tfnal \n\xC3\xA9\xFF\xED\xF0\x80";
    int parsedCount = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string s = doc;
        for (uint64_t k = next() % 4 + 1; k > 0; --k) {
            const std::size_t at = next() % s.size();
            const char c = alphabet[next() % (sizeof alphabet - 1)];
            switch (next() % 3) {
                case 0: s[at] = c; break;
                case 1: s.insert(at, 1, c); break;
                default: s.erase(at, 1);
            }
        }
        auto r = json::parse(s);
        if (r) ++parsedCount;
        else CHECK(r.error().rfind("line ", 0) == 0);
    }
    CHECK(parsedCount < 20000);
    // Many keys: duplicate detection stays fast (hashing, not pairwise comparison).
    std::string big = "{";
    for (int k = 0; k < 100000; ++k) big += (k ? ",\"k" : "\"k") + std::to_string(k) + "\":" + std::to_string(k);
    const auto t0 = std::chrono::steady_clock::now();
    auto r = json::parse(big + "}");
    CHECK(r.ok());
    CHECK(r->size() == 100000);
    CHECK(errorOf(big + ",\"k99999\":1}") ==
          "line 1, column " + std::to_string(big.size() + 2) + ": duplicate key \"k99999\"");
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
}
