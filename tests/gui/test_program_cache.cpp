// The GL program cache (render/gl/shader.hpp) end to end: `sitview --screenshot` as a process with a private cache
// folder. The first run compiles from GLSL and keeps the driver's binaries; later runs link from them and draw the
// same pixels; a damaged or refused file is compiled again and replaced, never trusted. And a shader file missing:
// the set-up names it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "support.hpp"
#include "util/binary_io.hpp"
#include "util/paths.hpp"

using namespace svtest;
namespace fs = std::filesystem;

namespace {

std::map<std::string, std::string> programFiles(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        const auto name = e.path().filename().string();
        if (name.rfind("program-", 0) == 0 && e.path().extension() == ".bin") out[name] = readText(e.path());
    }
    return out;
}

void writeBytes(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// What a cached program file must hold: the magic, the driver's format, the size and FNV-1a of the binary, the binary.
bool wellFormed(const std::string& file) {
    if (file.size() < 24 || file.compare(0, 8, "SVGLPRG1") != 0) return false;
    uint32_t size = 0;
    uint64_t check = 0;
    std::memcpy(&size, file.data() + 12, 4);
    std::memcpy(&check, file.data() + 16, 8);
    return file.size() == 24 + size && sv::fnv1a(file.data() + 24, size) == check;
}

}  // namespace

TEST_CASE("program cache: binaries kept on the first run, the same pixels from them, bad files compiled again") {
    const fs::path dir = tempDir() / "program-cache";
    fs::remove_all(dir);
    const std::string env = "SITVIEW_CACHE_DIR=" + dir.string();
    // The panels too, so ImGui's program is among them; a small size keeps it quick.
    auto shot = [&](const std::string& name) {
        const auto png = (dir.parent_path() / name).string();
        const auto r = runSitview("--screenshot " + png + " --size 640x360 --screenshot-ui --no-scenario", env);
        INFO("stderr: " << r.err);
        REQUIRE(r.status == 0);
        return fileHash(png);
    };

    const std::string first = shot("program-cache-1.png");
    const auto kept = programFiles(dir);
    // fill, hatch, line, marker, morph (loaded with the map's renderer) and imgui.
    REQUIRE(kept.size() == 6);
    for (const auto& [name, bytes] : kept) {
        INFO(name);
        CHECK(wellFormed(bytes));
    }

    // From the binaries: the same image, and no file written again (the files are replaced only after a compile, and a
    // replaced file has a new inode), each only marked as used (its time: util/cache_files.hpp).
    std::map<std::string, std::pair<unsigned long long, fs::file_time_type>> before;
    for (const auto& [name, bytes] : kept) {
        const auto when = fs::last_write_time(dir / name);
        before[name] = {inodeOf(dir / name), when};
        fs::last_write_time(dir / name, when - std::chrono::hours(48));
    }
    CHECK(shot("program-cache-2.png") == first);
    CHECK(programFiles(dir) == kept);
    for (const auto& [name, was] : before) {
        INFO(name);
        CHECK(inodeOf(dir / name) == was.first);
        CHECK(fs::last_write_time(dir / name) >= was.second);
    }

    // Damage three of them: cut short; one byte of the binary changed (the check no longer matches); a well-formed
    // file whose binary the driver refuses (its check matches, so only the driver can turn it down).
    auto it = kept.begin();
    const std::string cut = it->first, flipped = (++it)->first, refused = (++it)->first;
    writeBytes(dir / cut, kept.at(cut).substr(0, 20));
    std::string f = kept.at(flipped);
    f[f.size() / 2] = static_cast<char>(f[f.size() / 2] ^ 0x40);
    writeBytes(dir / flipped, f);
    std::string g = kept.at(refused);
    std::fill(g.begin() + 24, g.end(), 'x');
    const uint64_t check = sv::fnv1a(g.data() + 24, g.size() - 24);
    std::memcpy(g.data() + 16, &check, 8);
    REQUIRE(wellFormed(g));
    writeBytes(dir / refused, g);

    CHECK(shot("program-cache-3.png") == first);
    const auto now = programFiles(dir);
    REQUIRE(now.size() == 6);
    for (const auto& name : {cut, flipped, refused}) {
        INFO(name);
        CHECK(wellFormed(now.at(name)));
        CHECK(now.at(name) == kept.at(name));  // compiled again: the driver's binary for the same sources
    }
}

TEST_CASE("program cache: a cache folder that cannot be written costs nothing but the compile") {
    const fs::path blocker = tempDir() / "program-cache-blocker";
    fs::remove_all(blocker);
    writeBytes(blocker, "a file where the cache folder would be");
    const auto png = (tempDir() / "program-cache-unwritable.png").string();
    const auto r = runSitview("--screenshot " + png + " --size 320x200 --no-scenario", "SITVIEW_CACHE_DIR=" + blocker.string());
    INFO("stderr: " << r.err);
    CHECK(r.status == 0);
    // The prepared-data cache says it was not written, once; the programs, only a compile each, say nothing.
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.rfind("sitview: warning: prepared-data cache not written: " + blocker.string() + "/map-", 0) == 0);
    CHECK(fs::is_regular_file(blocker));
}

TEST_CASE("a shader file missing from the shader folder: the file named, exit status 1") {
    // Every shader but ImGui's vertex shader: the first program the headless set-up builds.
    const fs::path dir = tempDir() / "shaders-without-imgui-vert";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto shaders = sv::findResourceDir("shaders");
    REQUIRE(shaders.has_value());
    for (const auto& e : fs::directory_iterator(*shaders))
        if (e.path().filename() != "imgui.vert") fs::copy_file(e.path(), dir / e.path().filename());
    const auto png = tempDir() / "no-imgui-vert.png";
    const auto r = runSitview("--screenshot " + png.string() + " --size 320x200 --no-scenario",
                              "SITVIEW_SHADERS_DIR=" + dir.string());
    CHECK(r.status == 1);
    CHECK(r.err == "sitview: cannot set up offscreen rendering: " + (dir / "imgui.vert").string() +
                       ": cannot read shader file\n");
    CHECK_FALSE(fs::exists(png));
}
