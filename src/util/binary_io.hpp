// Little binary writer/reader for the prepared-data cache: plain values, strings and vectors of plain values.
// The reader checks every length against what is left, so a truncated or corrupt file fails cleanly.
#pragma once
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

namespace sv {

class BinaryWriter {
public:
    // In memory: everything put stays in bytes().
    BinaryWriter() = default;
    // Streaming: whatever has gathered goes to `sink` once it passes a megabyte (a long vector goes straight to it), so
    // a file of any size is written through a small buffer. flush() sends the rest; a sink that fails stops the rest.
    explicit BinaryWriter(std::function<bool(const uint8_t*, std::size_t)> sink) : sink_(std::move(sink)) {}

    template <class T>
    void put(const T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        append(&v, sizeof(T));
    }
    void put(const std::string& s) {
        put<uint64_t>(s.size());
        append(s.data(), s.size());
    }
    template <class T>
    void putVector(const std::vector<T>& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        put<uint64_t>(v.size());
        append(v.data(), v.size() * sizeof(T));
    }
    void putStrings(const std::vector<std::string>& v) {
        put<uint64_t>(v.size());
        for (const auto& s : v) put(s);
    }
    std::vector<uint8_t>& bytes() { return buf_; }
    // Streaming: sends what is buffered; false once the sink has failed.
    bool flush() {
        if (sink_ && ok_ && !buf_.empty()) ok_ = sink_(buf_.data(), buf_.size());
        buf_.clear();
        return ok_;
    }

private:
    static constexpr std::size_t kChunk = 1 << 20;
    void append(const void* data, std::size_t n) {
        const auto* p = static_cast<const uint8_t*>(data);
        if (sink_ && n >= kChunk) {
            flush();
            if (ok_ && n) ok_ = sink_(p, n);
            return;
        }
        buf_.insert(buf_.end(), p, p + n);
        if (sink_ && buf_.size() >= kChunk) flush();
    }
    std::vector<uint8_t> buf_;
    std::function<bool(const uint8_t*, std::size_t)> sink_;
    bool ok_ = true;
};

class BinaryReader {
public:
    BinaryReader(const uint8_t* data, std::size_t size) : p_(data), end_(data + size) {}
    bool ok() const { return ok_; }
    bool atEnd() const { return p_ == end_; }

    template <class T>
    T get() {
        static_assert(std::is_trivially_copyable_v<T>);
        T v{};
        if (!take(sizeof(T))) return v;
        std::memcpy(&v, p_ - sizeof(T), sizeof(T));
        return v;
    }
    std::string getString() {
        const auto n = get<uint64_t>();
        if (!take(n)) return {};
        return std::string(reinterpret_cast<const char*>(p_ - n), n);
    }
    template <class T>
    std::vector<T> getVector() {
        const auto n = get<uint64_t>();
        if (n > static_cast<uint64_t>(end_ - p_) / sizeof(T) || !take(n * sizeof(T))) {
            ok_ = false;
            return {};
        }
        std::vector<T> v(n);
        if (n) std::memcpy(v.data(), p_ - n * sizeof(T), n * sizeof(T));  // an empty vector's data() may be null
        return v;
    }
    std::vector<std::string> getStrings() {
        const auto n = get<uint64_t>();
        std::vector<std::string> v;
        for (uint64_t i = 0; i < n && ok_; ++i) v.push_back(getString());
        return v;
    }

private:
    bool take(uint64_t n) {
        if (!ok_ || n > static_cast<uint64_t>(end_ - p_)) {
            ok_ = false;
            return false;
        }
        p_ += n;
        return true;
    }
    const uint8_t* p_;
    const uint8_t* end_;
    bool ok_ = true;
};

// FNV-1a, for cache keys and payload checks (not for security).
inline uint64_t fnv1a(const void* data, std::size_t n, uint64_t h = 1469598103934665603ULL) {
    const auto* p = static_cast<const uint8_t*>(data);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

}  // namespace sv
