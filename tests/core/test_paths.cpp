// clashWithInput: the one check every writer (import, render, story export, animate) makes before touching a path.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "temp_dir.hpp"
#include "util/paths.hpp"

namespace fs = std::filesystem;
using sv::InputClash;
using sv::clashWithInput;
using sv::test::TempDir;

TEST_CASE("clashWithInput: the same file or folder however it is written") {
    TempDir d("paths-same");
    fs::create_directories(d.path / "sc" / "sub");
    std::ofstream(d / "sc/control.geojson") << "{}";
    fs::create_directory_symlink(d.path / "sc", d.path / "link");

    CHECK(clashWithInput(d / "sc/control.geojson", d / "sc/control.geojson") == InputClash::Same);
    CHECK(clashWithInput(d / "sc/sub/../control.geojson", d / "sc/control.geojson") == InputClash::Same);
    CHECK(clashWithInput(d / "sc/./control.geojson", d / "link/control.geojson") == InputClash::Same);
    CHECK(clashWithInput(d / "sc", d / "sc/") == InputClash::Same);
    CHECK(clashWithInput(d / "sc/", d / "sc") == InputClash::Same);
    CHECK(clashWithInput(d / "link", d / "sc") == InputClash::Same);
}

TEST_CASE("clashWithInput: anything inside an input folder, at any depth, existing or not") {
    TempDir d("paths-inside");
    fs::create_directories(d.path / "sc" / "sub");
    CHECK(clashWithInput(d / "sc/x.gpkg", d / "sc") == InputClash::InsideFolder);
    CHECK(clashWithInput(d / "sc/x.gpkg", d / "sc/") == InputClash::InsideFolder);
    CHECK(clashWithInput(d / "sc/sub/deeper/x.gpkg", d / "sc") == InputClash::InsideFolder);
    CHECK(clashWithInput(d / "elsewhere/../sc/x.gpkg", d / "sc") == InputClash::InsideFolder);
}

TEST_CASE("clashWithInput: neighbours, a common name prefix, a file input and GDAL paths do not clash") {
    TempDir d("paths-none");
    fs::create_directories(d.path / "sc");
    fs::create_directories(d.path / "sc2");
    std::ofstream(d / "layer.geojson") << "{}";
    CHECK(clashWithInput(d / "x.gpkg", d / "sc") == InputClash::None);
    CHECK(clashWithInput(d / "sc2/x.gpkg", d / "sc") == InputClash::None);  // "sc2" starts with "sc"
    CHECK(clashWithInput(d / "sc/../x.gpkg", d / "sc") == InputClash::None);
    CHECK(clashWithInput(d / "layer.geojson/x", d / "layer.geojson") == InputClash::None);  // a file has no inside
    CHECK(clashWithInput(d / "x.gpkg", "/vsizip/" + (d / "x.gpkg")) == InputClash::None);
    CHECK(clashWithInput(d / "x.gpkg", "") == InputClash::None);
    CHECK(clashWithInput("", d / "sc") == InputClash::None);
}
