// Importers for public daily front-line series, through GDAL (any OGR format; .gz and .zip through /vsigzip/ and
// /vsizip/):
//   deepstate — a folder of daily snapshots, the date in the file name (deepstatemap_data_YYYYMMDD.geojson), the
//               occupied territory as (Multi)Polygons;
//   nzz       — a folder of YYYY-MM-DD.json files holding {"value": FeatureCollection} whose features are typed
//               nochange / gains / losses: held = nochange ∪ gains; losses were given up in the window and are
//               shown as losses, never counted as held;
//   dated     — any other folder of files with a date in their names (each file: the held area that day);
//   layer     — one layer with a date field (each date: the union of its features, held until the next date) or
//               start/end fields (each feature held over [start, end)).
// Files are read in parallel on every core; a bad file is reported (name, reason) and skipped.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/loaded_map.hpp"
#include "util/date.hpp"
#include "util/progress.hpp"
#include "util/result.hpp"

namespace sv::geo {

enum class SeriesFormat { Auto, DeepState, Nzz, DatedFiles, DatedLayer };

std::string_view seriesFormatName(SeriesFormat f);
std::optional<SeriesFormat> parseSeriesFormat(std::string_view text);

struct SeriesOptions {
    SeriesFormat format = SeriesFormat::Auto;
    std::string dateField, startField, endField;  // for a single dated layer
};

// A date in a file name: YYYYMMDD, YYYY-MM-DD or YYYY_MM_DD (the last one in the name). Fails with the reason.
// Defined in the core (util/date.hpp) so it is fuzzed without GDAL; also reachable here as geo::dateFromFileName.
using sv::dateFromFileName;

// What a path holds: a scenario (control layer), or a series in one of the formats above.
struct Detected {
    bool scenario = false;
    SeriesFormat format = SeriesFormat::Auto;
    std::vector<std::string> files;  // the series files in name order (folders)
    std::string reason;              // why this format, for the log
};
Result<Detected> detect(const std::string& path, const SeriesOptions& options);

// Every series day's geodesic area (km², on WGS 84), on all cores. Kept out of loading: it costs about as much as
// reading the files, and scrubbing does not need it (the chart and `stats` do).
std::vector<double> seriesAreas(const Series& series, const std::string& mapCrs);

// A single layer with a date field (features of one date are the held area until the next date) or start/end
// fields (each feature held over [start, end)); fills map.scenario like a scenario file.
void loadDatedLayer(const std::string& path, const SeriesOptions& options, LoadedMap& map);

// Loads a series into map.scenario (one zone per distinct snapshot) and map.series; problems go to map.errors /
// map.warnings; a summary line to map.warnings' front ("imported …"). Needs map.data in place (outline, CRS).
void loadSeries(const std::string& path, const Detected& what, const SeriesOptions& options, LoadedMap& map,
                Progress* progress = nullptr);

}  // namespace sv::geo
