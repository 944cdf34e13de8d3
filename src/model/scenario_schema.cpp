// Scenario attribute parsing (see scenario_schema.hpp).
#include "model/scenario_schema.hpp"

#include <cmath>

#include "util/strings.hpp"

namespace sv {
namespace {

std::string quoted(std::string_view v) {
    return "'" + shortenUtf8(v, 80, 80) + "'";
}

Error fieldError(const RecordPlace& w, std::string_view field, std::string_view problem) {
    return Error{w.prefix() + "field '" + std::string(field) + "': " + std::string(problem)};
}

Result<std::string> required(const RecordPlace& w, const FieldGetter& get, std::string_view field,
                             std::string_view expected) {
    auto v = get(field);
    if (!v || trim(*v).empty()) return fieldError(w, field, "missing; expected " + std::string(expected));
    return trim(*v);
}

std::string optionalText(const FieldGetter& get, std::string_view field) {
    auto v = get(field);
    return v ? trim(*v) : std::string();
}

Result<Date> dateField(const RecordPlace& w, const FieldGetter& get, std::string_view field) {
    auto v = required(w, get, field, "a date as YYYY-MM-DD");
    if (!v) return Error{v.error()};
    auto d = Date::parse(*v);
    if (!d) return fieldError(w, field, "value " + quoted(*v) + " is not a valid date (" + d.error() + "); expected YYYY-MM-DD");
    return *d;
}

// Absent, null or empty: nothing. Otherwise it must be a date.
Result<std::optional<Date>> optionalDate(const RecordPlace& w, const FieldGetter& get, std::string_view field) {
    auto v = get(field);
    if (!v || trim(*v).empty()) return std::optional<Date>();
    auto d = Date::parse(trim(*v));
    if (!d)
        return fieldError(w, field, "value " + quoted(*v) + " is not a valid date (" + d.error() +
                                        "); expected YYYY-MM-DD or empty");
    return std::optional<Date>(*d);
}

template <class T>
Result<T> enumField(const RecordPlace& w, const FieldGetter& get, std::string_view field,
                    std::optional<T> (*parse)(std::string_view), std::string_view choices) {
    auto v = required(w, get, field, "one of " + std::string(choices));
    if (!v) return Error{v.error()};
    auto e = parse(*v);
    if (!e) return fieldError(w, field, "value " + quoted(*v) + " is not one of " + std::string(choices));
    return *e;
}

}  // namespace

std::string RecordPlace::prefix() const {
    return file + ": layer '" + layer + "', feature " + std::to_string(fid) + ": ";
}

std::optional<Side> parseSide(std::string_view t) {
    const std::string s = asciiLower(trim(t));
    if (s == "ru") return Side::Ru;
    if (s == "ua") return Side::Ua;
    if (s == "contested") return Side::Contested;
    return std::nullopt;
}

std::optional<ControlStatus> parseStatus(std::string_view t) {
    const std::string s = asciiLower(trim(t));
    if (s == "occupied") return ControlStatus::Occupied;
    if (s == "assessed_advance") return ControlStatus::AssessedAdvance;
    if (s == "claimed") return ControlStatus::Claimed;
    if (s == "pre2022") return ControlStatus::Pre2022;
    return std::nullopt;
}

std::optional<Confidence> parseConfidence(std::string_view t) {
    const std::string s = asciiLower(trim(t));
    if (s == "high") return Confidence::High;
    if (s == "medium") return Confidence::Medium;
    if (s == "low") return Confidence::Low;
    return std::nullopt;
}

std::optional<SiegeOutcome> parseOutcome(std::string_view t) {
    const std::string s = asciiLower(trim(t));
    if (s == "held") return SiegeOutcome::Held;
    if (s == "fell") return SiegeOutcome::Fell;
    if (s == "lifted") return SiegeOutcome::Lifted;
    if (s == "ongoing") return SiegeOutcome::Ongoing;
    return std::nullopt;
}

Result<ControlZone> parseControlZone(const RecordPlace& w, const FieldGetter& get) {
    ControlZone z;
    z.fid = w.fid;
    z.id = optionalText(get, "id");
    if (z.id.empty()) z.id = w.layer + "#" + std::to_string(w.fid);
    auto side = enumField(w, get, "side", &parseSide, "ru, ua, contested");
    if (!side) return Error{side.error()};
    z.side = *side;
    auto status = enumField(w, get, "status", &parseStatus, "occupied, assessed_advance, claimed, pre2022");
    if (!status) return Error{status.error()};
    z.status = *status;
    auto from = dateField(w, get, "valid_from");
    if (!from) return Error{from.error()};
    z.validFrom = *from;
    auto to = optionalDate(w, get, "valid_to");
    if (!to) return Error{to.error()};
    z.validTo = *to;
    if (z.validTo && *z.validTo <= z.validFrom)
        return fieldError(w, "valid_to",
                          "value '" + z.validTo->iso() + "' is not after valid_from " + z.validFrom.iso() +
                              "; expected a later date (valid_to is exclusive)");
    auto source = required(w, get, "source", "the source of the information (required for every zone)");
    if (!source) return Error{source.error()};
    z.source = *source;
    auto conf = enumField(w, get, "confidence", &parseConfidence, "high, medium, low");
    if (!conf) return Error{conf.error()};
    z.confidence = *conf;
    z.note = optionalText(get, "note");
    z.axis = optionalText(get, "axis");
    return z;
}

Result<Siege> parseSiege(const RecordPlace& w, const FieldGetter& get) {
    Siege s;
    s.id = optionalText(get, "id");
    if (s.id.empty()) s.id = w.layer + "#" + std::to_string(w.fid);
    auto place = required(w, get, "place", "the besieged place's id");
    if (!place) return Error{place.error()};
    s.place = *place;
    auto start = dateField(w, get, "start");
    if (!start) return Error{start.error()};
    s.start = *start;
    auto end = optionalDate(w, get, "end");
    if (!end) return Error{end.error()};
    s.end = *end;
    if (s.end && *s.end < s.start)
        return fieldError(w, "end", "value '" + s.end->iso() + "' is before start " + s.start.iso() +
                                        "; expected the same day or later");
    auto outcome = enumField(w, get, "outcome", &parseOutcome, "held, fell, lifted, ongoing");
    if (!outcome) return Error{outcome.error()};
    s.outcome = *outcome;
    if (auto r = get("radius_km"); r && !trim(*r).empty()) {
        double v = NAN;
        try {
            std::size_t used = 0;
            v = std::stod(trim(*r), &used);
            if (used != trim(*r).size()) v = NAN;
        } catch (...) {
        }
        if (!std::isfinite(v) || v <= 0 || v > 500)
            return fieldError(w, "radius_km", "value " + quoted(*r) + " is not a radius; expected a number of km in (0, 500]");
        s.radiusKm = v;
    }
    auto source = required(w, get, "source", "the source of the information (required for every siege)");
    if (!source) return Error{source.error()};
    s.source = *source;
    s.note = optionalText(get, "note");
    return s;
}

Result<Event> parseEvent(const RecordPlace& w, const FieldGetter& get) {
    Event e;
    e.id = optionalText(get, "id");
    if (e.id.empty()) e.id = w.layer + "#" + std::to_string(w.fid);
    auto date = dateField(w, get, "date");
    if (!date) return Error{date.error()};
    e.date = *date;
    auto title = required(w, get, "title", "a short title");
    if (!title) return Error{title.error()};
    e.title = *title;
    e.place = optionalText(get, "place");
    auto source = required(w, get, "source", "the source of the information (required for every event)");
    if (!source) return Error{source.error()};
    e.source = *source;
    e.note = optionalText(get, "note");
    return e;
}

Status applyMetadata(const RecordPlace& w, const std::string& key, const std::string& value, ScenarioMeta& m) {
    auto date = [&](std::optional<Date>& out) -> Status {
        auto d = Date::parse(trim(value));
        if (!d)
            return fail(w.prefix() + "metadata '" + key + "': value " + quoted(value) + " is not a valid date (" +
                        d.error() + "); expected YYYY-MM-DD");
        out = *d;
        return Ok{};
    };
    if (key == "title") m.title = value;
    else if (key == "disclaimer") m.disclaimer = value;
    else if (key == "start") return date(m.start);
    else if (key == "end") return date(m.end);
    else if (key == "default_date") return date(m.defaultDate);
    return Ok{};
}

}  // namespace sv
