// Greedy label placement (view/label_layout.hpp): no overlaps, on screen, clear of other markers, priorities,
// dropped labels and centred labels; on 200 random labels and on small hand-made conflicts.
#include <doctest/doctest.h>

#include <random>
#include <set>

#include "view/label_layout.hpp"

using sv::LabelRequest;
using sv::PlacedLabel;
using sv::ScreenRect;
using sv::Vec2d;

namespace {

ScreenRect box(Vec2d c, double r) { return {c.x - r, c.y - r, c.x + r, c.y + r}; }

const PlacedLabel* findPlaced(const std::vector<PlacedLabel>& placed, int id) {
    for (const auto& p : placed)
        if (p.id == id) return &p;
    return nullptr;
}

}  // namespace

TEST_CASE("200 random labels: no overlaps, on screen, clear of every marker but their own") {
    std::mt19937 rng(20220224);
    std::uniform_real_distribution<double> ux(-30, 1054), uy(-30, 798), uw(20, 140), uh(11, 17), ur(2.5, 8.5),
        up(0, 1000);
    const double vw = 1024, vh = 768, margin = 2.0;
    std::vector<LabelRequest> req;
    std::vector<ScreenRect> obstacles;
    std::vector<int> owner;  // obstacle index -> label id
    std::vector<Vec2d> anchors;
    for (int id = 0; static_cast<int>(req.size()) < 200; ++id) {
        const Vec2d a{ux(rng), uy(rng)};
        const bool centred = id % 8 == 0;  // region names: no marker, centred only
        const double r = ur(rng);
        // Markers do not overlap one another here (see the dedicated case below for those that do).
        bool crowded = false;
        for (const Vec2d b : anchors) crowded |= std::abs(a.x - b.x) < 20 && std::abs(a.y - b.y) < 20;
        if (crowded) continue;
        anchors.push_back(a);
        if (!centred) {
            obstacles.push_back(box(a, r));
            owner.push_back(id);
        }
        req.push_back({id, a, {uw(rng), uh(rng)}, centred ? 0.0 : r + 2.0, up(rng), centred});
    }

    const auto placed = sv::layoutLabels(req, obstacles, vw, vh, margin);
    INFO(placed.size() << " of " << req.size() << " placed");
    CHECK(placed.size() >= 100);  // a busy but not hopeless screen: most fit somewhere
    CHECK(placed.size() < req.size());

    std::set<int> ids;
    for (const auto& p : placed) {
        CHECK(ids.insert(p.id).second);  // each label at most once
        const LabelRequest* q = nullptr;
        for (const auto& r : req)
            if (r.id == p.id) q = &r;
        REQUIRE(q != nullptr);
        INFO("label " << p.id << " at " << p.rect.x0 << "," << p.rect.y0 << " " << p.rect.x1 << "," << p.rect.y1);
        // Its own size, inside the viewport.
        CHECK(p.rect.x1 - p.rect.x0 == doctest::Approx(q->size.x));
        CHECK(p.rect.y1 - p.rect.y0 == doctest::Approx(q->size.y));
        CHECK(p.rect.x0 >= 0);
        CHECK(p.rect.y0 >= 0);
        CHECK(p.rect.x1 <= vw);
        CHECK(p.rect.y1 <= vh);
        // Next to its anchor: centred ones on it, the others outside their marker but near it.
        if (q->centred) {
            CHECK((p.rect.x0 + p.rect.x1) / 2 == doctest::Approx(q->anchor.x));
            CHECK((p.rect.y0 + p.rect.y1) / 2 == doctest::Approx(q->anchor.y));
        } else {
            const double dx = std::max({p.rect.x0 - q->anchor.x, q->anchor.x - p.rect.x1, 0.0});
            const double dy = std::max({p.rect.y0 - q->anchor.y, q->anchor.y - p.rect.y1, 0.0});
            CHECK(std::max(dx, dy) > 0);
            CHECK(std::max(dx, dy) <= q->gap + 1e-9);
        }
        // Not over any other label (with the margin) nor over another label's marker.
        for (const auto& o : placed)
            if (o.id != p.id) CHECK_FALSE(o.rect.overlaps(p.rect, margin));
        for (std::size_t i = 0; i < obstacles.size(); ++i)
            if (owner[i] != p.id) CHECK_FALSE(obstacles[i].overlaps(p.rect));
    }
}

TEST_CASE("the higher priority wins a conflict, whatever the input order") {
    // Two centred labels on the same spot: only one can be there.
    const LabelRequest low{1, {200, 100}, {80, 14}, 0, 1.0, true};
    const LabelRequest high{2, {205, 102}, {80, 14}, 0, 5.0, true};
    for (const auto& req : {std::vector<LabelRequest>{low, high}, std::vector<LabelRequest>{high, low}}) {
        const auto placed = sv::layoutLabels(req, {}, 400, 200);
        REQUIRE(placed.size() == 1);
        CHECK(placed[0].id == 2);
    }
    // Two markers close together: the important one keeps its preferred side, the other moves or goes.
    const std::vector<ScreenRect> markers = {box({100, 100}, 4), box({100, 130}, 4)};
    const LabelRequest town{10, {100, 100}, {60, 12}, 6, 1.0, false};
    const LabelRequest city{11, {100, 130}, {60, 12}, 6, 9.0, false};
    const auto placed = sv::layoutLabels({town, city}, markers, 400, 300);
    const PlacedLabel* c = findPlaced(placed, 11);
    REQUIRE(c != nullptr);
    CHECK(c->rect.x0 == doctest::Approx(106));  // right of its marker, vertically centred on it
    CHECK(c->rect.y0 == doctest::Approx(124));
    if (const PlacedLabel* t = findPlaced(placed, 10)) CHECK_FALSE(t->rect.overlaps(c->rect, 2.0));
}

