// The scenario attribute schema (model/scenario_schema.hpp) on field values held in a std::map: every error
// message exactly as docs/scenario.md describes it (file, layer, feature id, field, value, what was expected).
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "model/scenario_schema.hpp"

using sv::RecordPlace;

namespace {

using Fields = std::map<std::string, std::string>;

sv::FieldGetter getter(const Fields& f) {
    return [f](std::string_view name) -> std::optional<std::string> {
        auto it = f.find(std::string(name));
        if (it == f.end()) return std::nullopt;
        return it->second;
    };
}

const RecordPlace kControl{"war.gpkg", "control", 12};
const RecordPlace kSieges{"/data/sc/sieges.geojson", "sieges", 3};
const RecordPlace kEvents{"war.gpkg", "events", 7};
const RecordPlace kMeta{"war.gpkg", "metadata", 4};

Fields goodZone() {
    return {{"id", "kherson-0315"}, {"side", "ru"},     {"status", "occupied"},
            {"valid_from", "2022-03-15"}, {"valid_to", "2022-04-26"}, {"source", "ISW, March 15, 2022"},
            {"confidence", "medium"}, {"note", "hand-drawn"}, {"axis", "kherson"}};
}

std::string zoneError(const Fields& f) {
    auto r = sv::parseControlZone(kControl, getter(f));
    return r.ok() ? std::string("(parsed)") : r.error();
}

Fields with(Fields f, const std::string& key, const std::string& value) {
    f[key] = value;
    return f;
}
Fields without(Fields f, const std::string& key) {
    f.erase(key);
    return f;
}

Fields goodSiege() {
    return {{"id", "siege-mariupol"}, {"place", "mariupol"}, {"start", "2022-03-01"}, {"end", "2022-05-20"},
            {"outcome", "fell"},      {"radius_km", "20"},   {"source", "Wikipedia: 'Siege of Mariupol'"}};
}

std::string siegeError(const Fields& f) {
    auto r = sv::parseSiege(kSieges, getter(f));
    return r.ok() ? std::string("(parsed)") : r.error();
}

Fields goodEvent() {
    return {{"id", "0302-kherson"}, {"date", "2022-03-02"}, {"title", "Russian forces capture Kherson"},
            {"place", "kherson"},   {"source", "ISW"},      {"note", "first oblast centre"}};
}

std::string eventError(const Fields& f) {
    auto r = sv::parseEvent(kEvents, getter(f));
    return r.ok() ? std::string("(parsed)") : r.error();
}

sv::Date day(const char* iso) { return *sv::Date::parse(iso); }

// Well-formed UTF-8 (RFC 3629): lead byte, the right number of continuation bytes, no overlongs or surrogates.
bool validUtf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80                  ? 0
                      : c >= 0xC2 && c <= 0xDF ? 1
                      : c >= 0xE0 && c <= 0xEF ? 2
                      : c >= 0xF0 && c <= 0xF4 ? 3
                                               : -1;
        if (n < 0 || (n > 0 && i + static_cast<std::size_t>(n) >= s.size())) return false;
        uint32_t cp = n == 0 ? c : c & (0x3F >> n);
        for (int k = 1; k <= n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            if ((d & 0xC0) != 0x80) return false;
            cp = cp << 6 | (d & 0x3F);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        i += static_cast<std::size_t>(n) + 1;
    }
    return true;
}

}  // namespace

TEST_CASE("schema: the place prefix names file, layer and feature") {
    CHECK(kControl.prefix() == "war.gpkg: layer 'control', feature 12: ");
    CHECK(RecordPlace{"/x/control.geojson", "control", 0}.prefix() == "/x/control.geojson: layer 'control', feature 0: ");
}

TEST_CASE("schema: a complete control zone parses into every field") {
    auto r = sv::parseControlZone(kControl, getter(goodZone()));
    REQUIRE(r.ok());
    CHECK(r->id == "kherson-0315");
    CHECK(r->fid == 12);
    CHECK(r->side == sv::Side::Ru);
    CHECK(r->status == sv::ControlStatus::Occupied);
    CHECK(r->validFrom == day("2022-03-15"));
    REQUIRE(r->validTo.has_value());
    CHECK(*r->validTo == day("2022-04-26"));
    CHECK(r->source == "ISW, March 15, 2022");
    CHECK(r->confidence == sv::Confidence::Medium);
    CHECK(r->note == "hand-drawn");
    CHECK(r->axis == "kherson");
    CHECK(r->shape.empty());  // attributes only

    // No id: the layer and the feature id name it. Surrounding blanks are trimmed.
    auto anon = sv::parseControlZone(kControl, getter(with(without(goodZone(), "id"), "source", "  ISW  ")));
    REQUIRE(anon.ok());
    CHECK(anon->id == "control#12");
    CHECK(anon->source == "ISW");
    auto blanks = sv::parseControlZone(kControl, getter(with(goodZone(), "valid_from", " 2022-03-15 ")));
    REQUIRE(blanks.ok());
    CHECK(blanks->validFrom == day("2022-03-15"));
}

