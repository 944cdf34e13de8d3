// `sitview status --date D (--place NAME | --lonlat LON,LAT) [--json]`: who held a point on a date, by which
// feature and source — the same query as the map's hover tooltip (Scenario::controlAt).
#pragma once
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "model/loaded_map.hpp"
#include "util/date.hpp"
#include "util/result.hpp"

namespace sv {

struct StatusQuery {
    Date date;
    std::string place;            // a place id, name or alias (case-insensitive)
    std::optional<Vec2d> lonlat;  // or a point
    bool json = false;
};

// Takes the status options out of `args` (what remains are data options such as --scenario); errors name the
// option.
Result<StatusQuery> parseStatusQuery(std::vector<std::string>& args);
// Finds a place by id, name, Ukrainian name or alias, ignoring case in Latin and Cyrillic script and Latin
// diacritics (text::fold: "херсон", "KHERSON" and "Kherson" are one place).
const Place* findPlaceByName(const MapData& map, const std::string& text);
// Prints the answer; returns the exit status (0, or 2 for an unknown place / no scenario).
int runStatus(const StatusQuery& q, const LoadedMap& map, const CoordTransform* fromLonLat, std::ostream& out,
              std::ostream& err);
std::string statusUsage();

}  // namespace sv
