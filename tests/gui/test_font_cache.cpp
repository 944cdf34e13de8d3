// The font atlas cache (ui/fonts.hpp) end to end: `sitview --screenshot` as a process with a private cache folder.
// The first run rasterises the fonts and keeps the atlases; later runs read them and draw the same pixels; a damaged
// file is never trusted: the atlases are built again and the file written again, byte for byte as the first time.
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support.hpp"
#include "util/binary_io.hpp"

using namespace svtest;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> fontFiles(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        const auto name = e.path().filename().string();
        if (name.rfind("fonts-", 0) == 0 && e.path().extension() == ".bin") out.push_back(e.path());
    }
    return out;
}

// What a kept atlas file must end with: the FNV-1a of everything before it.
bool wellFormed(const std::string& file) {
    if (file.size() < 16) return false;
    uint64_t check = 0;
    std::memcpy(&check, file.data() + file.size() - 8, 8);
    return sv::fnv1a(file.data(), file.size() - 8) == check;
}

void writeBytes(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST_CASE("font cache: atlases kept on the first run, the same pixels from them, damaged files built again") {
    const fs::path dir = tempDir() / "font-cache";
    fs::remove_all(dir);
    const std::string env = "SITVIEW_CACHE_DIR=" + dir.string();
    struct Shot {
        std::string hash;
        bool fromCache;
    };
    // The default view: place labels with their halos, the date caption, the attribution line.
    auto shot = [&](const std::string& name, const std::string& extra = "") {
        const auto png = (dir.parent_path() / name).string();
        const auto r = runSitview("--screenshot " + png + " --size 960x540 --timings " + extra, env);
        INFO("stderr: " << r.err);
        REQUIRE(r.status == 0);
        return Shot{fileHash(png), r.err.find("; fonts from the cache") != std::string::npos};
    };

    const Shot first = shot("font-cache-1.png");
    CHECK_FALSE(first.fromCache);
    const auto files = fontFiles(dir);
    REQUIRE(files.size() == 1);
    const std::string kept = readText(files[0]);
    CHECK(wellFormed(kept));
    CHECK(kept.size() > 100000);  // two atlases' pixels at least

    // From the file: the same image, and the file not written again (the same inode: a write replaces the file),
    // only marked as used (its time, by which the cache folder is pruned: util/cache_files.hpp).
    const auto stamp = fs::last_write_time(files[0]);
    const auto inode = inodeOf(files[0]);
    fs::last_write_time(files[0], stamp - std::chrono::hours(48));
    const Shot second = shot("font-cache-2.png");
    CHECK(second.fromCache);
    CHECK(second.hash == first.hash);
    CHECK(inodeOf(files[0]) == inode);
    CHECK(readText(files[0]) == kept);
    CHECK(fs::last_write_time(files[0]) >= stamp);

    // Cut short, then one byte changed in the middle (the glyphs' or the pixels'): built again, the same image,
    // and the file written again exactly as it was.
    for (const std::string& damaged : {kept.substr(0, kept.size() / 2), [&] {
             std::string s = kept;
             s[s.size() / 3] = static_cast<char>(s[s.size() / 3] ^ 0x40);
             return s;
         }()}) {
        writeBytes(files[0], damaged);
        const Shot again = shot("font-cache-3.png");
        CHECK_FALSE(again.fromCache);
        CHECK(again.hash == first.hash);
        CHECK(readText(files[0]) == kept);
    }

    // --no-cache rasterises them and leaves the folder alone.
    const auto before = fs::last_write_time(files[0]);
    const Shot fresh = shot("font-cache-4.png", "--no-cache");
    CHECK_FALSE(fresh.fromCache);
    CHECK(fresh.hash == first.hash);
    CHECK(fs::last_write_time(files[0]) == before);

    // Another UI scale is another atlas, with a file of its own; the first one stays.
    const Shot larger = shot("font-cache-5.png", "--ui-scale 1.5");
    CHECK_FALSE(larger.fromCache);
    CHECK(larger.hash != first.hash);
    CHECK(fontFiles(dir).size() == 2);
    const Shot largerAgain = shot("font-cache-6.png", "--ui-scale 1.5");
    CHECK(largerAgain.fromCache);
    CHECK(largerAgain.hash == larger.hash);
}
