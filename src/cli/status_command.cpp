// The status command (see status_command.hpp).
#include "cli/status_command.hpp"

#include "reporting/text.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "util/strings.hpp"

namespace sv {
namespace {

std::string fmt(double v, int decimals) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string zoneJson(const ControlZone& z, const std::string& file) {
    return "{\"id\":" + jsonQuote(z.id) + ",\"fid\":" + std::to_string(z.fid) + ",\"layer\":\"control\",\"file\":" +
           jsonQuote(file) + ",\"side\":" + jsonQuote(sideName(z.side)) + ",\"status\":" + jsonQuote(statusName(z.status)) +
           ",\"valid_from\":" + jsonQuote(z.validFrom.iso()) +
           ",\"valid_to\":" + (z.validTo ? jsonQuote(z.validTo->iso()) : "null") + ",\"source\":" + jsonQuote(z.source) +
           ",\"confidence\":" + jsonQuote(confidenceName(z.confidence)) + ",\"note\":" + jsonQuote(z.note) + "}";
}

}  // namespace

std::string statusUsage() {
    return "Usage: sitview status --date YYYY-MM-DD (--place NAME | --lonlat LON,LAT) [--json]\n"
           "                      [--scenario PATH] [--places FILE] [--regions FILE] [--crs CRS]\n"
           "Prints who held the point on that date, by which control zone, with its source.\n"
           "Exit status: 0 answered, 2 bad arguments, unknown place or unreadable data.\n";
}

Result<StatusQuery> parseStatusQuery(std::vector<std::string>& args) {
    StatusQuery q;
    bool haveDate = false;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> Result<std::string> {
            if (i + 1 >= args.size()) return fail(a + ": missing value");
            return args[++i];
        };
        if (a == "--date") {
            auto v = value();
            if (!v) return Error{v.error()};
            auto d = Date::parse(*v);
            if (!d) return fail("--date: '" + *v + "': " + d.error());
            q.date = *d;
            haveDate = true;
        } else if (a == "--place") {
            auto v = value();
            if (!v) return Error{v.error()};
            q.place = *v;
        } else if (a == "--lonlat") {
            auto v = value();
            if (!v) return Error{v.error()};
            const auto parts = split(*v, ',');
            double lon = NAN, lat = NAN;
            if (parts.size() == 2) {
                try {
                    std::size_t u1 = 0, u2 = 0;
                    lon = std::stod(parts[0], &u1), lat = std::stod(parts[1], &u2);
                    if (u1 != parts[0].size() || u2 != parts[1].size()) lon = NAN;
                } catch (...) {
                    lon = NAN;
                }
            }
            if (!std::isfinite(lon) || !std::isfinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90)
                return fail("--lonlat: expected LON,LAT in degrees (e.g. 32.6,46.6), got '" + *v + "'");
            q.lonlat = Vec2d{lon, lat};
        } else if (a == "--json") {
            q.json = true;
        } else {
            rest.push_back(a);
        }
    }
    if (!haveDate) return fail("status: --date YYYY-MM-DD is required");
    if (q.place.empty() == !q.lonlat) return fail("status: give exactly one of --place NAME or --lonlat LON,LAT");
    args = std::move(rest);
    return q;
}

const Place* findPlaceByName(const MapData& map, const std::string& text) {
    const std::string want = text::foldUtf8(trim(text));
    for (const auto& p : map.places) {
        if (text::foldUtf8(p.id) == want || text::foldUtf8(p.name) == want || text::foldUtf8(p.nameUk) == want)
            return &p;
        for (const auto& a : p.aliases)
            if (text::foldUtf8(a) == want) return &p;
    }
    return nullptr;
}

int runStatus(const StatusQuery& q, const LoadedMap& map, const CoordTransform* fromLonLat, std::ostream& out,
              std::ostream& err) {
    if (!map.hasScenario) {
        err << "sitview: status: no scenario loaded (give --scenario PATH)\n";
        return 2;
    }
    Vec2d lonlat, pos;
    std::string label;
    const Place* place = nullptr;
    if (!q.place.empty()) {
        place = findPlaceByName(map.data, q.place);
        if (!place) {
            err << "sitview: status: no place named '" << q.place << "' (ids, names and aliases of the places layer)\n";
            return 2;
        }
        lonlat = place->lonlat, pos = place->pos, label = place->name;
    } else {
        lonlat = *q.lonlat;
        pos = fromLonLat ? fromLonLat->apply(lonlat) : Vec2d{NAN, NAN};
        if (!isFinite(pos)) {
            err << "sitview: status: " << fmt(lonlat.x, 4) << "," << fmt(lonlat.y, 4)
                << " cannot be projected to the map CRS " << map.data.crs << "\n";
            return 2;
        }
        label = fmt(lonlat.x, 4) + "° E, " + fmt(lonlat.y, 4) + "° N";
    }
    const Scenario& sc = map.scenario;
    const ControlAnswer a = sc.controlAt(q.date, pos, map.data.insideOutline(pos));
    const std::string file = sc.meta.source;
    const char* basis = a.kind == ControlAnswer::Kind::Zone           ? "zone"
                        : a.kind == ControlAnswer::Kind::UkraineDefault ? "default"
                                                                        : "outside";
    if (q.json) {
        out << "{\"date\":" << jsonQuote(q.date.iso()) << ",\"query\":{"
            << (place ? "\"place\":" + jsonQuote(q.place) + "," : std::string()) << "\"lon\":" << fmt(lonlat.x, 6)
            << ",\"lat\":" << fmt(lonlat.y, 6) << "},\"place\":"
            << (place ? "{\"id\":" + jsonQuote(place->id) + ",\"name\":" + jsonQuote(place->name) + "}" : "null")
            << ",\"scenario\":" << jsonQuote(sc.meta.title) << ",\"side\":"
            << (a.kind == ControlAnswer::Kind::OutsideUkraine ? "null" : jsonQuote(sideName(a.side)))
            << ",\"status\":" << (a.zone ? jsonQuote(statusName(a.zone->status)) : "null") << ",\"basis\":\"" << basis
            << "\",\"feature\":" << (a.zone ? zoneJson(*a.zone, file) : "null") << ",\"all_features\":[";
        for (std::size_t i = 0; i < a.all.size(); ++i) out << (i ? "," : "") << zoneJson(*a.all[i], file);
        out << "]}\n";
        return 0;
    }
    out << label << " on " << q.date.iso() << ": ";
    if (a.kind == ControlAnswer::Kind::Zone) {
        const ControlZone& z = *a.zone;
        out << "held by " << sideLabel(z.side) << " — " << statusLabel(z.status) << "\n"
            << "  feature: control '" << z.id << "' (fid " << z.fid << ") in " << file << ", valid " << z.validFrom.iso()
            << " to " << (z.validTo ? (*z.validTo - 1).iso() : std::string("open end")) << "\n"
            << "  source: " << z.source << "\n"
            << "  confidence: " << confidenceName(z.confidence) << "\n";
        if (!z.note.empty()) out << "  note: " << z.note << "\n";
        for (const auto* other : a.all)
            if (other != a.zone)
                out << "  also inside: control '" << other->id << "' (" << sideName(other->side) << ", "
                    << statusName(other->status) << ")\n";
    } else if (a.kind == ControlAnswer::Kind::UkraineDefault) {
        out << "held by Ukraine — no control zone of '" << sc.meta.title
            << "' covers this point on that date; inside Ukraine's borders, so Ukrainian-controlled by default\n";
    } else {
        out << "outside Ukraine's borders; no control zone of '" << sc.meta.title << "' covers it on that date\n";
    }
    return 0;
}

}  // namespace sv