TEST_CASE("schema: enum values are case-insensitive") {
    auto r = sv::parseControlZone(
        kControl, getter(with(with(with(goodZone(), "side", "RU"), "status", "Assessed_Advance"), "confidence", "HIGH")));
    REQUIRE(r.ok());
    CHECK(r->side == sv::Side::Ru);
    CHECK(r->status == sv::ControlStatus::AssessedAdvance);
    CHECK(r->confidence == sv::Confidence::High);

    CHECK(sv::parseSide("Ua") == sv::Side::Ua);
    CHECK(sv::parseSide(" CONTESTED ") == sv::Side::Contested);
    CHECK(sv::parseSide("russia") == std::nullopt);
    CHECK(sv::parseSide("") == std::nullopt);
    CHECK(sv::parseStatus("PRE2022") == sv::ControlStatus::Pre2022);
    CHECK(sv::parseStatus("Claimed") == sv::ControlStatus::Claimed);
    CHECK(sv::parseStatus("assessed advance") == std::nullopt);
    CHECK(sv::parseConfidence("Low") == sv::Confidence::Low);
    CHECK(sv::parseOutcome("LIFTED") == sv::SiegeOutcome::Lifted);
    CHECK(sv::parseOutcome("Ongoing") == sv::SiegeOutcome::Ongoing);
    CHECK(sv::parseOutcome("captured") == std::nullopt);
}

TEST_CASE("schema: an empty, blank or absent valid_to is open-ended") {
    for (const Fields& f : {with(goodZone(), "valid_to", ""), with(goodZone(), "valid_to", "   "), without(goodZone(), "valid_to")}) {
        auto r = sv::parseControlZone(kControl, getter(f));
        REQUIRE(r.ok());
        CHECK_FALSE(r->validTo.has_value());
        CHECK(r->activeOn(day("2099-01-01")));
    }
}

TEST_CASE("schema: control zone errors, exactly") {
    const std::string at = "war.gpkg: layer 'control', feature 12: ";
    CHECK(zoneError(without(goodZone(), "side")) == at + "field 'side': missing; expected one of ru, ua, contested");
    CHECK(zoneError(with(goodZone(), "side", "  ")) == at + "field 'side': missing; expected one of ru, ua, contested");
    CHECK(zoneError(with(goodZone(), "side", "russia")) ==
          at + "field 'side': value 'russia' is not one of ru, ua, contested");
    CHECK(zoneError(without(goodZone(), "status")) ==
          at + "field 'status': missing; expected one of occupied, assessed_advance, claimed, pre2022");
    CHECK(zoneError(with(goodZone(), "status", "captured")) ==
          at + "field 'status': value 'captured' is not one of occupied, assessed_advance, claimed, pre2022");
    // The example of docs/scenario.md (the loader adds "; feature skipped").
    CHECK(zoneError(with(goodZone(), "valid_from", "2022-02-30")) ==
          at + "field 'valid_from': value '2022-02-30' is not a valid date (day 30 does not exist in 2022-02); "
               "expected YYYY-MM-DD");
    CHECK(zoneError(with(goodZone(), "valid_from", "2022-13-01")) ==
          at + "field 'valid_from': value '2022-13-01' is not a valid date (month 13 is not 1-12); expected YYYY-MM-DD");
    CHECK(zoneError(with(goodZone(), "valid_from", "15 March 2022")) ==
          at + "field 'valid_from': value '15 March 2022' is not a valid date (expected a date as YYYY-MM-DD); "
               "expected YYYY-MM-DD");
    CHECK(zoneError(with(goodZone(), "valid_from", "2022-3-15")) ==
          at + "field 'valid_from': value '2022-3-15' is not a valid date (expected a date as YYYY-MM-DD); "
               "expected YYYY-MM-DD");
    CHECK(zoneError(without(goodZone(), "valid_from")) == at + "field 'valid_from': missing; expected a date as YYYY-MM-DD");
    CHECK(zoneError(with(goodZone(), "valid_to", "soon")) ==
          at + "field 'valid_to': value 'soon' is not a valid date (expected a date as YYYY-MM-DD); "
               "expected YYYY-MM-DD or empty");
    CHECK(zoneError(with(goodZone(), "valid_to", "2022-04-31")) ==
          at + "field 'valid_to': value '2022-04-31' is not a valid date (day 31 does not exist in 2022-04); "
               "expected YYYY-MM-DD or empty");
    // Reversed and empty intervals: valid_to is exclusive, so it must be later than valid_from.
    CHECK(zoneError(with(goodZone(), "valid_to", "2022-03-01")) ==
          at + "field 'valid_to': value '2022-03-01' is not after valid_from 2022-03-15; expected a later date "
               "(valid_to is exclusive)");
    CHECK(zoneError(with(goodZone(), "valid_to", "2022-03-15")) ==
          at + "field 'valid_to': value '2022-03-15' is not after valid_from 2022-03-15; expected a later date "
               "(valid_to is exclusive)");
    CHECK(zoneError(with(goodZone(), "valid_to", "2022-03-16")) == "(parsed)");  // one day
    CHECK(zoneError(without(goodZone(), "source")) ==
          at + "field 'source': missing; expected the source of the information (required for every zone)");
    CHECK(zoneError(with(goodZone(), "source", "")) ==
          at + "field 'source': missing; expected the source of the information (required for every zone)");
    CHECK(zoneError(with(goodZone(), "confidence", "certain")) ==
          at + "field 'confidence': value 'certain' is not one of high, medium, low");
    CHECK(zoneError(without(goodZone(), "confidence")) == at + "field 'confidence': missing; expected one of high, medium, low");
    // Optional fields may be absent.
    CHECK(zoneError(without(without(without(goodZone(), "note"), "axis"), "id")) == "(parsed)");
}

