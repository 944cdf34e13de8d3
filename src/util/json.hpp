// A small, strict JSON (RFC 8259) value, parser and writer. Used for files people may edit by hand (stories), so
// parse errors say exactly where ("line 3, column 14: ...") and the parser never trusts its input: bounded nesting,
// no recursion past 64 levels, UTF-8 checked, every read bounds-checked.
#pragma once
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "util/result.hpp"

namespace sv::json {

enum class Type { Null, Bool, Number, String, Array, Object };

class Value {
public:
    using Array = std::vector<Value>;
    using Member = std::pair<std::string, Value>;
    using Object = std::vector<Member>;  // insertion-ordered; keys are unique in parsed values

    Value() = default;  // null
    Value(std::nullptr_t) {}
    Value(bool b) : v_(b) {}
    Value(double n) : v_(n) {}
    template <std::integral T>
        requires(!std::same_as<T, bool>)
    Value(T n) : v_(static_cast<double>(n)) {}
    Value(const char* s) : v_(std::string(s)) {}
    Value(std::string s) : v_(std::move(s)) {}
    Value(std::string_view s) : v_(std::string(s)) {}
    Value(Array a) : v_(std::move(a)) {}
    Value(Object o) : v_(std::move(o)) {}
    template <class T>
    Value(const T*) = delete;  // no silent pointer → bool conversion

    static Value array() { return Value(Array{}); }
    static Value object() { return Value(Object{}); }

    Type type() const { return static_cast<Type>(v_.index()); }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isNumber() const { return type() == Type::Number; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    // Typed reads. On a value of another type they return the fallback / an empty container, never throw.
    bool asBool(bool fallback = false) const;
    double asNumber(double fallback = 0) const;
    const std::string& asString() const;
    const Array& asArray() const;
    const Object& asObject() const;

    // Object member lookup (linear; objects here are small). nullptr when absent or when this is not an object.
    const Value* get(std::string_view key) const;
    Value* get(std::string_view key);
    // Builders. set() replaces an existing member in place or appends; push() appends. Both first turn a value of
    // another type into an empty object / array.
    Value& set(std::string key, Value value);
    Value& push(Value value);
    // Elements of an array or members of an object; 0 otherwise.
    std::size_t size() const;

    friend bool operator==(const Value& a, const Value& b);

private:
    std::variant<std::nullptr_t, bool, double, std::string, Array, Object> v_;
};

struct ParseError {
    std::size_t offset = 0;  // byte offset into the text
    int line = 1;            // 1-based
    int column = 1;          // 1-based, in UTF-8 code points
    std::string reason;      // e.g. "expected ',' or '}' after an object member"
    std::string message() const;  // "line L, column C: reason"
};

inline constexpr int kMaxDepth = 64;

// Parses one JSON text (a leading UTF-8 byte order mark is ignored). The error is "line L, column C: reason";
// pass `error` to also get the position and the bare reason (for "FILE:LINE:COLUMN: reason" messages).
Result<Value> parse(std::string_view text, ParseError* error = nullptr);

// Serialises with object members in insertion order. indent > 0: one element per line, nested by `indent`
// spaces; indent <= 0: compact, no whitespace. No trailing newline. Numbers use the shortest form that reads back
// to the same double (integers below 1e21 as plain digits); NaN and infinities, which JSON cannot hold, are
// written as null. Strings: control characters escaped, other UTF-8 as is; invalid UTF-8 is written as U+FFFD so
// the output always parses.
std::string write(const Value& value, int indent = 2);

// The shortest decimal text that reads back as the same double (as write() prints numbers).
std::string formatNumber(double n);
// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
bool isValidUtf8(std::string_view text);

}  // namespace sv::json
