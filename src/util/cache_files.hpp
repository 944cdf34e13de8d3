// sitview's cache folder (model/snapshot.hpp: cacheDir) kept to a size. Every start that misses the cache writes a new
// entry — the prepared data of a changed data set or of a new sitview build (1.5 MB for the built-in map, 33 MB
// for a 1,600-day series), a new build's font atlases (1.4 MB) and GL programs — and nothing removed the old
// ones: a day of development left 150 MB. Entries are used least-recently-first: a hit marks its entry as used
// (its modification time), and after each write the folder is pruned.
//
// Only sitview's own entries are looked at — `map-`, `fonts-` or `program-` followed by 16 hex digits and `.bin`
// — and the temporary files an interrupted write of one leaves (`….bin.tmp-PID`), so a cache folder pointed at a
// folder of other files (SITVIEW_CACHE_DIR) loses nothing else. Failures are ignored: it is a cache.
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace sv::cache {

struct Limits {
    std::uintmax_t maxBytes = std::uintmax_t{512} << 20;  // SITVIEW_CACHE_MAX_MB overrides it (limitsFromEnvironment)
    std::chrono::hours maxIdle{24 * 60};                    // entries not used for 60 days go
    std::chrono::hours maxTempAge{24};                      // a temporary file older than this is a dead write's
};

// The default limits, with the size from SITVIEW_CACHE_MAX_MB when it is a whole number of megabytes (0 keeps only
// the entry just written).
Limits limitsFromEnvironment();

struct Pruned {
    std::size_t removed = 0;
    std::uintmax_t removedBytes = 0, keptBytes = 0;  // keptBytes: the entries left, `keep` included
};

// Whether `name` is one of sitview's cache entries (not a temporary file).
bool isEntryName(const std::string& name);

// Marks `entry` as used now.
void touch(const std::filesystem::path& entry);

// Removes from `dir` the entries idle longer than limits.maxIdle and stale temporary files, then the least recently
// used entries while the rest take more than limits.maxBytes (from the most recently used on, entries are kept until
// one would not fit; it and all older ones go). `keep` (the entry just written) is never removed.
Pruned prune(const std::filesystem::path& dir, const std::filesystem::path& keep, const Limits& limits,
             std::filesystem::file_time_type now = std::filesystem::file_time_type::clock::now());

// After `entry` was written: its folder pruned with limitsFromEnvironment().
void afterWrite(const std::filesystem::path& entry);

}  // namespace sv::cache
