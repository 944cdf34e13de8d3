// Strict ISO date parsing and calendar arithmetic.
#include <doctest/doctest.h>

#include "util/date.hpp"

using sv::Date;

TEST_CASE("dates parse strictly and round-trip") {
    auto d = Date::parse("2022-03-29");
    REQUIRE(d.ok());
    CHECK(d->iso() == "2022-03-29");
    CHECK(d->year() == 2022);
    CHECK(d->month() == 3);
    CHECK(d->day() == 29);
    CHECK(Date::parse("1970-01-01")->days() == 0);
    CHECK(Date::parse("2022-02-24")->days() == 19047);
    CHECK(*Date::parse("2022-03-01") - *Date::parse("2022-02-28") == 1);
    CHECK(*Date::parse("2024-03-01") - *Date::parse("2024-02-28") == 2);  // leap year
}

TEST_CASE("impossible dates are rejected with a reason") {
    CHECK(Date::parse("2022-02-30").error() == "day 30 does not exist in 2022-02");
    CHECK(Date::parse("2022-13-01").error() == "month 13 is not 1-12");
    CHECK(Date::parse("2023-02-29").error() == "day 29 does not exist in 2023-02");
    CHECK(Date::parse("2024-02-29").ok());
    CHECK(Date::parse("22-03-29").error() == "expected a date as YYYY-MM-DD");
    CHECK(Date::parse("2022-03-29 ").error() == "expected a date as YYYY-MM-DD");
    CHECK(Date::parse("").error() == "expected a date as YYYY-MM-DD");
    CHECK(Date::parse("2022/03/29").error() == "expected a date as YYYY-MM-DD");
}
