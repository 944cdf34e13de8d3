// Place search: type-ahead over every name and alias in the gazetteer, Latin and Cyrillic, case- and
// diacritic-insensitive ("kiev" finds Kyiv, "Маріуполь" finds Mariupol, "chernobyl" finds Chornobyl).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model/map_data.hpp"
#include "reporting/gazetteer.hpp"

namespace sv {

struct SearchHit {
    int target;
    std::string matchedName;  // the name or alias that matched, as written
    int score;                // higher is better
};

// Ranks: the whole name (100, an alias 95), the start of the name (80) or alias (75), the start of a word in it
// (60), anywhere (40); ties by kind (capital, oblast centre, city…, then regions) and population.
std::vector<SearchHit> searchPlaces(const Gazetteer& g, const MapData& map, std::string_view query, std::size_t limit = 10);

}  // namespace sv
