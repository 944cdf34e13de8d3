// In-process rendering (render/map_renderer.hpp into render/offscreen.hpp): fills agree pixel for pixel with the
// polygons they draw (holes and concave notches included), outlines keep their pixel width at any zoom, markers.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "geo/map_loader.hpp"
#include "geo/projection.hpp"
#include "platform/headless.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen.hpp"
#include "support.hpp"
#include "util/paths.hpp"

using namespace svtest;

namespace {

// One GL context (and with it ImGui's context) for the whole test binary.
sv::HeadlessContext& glContext() {
    static std::unique_ptr<sv::HeadlessContext> ctx = [] {
        auto r = sv::HeadlessContext::create();
        REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error()));
        return std::move(*r);
    }();
    return *ctx;
}

// tests/data/render_regions.geojson: region A is a square with a square hole plus an L-shaped part below it,
// region B a square sharing A's eastern edge (lon 31). A capital sits in the middle of B.
struct Scene {
    sv::LoadedMap map;
    std::unique_ptr<sv::MapRenderer> renderer;
    sv::Vec2d capital;
};

// A renderer for the scene's map, its meshes uploaded.
void attachRenderer(Scene& s) {
    const auto shaders = sv::findResourceDir("shaders");
    REQUIRE(shaders.has_value());
    auto r = sv::MapRenderer::create(*shaders);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error()));
    s.renderer = std::move(*r);
    s.renderer->upload(s.map);
}

Scene makeScene() {
    glContext();
    Scene s;
    sv::MapSources src;
    src.regions = std::string(SV_TEST_DATA) + "/render_regions.geojson";
    s.map = sv::geo::loadMap(src);
    REQUIRE(s.map.errors.empty());
    REQUIRE(s.map.data.regions.size() == 2);
    sv::Place cap;
    cap.id = "cap", cap.name = "Capital", cap.kind = sv::PlaceKind::Capital;
    cap.lonlat = {31.5, 50.32};
    cap.pos = s.capital = project(31.5, 50.32);
    s.map.data.places.push_back(cap);

    attachRenderer(s);
    return s;
}

// The built-in map (neighbours, oblasts, places; no scenario, to keep it quick), optionally without its prepared
// background.
Scene makeBuiltinScene(bool withBackground) {
    glContext();
    Scene s;
    sv::MapSources src = sv::builtinSources();
    src.scenario.clear();
    s.map = sv::geo::loadMap(src);
    REQUIRE(s.map.errors.empty());
    if (!withBackground) s.map.meshes.backgroundFill = {};
    attachRenderer(s);
    return s;
}

// Renders the scene with `cam` (labels are ImGui's business, not the map renderer's) and reads the pixels back.
Image render(Scene& s, const sv::Camera& cam, const std::vector<std::string>& highlight = {},
             const sv::LayerVisibility& layers = {}) {
    auto target = sv::Offscreen::create(cam.width(), cam.height());
    REQUIRE_MESSAGE(target.ok(), (target.ok() ? "" : target.error()));
    sv::ViewState view;
    view.camera = cam;
    view.highlightRegions = highlight;
    view.layers = layers;
    target->bind();
    s.renderer->draw(view, s.map);
    const sv::Image raw = target->read();
    sv::Offscreen::bindDefault();
    REQUIRE(raw.width == cam.width());
    Image img;
    img.w = raw.width, img.h = raw.height;
    img.px.resize(static_cast<std::size_t>(img.w) * img.h * 4);
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) {
            const uint8_t* p = raw.at(x, y);
            uint8_t* q = &img.px[(static_cast<std::size_t>(y) * img.w + x) * 4];
            q[0] = p[0], q[1] = p[1], q[2] = p[2], q[3] = 255;
        }
    return img;
}

// The regions fitted into 400×300 with a margin, by hand.
sv::Camera overviewCamera(const Scene& s) {
    const sv::Bbox home = s.map.data.home();
    sv::Camera cam;
    cam.setViewport(400, 300);
    cam.setCenter(home.center());
    cam.setScale(0.85 * std::min(400 / home.width(), 300 / home.height()));
    return cam;
}

