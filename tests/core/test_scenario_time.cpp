// Time in the scenario: Scenario's frame index and point queries on hand-built square zones, sieges' days, the
// timeline's TimeCursor (clamping, stepping, playback, looping, speed) and the CameraFlight ease and zoom.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <optional>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "view/camera.hpp"
#include "view/camera_flight.hpp"
#include "view/time_cursor.hpp"

using sv::ControlAnswer;
using sv::ControlStatus;
using sv::ControlZone;
using sv::Date;
using sv::Side;
using sv::TimeCursor;

namespace {

// Dates compared as text, so a failed CHECK prints them ("none" for no date).
std::string iso(sv::Date d) { return d.iso(); }
std::string iso(const std::optional<sv::Date>& d) { return d ? d->iso() : "none"; }

Date day(const char* text) {
    auto d = Date::parse(text);
    REQUIRE_MESSAGE(d.ok(), text);
    return *d;
}

sv::MultiPolygon square(double x0, double y0, double x1, double y1) {
    return {sv::Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, {}}};
}

ControlZone zone(const std::string& id, Side side, const char* from, const char* to, sv::MultiPolygon shape) {
    ControlZone z;
    z.id = id;
    z.side = side;
    z.status = side == Side::Contested ? ControlStatus::AssessedAdvance : ControlStatus::Occupied;
    z.validFrom = day(from);
    if (to) z.validTo = day(to);
    z.source = "hand-made test zone";
    z.shape = std::move(shape);
    z.bbox = sv::bounds(z.shape);
    return z;
}

// Zone ids as "a,b" (a frame's in index order; an answer's sorted).
std::string idsOf(const sv::Scenario& sc, const sv::Frame& f) {
    std::string out;
    for (uint32_t i : f.zones) out += (out.empty() ? "" : ",") + sc.zones[i].id;
    return out;
}

std::string idsOf(const ControlAnswer& a) {
    std::vector<std::string> ids;
    for (const auto* z : a.all) ids.push_back(z->id);
    std::sort(ids.begin(), ids.end());
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
    return out;
}

// Zone a [03-01, 03-05) ru over [0,10]²; b [03-03, open) ua over [5,15]×[0,10]; c [03-10, 03-12) contested over
// [8,12]×[0,10]. Breakpoints: 03-01, 03-03, 03-05, 03-10, 03-12.
sv::Scenario threeZones() {
    sv::Scenario sc;
    sc.zones.push_back(zone("a", Side::Ru, "2022-03-01", "2022-03-05", square(0, 0, 10, 10)));
    sc.zones.push_back(zone("b", Side::Ua, "2022-03-03", nullptr, square(5, 0, 15, 10)));
    sc.zones.push_back(zone("c", Side::Contested, "2022-03-10", "2022-03-12", square(8, 0, 12, 10)));
    sc.buildIndex();
    return sc;
}

}  // namespace

TEST_CASE("scenario frames: one per interval between breakpoints, with the zones active in it") {
    const sv::Scenario sc = threeZones();
    const auto& f = sc.frames();
    REQUIRE(f.size() == 5);
    CHECK(iso(f[0].from) == "2022-03-01");
    CHECK(iso(f[0].to) == "2022-03-03");
    CHECK(idsOf(sc, f[0]) == "a");
    CHECK(iso(f[1].from) == "2022-03-03");
    CHECK(idsOf(sc, f[1]) == "a,b");
    CHECK(iso(f[2].from) == "2022-03-05");
    CHECK(idsOf(sc, f[2]) == "b");  // a's valid_to is exclusive
    CHECK(iso(f[3].from) == "2022-03-10");
    CHECK(idsOf(sc, f[3]) == "b,c");
    CHECK(iso(f[4].from) == "2022-03-12");
    CHECK_FALSE(f[4].to.has_value());  // the last frame is open to the end of time
    CHECK(idsOf(sc, f[4]) == "b");  // b is open-ended

    CHECK(sc.frameAt(day("2022-02-28")) == -1);  // before the first zone begins
    CHECK(sc.frameAt(day("2000-01-01")) == -1);
    CHECK(sc.frameAt(day("2022-03-01")) == 0);
    CHECK(sc.frameAt(day("2022-03-02")) == 0);
    CHECK(sc.frameAt(day("2022-03-04")) == 1);
    CHECK(sc.frameAt(day("2022-03-05")) == 2);
    CHECK(sc.frameAt(day("2022-03-11")) == 3);
    CHECK(sc.frameAt(day("2022-03-12")) == 4);
    CHECK(sc.frameAt(day("2030-06-01")) == 4);  // long after the last breakpoint: the open last frame

    // Rebuilding after a change replaces the index.
    sv::Scenario two = sc;
    two.zones.pop_back();
    two.buildIndex();
    CHECK(two.frames().size() == 3);
    CHECK(two.frameAt(day("2022-03-11")) == 2);
    sv::Scenario none;
    none.buildIndex();
    CHECK(none.frames().empty());
    CHECK(none.frameAt(day("2022-03-11")) == -1);
}

