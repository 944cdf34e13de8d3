// `sitview stats SRC [--csv]`: the occupied area for every date of a series or scenario — the geodesic area of the
// union of the held polygons (overlaps counted once; losses are not held) — with the change since the previous
// date and the share of Ukraine.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "model/loaded_map.hpp"
#include "util/date.hpp"

namespace sv {

struct AreaRow {
    Date date;
    double km2;
};

// Every date: the series' input files (identical consecutive ones included), else the scenario's frames. Series
// areas must have been computed (geo::computeSeriesAreas).
std::vector<AreaRow> areaSeries(const LoadedMap& map);
// CSV: "date,area_km2,change_km2", one row per date, km² with two decimals; the first row has no change.
void printAreaCsv(const std::vector<AreaRow>& rows, std::ostream& out);
void printAreaTable(const std::vector<AreaRow>& rows, double countryKm2, std::ostream& out);
std::string statsUsage();

}  // namespace sv