sv::Rgba at(const Image& img, const sv::Camera& cam, sv::Vec2d world) {
    const sv::Vec2d p = cam.worldToScreen(world);
    return img.at(static_cast<int>(std::floor(p.x)), static_cast<int>(std::floor(p.y)));
}

// Screen distance from `p` to the nearest edge of any region (outer rings and holes).
double distanceToOutline(const Scene& s, const sv::Camera& cam, sv::Vec2d p) {
    double best = 1e300;
    auto ring = [&](const sv::Ring& r) {
        for (std::size_t i = 0; i < r.size(); ++i)
            best = std::min(best, sv::distanceToSegmentSq(p, cam.worldToScreen(r[i]), cam.worldToScreen(r[(i + 1) % r.size()])));
    };
    for (const auto& region : s.map.data.regions)
        for (const auto& poly : region.shape) {
            ring(poly.outer);
            for (const auto& h : poly.holes) ring(h);
        }
    return std::sqrt(best);
}

// How much of a line of colour `line` over `base` a pixel shows (0 = none, 1 = fully covered).
double coverage(sv::Rgba px, sv::Rgba base, sv::Rgba line) {
    const double c = (double(base.r) - px.r + double(base.g) - px.g + double(base.b) - px.b) /
                     (double(base.r) - line.r + double(base.g) - line.g + double(base.b) - line.b);
    return std::clamp(c, 0.0, 1.0);
}

struct LineProfile {
    int pixels = 0;       // pixels that differ visibly from both sides' colour
    double width = 0;     // integrated coverage: the line's width in pixels as drawn (antialiased)
};

// Walks the row through `world` across a vertical edge, ±8 px around it.
LineProfile profileAcross(const Image& img, const sv::Camera& cam, sv::Vec2d world, sv::Rgba base, sv::Rgba line,
                          sv::Rgba outside) {
    const sv::Vec2d c = cam.worldToScreen(world);
    const int y = static_cast<int>(std::floor(c.y));
    LineProfile prof;
    for (int x = static_cast<int>(c.x) - 8; x <= static_cast<int>(c.x) + 8; ++x) {
        const sv::Rgba px = img.at(x, y);
        if (!near(px, base, 10) && !near(px, outside, 10)) ++prof.pixels;
        prof.width += near(px, outside, 10) ? 0.0 : coverage(px, base, line);
    }
    return prof;
}

}  // namespace

TEST_CASE("fills: holes and notches are background, filled parts region fill, the capital's marker drawn") {
    Scene s = makeScene();
    const sv::Camera cam = overviewCamera(s);
    const Image img = render(s, cam);
    REQUIRE(img.w == 400);
    REQUIRE(img.h == 300);

    const auto check = [&](const char* what, double lon, double lat, sv::Rgba want) {
        const sv::Rgba got = at(img, cam, project(lon, lat));
        INFO(what << " at " << lon << "," << lat << ": " << str(got) << ", want " << str(want));
        CHECK(near(got, want, 2));
    };
    check("the hole's centre", 30.5, 50.325, sv::style::kBackground);
    check("the L's notch", 30.55, 49.6, sv::style::kBackground);
    check("outside everything", 31.5, 49.5, sv::style::kBackground);
    check("the square, beside the hole", 30.15, 50.32, sv::style::kRegionFill);
    check("the square, above the hole", 30.5, 50.55, sv::style::kRegionFill);
    check("the L's foot", 30.6, 49.3, sv::style::kRegionFill);
    check("the L's upright", 30.15, 49.7, sv::style::kRegionFill);
    check("region B", 31.2, 50.1, sv::style::kRegionFill);
    check("the capital's marker", 31.5, 50.32, sv::style::marker(sv::PlaceKind::Capital).fill);
}

