// A dated scenario: control zones, sieges and events, each with its source and date, plus the time index that
// turns a date into "what to draw" in O(log n). Frames are the intervals between consecutive breakpoints (every
// valid_from / valid_to); within a frame the set of active zones is constant, so everything derived from it —
// the front line, the gains and losses since the previous frame — is computed once per frame at load.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/geometry.hpp"
#include "model/series.hpp"
#include "util/date.hpp"

namespace sv {

enum class Side { Ru, Ua, Contested };
enum class ControlStatus { Occupied, AssessedAdvance, Claimed, Pre2022 };
enum class Confidence { High, Medium, Low };
enum class SiegeOutcome { Held, Fell, Lifted, Ongoing };

std::string_view sideName(Side s);            // "ru", "ua", "contested"
std::string_view sideLabel(Side s);           // "Russia", "Ukraine", "contested"
std::string_view statusName(ControlStatus s);  // "occupied", "assessed_advance", "claimed", "pre2022"
std::string_view statusLabel(ControlStatus s);  // "occupied", "assessed advance", "claimed", "held before 2022"
std::string_view confidenceName(Confidence c);
std::string_view outcomeName(SiegeOutcome o);

struct ControlZone {
    std::string id;
    int64_t fid = 0;  // feature id in the source layer
    Side side = Side::Ru;
    ControlStatus status = ControlStatus::Occupied;
    Date validFrom;
    std::optional<Date> validTo;  // exclusive; none = open-ended
    std::string source;
    Confidence confidence = Confidence::Medium;
    std::string note;
    std::string axis;
    MultiPolygon shape;  // map CRS (empty for a series day: see seriesDay)
    Bbox bbox;
    int seriesDay = -1;  // index into the scenario's series (imported daily snapshots), or -1

    bool activeOn(Date d) const { return validFrom <= d && (!validTo || d < *validTo); }
};

struct Siege {
    std::string id;
    std::string place;  // place id
    Date start;
    std::optional<Date> end;  // last day of the siege (inclusive); none = still going on
    SiegeOutcome outcome = SiegeOutcome::Ongoing;
    double radiusKm = 15;
    double radiusMap = 0;  // the radius in map units at the city (set by the loader with PROJ)
    std::string source;
    std::string note;
    Vec2d lonlat, pos;

    bool activeOn(Date d) const { return start <= d && (!end || d <= *end); }
    // Days under siege up to and including `d` (0 before it began).
    int daysOn(Date d) const;
};

struct Event {
    std::string id;
    Date date;
    std::string title;
    std::string place;
    std::string source;
    std::string note;
    Vec2d lonlat, pos;
};

struct ScenarioMeta {
    std::string title;
    std::string disclaimer;
    std::string source;  // the file it came from
    std::optional<Date> start, end, defaultDate;
};

// One interval of constant state: [from, to) with the zones active in it.
struct Frame {
    Date from;
    std::optional<Date> to;  // none: open to the end of time
    std::vector<uint32_t> zones;  // indices into Scenario::zones
};

// Who held a point on a date, and by which feature.
struct ControlAnswer {
    enum class Kind { Zone, UkraineDefault, OutsideUkraine } kind = Kind::OutsideUkraine;
    Side side = Side::Ua;
    const ControlZone* zone = nullptr;  // the deciding zone (Kind::Zone)
    std::vector<const ControlZone*> all;  // every active zone containing the point
};

// What changes at a frame, derived once at load: the held area, the front line, and gains/losses against the
// previous frame (areas in squared map units).
struct FrameDerived {
    std::vector<LineString> front;
    MultiPolygon gained, lost;
    double heldArea = 0, gainedArea = 0, lostArea = 0;  // squared map units
    double heldKm2 = -1;                                  // geodesic area of the held area (-1: not computed)
};

class Scenario {
public:
    ScenarioMeta meta;
    std::vector<ControlZone> zones;
    std::vector<Siege> sieges;
    std::vector<Event> events;
    std::vector<FrameDerived> derived;  // parallel to frames()
    const Series* series = nullptr;     // where zones with a seriesDay keep their geometry

    // Bytes of the derived fronts and gained/lost polygons' points (held for picking and the reporting panel).
    std::size_t derivedBytes() const;

    // Builds the frames from the zones' intervals; call after changing zones.
    void buildIndex();
    const std::vector<Frame>& frames() const { return frames_; }
    // The frame containing `d`, or -1 before the first zone begins.
    int frameAt(Date d) const;
    // First and last day worth showing: the metadata's range, else the zones' and events' extent.
    Date firstDate() const;
    Date lastDate() const;
    Date defaultDate() const;
    // The frame boundaries inside [firstDate, lastDate] (the slider's keyframe ticks).
    std::vector<Date> keyframes() const;

    // Point query in map coordinates. `insideUkraine` tells whether the point lies in Ukraine (the caller knows the
    // regions); zones decide first: contested beats ru, ru beats ua.
    ControlAnswer controlAt(Date d, Vec2d mapPos, bool insideUkraine) const;

private:
    std::vector<Date> breaks_;  // sorted: frame i covers [breaks_[i], breaks_[i+1])
    std::vector<Frame> frames_;
};

}  // namespace sv
