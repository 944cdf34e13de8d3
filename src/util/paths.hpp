// Where sitview finds its run-time resources (shaders, built-in geodata, fonts): next to the executable first,
// then the source tree it was built from, so a build directory runs without installing.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sv {

std::filesystem::path executableDir();
// The first existing directory among <exe>/<name>, <exe>/../<name>, <exe>/../share/sitview/<name>,
// <source dir>/<name>; $SITVIEW_<NAME>_DIR (upper-case) overrides them all.
std::optional<std::filesystem::path> findResourceDir(const std::string& name);
// Every place findResourceDir looks, for the error message when nothing is found.
std::vector<std::filesystem::path> resourceCandidates(const std::string& name);
// How writing to `out` would touch the input `in`, comparing resolved paths, so symlinks, "..", "." and trailing
// slashes do not hide a clash: the same file or folder, or a path inside the input folder (at any depth). Inputs
// named through GDAL's /vsi… prefixes are not plain paths and never clash; neither does a path that cannot be
// resolved.
enum class InputClash { None, Same, InsideFolder };
InputClash clashWithInput(const std::string& out, const std::string& in);

// A TrueType font with Latin and Cyrillic glyphs (Debian's fonts-dejavu-core), or nothing.
std::optional<std::filesystem::path> findUiFont(bool bold = false);

}  // namespace sv
