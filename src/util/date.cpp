// Civil-date conversions (Howard Hinnant's days_from_civil / civil_from_days algorithms) and strict parsing.
#include "util/date.hpp"

#include <cstdio>

namespace sv {
namespace {

int32_t daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Civil {
    int y, m, d;
};

Civil civilFromDays(int32_t z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = yoe + era * 400;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp + (mp < 10 ? 3 : -9);
    return {y + (m <= 2), m, d};
}

bool digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int number(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

}  // namespace

bool isLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && isLeapYear(y) ? 29 : kDays[m - 1];
}

std::optional<Date> Date::fromCivil(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return std::nullopt;
    return Date(daysFromCivil(year, month, day));
}

Result<Date> Date::parse(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !digits(t.substr(0, 4)) || !digits(t.substr(5, 2)) ||
        !digits(t.substr(8, 2)))
        return fail("expected a date as YYYY-MM-DD");
    const int y = number(t.substr(0, 4)), m = number(t.substr(5, 2)), d = number(t.substr(8, 2));
    if (m < 1 || m > 12) return fail("month " + std::to_string(m) + " is not 1-12");
    if (y < 1) return fail("year 0000 is not a valid year");
    if (d < 1 || d > daysInMonth(y, m))
        return fail("day " + std::to_string(d) + " does not exist in " + std::string(t.substr(0, 7)));
    return *fromCivil(y, m, d);
}

int Date::year() const { return civilFromDays(days_).y; }
int Date::month() const { return civilFromDays(days_).m; }
int Date::day() const { return civilFromDays(days_).d; }

std::string Date::iso() const {
    const Civil c = civilFromDays(days_);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
    return buf;
}

std::string Date::longText() const {
    static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                    "July",    "August",   "September", "October", "November", "December"};
    const Civil c = civilFromDays(days_);
    return std::to_string(c.d) + " " + kMonths[c.m - 1] + " " + std::to_string(c.y);
}

}  // namespace sv