TEST_CASE("scenario frames list, in index order, exactly the zones active on their first day (600 random zones)") {
    // Many zones sharing start and end days, open ends and empty intervals (valid_to = valid_from, never active):
    // each frame is compared with the definition, zone by zone.
    sv::Scenario sc;
    uint32_t seed = 12345;
    const auto next = [&](uint32_t n) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    };
    const Date base = day("2022-02-24");
    for (int k = 0; k < 600; ++k) {
        ControlZone z = zone("z" + std::to_string(k), Side::Ru, "2022-02-24", nullptr, square(0, 0, 1, 1));
        z.validFrom = base + static_cast<int>(next(120));
        const uint32_t len = next(40);
        if (len > 0) z.validTo = z.validFrom + static_cast<int>(len) - 1;  // len 1: an empty interval
        sc.zones.push_back(std::move(z));
    }
    sc.buildIndex();
    const auto& frames = sc.frames();
    REQUIRE(frames.size() > 100);
    std::size_t listed = 0, emptyZones = 0;
    for (const auto& z : sc.zones) emptyZones += z.validTo && *z.validTo == z.validFrom;
    CHECK(emptyZones > 5);
    for (std::size_t f = 0; f < frames.size(); ++f) {
        std::vector<uint32_t> expected;
        for (uint32_t z = 0; z < sc.zones.size(); ++z)
            if (sc.zones[z].activeOn(frames[f].from)) expected.push_back(z);
        CHECK_MESSAGE(frames[f].zones == expected, "frame " << f << " from " << iso(frames[f].from));
        listed += frames[f].zones.size();
    }
    CHECK(listed > 1000);
}

TEST_CASE("valid_to is exclusive: a zone 03-01 to 03-05 (exclusive) holds on 03-04, not on 03-05") {
    sv::Scenario sc;
    sc.zones.push_back(zone("a", Side::Ru, "2022-03-01", "2022-03-05", square(0, 0, 10, 10)));
    sc.buildIndex();
    const sv::Vec2d inside{5, 5};

    CHECK(sc.zones[0].activeOn(day("2022-03-01")));
    CHECK(sc.zones[0].activeOn(day("2022-03-04")));
    CHECK_FALSE(sc.zones[0].activeOn(day("2022-03-05")));
    CHECK_FALSE(sc.zones[0].activeOn(day("2022-02-28")));

    ControlAnswer a = sc.controlAt(day("2022-03-04"), inside, true);
    CHECK(a.kind == ControlAnswer::Kind::Zone);
    CHECK(a.side == Side::Ru);
    REQUIRE(a.zone != nullptr);
    CHECK(a.zone->id == "a");
    CHECK(a.all.size() == 1);

    // The day it ends: inside Ukraine, Ukrainian by default; outside, nobody's.
    a = sc.controlAt(day("2022-03-05"), inside, true);
    CHECK(a.kind == ControlAnswer::Kind::UkraineDefault);
    CHECK(a.side == Side::Ua);
    CHECK(a.zone == nullptr);
    CHECK(a.all.empty());
    a = sc.controlAt(day("2022-03-05"), inside, false);
    CHECK(a.kind == ControlAnswer::Kind::OutsideUkraine);
    CHECK(a.zone == nullptr);

    // Before the first zone (frameAt == -1) the same two answers.
    CHECK(sc.controlAt(day("2022-02-01"), inside, true).kind == ControlAnswer::Kind::UkraineDefault);
    CHECK(sc.controlAt(day("2022-02-01"), inside, false).kind == ControlAnswer::Kind::OutsideUkraine);
    // A point outside the square on a day it holds.
    CHECK(sc.controlAt(day("2022-03-02"), {11, 5}, true).kind == ControlAnswer::Kind::UkraineDefault);
    // A zone decides even where the caller says "outside Ukraine" (zones may reach past the border).
    CHECK(sc.controlAt(day("2022-03-02"), inside, false).kind == ControlAnswer::Kind::Zone);
}

