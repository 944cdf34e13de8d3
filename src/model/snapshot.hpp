// The prepared-data cache: a loaded, projected, repaired and triangulated base map saved as one binary file, so the
// next start with the same inputs skips GDAL, PROJ and GEOS entirely. The key covers every input file's path,
// size and modification time, the map CRS and the geo module's identity; a changed input is a miss. Files are
// written atomically and checked (magic, version, length, checksum) when read; a bad file is just a miss.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/loaded_map.hpp"
#include "util/result.hpp"

namespace sv {

std::vector<uint8_t> encodeSnapshot(const LoadedMap& map);
Result<LoadedMap> decodeSnapshot(std::span<const uint8_t> bytes);

// Cache file for these sources, or nothing when an input cannot be stat'ed (e.g. a /vsizip/ path).
std::optional<std::filesystem::path> snapshotPath(const MapSources& sources, const std::string& producerIdentity);
// $SITVIEW_CACHE_DIR, else $XDG_CACHE_HOME/sitview, else ~/.cache/sitview.
std::filesystem::path cacheDir();

std::optional<LoadedMap> readSnapshot(const std::filesystem::path& path);
Status writeSnapshot(const std::filesystem::path& path, const LoadedMap& map);

}  // namespace sv
