// Fuzz target `filename_dates`: sv::dateFromFileName (util/date.hpp), which dates the files of a daily series from
// their names (deepstatemap_data_20220301.geojson, 2022-03-29.json, front_2023_05_01.gpkg).
//
// Properties: a date found is written in the name as YYYYMMDD, YYYY-MM-DD or YYYY_MM_DD, not inside a longer run of
// digits; an impossible date is reported with the digits as written; the result does not depend on a folder in
// front of the name or on an extension after it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "util/date.hpp"

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// `needle` occurs in `name` with no digit right before or after it.
bool standsAlone(const std::string& name, const std::string& needle) {
    for (std::size_t at = name.find(needle); at != std::string::npos; at = name.find(needle, at + 1)) {
        const bool before = at > 0 && isDigit(name[at - 1]);
        const bool after = at + needle.size() < name.size() && isDigit(name[at + needle.size()]);
        if (!before && !after) return true;
    }
    return false;
}

std::string outcome(const sv::Result<sv::Date>& r) { return r ? r->iso() : "error: " + r.error(); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const std::string name(sv::fuzz::asText(data, size));
    const auto r = sv::dateFromFileName(name);
    if (r) {
        const std::string iso = r->iso();
        std::string compact = iso, underscores = iso;
        compact.erase(7, 1).erase(4, 1);
        underscores[4] = underscores[7] = '_';
        SV_FUZZ_CHECK(standsAlone(name, iso) || standsAlone(name, compact) || standsAlone(name, underscores),
                      "'" + name + "' gave " + iso);
        SV_FUZZ_CHECK(sv::Date::parse(iso).ok() && *sv::Date::parse(iso) == *r, iso);
    } else {
        const std::string& e = r.error();
        const std::string none = "no date in the file name (expected YYYYMMDD or YYYY-MM-DD)";
        const std::string prefix = "the date ", suffix = " in the file name does not exist";
        const bool impossible = e.size() == prefix.size() + 10 + suffix.size() && e.rfind(prefix, 0) == 0 &&
                                e.compare(e.size() - suffix.size(), suffix.size(), suffix) == 0;
        SV_FUZZ_CHECK(e == none || impossible, e);
        if (impossible) {
            const std::string digits = e.substr(prefix.size(), 10);  // YYYY-MM-DD as written
            std::string compact = digits, underscores = digits;
            compact.erase(7, 1).erase(4, 1);
            underscores[4] = underscores[7] = '_';
            SV_FUZZ_CHECK(standsAlone(name, digits) || standsAlone(name, compact) || standsAlone(name, underscores),
                          "'" + name + "': " + e);
            SV_FUZZ_CHECK(!sv::Date::parse(digits).ok(), e);
        }
    }
    // A folder in front (ending in a non-digit) and an extension after (starting with a non-digit) change nothing.
    SV_FUZZ_CHECK(outcome(sv::dateFromFileName("/data/series/" + name + ".geojson")) == outcome(r), name);
    return 0;
}