TEST_CASE("open-ended zones hold for ever, dates after the last breakpoint still answer") {
    sv::Scenario sc;
    sc.zones.push_back(zone("crimea", Side::Ru, "2014-03-18", nullptr, square(0, 0, 10, 10)));
    sc.zones.push_back(zone("short", Side::Ru, "2022-03-01", "2022-03-02", square(20, 0, 30, 10)));
    sc.buildIndex();
    for (const char* d : {"2014-03-18", "2022-03-01", "2022-03-02", "2099-12-31"}) {
        INFO(d);
        const ControlAnswer a = sc.controlAt(day(d), {5, 5}, true);
        CHECK(a.kind == ControlAnswer::Kind::Zone);
        REQUIRE(a.zone);
        CHECK(a.zone->id == "crimea");
    }
    CHECK(sc.controlAt(day("2014-03-17"), {5, 5}, true).kind == ControlAnswer::Kind::UkraineDefault);
    CHECK(sc.controlAt(day("2022-03-01"), {25, 5}, true).kind == ControlAnswer::Kind::Zone);
    CHECK(sc.controlAt(day("2022-03-02"), {25, 5}, true).kind == ControlAnswer::Kind::UkraineDefault);
    CHECK(sc.controlAt(day("2099-12-31"), {25, 5}, false).kind == ControlAnswer::Kind::OutsideUkraine);
}

TEST_CASE("overlapping zones: all are listed, contested beats ru beats ua, whatever their order") {
    const sv::Scenario sc = threeZones();
    // 03-04 at x=7: a (ru) and b (ua) overlap.
    ControlAnswer a = sc.controlAt(day("2022-03-04"), {7, 5}, true);
    CHECK(a.kind == ControlAnswer::Kind::Zone);
    CHECK(a.side == Side::Ru);
    REQUIRE(a.zone);
    CHECK(a.zone->id == "a");
    CHECK(idsOf(a) == "a,b");
    // Only b there: ua by zone, not by default.
    a = sc.controlAt(day("2022-03-04"), {12, 5}, true);
    CHECK(a.kind == ControlAnswer::Kind::Zone);
    CHECK(a.side == Side::Ua);
    REQUIRE(a.zone);
    CHECK(a.zone->id == "b");
    // 03-10 at x=10: b (ua) and c (contested).
    a = sc.controlAt(day("2022-03-10"), {10, 5}, true);
    CHECK(a.side == Side::Contested);
    REQUIRE(a.zone);
    CHECK(a.zone->id == "c");
    CHECK(idsOf(a) == "b,c");

    // The same three sides stacked on one point, in every order: contested decides; without it, ru.
    const std::vector<Side> sides = {Side::Ua, Side::Ru, Side::Contested};
    std::vector<int> order = {0, 1, 2};
    do {
        sv::Scenario s;
        for (int i : order)
            s.zones.push_back(zone(std::string(sv::sideName(sides[static_cast<std::size_t>(i)])), sides[static_cast<std::size_t>(i)],
                                   "2022-03-01", nullptr, square(0, 0, 10, 10)));
        s.buildIndex();
        const ControlAnswer all = s.controlAt(day("2022-03-01"), {5, 5}, true);
        CHECK(all.side == Side::Contested);
        CHECK(all.all.size() == 3);
        s.zones.erase(std::find_if(s.zones.begin(), s.zones.end(), [](const ControlZone& z) { return z.side == Side::Contested; }));
        s.buildIndex();
        const ControlAnswer two = s.controlAt(day("2022-03-01"), {5, 5}, true);
        CHECK(two.side == Side::Ru);
        REQUIRE(two.zone);
        CHECK(two.zone->id == "ru");
    } while (std::next_permutation(order.begin(), order.end()));
}