TEST_CASE("a label that fits nowhere is dropped, one with room is placed") {
    // Wider than the viewport.
    CHECK(sv::layoutLabels({{1, {50, 50}, {500, 12}, 4, 1, false}}, {}, 100, 100).empty());
    // Off screen.
    CHECK(sv::layoutLabels({{1, {-200, 50}, {20, 12}, 4, 1, false}}, {}, 100, 100).empty());
    // Boxed in: other markers on every side of its own.
    std::vector<ScreenRect> obstacles = {box({100, 100}, 4)};
    for (const Vec2d d : {Vec2d{-30, -30}, Vec2d{0, -30}, Vec2d{30, -30}, Vec2d{-30, 0}, Vec2d{30, 0}, Vec2d{-30, 30},
                          Vec2d{0, 30}, Vec2d{30, 30}})
        obstacles.push_back(box(Vec2d{100, 100} + d, 22));
    CHECK(sv::layoutLabels({{1, {100, 100}, {40, 12}, 6, 1, false}}, obstacles, 400, 400).empty());
    // Alone with room: placed, right of the marker first.
    const auto placed = sv::layoutLabels({{1, {100, 100}, {40, 12}, 6, 1, false}}, {box({100, 100}, 4)}, 400, 400);
    REQUIRE(placed.size() == 1);
    CHECK(placed[0].rect.x0 == doctest::Approx(106));
    CHECK(placed[0].rect.y0 == doctest::Approx(94));
    // Against the right edge it goes to another side instead.
    const auto left = sv::layoutLabels({{1, {390, 100}, {40, 12}, 6, 1, false}}, {}, 400, 400);
    REQUIRE(left.size() == 1);
    CHECK(left[0].rect.x1 <= 400);
}

TEST_CASE("a label may touch its own marker but not another one") {
    // Gap 0: the label's box overlaps its own marker's box, which is allowed.
    const auto own = sv::layoutLabels({{1, {100, 100}, {40, 12}, 0, 1, false}}, {box({100, 100}, 5)}, 400, 400);
    REQUIRE(own.size() == 1);
    CHECK(own[0].rect.x0 == doctest::Approx(100));
    // The same label with another marker where its right-hand spot would be: it goes elsewhere.
    const auto other = sv::layoutLabels({{1, {100, 100}, {40, 12}, 0, 1, false}},
                                        {box({100, 100}, 5), box({125, 100}, 5)}, 400, 400);
    REQUIRE(other.size() == 1);
    CHECK_FALSE(other[0].rect.overlaps(box({125, 100}, 5)));
}

TEST_CASE("a label never covers another place's marker, even where the markers overlap") {
    // Two places 4 px apart on screen (e.g. neighbouring towns zoomed out): B's marker box contains A's anchor.
    const Vec2d a{100, 100}, b{104, 100};
    const double r = 5;
    const std::vector<ScreenRect> markers = {box(a, r), box(b, r)};
    const auto placed = sv::layoutLabels({{1, a, {40, 12}, r + 2, 1, false}}, markers, 400, 400);
    REQUIRE(placed.size() == 1);
    INFO("A's label at " << placed[0].rect.x0 << "," << placed[0].rect.y0 << " " << placed[0].rect.x1 << ","
                         << placed[0].rect.y1);
    CHECK_FALSE(placed[0].rect.overlaps(markers[1]));
}

TEST_CASE("centred labels are only ever centred on their anchor") {
    const LabelRequest region{7, {200, 150}, {90, 14}, 0, 1, true};
    auto placed = sv::layoutLabels({region}, {}, 400, 300);
    REQUIRE(placed.size() == 1);
    CHECK(placed[0].rect.x0 == doctest::Approx(155));
    CHECK(placed[0].rect.y0 == doctest::Approx(143));
    CHECK(placed[0].rect.x1 == doctest::Approx(245));
    CHECK(placed[0].rect.y1 == doctest::Approx(157));
    // A marker under the centre blocks it, and the label is not moved beside it instead.
    CHECK(sv::layoutLabels({region}, {box({200, 150}, 4)}, 400, 300).empty());
    // A more important label already there blocks it as well.
    placed = sv::layoutLabels({region, {8, {200, 150}, {30, 12}, 0, 10, true}}, {}, 400, 300);
    REQUIRE(placed.size() == 1);
    CHECK(placed[0].id == 8);
    // Half off screen: dropped.
    CHECK(sv::layoutLabels({{7, {20, 150}, {90, 14}, 0, 1, true}}, {}, 400, 300).empty());
}
