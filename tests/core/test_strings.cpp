// Small string helpers of util/strings.hpp that other code relies on for matching ids and field names.
#include <doctest/doctest.h>

#include <string>

#include "util/strings.hpp"

TEST_CASE("equalsAsciiNoCase: equal ignoring ASCII case only, as asciiLower(a) == asciiLower(b)") {
    CHECK(sv::equalsAsciiNoCase("UA-30", "ua-30"));
    CHECK(sv::equalsAsciiNoCase("Valid_From", "VALID_FROM"));
    CHECK(sv::equalsAsciiNoCase("", ""));
    CHECK_FALSE(sv::equalsAsciiNoCase("kyiv", "kyi"));    // lengths differ
    CHECK_FALSE(sv::equalsAsciiNoCase("kyiv", "kyiw"));
    CHECK_FALSE(sv::equalsAsciiNoCase("Київ", "київ"));  // Cyrillic case is not ASCII case
    CHECK_FALSE(sv::equalsAsciiNoCase("[", "{"));        // '[' is 'A'-'Z' shifted by 0x20 only for letters
    CHECK_FALSE(sv::equalsAsciiNoCase("@", "`"));
    // Against the allocating definition, over every pair of printable ASCII characters.
    for (char a = 0x20; a < 0x7F; ++a)
        for (char b = 0x20; b < 0x7F; ++b) {
            const std::string x(1, a), y(1, b);
            CHECK_MESSAGE(sv::equalsAsciiNoCase(x, y) == (sv::asciiLower(x) == sv::asciiLower(y)), x << " " << y);
        }
}
