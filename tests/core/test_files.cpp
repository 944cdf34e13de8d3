// readFile: every byte of a file, whatever its size says; clear messages for what is not a readable file. And the
// writing side of the prepared-data cache: BinaryWriter streaming through its sink, writeFileAtomic with a writer.
#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "temp_dir.hpp"
#include "util/binary_io.hpp"
#include "util/files.hpp"

using sv::readFile;
using sv::test::TempDir;

TEST_CASE("readFile: the exact bytes, NULs and all, for empty, small and multi-megabyte files") {
    TempDir d("files-read");
    std::string big;
    for (unsigned i = 0; i < 3'000'017; ++i) big.push_back(static_cast<char>((i * 7919u) % 251u));
    for (const std::string& content : {std::string(), std::string("a"), std::string("x\0y\n", 4), big}) {
        {
            std::ofstream out(d / "f.bin", std::ios::binary | std::ios::trunc);
            out.write(content.data(), static_cast<std::streamsize>(content.size()));
        }
        auto r = readFile(d / "f.bin");
        REQUIRE(r);
        CHECK(r->size() == content.size());
        CHECK(*r == content);
    }
}

TEST_CASE("readFile: a file whose size is not known up front (/proc) is read to its end") {
    auto status = readFile("/proc/self/status");
    REQUIRE(status);
    CHECK(status->find("Name:") == 0);
    CHECK(status->find("VmRSS:") != std::string::npos);
    CHECK(status->back() == '\n');
    // Larger than the first buffer several times over: every mapping, down to the stack near the end.
    auto smaps = readFile("/proc/self/smaps");
    REQUIRE(smaps);
    CHECK(smaps->size() > 4 * 4096);
    CHECK(smaps->find("[stack]") != std::string::npos);
    CHECK(smaps->back() == '\n');
}

TEST_CASE("readFile: a missing path and a folder are refused with the path and the reason") {
    TempDir d("files-refused");
    auto missing = readFile(d / "nope.geojson");
    REQUIRE_FALSE(missing);
    CHECK(missing.error() == d / "nope.geojson" + ": cannot read: No such file or directory");
    auto folder = readFile(d.path.string());
    REQUIRE_FALSE(folder);
    CHECK(folder.error() == d.path.string() + ": is a directory, not a file");
}

TEST_CASE("BinaryWriter streaming: the sink receives exactly the in-memory bytes, small values and long vectors alike") {
    std::vector<uint32_t> longVector(700'000);  // 2.8 MB: goes to the sink directly
    for (std::size_t i = 0; i < longVector.size(); ++i) longVector[i] = static_cast<uint32_t>(i * 2654435761u);
    const std::vector<double> shortVector = {1.5, -2.25, 1e300};
    auto putAll = [&](sv::BinaryWriter& w) {
        for (int i = 0; i < 200'000; ++i) w.put<int32_t>(i);  // 800 KB of small values: crosses the 1 MB chunk with the rest
        w.put(std::string("Київ"));
        w.putVector(longVector);
        w.putVector(shortVector);
        w.putStrings({"a", "", "Херсон"});
        for (int i = 0; i < 300'000; ++i) w.put<uint8_t>(static_cast<uint8_t>(i));
    };
    sv::BinaryWriter memory;
    putAll(memory);

    std::vector<uint8_t> streamed;
    std::size_t calls = 0, largest = 0;
    sv::BinaryWriter stream([&](const uint8_t* p, std::size_t n) {
        streamed.insert(streamed.end(), p, p + n);
        ++calls, largest = std::max(largest, n);
        return true;
    });
    putAll(stream);
    CHECK(stream.bytes().size() < (1u << 20));  // never more than a chunk held
    REQUIRE(stream.flush());
    CHECK(stream.bytes().empty());
    CHECK(streamed == memory.bytes());
    CHECK(calls >= 3);
    CHECK(largest == longVector.size() * sizeof(uint32_t));

    // A sink that fails is not called again, and flush says so.
    std::size_t afterFailure = 0;
    sv::BinaryWriter failing([&](const uint8_t*, std::size_t) { return ++afterFailure > 1; });
    putAll(failing);
    CHECK_FALSE(failing.flush());
    CHECK(afterFailure == 1);
}

TEST_CASE("writeFileAtomic with a writer: a writer that fails leaves the old file as it was, and no temporary") {
    TempDir d("files-atomic");
    const std::string target = d / "cache.bin";
    REQUIRE(sv::writeFileAtomic(target, "old", 3));
    auto refused = sv::writeFileAtomic(target, [](std::FILE* f) {
        std::fputs("half of the new", f);
        errno = ENOSPC;
        return false;
    });
    REQUIRE_FALSE(refused);
    CHECK(refused.error() == target + ": cannot write: No space left on device");
    CHECK(*readFile(target) == "old");
    CHECK(std::distance(std::filesystem::directory_iterator(d.path), std::filesystem::directory_iterator()) == 1);

    REQUIRE(sv::writeFileAtomic(target, [](std::FILE* f) { return std::fputs("new", f) >= 0; }));
    CHECK(*readFile(target) == "new");
}
