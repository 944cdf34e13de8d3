// The cache folder kept to a size (util/cache_files.hpp): which files count as sitview's entries, least recently
// used first, idle entries and dead temporary files, the entry just written always kept, other files never touched.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "temp_dir.hpp"
#include "util/cache_files.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const std::string kHex = "0123456789abcdef";

// A file of `bytes` bytes last written `age` ago (relative to `now`).
fs::path put(const sv::test::TempDir& dir, const std::string& name, std::size_t bytes, fs::file_time_type now,
             fs::file_time_type::duration age) {
    const fs::path p = dir.path / name;
    std::ofstream(p, std::ios::binary) << std::string(bytes, 'x');
    fs::last_write_time(p, now - age);
    return p;
}

// The names of the files in the folder.
std::set<std::string> names(const sv::test::TempDir& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir.path)) out.insert(e.path().filename().string());
    return out;
}

}  // namespace

TEST_CASE("cache entry names: map-, fonts- and program- with 16 lower-case hex digits and .bin, nothing else") {
    CHECK(sv::cache::isEntryName("map-" + kHex + ".bin"));
    CHECK(sv::cache::isEntryName("fonts-" + kHex + ".bin"));
    CHECK(sv::cache::isEntryName("program-" + kHex + ".bin"));
    CHECK_FALSE(sv::cache::isEntryName("map-0123456789ABCDEF.bin"));
    CHECK_FALSE(sv::cache::isEntryName("map-0123456789abcde.bin"));
    CHECK_FALSE(sv::cache::isEntryName("map-" + kHex + "0.bin"));
    CHECK_FALSE(sv::cache::isEntryName("map-" + kHex + ".bin.tmp-123"));
    CHECK_FALSE(sv::cache::isEntryName("tiles-" + kHex + ".bin"));
    CHECK_FALSE(sv::cache::isEntryName("notes.txt"));
    CHECK_FALSE(sv::cache::isEntryName(""));
}

TEST_CASE("prune: least recently used entries go while the rest exceed the size, the entry just written stays") {
    sv::test::TempDir dir("cache-prune-size");
    const auto now = fs::file_time_type::clock::now();
    const auto newest = put(dir, "map-" + kHex + ".bin", 100, now, 1h);
    (void)put(dir, "fonts-" + kHex + ".bin", 100, now, 2h);    // second
    (void)put(dir, "program-" + kHex + ".bin", 100, now, 3h);  // third
    (void)put(dir, "program-fedcba9876543210.bin", 10, now, 4h);  // fourth: small, but older than one that went
    const auto written = put(dir, "map-00000000000000ff.bin", 100, now, 5h);  // oldest, but just written
    // Not sitview's: never removed, whatever their size or age.
    const auto notes = put(dir, "notes.txt", 1000, now, 24h * 400);
    const auto upper = put(dir, "map-0123456789ABCDEF.bin", 1000, now, 24h * 400);
    sv::cache::Limits limits;
    limits.maxBytes = 250;
    const auto r = sv::cache::prune(dir.path, written, limits, now);
    // second, third and fourth go; the files that are not sitview's stay.
    CHECK(names(dir) == std::set<std::string>{written.filename(), newest.filename(), notes.filename(), upper.filename()});
    CHECK(r.removed == 3);
    CHECK(r.removedBytes == 210);
    CHECK(r.keptBytes == 200);

    SUBCASE("under the size, nothing more goes") {
        const auto again = sv::cache::prune(dir.path, written, limits, now);
        CHECK(again.removed == 0);
        CHECK(again.keptBytes == 200);
    }
    SUBCASE("a size of 0 keeps the entry just written alone") {
        limits.maxBytes = 0;
        const auto none = sv::cache::prune(dir.path, written, limits, now);
        CHECK(none.removed == 1);
        CHECK(fs::exists(written));
        CHECK_FALSE(fs::exists(newest));
    }
}

TEST_CASE("prune: entries idle too long and temporary files of dead writes go, a used entry stays") {
    sv::test::TempDir dir("cache-prune-idle");
    const auto now = fs::file_time_type::clock::now();
    const std::string entry = "map-" + kHex + ".bin";
    (void)put(dir, entry, 10, now, 24h * 61);
    const auto used = put(dir, "fonts-" + kHex + ".bin", 10, now, 24h * 61);
    const auto recent = put(dir, "program-" + kHex + ".bin", 10, now, 24h * 59);
    (void)put(dir, entry + ".tmp-4242", 10, now, 25h);
    const auto liveTemp = put(dir, entry + ".tmp-4243", 10, now, 1h);  // another process writing it now
    const auto oddTemp = put(dir, entry + ".tmp-x1", 10, now, 24h * 400);  // not the writer's pattern: not ours
    sv::cache::touch(used);  // read just now: its time is now (the real clock)
    const auto r = sv::cache::prune(dir.path, {}, sv::cache::Limits{}, fs::file_time_type::clock::now());
    // idle and deadTemp go.
    CHECK(names(dir) == std::set<std::string>{used.filename(), recent.filename(), liveTemp.filename(), oddTemp.filename()});
    CHECK(r.removed == 2);
    CHECK(r.keptBytes == 20);
}

TEST_CASE("prune: a missing or unreadable folder is nothing to do") {
    const auto r = sv::cache::prune("/nonexistent/sitview-cache", {}, sv::cache::Limits{});
    CHECK(r.removed == 0);
    CHECK(r.keptBytes == 0);
}

TEST_CASE("SITVIEW_CACHE_MAX_MB sets the size in megabytes, anything but a whole number is ignored") {
    const auto byDefault = sv::cache::Limits{}.maxBytes;
    CHECK(byDefault == std::uintmax_t{512} << 20);
    auto with = [](const char* v) {
        ::setenv("SITVIEW_CACHE_MAX_MB", v, 1);
        const auto l = sv::cache::limitsFromEnvironment();
        ::unsetenv("SITVIEW_CACHE_MAX_MB");
        return l.maxBytes;
    };
    CHECK(with("3") == std::uintmax_t{3} << 20);
    CHECK(with("0") == 0);
    CHECK(with("abc") == byDefault);
    CHECK(with("-1") == byDefault);
    CHECK(with("12MB") == byDefault);
    CHECK(with("") == byDefault);
}