TEST_CASE("fills agree pixel for pixel with point-in-polygon away from the outlines") {
    Scene s = makeScene();
    for (const double zoom : {1.0, 3.0}) {
        sv::Camera cam = overviewCamera(s);
        cam.zoomAbout({170, 160}, zoom);
        const Image img = render(s, cam);
        const sv::Vec2d marker = cam.worldToScreen(s.capital);
        const double markerReach = sv::style::marker(sv::PlaceKind::Capital).radiusPx + sv::style::kMarkerRingPx + 2;
        int checked = 0, inside = 0, wrong = 0;
        for (int y = 0; y < img.h; ++y)
            for (int x = 0; x < img.w; ++x) {
                const sv::Vec2d centre{x + 0.5, y + 0.5};
                if (distanceToOutline(s, cam, centre) <= 3.0 || sv::distance(centre, marker) <= markerReach) continue;
                const sv::Vec2d w = cam.screenToWorld(centre);
                bool in = false;
                for (const auto& r : s.map.data.regions) in |= sv::pointInMultiPolygon(r.shape, w);
                const sv::Rgba want = in ? sv::style::kRegionFill : sv::style::kBackground;
                const sv::Rgba got = img.at(x, y);
                if (!near(got, want, 1)) {
                    if (wrong < 5) MESSAGE("pixel " << x << "," << y << " is " << str(got) << ", want " << str(want));
                    ++wrong;
                }
                ++checked;
                inside += in;
            }
        INFO("zoom " << zoom << ": " << checked << " pixels checked, " << inside << " inside");
        CHECK(wrong == 0);
        CHECK(checked > 400 * 300 / 2);
        CHECK(inside > checked / 8);  // a fair share of both
        CHECK(inside < checked * 7 / 8);
    }
}

TEST_CASE("outlines are as wide in pixels at every zoom") {
    Scene s = makeScene();
    // The edge shared by A and B (lon 31): region outlines only. A's western edge (lon 30): the national border.
    const sv::Vec2d shared = project(31.0, 50.32), west = project(30.0, 50.32);
    LineProfile sharedAt[2], westAt[2];
    for (int i = 0; i < 2; ++i) {
        const double zoom = i == 0 ? 1 : 8;
        for (const sv::Vec2d edge : {shared, west}) {
            sv::Camera cam = overviewCamera(s);
            if (zoom != 1) {
                cam.setScale(cam.scale() * zoom);
                cam.setCenter(edge + sv::Vec2d{37.3 / cam.scale(), 0});  // the edge 37.3 px left of the centre
            }
            const Image img = render(s, cam);
            if (edge == shared)
                sharedAt[i] = profileAcross(img, cam, shared, sv::style::kRegionFill, sv::style::kRegionLine,
                                            sv::style::kRegionFill);
            else
                westAt[i] = profileAcross(img, cam, west, sv::style::kRegionFill, sv::style::kNationalBorder,
                                          sv::style::kBackground);
        }
        INFO("zoom x" << zoom << ": shared edge " << sharedAt[i].pixels << " px (width " << sharedAt[i].width
                      << "), national border " << westAt[i].pixels << " px");
        CHECK(std::abs(sharedAt[i].pixels - sv::style::kRegionLinePx) <= 1);
        CHECK(sharedAt[i].width >= sv::style::kRegionLinePx - 0.25);
        CHECK(sharedAt[i].width <= sv::style::kRegionLinePx + 1);
        CHECK(std::abs(westAt[i].pixels - sv::style::kNationalBorderPx) <= 1);
    }
    CHECK(std::abs(sharedAt[0].pixels - sharedAt[1].pixels) <= 1);
    CHECK(std::abs(sharedAt[0].width - sharedAt[1].width) <= 1);
    CHECK(std::abs(westAt[0].pixels - westAt[1].pixels) <= 1);
}

