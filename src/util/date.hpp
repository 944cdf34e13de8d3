// Calendar dates as a day count since 1970-01-01 (proleptic Gregorian). Parsing is strict: "2022-02-30" is an
// error with a reason, not a silently normalised date.
#pragma once
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace sv {

class Date {
public:
    constexpr Date() = default;
    static constexpr Date fromDays(int32_t days) { return Date(days); }
    // Returns nothing when the triple is not a real calendar day.
    static std::optional<Date> fromCivil(int year, int month, int day);
    // Strict ISO 8601 calendar date: YYYY-MM-DD, nothing before or after.
    static Result<Date> parse(std::string_view text);

    constexpr int32_t days() const { return days_; }
    int year() const;
    int month() const;
    int day() const;
    std::string iso() const;   // "2022-03-29"
    std::string longText() const;  // "29 March 2022"

    constexpr Date operator+(int32_t n) const { return Date(days_ + n); }
    constexpr Date operator-(int32_t n) const { return Date(days_ - n); }
    constexpr int32_t operator-(Date other) const { return days_ - other.days_; }
    constexpr auto operator<=>(const Date&) const = default;

private:
    constexpr explicit Date(int32_t days) : days_(days) {}
    int32_t days_ = 0;
};

bool isLeapYear(int year);
int daysInMonth(int year, int month);

// A date in a file name: YYYYMMDD, YYYY-MM-DD or YYYY_MM_DD (the last one in the name), each not part of a longer
// run of digits. Fails with the reason. Used by the series importers (deepstatemap_data_20220301.geojson,
// 2022-03-29.json); pure string code, so it lives here and is fuzzed without GDAL.
Result<Date> dateFromFileName(std::string_view fileName);

}  // namespace sv