TEST_CASE("a zone with a hole does not hold the hole") {
    sv::Scenario sc;
    ControlZone z = zone("ring", Side::Ru, "2022-03-01", nullptr, square(0, 0, 10, 10));
    z.shape[0].holes.push_back({{4, 4}, {4, 6}, {6, 6}, {6, 4}});
    sc.zones.push_back(z);
    sc.buildIndex();
    CHECK(sc.controlAt(day("2022-03-02"), {2, 2}, true).kind == ControlAnswer::Kind::Zone);
    CHECK(sc.controlAt(day("2022-03-02"), {5, 5}, true).kind == ControlAnswer::Kind::UkraineDefault);
}

TEST_CASE("first, last and default dates and the keyframes: from the metadata, else from the data") {
    sv::Scenario sc = threeZones();
    // No metadata: zones' extent; the last day is the day before the last valid_to.
    CHECK(iso(sc.firstDate()) == "2022-03-01");
    CHECK(iso(sc.lastDate()) == "2022-03-11");
    CHECK(iso(sc.defaultDate()) == "2022-03-11");
    CHECK(sc.keyframes() ==
          std::vector<Date>{day("2022-03-01"), day("2022-03-03"), day("2022-03-05"), day("2022-03-10")});

    // Events and sieges widen the extent.
    sv::Event e;
    e.date = day("2022-02-20");
    sc.events.push_back(e);
    sv::Siege s;
    s.start = day("2022-03-02");
    s.end = day("2022-03-25");
    sc.sieges.push_back(s);
    CHECK(iso(sc.firstDate()) == "2022-02-20");
    CHECK(iso(sc.lastDate()) == "2022-03-25");
    CHECK(sc.keyframes().size() == 5);  // 03-12 is now inside

    // The metadata's range wins, and keyframes outside it are dropped.
    sc.meta.start = day("2022-03-02");
    sc.meta.end = day("2022-03-10");
    CHECK(iso(sc.firstDate()) == "2022-03-02");
    CHECK(iso(sc.lastDate()) == "2022-03-10");
    CHECK(iso(sc.defaultDate()) == "2022-03-10");
    CHECK(sc.keyframes() == std::vector<Date>{day("2022-03-03"), day("2022-03-05"), day("2022-03-10")});
    sc.meta.defaultDate = day("2022-03-04");
    CHECK(iso(sc.defaultDate()) == "2022-03-04");
}

TEST_CASE("siege: active from start to end inclusive, days counted up to the end") {
    sv::Siege s;
    s.start = day("2022-03-01");
    s.end = day("2022-03-05");
    CHECK_FALSE(s.activeOn(day("2022-02-28")));
    CHECK(s.activeOn(day("2022-03-01")));
    CHECK(s.activeOn(day("2022-03-05")));  // the end is the last day
    CHECK_FALSE(s.activeOn(day("2022-03-06")));
    CHECK(s.daysOn(day("2022-02-28")) == 0);
    CHECK(s.daysOn(day("2022-03-01")) == 1);
    CHECK(s.daysOn(day("2022-03-03")) == 3);
    CHECK(s.daysOn(day("2022-03-05")) == 5);
    CHECK(s.daysOn(day("2022-03-20")) == 5);  // after the end: the siege's whole length

    sv::Siege open;
    open.start = day("2022-03-01");
    CHECK(open.activeOn(day("2030-01-01")));
    CHECK(open.daysOn(day("2022-03-31")) == 31);
    CHECK(open.daysOn(day("2022-04-01")) == 32);
}