TEST_CASE("base layer cache: a view's first frame (drawn straight), the frame that caches it and the frames copied "
          "from it are the same pixels, a new view is drawn fresh") {
    Scene s = makeScene();
    const sv::Camera cam = overviewCamera(s);
    const Image first = render(s, cam);   // first frame of this view: drawn straight into the target
    const Image second = render(s, cam);  // same view again: drawn into the cache, then copied
    const Image third = render(s, cam);   // copied from the cache
    REQUIRE(first.px.size() == second.px.size());
    CHECK(first.px == second.px);
    CHECK(first.px == third.px);
    // The region fill is there (not a stale or empty cache): the capital's region, away from its marker.
    CHECK(near(at(third, cam, project(31.5, 50.1)), sv::style::kRegionFill, 3));

    // Zoomed in: different pixels, the same as a fresh renderer's first frame of that view, twice over (straight,
    // then through the cache); and back to the first view, the first frame's pixels again.
    sv::Camera zoomed = cam;
    zoomed.setScale(cam.scale() * 2.0);
    const Image z1 = render(s, zoomed);
    const Image z2 = render(s, zoomed);
    Scene fresh = makeScene();
    const Image zf = render(fresh, zoomed);
    CHECK(z1.px != first.px);
    CHECK(z1.px == zf.px);
    CHECK(z2.px == zf.px);
    CHECK(render(s, cam).px == first.px);
}

TEST_CASE("a highlighted region: its whole outline in the selection colour, shared and outer edges alike") {
    // The base map draws the boundary A and B share once and leaves their outer edges to the national border
    // (PreparedMap::regionEdges); a highlight still needs each region's own complete outline.
    Scene s = makeScene();
    const sv::Camera cam = overviewCamera(s);
    const Image plain = render(s, cam);
    const Image lit = render(s, cam, {"A"});
    struct Edge {
        const char* what;
        double lon, lat;
        bool ofA;
    };
    for (const Edge e : {Edge{"A's western (outer) edge", 30.0, 50.32, true}, Edge{"the edge A and B share", 31.0, 50.32, true},
                         Edge{"the L's southern edge", 30.6, 49.2, true}, Edge{"B's eastern edge", 32.0, 50.32, false}}) {
        // The pixel row or column through the edge, ±2 px: the selection colour must cover one of them.
        const sv::Vec2d c = cam.worldToScreen(project(e.lon, e.lat));
        bool selected = false, selectedBefore = false;
        for (int d = -2; d <= 2; ++d) {
            const bool vertical = e.lat != 49.2;
            const int x = static_cast<int>(std::floor(c.x)) + (vertical ? d : 0);
            const int y = static_cast<int>(std::floor(c.y)) + (vertical ? 0 : d);
            selected |= near(lit.at(x, y), sv::style::kSelection, 12);
            selectedBefore |= near(plain.at(x, y), sv::style::kSelection, 12);
        }
        INFO(std::string(e.what));
        CHECK(selected == e.ofA);
        CHECK_FALSE(selectedBefore);
    }
}

namespace {

// The largest difference of any channel between two images of the same size, and how many pixels differ at all.
std::pair<int, int> compare(const Image& a, const Image& b) {
    REQUIRE(a.px.size() == b.px.size());
    int most = 0, pixels = 0;
    for (std::size_t i = 0; i < a.px.size(); i += 4) {
        int d = 0;
        for (std::size_t c = 0; c < 3; ++c) d = std::max(d, std::abs(int(a.px[i + c]) - int(b.px[i + c])));
        most = std::max(most, d);
        pixels += d > 0;
    }
    return {most, pixels};
}

}  // namespace

