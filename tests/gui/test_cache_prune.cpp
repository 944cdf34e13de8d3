// The cache folder kept to a size, end to end (util/cache_files.hpp): a start that writes to the cache prunes it,
// removing sitview's entries unused for longer than 60 days and leaving every other file alone.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "support.hpp"

using namespace svtest;
namespace fs = std::filesystem;

TEST_CASE("a start that writes to the cache removes entries unused for 60 days, and nothing that is not sitview's") {
    const fs::path dir = tempDir() / "cache-prune";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto longAgo = fs::file_time_type::clock::now() - std::chrono::hours(24 * 90);
    auto put = [&](const std::string& name) {
        std::ofstream(dir / name, std::ios::binary) << std::string(4096, 'x');
        fs::last_write_time(dir / name, longAgo);
        return dir / name;
    };
    const auto stale = put("map-00000000deadbeef.bin");      // an entry of an old build or changed data
    const auto staleFonts = put("fonts-00000000deadbeef.bin");
    const auto foreign = put("notes.txt");                    // the folder may hold other files (SITVIEW_CACHE_DIR)
    const auto lookalike = put("map-deadbeef.bin");           // not an entry name: not sitview's
    const auto png = (dir.parent_path() / "cache-prune.png").string();
    const auto r = runSitview("--screenshot " + png + " --size 320x200", "SITVIEW_CACHE_DIR=" + dir.string());
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    CHECK_FALSE(fs::exists(stale));
    CHECK_FALSE(fs::exists(staleFonts));
    CHECK(fs::exists(foreign));
    CHECK(fs::exists(lookalike));
    int maps = 0, fonts = 0, programs = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        const auto name = e.path().filename().string();
        maps += name.rfind("map-", 0) == 0 && name != "map-deadbeef.bin";
        fonts += name.rfind("fonts-", 0) == 0;
        programs += name.rfind("program-", 0) == 0;
    }
    CHECK(maps == 1);  // this start's entries are all there
    CHECK(fonts == 1);
    CHECK(programs >= 4);
}
