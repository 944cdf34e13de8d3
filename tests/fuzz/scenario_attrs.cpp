// Fuzz target `scenario_attrs`: the scenario file's attribute schema (model/scenario_schema.hpp) and strict dates
// (util/date.hpp), the way the loader drives them but without GDAL.
//
// Input: records separated by a line "--"; a record is lines "field=value" (the value runs to the end of the line;
// the last line for a field wins; a line without '=' names a field that is present but null). Every record is read
// as a control zone, a siege and an event (sv::FieldGetter over its fields), and every field as a metadata row
// (sv::applyMetadata) and as an enum value (parseSide, parseStatus, parseConfidence, parseOutcome) and a date
// (sv::Date::parse). The zones, sieges and events that parse make a Scenario whose time index is built and queried.
//
// Properties: parsed values are within what the schema promises (valid_to after valid_from, end not before start,
// radius in (0, 500], required texts non-empty and trimmed, enum names read back); a date that parses prints as
// the same text and survives the civil-date conversion; errors start with the record's place and are valid UTF-8
// when the input is; frames are sorted and each holds exactly the zones active on its first day.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "model/scenario.hpp"
#include "model/scenario_schema.hpp"
#include "util/date.hpp"
#include "util/json.hpp"
#include "util/strings.hpp"

namespace {

using Record = std::map<std::string, std::optional<std::string>, std::less<>>;

bool utf8(const std::string& s) { return sv::json::isValidUtf8(s); }

void checkDate(const std::string& text) {
    auto d = sv::Date::parse(text);
    if (!d) {
        SV_FUZZ_CHECK(!d.error().empty() && utf8(d.error()), d.error());
        return;
    }
    SV_FUZZ_CHECK(d->iso() == text, "'" + text + "' parses to " + d->iso());
    const auto civil = sv::Date::fromCivil(d->year(), d->month(), d->day());
    SV_FUZZ_CHECK(civil && *civil == *d, "civil round trip of " + text);
    SV_FUZZ_CHECK(d->day() <= sv::daysInMonth(d->year(), d->month()), text);
    SV_FUZZ_CHECK(sv::Date::fromDays(d->days()) == *d && (*d + 1) - *d == 1, text);
    SV_FUZZ_CHECK(!d->longText().empty(), text);
    // The next and previous days are real days too (within years 1..9999) and print in order.
    if (d->year() < 9999 || d->month() < 12 || d->day() < 31)
        SV_FUZZ_CHECK(sv::Date::parse((*d + 1).iso()).ok() && (*d + 1).iso() > text, (*d + 1).iso());
    if (d->year() > 1 || d->month() > 1 || d->day() > 1)
        SV_FUZZ_CHECK(sv::Date::parse((*d - 1).iso()).ok() && (*d - 1).iso() < text, (*d - 1).iso());
}

template <class T>
void checkEnum(std::optional<T> (*parse)(std::string_view), std::string_view (*name)(T), const std::string& text) {
    if (auto v = parse(text)) {
        SV_FUZZ_CHECK(name(*v) == sv::asciiLower(sv::trim(text)), "'" + text + "' read as " + std::string(name(*v)));
        SV_FUZZ_CHECK(parse(name(*v)) == v, std::string(name(*v)));
    }
}

bool trimmedText(const std::string& s) { return !s.empty() && sv::trim(s) == s; }

// An error must name the record (file, layer, feature) and be printable.
void checkError(const std::string& error, const sv::RecordPlace& where, bool inputUtf8) {
    SV_FUZZ_CHECK(error.rfind(where.prefix(), 0) == 0, error);
    SV_FUZZ_CHECK(!inputUtf8 || utf8(error), "error not valid UTF-8: " + error);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const std::string_view text = sv::fuzz::asText(data, size);
    const bool inputUtf8 = sv::json::isValidUtf8(text);

    std::vector<Record> records(1);
    for (const std::string& line : sv::fuzz::splitAny(text, "\n")) {
        if (line == "--") {
            records.emplace_back();
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string::npos) records.back()[line] = std::nullopt;
        else records.back()[line.substr(0, eq)] = line.substr(eq + 1);
    }

    sv::Scenario sc;
    for (std::size_t k = 0; k < records.size(); ++k) {
        const Record& rec = records[k];
        const sv::FieldGetter get = [&](std::string_view field) -> std::optional<std::string> {
            auto it = rec.find(field);
            return it == rec.end() ? std::nullopt : it->second;
        };
        const auto fid = static_cast<int64_t>(k);

        const sv::RecordPlace zoneAt{"fuzz.gpkg", "control", fid};
        if (auto z = sv::parseControlZone(zoneAt, get)) {
            SV_FUZZ_CHECK(!z->id.empty() && z->fid == fid, "zone id");
            SV_FUZZ_CHECK(!z->validTo || z->validFrom < *z->validTo, "valid_to not after valid_from");
            SV_FUZZ_CHECK(trimmedText(z->source), "zone source '" + z->source + "'");
            SV_FUZZ_CHECK(sv::parseSide(sv::sideName(z->side)) == z->side, "side");
            SV_FUZZ_CHECK(sv::parseStatus(sv::statusName(z->status)) == z->status, "status");
            SV_FUZZ_CHECK(sv::parseConfidence(sv::confidenceName(z->confidence)) == z->confidence, "confidence");
            SV_FUZZ_CHECK(z->activeOn(z->validFrom) && !z->activeOn(z->validFrom - 1), "zone interval");
            if (z->validTo) SV_FUZZ_CHECK(!z->activeOn(*z->validTo) && z->activeOn(*z->validTo - 1), "zone end");
            sc.zones.push_back(std::move(*z));
        } else {
            checkError(z.error(), zoneAt, inputUtf8);
        }

        const sv::RecordPlace siegeAt{"fuzz.gpkg", "sieges", fid};
        if (auto s = sv::parseSiege(siegeAt, get)) {
            SV_FUZZ_CHECK(!s->id.empty() && trimmedText(s->place) && trimmedText(s->source), "siege texts");
            SV_FUZZ_CHECK(!s->end || s->start <= *s->end, "siege ends before it starts");
            SV_FUZZ_CHECK(s->radiusKm > 0 && s->radiusKm <= 500, "radius " + std::to_string(s->radiusKm));
            SV_FUZZ_CHECK(sv::parseOutcome(sv::outcomeName(s->outcome)) == s->outcome, "outcome");
            SV_FUZZ_CHECK(s->daysOn(s->start) == 1 && s->daysOn(s->start - 1) == 0, "siege days");
            if (s->end) SV_FUZZ_CHECK(s->daysOn(*s->end + 5) == (*s->end - s->start) + 1, "siege length");
            sc.sieges.push_back(std::move(*s));
        } else {
            checkError(s.error(), siegeAt, inputUtf8);
        }

        const sv::RecordPlace eventAt{"fuzz.gpkg", "events", fid};
        if (auto e = sv::parseEvent(eventAt, get)) {
            SV_FUZZ_CHECK(!e->id.empty() && trimmedText(e->title) && trimmedText(e->source), "event texts");
            sc.events.push_back(std::move(*e));
        } else {
            checkError(e.error(), eventAt, inputUtf8);
        }

        const sv::RecordPlace metaAt{"fuzz.gpkg", "metadata", fid};
        for (const auto& [field, value] : rec) {
            const std::string v = value.value_or("");
            auto ok = sv::applyMetadata(metaAt, field, v, sc.meta);
            if (!ok) {
                SV_FUZZ_CHECK(field == "start" || field == "end" || field == "default_date", ok.error());
                checkError(ok.error(), metaAt, inputUtf8);
            }
            if (field == "title") SV_FUZZ_CHECK(sc.meta.title == v, "metadata title");
            checkEnum(&sv::parseSide, &sv::sideName, v);
            checkEnum(&sv::parseStatus, &sv::statusName, v);
            checkEnum(&sv::parseConfidence, &sv::confidenceName, v);
            checkEnum(&sv::parseOutcome, &sv::outcomeName, v);
            checkDate(v);
            checkDate(field);
        }
    }
    // As the loader does: an end before the start drops both.
    if (sc.meta.start && sc.meta.end && *sc.meta.end < *sc.meta.start) sc.meta.start.reset(), sc.meta.end.reset();

    sc.buildIndex();
    const auto& frames = sc.frames();
    // Each zone's interval starts and ends at a frame boundary, so it is active in a run of frames [a, b); counted
    // per frame (a difference array), and with every listed zone active on its frame's first and last day, the
    // lists are exactly the active zones. Work: the size of the index, not frames x zones.
    std::vector<int64_t> starts(frames.size() + 1, 0);
    const auto frameStarting = [&](sv::Date d, const char* what, uint32_t z) {
        const int f = sc.frameAt(d);
        SV_FUZZ_CHECK(f >= 0 && frames[static_cast<std::size_t>(f)].from == d,
                      std::string("zone ") + std::to_string(z) + "'s " + what + " " + d.iso() + " is not a frame start");
        return static_cast<std::size_t>(f);
    };
    for (uint32_t z = 0; z < sc.zones.size(); ++z) {
        const sv::ControlZone& zone = sc.zones[z];
        const std::size_t a = frameStarting(zone.validFrom, "valid_from", z);
        const std::size_t b = zone.validTo ? frameStarting(*zone.validTo, "valid_to", z) : frames.size();
        SV_FUZZ_CHECK(a < b, "zone " + std::to_string(z) + " is active in no frame");
        ++starts[a];
        --starts[b];
    }
    int64_t activeCount = 0;
    for (std::size_t f = 0; f < frames.size(); ++f) {
        const sv::Frame& fr = frames[f];
        SV_FUZZ_CHECK(sc.frameAt(fr.from) == static_cast<int>(f), "frameAt(from)");
        SV_FUZZ_CHECK(fr.to.has_value() == (f + 1 < frames.size()), "only the last frame is open");
        if (fr.to) {
            SV_FUZZ_CHECK(fr.from < *fr.to && *fr.to == frames[f + 1].from, "frames not contiguous");
            SV_FUZZ_CHECK(sc.frameAt(*fr.to - 1) == static_cast<int>(f), "frameAt(to - 1)");
        }
        SV_FUZZ_CHECK(std::adjacent_find(fr.zones.begin(), fr.zones.end(), std::greater_equal<>()) == fr.zones.end(),
                      "frame " + std::to_string(f) + ": zones not in index order or listed twice");
        for (uint32_t z : fr.zones) {
            SV_FUZZ_CHECK(z < sc.zones.size() && sc.zones[z].activeOn(fr.from),
                          "frame " + std::to_string(f) + " lists zone " + std::to_string(z) + ", not active");
            // Constant within the frame: active on its first day and on its last.
            if (fr.to) SV_FUZZ_CHECK(sc.zones[z].activeOn(*fr.to - 1), "zone changes inside a frame");
        }
        activeCount += starts[f];
        SV_FUZZ_CHECK(static_cast<int64_t>(fr.zones.size()) == activeCount,
                      "frame " + std::to_string(f) + " lists " + std::to_string(fr.zones.size()) + " zones, " +
                          std::to_string(activeCount) + " are active");
    }
    if (!frames.empty()) SV_FUZZ_CHECK(sc.frameAt(frames.front().from - 1) == -1, "frame before the first");
    const auto keys = sc.keyframes();
    SV_FUZZ_CHECK(std::is_sorted(keys.begin(), keys.end()), "keyframes out of order");
    for (const auto& d : keys) SV_FUZZ_CHECK(sc.firstDate() <= d && d <= sc.lastDate(), "keyframe outside the range");
    (void)sc.defaultDate();
    return 0;
}