TEST_CASE("dragging: the cached base moved by whole pixels and the uncovered strips drawn equal a fresh frame") {
    Scene s = makeScene();
    sv::Camera cam = overviewCamera(s);
    render(s, cam);
    render(s, cam);  // the view's second frame: the base is cached
    const auto before = s.renderer->baseStats();
    CHECK(before.cached == 1);
    // Right and up, left, down, diagonally: each strip (and both of a diagonal move) drawn where it belongs.
    const sv::Vec2d drags[] = {{37, -12}, {-5, 0}, {0, 23}, {-61, -40}};
    int n = 0;
    for (const sv::Vec2d d : drags) {
        cam.panPixels(d);
        const Image moved = render(s, cam);
        Scene fresh = makeScene();
        const Image want = render(fresh, cam);  // a renderer's first frame: the base drawn straight
        const auto [most, pixels] = compare(moved, want);
        INFO("drag " << d.x << "," << d.y << ": " << pixels << " pixels differ, by up to " << most);
        CHECK(s.renderer->baseStats().shifted == before.shifted + ++n);
        // Only rounding: a moved edge lands where a fresh one does, give or take an antialiasing step.
        CHECK(most <= 2);
        CHECK(pixels < 400 * 300 / 500);
    }
    // Between pixels, or further than half the frame: drawn again, not moved.
    for (const sv::Vec2d d : {sv::Vec2d{0.5, 0}, sv::Vec2d{250, 0}}) {
        cam.panPixels(d);
        const Image img = render(s, cam);
        Scene fresh = makeScene();
        INFO("drag " << d.x << "," << d.y);
        CHECK(s.renderer->baseStats().shifted == before.shifted + n);
        CHECK(compare(img, render(fresh, cam)).first == 0);
    }
}

TEST_CASE("the sea drawn over a clear in the neighbours' colour: the same pixels as the neighbours over the sea's") {
    // PreparedMap::backgroundFill: with it, and both layers shown, the renderer clears to the context colour and
    // fills the background's share; without it (as for views beyond its box, or with the regions hidden) it fills
    // the neighbours over a background-coloured clear.
    Scene sea = makeBuiltinScene(true), land = makeBuiltinScene(false);
    const auto& bg = sea.map.meshes.backgroundFill;
    REQUIRE(bg.indices.size() > 3000);
    const sv::Bbox home = sea.map.data.home();
    CHECK(sea.map.meshes.backgroundBox.contains(home));
    sv::Camera cam;
    cam.setViewport(960, 540);
    cam.setCenter(home.center());
    cam.setScale(0.9 * std::min(960 / home.width(), 540 / home.height()));
    for (const bool regions : {true, false})
        for (const double zoom : {1.0, 6.0}) {
            INFO("regions " << std::string(regions ? "shown" : "hidden") << ", zoom x" << zoom);
            sv::LayerVisibility layers;
            layers.regions = regions;
            sv::Camera c = cam;
            c.setScale(cam.scale() * zoom);
            c.setCenter(project(30.73, 46.48));  // Odesa: coast, sea, Moldova, Romania
            const sv::Camera& view = zoom == 1.0 ? cam : c;
            const Image a = render(sea, view, {}, layers);
            const Image b = render(land, view, {}, layers);
            REQUIRE(a.px.size() == b.px.size());
            std::size_t differ = 0;
            for (std::size_t i = 0; i < a.px.size(); i += 4)
                differ += a.px[i] != b.px[i] || a.px[i + 1] != b.px[i + 1] || a.px[i + 2] != b.px[i + 2];
            CHECK(differ == 0);
            // Both colours are there: the Black Sea off Odesa, Moldova's interior.
            CHECK(near(at(a, view, zoom == 1.0 ? project(31.0, 45.0) : project(31.0, 46.3)), sv::style::kBackground, 2));
            CHECK(near(at(a, view, project(29.3, 46.9)), sv::style::kContextFill, 2));
            // Ukraine's area: the region fill, or with the regions hidden the background colour (near Vinnytsia,
            // away from every line).
            if (zoom == 1.0)
                CHECK(near(at(a, view, project(28.9, 49.1)), regions ? sv::style::kRegionFill : sv::style::kBackground, 2));
        }
    // Zoomed out past the box: drawn the other way, so that the world beyond the data stays the background colour.
    sv::Camera far = cam;
    far.setScale(cam.scale() / 40.0);
    CHECK_FALSE(sea.map.meshes.backgroundBox.contains(far.visibleWorld()));
    const Image wide = render(sea, far);
    CHECK(wide.px == render(land, far).px);
    CHECK(near(wide.at(2, 2), sv::style::kBackground, 2));
    CHECK(near(wide.at(957, 537), sv::style::kBackground, 2));
}
