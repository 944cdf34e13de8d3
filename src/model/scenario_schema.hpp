// The scenario file's attribute schema: turns one feature's field values (as text) into a ControlZone, Siege or
// Event, or into an exact error — file, layer, feature id, field, value, and what was expected — so the loader can
// skip just that feature. Pure (no GDAL): tested and fuzzed on its own.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "model/scenario.hpp"
#include "util/result.hpp"

namespace sv {

// The value of a field as text; nothing when the field is absent or null.
using FieldGetter = std::function<std::optional<std::string>(std::string_view field)>;

struct RecordPlace {
    std::string file;
    std::string layer;
    int64_t fid = 0;
    std::string prefix() const;  // "file: layer 'control', feature 12: "
};

// Attributes only; the caller adds the geometry.
Result<ControlZone> parseControlZone(const RecordPlace& where, const FieldGetter& get);
Result<Siege> parseSiege(const RecordPlace& where, const FieldGetter& get);
Result<Event> parseEvent(const RecordPlace& where, const FieldGetter& get);
// A `metadata` row (key, value); unknown keys are kept out silently, bad dates are errors.
Status applyMetadata(const RecordPlace& where, const std::string& key, const std::string& value, ScenarioMeta& meta);

std::optional<Side> parseSide(std::string_view text);
std::optional<ControlStatus> parseStatus(std::string_view text);
std::optional<Confidence> parseConfidence(std::string_view text);
std::optional<SiegeOutcome> parseOutcome(std::string_view text);

}  // namespace sv