TEST_CASE("time cursor: the date stays inside the extent") {
    TimeCursor t;
    t.setExtent(day("2022-03-01"), day("2022-03-31"));
    t.setDate(day("2022-03-10"));
    CHECK(iso(t.date()) == "2022-03-10");
    CHECK(t.position() == 9.0);
    t.setDate(day("2022-01-01"));
    CHECK(iso(t.date()) == "2022-03-01");
    t.setDate(day("2022-06-01"));
    CHECK(iso(t.date()) == "2022-03-31");

    // A new extent keeps the date when it can and clamps it when not; reversed bounds are swapped.
    t.setDate(day("2022-03-20"));
    t.setExtent(day("2022-03-15"), day("2022-04-30"));
    CHECK(iso(t.date()) == "2022-03-20");
    t.setExtent(day("2022-03-25"), day("2022-03-22"));
    CHECK(iso(t.first()) == "2022-03-22");
    CHECK(iso(t.last()) == "2022-03-25");
    CHECK(iso(t.date()) == "2022-03-22");
    // A one-day extent.
    t.setExtent(day("2022-05-01"), day("2022-05-01"));
    t.step(5);
    CHECK(iso(t.date()) == "2022-05-01");
}

TEST_CASE("time cursor: step by ±1 and ±7 days, clamped at both ends") {
    TimeCursor t;
    t.setExtent(day("2022-03-01"), day("2022-03-31"));
    t.setDate(day("2022-03-10"));
    t.step(1);
    CHECK(iso(t.date()) == "2022-03-11");
    t.step(-1);
    CHECK(iso(t.date()) == "2022-03-10");
    t.step(7);
    CHECK(iso(t.date()) == "2022-03-17");
    t.step(-7);
    CHECK(iso(t.date()) == "2022-03-10");
    t.step(-7);
    CHECK(iso(t.date()) == "2022-03-03");
    t.step(-7);
    CHECK(iso(t.date()) == "2022-03-01");
    t.setDate(day("2022-03-28"));
    t.step(7);
    CHECK(iso(t.date()) == "2022-03-31");
    t.step(1);
    CHECK(iso(t.date()) == "2022-03-31");
    // Stepping from a fractional position (mid-playback) steps from the day shown.
    t.setDate(day("2022-03-10"));
    t.setSpeed(1.0);
    t.play(TimeCursor::Play::Forward);
    t.advance(0.4);
    CHECK(iso(t.date()) == "2022-03-10");
    t.step(1);
    CHECK(iso(t.date()) == "2022-03-11");
    CHECK(t.position() == 10.0);
}

TEST_CASE("time cursor: play, advance at 30 days/s for 1/60 s, stop or wrap at the end") {
    TimeCursor t;
    t.setExtent(day("2022-03-01"), day("2022-03-31"));
    t.setSpeed(30);
    CHECK(t.speed() == 30);
    CHECK_FALSE(t.advance(1.0 / 60));  // idle: nothing moves
    CHECK(iso(t.date()) == "2022-03-01");

    t.togglePlay();
    CHECK(t.playing() == TimeCursor::Play::Forward);
    CHECK_FALSE(t.advance(1.0 / 60));  // half a day: the same day shown
    CHECK(t.position() == doctest::Approx(0.5));
    CHECK(iso(t.date()) == "2022-03-01");
    CHECK(t.advance(1.0 / 60));  // a whole day
    CHECK(iso(t.date()) == "2022-03-02");
    CHECK_FALSE(t.advance(0));
    CHECK_FALSE(t.advance(-1));
    CHECK(iso(t.date()) == "2022-03-02");

    // 60 frames at 1/60 s: 30 more days, but the extent ends at day 30: stop there.
    t.setDate(day("2022-03-02"));
    int changes = 0;
    for (int i = 0; i < 60; ++i) changes += t.advance(1.0 / 60);
    CHECK(iso(t.date()) == "2022-03-31");
    CHECK(t.playing() == TimeCursor::Play::Idle);
    CHECK(changes == 29);

    // Play again at the end (not looping): restarts from the first day.
    t.togglePlay();
    CHECK(t.playing() == TimeCursor::Play::Forward);
    CHECK(iso(t.date()) == "2022-03-01");
    t.togglePlay();
    CHECK(t.playing() == TimeCursor::Play::Idle);
    CHECK(iso(t.date()) == "2022-03-01");
}

