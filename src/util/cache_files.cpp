// The cache folder kept to a size (see cache_files.hpp).
#include "util/cache_files.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>

namespace sv::cache {

namespace fs = std::filesystem;

namespace {

bool hex16(const std::string& s, std::size_t at) {
    if (s.size() < at + 16) return false;
    for (std::size_t i = at; i < at + 16; ++i)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return false;
    return true;
}

// The length of the entry name that `name` starts with (0: none).
std::size_t entryPrefix(const std::string& name) {
    for (const char* kind : {"map-", "fonts-", "program-"}) {
        const std::string k = kind;
        if (name.compare(0, k.size(), k) == 0 && hex16(name, k.size()) && name.compare(k.size() + 16, 4, ".bin") == 0)
            return k.size() + 20;
    }
    return 0;
}

bool isTempName(const std::string& name) {
    const std::size_t n = entryPrefix(name);
    if (n == 0 || name.compare(n, 5, ".tmp-") != 0 || name.size() == n + 5) return false;
    return std::all_of(name.begin() + static_cast<std::ptrdiff_t>(n + 5), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool isEntryName(const std::string& name) {
    const std::size_t n = entryPrefix(name);
    return n != 0 && n == name.size();
}

Limits limitsFromEnvironment() {
    Limits l;
    if (const char* mb = std::getenv("SITVIEW_CACHE_MAX_MB"); mb && *mb) {
        char* end = nullptr;
        const unsigned long long v = std::strtoull(mb, &end, 10);
        if (end && *end == '\0' && mb[0] != '-') l.maxBytes = static_cast<std::uintmax_t>(v) << 20;
    }
    return l;
}

void touch(const fs::path& entry) { (void)::utimensat(AT_FDCWD, entry.c_str(), nullptr, 0); }

Pruned prune(const fs::path& dir, const fs::path& keep, const Limits& limits, fs::file_time_type now) {
    struct Entry {
        fs::path path;
        std::uintmax_t bytes;
        fs::file_time_type used;
    };
    std::vector<Entry> entries;
    Pruned out;
    std::error_code ec;
    const fs::path keepName = keep.filename();
    auto remove = [&](const fs::path& p, std::uintmax_t bytes) {
        std::error_code rec;
        if (fs::remove(p, rec)) ++out.removed, out.removedBytes += bytes;
    };
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code fec;
        if (!it->is_regular_file(fec)) continue;
        const std::string name = it->path().filename().string();
        const auto bytes = it->file_size(fec);
        if (fec) continue;
        const auto used = it->last_write_time(fec);
        if (fec) continue;
        if (isTempName(name)) {
            if (now - used > limits.maxTempAge) remove(it->path(), bytes);
        } else if (isEntryName(name)) {
            if (it->path().filename() == keepName) out.keptBytes += bytes;
            else if (now - used > limits.maxIdle) remove(it->path(), bytes);
            else entries.push_back({it->path(), bytes, used});
        }
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used > b.used; });
    bool full = false;  // most recently used first: kept until one does not fit, it and all older ones removed
    for (const Entry& e : entries) {
        full = full || out.keptBytes + e.bytes > limits.maxBytes;
        if (full) remove(e.path, e.bytes);
        else out.keptBytes += e.bytes;
    }
    return out;
}

void afterWrite(const fs::path& entry) { (void)prune(entry.parent_path(), entry, limitsFromEnvironment()); }

}  // namespace sv::cache