TEST_CASE("schema: a long bad value is cut in the message") {
    const std::string longValue(100, 'x');
    CHECK(zoneError(with(goodZone(), "side", longValue)) == "war.gpkg: layer 'control', feature 12: field 'side': value '" +
                                                              std::string(80, 'x') + "…' is not one of ru, ua, contested");
}

TEST_CASE("schema: a long non-ASCII value is cut between characters, the message stays valid UTF-8") {
    // "x" then 60 Ukrainian letters of 2 bytes: a cut after 80 bytes would split the 40th letter.
    std::string value = "x";
    for (int i = 0; i < 60; ++i) value += "ї";
    REQUIRE(validUtf8(value));
    REQUIRE_FALSE(validUtf8(value.substr(0, 80)));  // the checker itself sees a split letter
    const std::string e = zoneError(with(goodZone(), "side", value));
    INFO(e);
    CHECK(validUtf8(e));
    const std::string head = "war.gpkg: layer 'control', feature 12: field 'side': value '";
    REQUIRE(e.rfind(head, 0) == 0);
    const std::size_t close = e.find("…' is not one of ru, ua, contested");
    REQUIRE(close != std::string::npos);
    const std::string kept = e.substr(head.size(), close - head.size());
    CHECK(value.compare(0, kept.size(), kept) == 0);  // a prefix of the value
    CHECK(kept.size() >= 79);
    CHECK(kept.size() <= 80);
}

TEST_CASE("schema: sieges, their errors exactly, and the radius") {
    auto r = sv::parseSiege(kSieges, getter(goodSiege()));
    REQUIRE(r.ok());
    CHECK(r->id == "siege-mariupol");
    CHECK(r->place == "mariupol");
    CHECK(r->start == day("2022-03-01"));
    REQUIRE(r->end.has_value());
    CHECK(*r->end == day("2022-05-20"));
    CHECK(r->outcome == sv::SiegeOutcome::Fell);
    CHECK(r->radiusKm == 20.0);
    CHECK(r->source == "Wikipedia: 'Siege of Mariupol'");

    auto open = sv::parseSiege(kSieges, getter(without(without(without(goodSiege(), "end"), "radius_km"), "id")));
    REQUIRE(open.ok());
    CHECK_FALSE(open->end.has_value());
    CHECK(open->radiusKm == 15.0);  // the documented default
    CHECK(open->id == "sieges#3");
    auto sameDay = sv::parseSiege(kSieges, getter(with(goodSiege(), "end", "2022-03-01")));
    REQUIRE(sameDay.ok());  // a one-day siege
    CHECK(sameDay->daysOn(day("2022-03-10")) == 1);
    for (const char* ok : {"500", "0.5", " 30 ", "12.75"}) {
        INFO(ok);
        CHECK(siegeError(with(goodSiege(), "radius_km", ok)) == "(parsed)");
    }
    CHECK(sv::parseSiege(kSieges, getter(with(goodSiege(), "radius_km", "12.75")))->radiusKm == 12.75);

    const std::string at = "/data/sc/sieges.geojson: layer 'sieges', feature 3: ";
    CHECK(siegeError(with(goodSiege(), "end", "2022-02-27")) ==
          at + "field 'end': value '2022-02-27' is before start 2022-03-01; expected the same day or later");
    for (const char* bad : {"abc", "0", "1e9", "-5", "500.5", "nan", "inf", "12km"}) {
        INFO(bad);
        CHECK(siegeError(with(goodSiege(), "radius_km", bad)) ==
              at + "field 'radius_km': value '" + bad + "' is not a radius; expected a number of km in (0, 500]");
    }
    CHECK(siegeError(without(goodSiege(), "place")) == at + "field 'place': missing; expected the besieged place's id");
    CHECK(siegeError(with(goodSiege(), "outcome", "won")) == at + "field 'outcome': value 'won' is not one of held, fell, lifted, ongoing");
    CHECK(siegeError(without(goodSiege(), "outcome")) == at + "field 'outcome': missing; expected one of held, fell, lifted, ongoing");
    CHECK(siegeError(with(goodSiege(), "start", "2022-02-29")) ==
          at + "field 'start': value '2022-02-29' is not a valid date (day 29 does not exist in 2022-02); expected YYYY-MM-DD");
    CHECK(siegeError(with(goodSiege(), "end", "May")) ==
          at + "field 'end': value 'May' is not a valid date (expected a date as YYYY-MM-DD); expected YYYY-MM-DD or empty");
    CHECK(siegeError(without(goodSiege(), "source")) ==
          at + "field 'source': missing; expected the source of the information (required for every siege)");
}

