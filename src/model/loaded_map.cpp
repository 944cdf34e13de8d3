// Built-in data lookup (see loaded_map.hpp).
#include "model/loaded_map.hpp"

#include <filesystem>

#include "util/paths.hpp"

namespace sv {

MapSources builtinSources() {
    MapSources s;
    if (auto dir = findResourceDir("geodata")) {
        auto pick = [&](const char* name) {
            const auto p = *dir / name;
            return std::filesystem::exists(p) ? p.string() : std::string();
        };
        s.regions = pick("ukraine_admin1.geojson");
        s.context = pick("neighbours.geojson");
        s.places = pick("places.geojson");
        s.scenario = pick("scenarios/spring2022.gpkg");
    }
    return s;
}

}  // namespace sv
