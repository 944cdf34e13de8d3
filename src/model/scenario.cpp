// Scenario time index and queries (see scenario.hpp).
#include "model/scenario.hpp"

#include <algorithm>

namespace sv {

std::string_view sideName(Side s) {
    switch (s) {
        case Side::Ru: return "ru";
        case Side::Ua: return "ua";
        case Side::Contested: return "contested";
    }
    return "ua";
}

std::string_view sideLabel(Side s) {
    switch (s) {
        case Side::Ru: return "Russia";
        case Side::Ua: return "Ukraine";
        case Side::Contested: return "contested";
    }
    return "Ukraine";
}

std::string_view statusName(ControlStatus s) {
    switch (s) {
        case ControlStatus::Occupied: return "occupied";
        case ControlStatus::AssessedAdvance: return "assessed_advance";
        case ControlStatus::Claimed: return "claimed";
        case ControlStatus::Pre2022: return "pre2022";
    }
    return "occupied";
}

std::string_view statusLabel(ControlStatus s) {
    switch (s) {
        case ControlStatus::Occupied: return "occupied";
        case ControlStatus::AssessedAdvance: return "assessed advance";
        case ControlStatus::Claimed: return "claimed";
        case ControlStatus::Pre2022: return "held before 2022";
    }
    return "occupied";
}

std::string_view confidenceName(Confidence c) {
    switch (c) {
        case Confidence::High: return "high";
        case Confidence::Medium: return "medium";
        case Confidence::Low: return "low";
    }
    return "medium";
}

std::string_view outcomeName(SiegeOutcome o) {
    switch (o) {
        case SiegeOutcome::Held: return "held";
        case SiegeOutcome::Fell: return "fell";
        case SiegeOutcome::Lifted: return "lifted";
        case SiegeOutcome::Ongoing: return "ongoing";
    }
    return "ongoing";
}

int Siege::daysOn(Date d) const {
    if (d < start) return 0;
    const Date last = end && *end < d ? *end : d;
    return (last - start) + 1;
}

std::size_t Scenario::derivedBytes() const {
    std::size_t n = 0;
    for (const auto& d : derived) {
        n += vertexCount(d.gained) + vertexCount(d.lost);
        for (const auto& line : d.front) n += line.size();
    }
    return n * sizeof(Vec2d);
}

void Scenario::buildIndex() {
    breaks_.clear();
    frames_.clear();
    for (const auto& z : zones) {
        breaks_.push_back(z.validFrom);
        if (z.validTo) breaks_.push_back(*z.validTo);
    }
    std::sort(breaks_.begin(), breaks_.end());
    breaks_.erase(std::unique(breaks_.begin(), breaks_.end()), breaks_.end());
    // A sweep over the breaks: which zones start and end at each one (zone boundaries are breaks by construction),
    // so the work is the size of the frames' lists rather than breaks x zones (an imported series has a zone per
    // snapshot and as many breaks).
    const auto breakOf = [&](Date d) {
        return static_cast<std::size_t>(std::lower_bound(breaks_.begin(), breaks_.end(), d) - breaks_.begin());
    };
    std::vector<std::vector<uint32_t>> starting(breaks_.size()), ending(breaks_.size());
    for (uint32_t z = 0; z < zones.size(); ++z) {
        if (zones[z].validTo && *zones[z].validTo <= zones[z].validFrom) continue;  // an empty interval: never active
        starting[breakOf(zones[z].validFrom)].push_back(z);
        if (zones[z].validTo) ending[breakOf(*zones[z].validTo)].push_back(z);
    }
    std::vector<char> active(zones.size(), 0);
    std::vector<uint32_t> current;  // sorted zone indices active in the frame being built
    frames_.reserve(breaks_.size());
    for (std::size_t i = 0; i < breaks_.size(); ++i) {
        for (uint32_t z : ending[i]) active[z] = 0;
        for (uint32_t z : starting[i]) active[z] = 1;
        if (!ending[i].empty())
            current.erase(std::remove_if(current.begin(), current.end(), [&](uint32_t z) { return !active[z]; }),
                          current.end());
        if (!starting[i].empty()) {
            // Zones are listed once: one that starts here cannot already be listed (it ended here or was not active).
            const auto mid = static_cast<std::ptrdiff_t>(current.size());
            current.insert(current.end(), starting[i].begin(), starting[i].end());
            std::inplace_merge(current.begin(), current.begin() + mid, current.end());
        }
        Frame f;
        f.from = breaks_[i];
        if (i + 1 < breaks_.size()) f.to = breaks_[i + 1];
        f.zones = current;
        frames_.push_back(std::move(f));
    }
}

int Scenario::frameAt(Date d) const {
    // The last breakpoint at or before d.
    auto it = std::upper_bound(breaks_.begin(), breaks_.end(), d);
    if (it == breaks_.begin()) return -1;
    return static_cast<int>(it - breaks_.begin()) - 1;
}

Date Scenario::firstDate() const {
    if (meta.start) return *meta.start;
    Date d = Date::fromDays(INT32_MAX);
    for (const auto& z : zones) d = std::min(d, z.validFrom);
    for (const auto& e : events) d = std::min(d, e.date);
    for (const auto& s : sieges) d = std::min(d, s.start);
    return d.days() == INT32_MAX ? Date() : d;
}

Date Scenario::lastDate() const {
    if (meta.end) return *meta.end;
    Date d = firstDate();
    for (const auto& z : zones) {
        d = std::max(d, z.validFrom);
        if (z.validTo) d = std::max(d, *z.validTo - 1);
    }
    for (const auto& e : events) d = std::max(d, e.date);
    for (const auto& s : sieges) d = std::max(d, s.end.value_or(s.start));
    return d;
}

Date Scenario::defaultDate() const {
    if (meta.defaultDate) return *meta.defaultDate;
    return lastDate();
}

std::vector<Date> Scenario::keyframes() const {
    std::vector<Date> out;
    const Date a = firstDate(), b = lastDate();
    for (const auto& d : breaks_)
        if (a <= d && d <= b) out.push_back(d);
    return out;
}

ControlAnswer Scenario::controlAt(Date d, Vec2d p, bool insideUkraine) const {
    ControlAnswer a;
    const int f = frameAt(d);
    if (f >= 0)
        for (uint32_t zi : frames_[static_cast<std::size_t>(f)].zones) {
            const ControlZone& z = zones[zi];
            const bool in = z.seriesDay >= 0 ? (series && series->contains(static_cast<std::size_t>(z.seriesDay), p))
                                             : z.bbox.contains(p) && pointInMultiPolygon(z.shape, p);
            if (in) a.all.push_back(&z);
        }
    auto rank = [](Side s) { return s == Side::Contested ? 0 : s == Side::Ru ? 1 : 2; };
    for (const auto* z : a.all)
        if (!a.zone || rank(z->side) < rank(a.zone->side)) a.zone = z;
    if (a.zone) {
        a.kind = ControlAnswer::Kind::Zone;
        a.side = a.zone->side;
    } else if (insideUkraine) {
        a.kind = ControlAnswer::Kind::UkraineDefault;
        a.side = Side::Ua;
    }
    return a;
}

}  // namespace sv
