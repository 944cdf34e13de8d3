// The stats command (see stats_command.hpp).
#include "cli/stats_command.hpp"

#include <cstdio>
#include <ostream>

namespace sv {
namespace {

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace

std::string statsUsage() {
    return "Usage: sitview stats SRC [--csv] [--format auto|deepstate|nzz|dated|layer] [--date-field F]\n"
           "                    [--start-field F] [--end-field F]\n"
           "SRC: a folder of daily files, one dated layer, or a scenario. Areas are geodesic (WGS 84 ellipsoid).\n";
}

std::vector<AreaRow> areaSeries(const LoadedMap& map) {
    std::vector<AreaRow> rows;
    if (map.series) {
        for (const auto& f : map.series->files) rows.push_back({f.date, map.series->days[f.day].areaKm2});
        return rows;
    }
    if (!map.hasScenario) return rows;
    const auto& frames = map.scenario.frames();
    const Date first = map.scenario.firstDate(), last = map.scenario.lastDate();
    for (std::size_t i = 0; i < frames.size(); ++i) {
        // Frames that begin before the scenario's range (long-standing zones) start at its first day.
        const Date d = std::max(frames[i].from, first);
        if (last < d || map.scenario.derived[i].heldKm2 < 0) continue;
        if (!rows.empty() && rows.back().date == d) rows.back().km2 = map.scenario.derived[i].heldKm2;
        else rows.push_back({d, map.scenario.derived[i].heldKm2});
    }
    return rows;
}

void printAreaCsv(const std::vector<AreaRow>& rows, std::ostream& out) {
    out << "date,area_km2,change_km2\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        out << rows[i].date.iso() << "," << fixed(rows[i].km2, 2) << ",";
        if (i) out << fixed(rows[i].km2 - rows[i - 1].km2, 2);
        out << "\n";
    }
}

void printAreaTable(const std::vector<AreaRow>& rows, double countryKm2, std::ostream& out) {
    out << "date         area km²     change km²   share of Ukraine\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        char line[160];
        std::snprintf(line, sizeof line, "%s  %11.1f  %+11.1f   %6.2f %%\n", rows[i].date.iso().c_str(), rows[i].km2,
                      i ? rows[i].km2 - rows[i - 1].km2 : 0.0, countryKm2 > 0 ? 100.0 * rows[i].km2 / countryKm2 : 0.0);
        out << line;
    }
}

}  // namespace sv