TEST_CASE("time cursor: looping wraps past the end to the start and, in reverse, past the start to the end") {
    TimeCursor t;
    t.setExtent(day("2022-03-01"), day("2022-03-31"));
    t.setLoop(true);
    t.setSpeed(2);
    t.setDate(day("2022-03-31"));
    t.togglePlay();  // looping: playing from the last day does not restart first
    CHECK(iso(t.date()) == "2022-03-31");
    CHECK(t.advance(0.5));  // one day past the end
    CHECK(iso(t.date()) == "2022-03-01");
    CHECK(t.playing() == TimeCursor::Play::Forward);
    CHECK(t.advance(0.5));
    CHECK(iso(t.date()) == "2022-03-02");

    t.play(TimeCursor::Play::Reverse);
    CHECK(t.advance(0.5));
    CHECK(iso(t.date()) == "2022-03-01");
    CHECK(t.advance(0.5));  // one day before the start
    CHECK(iso(t.date()) == "2022-03-31");
    CHECK(t.playing() == TimeCursor::Play::Reverse);

    // Without looping, reverse stops at the first day.
    t.setLoop(false);
    t.setDate(day("2022-03-02"));
    t.advance(0.5);
    t.advance(0.5);
    CHECK(iso(t.date()) == "2022-03-01");
    CHECK(t.playing() == TimeCursor::Play::Idle);
}

TEST_CASE("time cursor: speed clamped to 0.25..30 days/s, a stalled frame moves at most half a second") {
    TimeCursor t;
    t.setSpeed(100);
    CHECK(t.speed() == 30);
    t.setSpeed(0.01);
    CHECK(t.speed() == 0.25);
    t.setSpeed(-3);
    CHECK(t.speed() == 0.25);
    t.setSpeed(7.5);
    CHECK(t.speed() == 7.5);
    t.setSpeed(NAN);
    CHECK(t.speed() == 7.5);
    t.setSpeed(INFINITY);
    CHECK(t.speed() == 7.5);

    t.setExtent(day("2022-03-01"), day("2022-05-31"));
    t.setSpeed(2);
    t.play(TimeCursor::Play::Forward);
    t.advance(10.0);  // a 10 s hitch: half a second of playback, one day
    CHECK(iso(t.date()) == "2022-03-02");
    // At the slowest speed the day still advances: four seconds make a day.
    t.setSpeed(0.25);
    for (int i = 0; i < 240; ++i) t.advance(1.0 / 60);
    CHECK(iso(t.date()) == "2022-03-03");
}

TEST_CASE("time cursor: stepping while looping and playing wraps around the extent (as time_cursor.hpp says)") {
    // time_cursor.hpp: "step(int days); // ±days, clamped (or wrapped when looping and playing)".
    TimeCursor t;
    t.setExtent(day("2022-03-01"), day("2022-03-31"));
    t.setLoop(true);
    t.setDate(day("2022-03-30"));
    t.play(TimeCursor::Play::Forward);
    t.step(7);
    CHECK(iso(t.date()) == "2022-03-06");  // 03-30 + 7 days in a 31-day loop
    t.setDate(day("2022-03-01"));
    t.step(-1);
    CHECK(iso(t.date()) == "2022-03-31");
    // Not playing: clamped even with looping on.
    t.play(TimeCursor::Play::Idle);
    t.setDate(day("2022-03-01"));
    t.step(-1);
    CHECK(iso(t.date()) == "2022-03-01");
}

