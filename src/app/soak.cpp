// `sitview soak`: a long headless session of random user actions — scrub, play, zoom, pan, click, select, search,
// story steps added, visited and removed, layer toggles, presentation mode, small PNG exports — with a frame drawn
// after each action. It counts GL errors (glGetError after every frame, plus the KHR_debug callback) and watches
// the resident memory after a warm-up; the figures go to stdout one per line, for bench/soak.sh and a CI test.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include <imgui.h>

#include "app/app.hpp"
#include "platform/headless.hpp"
#include "platform/window.hpp"
#include "reporting/search.hpp"
#include "render/gl/gl.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen.hpp"
#include "util/png.hpp"
#include "util/stopwatch.hpp"

namespace fs = std::filesystem;

namespace sv {
namespace {

double residentMb() {
    std::ifstream in("/proc/self/statm");
    long pages = 0, resident = 0;
    in >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

}  // namespace

int App::runSoak(int actions, uint64_t seed) {
    int status = 0;
    auto ctx = startHeadless(true, status);
    if (!ctx) return status;
    HeadlessContext& hc = *ctx;
    const UiFrame ui{[&](int w, int h) { hc.newFrame(w, h); }, [&] { hc.drawImGui(); }};
    const int w = opt_.width, h = opt_.height;
    auto target = Offscreen::create(w, h);
    if (!target) return std::fprintf(stderr, "sitview: soak: %s\n", target.error().c_str()), 1;
    const fs::path tmp = fs::temp_directory_path() / ("sitview-soak-" + std::to_string(getpid()));
    fs::create_directories(tmp);
    std::mt19937_64 rng(seed);
    auto uniform = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
    auto pick = [&](int n) { return n <= 0 ? 0 : static_cast<int>(rng() % static_cast<uint64_t>(n)); };
    std::vector<std::string> names;
    for (const auto& p : map_->data.places) names.push_back(p.name);
    const int targets = reporting_ ? static_cast<int>(reporting_->gazetteer.targets().size()) : 0;
    const Bbox home = map_->data.home();
    unsigned long glErrors = 0;
    const unsigned long debugBefore = glErrorCount();
    int exports = 0, steps = 0, frames = 0;
    const int warmup = std::max(1, actions / 10);
    double rssWarm = 0, rssPeak = 0;
    Stopwatch sw;
    for (int i = 0; i < actions; ++i) {
        const double dt = 1.0 / 60.0;
        switch (pick(14)) {
            case 0: view_.time.setDate(view_.time.first() + pick(view_.time.last() - view_.time.first() + 1)); break;
            case 1:
                view_.time.setSpeed(uniform(0.25, 30));
                view_.time.setLoop(pick(2) == 0);
                view_.time.play(TimeCursor::Play::Forward);
                for (int k = 0; k < 5; ++k) view_.time.advance(dt);
                break;
            case 2: view_.camera.zoomAbout(Vec2d{uniform(0, w), uniform(0, h)}, uniform(0.5, 2.0)); break;
            case 3:
                // Half the time a mouse drag (whole pixels: the frame moves the cached base), else any amount.
                if (pick(2) == 0) view_.camera.panPixels(Vec2d{std::round(uniform(-300, 300)), std::round(uniform(-300, 300))});
                else view_.camera.panPixels(Vec2d{uniform(-300, 300), uniform(-300, 300)});
                break;
            case 4: handleClick(Vec2d{uniform(0, w), uniform(0, h)}); break;
            case 5:
                if (targets) select(pick(targets), true);
                for (int k = 0; k < 10; ++k) flight_.advance(view_.camera, 0.1);
                break;
            case 6:
                if (reporting_ && !names.empty()) {
                    std::string q = names[static_cast<std::size_t>(pick(static_cast<int>(names.size())))];
                    q = q.substr(0, static_cast<std::size_t>(1 + pick(static_cast<int>(q.size()))));
                    const auto hits = searchPlaces(reporting_->gazetteer, map_->data, q);
                    if (!hits.empty()) select(hits.front().target, false);
                }
                break;
            case 7:
                insertStepAfter(story_, story_.steps.size(), stepFromView());
                ++steps;
                break;
            case 8:
                if (!story_.steps.empty()) {
                    applyStep(pick(static_cast<int>(story_.steps.size())), true);
                    for (int k = 0; k < 8; ++k) transition_.advance(0.15, view_.camera, view_.time);
                }
                break;
            case 9:
                if (!story_.steps.empty()) deleteStep(story_, static_cast<std::size_t>(pick(static_cast<int>(story_.steps.size()))));
                if (storyStep_ >= static_cast<int>(story_.steps.size())) storyStep_ = static_cast<int>(story_.steps.size()) - 1;
                break;
            case 10: {
                bool* layers[] = {&view_.layers.context, &view_.layers.regions, &view_.layers.places, &view_.layers.control,
                                  &view_.layers.changes, &view_.layers.front, &view_.layers.sieges, &view_.layers.events,
                                  &view_.morph};
                bool* l = layers[pick(9)];
                *l = !*l;
                break;
            }
            case 11: setPresentation(!view_.presentation); break;
            case 12:
                if (i % 97 == 0) {  // a small PNG now and then (PNG encoding dominates otherwise)
                    auto img = renderImage(160, 90, ui);
                    if (img && writePng((tmp / "soak.png").string(), *img, {pngText()})) ++exports;
                }
                break;
            default:
                if (pick(50) == 0) view_.camera.fit(home, 24);  // back home now and then, so zooms do not drift away
                view_.time.setPosition(uniform(0, view_.time.last() - view_.time.first()));  // between days: morph
                break;
        }
        view_.time.play(TimeCursor::Play::Idle);
        target->bind();
        hc.newFrame(w, h);
        drawMapText();
        ImGui::Render();
        renderer_->draw(view_, *map_);
        hc.drawImGui();
        ++frames;
        for (GLenum e = glGetError(); e != GL_NO_ERROR; e = glGetError()) {
            if (glErrors < 5) std::fprintf(stderr, "sitview: soak: GL error 0x%04x after action %d\n", e, i);
            ++glErrors;
        }
        if (i + 1 == warmup) glFinish(), rssWarm = residentMb();
        if (i + 1 >= warmup && (i % 500 == 0 || i + 1 == actions)) rssPeak = std::max(rssPeak, residentMb());
    }
    glFinish();
    const double rssEnd = residentMb();
    std::error_code ec;
    fs::remove_all(tmp, ec);
    if (storyStep_ >= 0 && view_.presentation) setPresentation(false);
    const unsigned long debugErrors = glErrorCount() - debugBefore;
    const double growth = rssWarm > 0 ? (rssEnd - rssWarm) / rssWarm * 100.0 : 0;
    std::printf("soak_actions %d\nsoak_seconds %.2f\nsoak_frames %d\nsoak_story_steps_added %d\nsoak_png_exports %d\n"
                "gl_errors %lu\ngl_debug_errors %lu\nrss_after_warmup_mb %.1f\nrss_peak_mb %.1f\nrss_end_mb %.1f\n"
                "rss_growth_percent %.2f\n",
                actions, sw.seconds(), frames, steps, exports, glErrors, debugErrors, rssWarm, std::max(rssPeak, rssEnd),
                rssEnd, growth);
    if (glErrors || debugErrors) return std::fprintf(stderr, "sitview: soak: %lu GL error(s)\n", glErrors + debugErrors), 1;
    // Memory is judged on long runs only: the first thousands of actions fill bounded caches (morph grids, label
    // layouts, the base-map image at each size).
    if (actions >= 10000 && growth >= 5.0) return std::fprintf(stderr, "sitview: soak: resident memory grew %.1f %% after warm-up\n", growth), 1;
    return 0;
}

}  // namespace sv