TEST_CASE("schema: events and their errors exactly") {
    auto r = sv::parseEvent(kEvents, getter(goodEvent()));
    REQUIRE(r.ok());
    CHECK(r->id == "0302-kherson");
    CHECK(r->date == day("2022-03-02"));
    CHECK(r->title == "Russian forces capture Kherson");
    CHECK(r->place == "kherson");
    CHECK(r->source == "ISW");
    CHECK(r->note == "first oblast centre");
    CHECK(eventError(without(goodEvent(), "place")) == "(parsed)");  // an event's place is optional

    const std::string at = "war.gpkg: layer 'events', feature 7: ";
    CHECK(eventError(without(goodEvent(), "title")) == at + "field 'title': missing; expected a short title");
    CHECK(eventError(with(goodEvent(), "title", " ")) == at + "field 'title': missing; expected a short title");
    CHECK(eventError(without(goodEvent(), "date")) == at + "field 'date': missing; expected a date as YYYY-MM-DD");
    CHECK(eventError(with(goodEvent(), "date", "2022-02-30")) ==
          at + "field 'date': value '2022-02-30' is not a valid date (day 30 does not exist in 2022-02); expected YYYY-MM-DD");
    CHECK(eventError(without(goodEvent(), "source")) ==
          at + "field 'source': missing; expected the source of the information (required for every event)");
}

TEST_CASE("schema: metadata rows, a bad date is an exact error, unknown keys are ignored") {
    sv::ScenarioMeta m;
    CHECK(sv::applyMetadata(kMeta, "title", "Spring 2022", m).ok());
    CHECK(sv::applyMetadata(kMeta, "disclaimer", "Indicative only.", m).ok());
    CHECK(sv::applyMetadata(kMeta, "start", "2022-02-24", m).ok());
    CHECK(sv::applyMetadata(kMeta, "end", " 2022-05-20 ", m).ok());
    CHECK(sv::applyMetadata(kMeta, "default_date", "2022-03-29", m).ok());
    CHECK(sv::applyMetadata(kMeta, "author", "someone", m).ok());
    CHECK(m.title == "Spring 2022");
    CHECK(m.disclaimer == "Indicative only.");
    CHECK(m.start == day("2022-02-24"));
    CHECK(m.end == day("2022-05-20"));
    CHECK(m.defaultDate == day("2022-03-29"));

    auto bad = sv::applyMetadata(kMeta, "start", "2022-02-30", m);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error() == "war.gpkg: layer 'metadata', feature 4: metadata 'start': value '2022-02-30' is not a valid "
                         "date (day 30 does not exist in 2022-02); expected YYYY-MM-DD");
    CHECK(m.start == day("2022-02-24"));  // unchanged
    bad = sv::applyMetadata(kMeta, "default_date", "next week", m);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error() == "war.gpkg: layer 'metadata', feature 4: metadata 'default_date': value 'next week' is not a "
                         "valid date (expected a date as YYYY-MM-DD); expected YYYY-MM-DD");
    CHECK(m.defaultDate == day("2022-03-29"));
}