TEST_CASE("easeInOut: 0 → 0, 1 → 1, symmetric, monotonic, flat at both ends, clamped outside 0..1") {
    CHECK(sv::easeInOut(0.0) == 0.0);
    CHECK(sv::easeInOut(1.0) == 1.0);
    CHECK(sv::easeInOut(0.5) == doctest::Approx(0.5).epsilon(1e-12));
    CHECK(sv::easeInOut(-3.0) == 0.0);
    CHECK(sv::easeInOut(7.0) == 1.0);
    double prev = 0;
    for (int i = 1; i <= 1000; ++i) {
        const double t = i / 1000.0, e = sv::easeInOut(t);
        CHECK(e >= prev);
        CHECK(sv::easeInOut(1 - t) == doctest::Approx(1 - e).epsilon(1e-9));
        prev = e;
    }
    // Zero slope at the ends, steepest in the middle (slope 3 for the cubic).
    const double h = 1e-4;
    CHECK(sv::easeInOut(h) / h < 1e-6);
    CHECK((1 - sv::easeInOut(1 - h)) / h < 1e-6);
    CHECK((sv::easeInOut(0.5 + h) - sv::easeInOut(0.5 - h)) / (2 * h) == doctest::Approx(3.0).epsilon(1e-3));
}

TEST_CASE("camera flight: monotonic, geometric zoom (half way: the geometric mean), ends at the target") {
    sv::Camera cam;
    cam.setViewport(800, 600);
    cam.setCenter({1000, 2000});
    cam.setScale(0.0005);
    sv::CameraFlight f;
    CHECK_FALSE(f.active());
    CHECK_FALSE(f.advance(cam, 0.1));  // not flying: nothing moves
    CHECK(cam.center() == sv::Vec2d{1000, 2000});

    const sv::Vec2d to{-3000, 6000};
    f.start(cam, to, 0.008, 1.0);
    CHECK(f.active());
    sv::Vec2d prevC = cam.center();
    double prevS = cam.scale();
    for (int i = 1; i <= 10; ++i) {
        CHECK(f.advance(cam, 0.05));
        INFO("step " << i);
        CHECK(cam.center().x <= prevC.x);
        CHECK(cam.center().y >= prevC.y);
        CHECK(cam.scale() >= prevS);
        // The centre moves along the straight line between the two ends.
        const double along = (cam.center().x - 1000) / (to.x - 1000);
        CHECK(cam.center().y == doctest::Approx(2000 + along * (to.y - 2000)));
        prevC = cam.center(), prevS = cam.scale();
    }
    // Half way in time (0.5 s of 1 s): half way along the line, scale = sqrt(s0 s1).
    CHECK(cam.center().x == doctest::Approx(-1000).epsilon(1e-12));
    CHECK(cam.center().y == doctest::Approx(4000).epsilon(1e-12));
    CHECK(cam.scale() == doctest::Approx(std::sqrt(0.0005 * 0.008)).epsilon(1e-12));
    for (int i = 0; i < 9; ++i) f.advance(cam, 0.05);
    CHECK(f.active());
    CHECK(f.advance(cam, 0.5));  // overshooting the duration ends the flight at the target
    CHECK_FALSE(f.active());
    CHECK(cam.center() == to);
    CHECK(cam.scale() == 0.008);
    CHECK_FALSE(f.advance(cam, 0.1));
    CHECK(cam.center() == to);

    // A scale ≤ 0 keeps the current scale; cancel stops the flight where it is.
    f.start(cam, {0, 0}, 0.0, 0.8);
    f.advance(cam, 0.4);
    CHECK(cam.scale() == 0.008);
    const sv::Vec2d midway = cam.center();
    f.cancel();
    CHECK_FALSE(f.advance(cam, 1.0));
    CHECK(cam.center() == midway);
}

TEST_CASE("camera flight: the scale lands exactly on the target, not one rounding step off") {
    // s0 · pow(s1 / s0, 1) is not always s1 in floating point: from 0.0004898 px/m to 0.004 it gives
    // 0.003999999999999999. A flight that ends should leave the camera exactly where it was sent.
    sv::Camera cam;
    cam.setViewport(800, 600);
    cam.setCenter({3397849.3452794063, 6524593.221531113});
    cam.setScale(0.0004898);
    sv::CameraFlight f;
    f.start(cam, {3630451.421291952, 5883736.598216197}, 0.004, 0.8);
    while (f.advance(cam, 1.0 / 60)) {
    }
    CHECK(cam.center() == sv::Vec2d{3630451.421291952, 5883736.598216197});
    INFO("scale " << std::setprecision(17) << cam.scale());
    CHECK(cam.scale() == 0.004);
}
