// Civil-date conversions (Howard Hinnant's days_from_civil / civil_from_days algorithms) and strict parsing.
#include "util/date.hpp"

#include <array>
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

Result<Date> dateFromFileName(std::string_view name) {
    auto digit = [&](std::size_t i) { return i < name.size() && name[i] >= '0' && name[i] <= '9'; };
    auto num = [&](std::size_t i, int n) {
        int v = 0;
        for (int k = 0; k < n; ++k) v = v * 10 + (name[i + static_cast<std::size_t>(k)] - '0');
        return v;
    };
    std::optional<std::array<int, 3>> found;
    for (std::size_t i = 0; i + 8 <= name.size(); ++i) {
        if (i > 0 && digit(i - 1)) continue;  // the start of a run of digits
        bool eight = true;
        for (std::size_t k = 0; k < 8; ++k) eight &= digit(i + k);
        if (eight && !digit(i + 8)) found = std::array<int, 3>{num(i, 4), num(i + 4, 2), num(i + 6, 2)};
        if (i + 10 <= name.size() && digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) &&
            (name[i + 4] == '-' || name[i + 4] == '_') && name[i + 7] == name[i + 4] && digit(i + 5) && digit(i + 6) &&
            digit(i + 8) && digit(i + 9) && !digit(i + 10))
            found = std::array<int, 3>{num(i, 4), num(i + 5, 2), num(i + 8, 2)};
    }
    if (!found) return fail("no date in the file name (expected YYYYMMDD or YYYY-MM-DD)");
    const auto [y, m, d] = *found;
    if (auto date = Date::fromCivil(y, m, d)) return *date;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return fail(std::string("the date ") + buf + " in the file name does not exist");
}

}  // namespace sv
