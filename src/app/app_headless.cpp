// Headless rendering (see app.hpp): one frame into an offscreen target, written as a PNG; `--frames N` renders N
// more for benchmarks.
#include <algorithm>
#include <cstdio>
#include <optional>

#include <imgui.h>

#include "app/app.hpp"
#include "model/snapshot.hpp"
#include "platform/headless.hpp"
#include "render/gl/gl.hpp"
#include "render/gl/shader.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen.hpp"
#include "ui/fonts.hpp"
#include "util/memory.hpp"
#include "util/png.hpp"
#include "util/stopwatch.hpp"
#include "util/trace.hpp"

namespace sv {

std::unique_ptr<HeadlessContext> App::startHeadless(bool labelsOnly, int& exitCode) {
    // The fonts, then the map, on one thread while this one loads the GL library (see startLoading).
    startLoading(ui::deferFontAtlas(view_.uiScale, labelsOnly, opt_.present ? opt_.presentScale : 0,
                                    opt_.useCache ? cacheDir() : std::filesystem::path{}));
    gl::setProgramCacheDir(cacheDir());
    Stopwatch sw;
    const auto backend = opt_.headless == "osmesa" ? HeadlessBackend::OsMesa
                         : opt_.headless == "egl"  ? HeadlessBackend::Egl
                         : opt_.headless == "glfw" ? HeadlessBackend::Glfw
                                                   : HeadlessBackend::Auto;
    auto ctx = HeadlessContext::create(backend, ui::fontAtlas());
    traceMark("GL context");
    exitCode = 1;
    if (!ctx) {
        std::fprintf(stderr, "sitview: cannot set up offscreen rendering: %s\n", ctx.error().c_str());
        return nullptr;
    }
    auto renderer = MapRenderer::createFromResources();
    if (!renderer) {
        std::fprintf(stderr, "sitview: %s\n", renderer.error().c_str());
        return nullptr;
    }
    renderer_ = std::move(*renderer);
    traceMark("shaders built");
    glRenderer_ = std::string(reinterpret_cast<const char*>(glGetString(GL_RENDERER))) + " (" + (*ctx)->description() + ")";
    contextSeconds_ = sw.lap();
    view_.camera.setViewport(opt_.width, opt_.height);
    collectLoad(true);
    if (opt_.atLargest && map_->series) {
        std::size_t best = 0;
        for (std::size_t d = 1; d < map_->series->days.size(); ++d)
            if (map_->series->vertexCount(d) > map_->series->vertexCount(best)) best = d;
        view_.time.setDate(map_->series->days[best].date);
        std::printf("largest_day %s (%zu vertices)\n", map_->series->days[best].date.iso().c_str(), map_->series->vertexCount(best));
    }
    if (map_->series && opt_.timings)
        std::printf("geometry_bytes %zu\nchange_geometry_bytes %zu\n", map_->series->geometryBytes(),
                    map_->scenario.derivedBytes() + map_->scenarioMeshes.bytes());
    traceMark("data in place");
    if (!map_->errors.empty()) {
        for (const auto& e : map_->errors) std::fprintf(stderr, "sitview: %s\n", e.c_str());
        exitCode = 2;
        return nullptr;
    }
    if (opt_.present) setPresentation(true);
    ui::waitFontAtlas();
    traceMark("fonts rasterised");
    exitCode = 0;
    return std::move(*ctx);
}

int App::runScreenshot() {
    Stopwatch sw;
    oneFrame_ = opt_.benchDates == 0 && opt_.frames == 0 && !opt_.atLargest;
    int status = 0;
    auto ctx = startHeadless(!opt_.screenshotUi, status);
    if (!ctx) return status;
    view_.overlays = opt_.overlays;
    renderer_->prepareView(view_);  // (the lines thinned on other threads while the target and the text are made)
    auto target = Offscreen::create(opt_.width, opt_.height);
    if (!target) {
        std::fprintf(stderr, "sitview: %s\n", target.error().c_str());
        return 1;
    }
    traceMark("offscreen target");
    sw.lap();
    target->bind();
    if (opt_.screenshotUi) {
        // ImGui sizes auto-fitting windows during their first frame and shows them from the second.
        ctx->newFrame(opt_.width, opt_.height);
        drawPanels();
        ImGui::Render();
    }
    ctx->newFrame(opt_.width, opt_.height);
    traceMark("frame begun (font texture uploaded)");
    drawMapText();
    if (opt_.screenshotUi) drawPanels();
    ImGui::Render();
    renderer_->setCacheBase(opt_.frames > 0);  // one frame unless benchmarking more
    renderer_->draw(view_, *map_);
    if (tracing()) glFinish(), traceMark("map drawn");
    ctx->drawImGui();
    if (tracing()) glFinish(), traceMark("text drawn");
    // One frame and nothing after it: the GL side is done. llvmpipe keeps every buffer, texture and render target
    // in this process's memory (the 1920x1080 target alone is 8 MB), so it goes before the pixels and the PNG
    // encoder need theirs, which then reuse it: a 1,600-day series' peak 237 → 228 MB. (The renderer's objects
    // are deleted while the context is still current.)
    if (oneFrame_) renderer_.reset();
    const auto pixels = target->read();
    traceMark("pixels read");
    renderSeconds_ = sw.lap();
    if (opt_.benchDates > 0) benchmarkDates();
    if (opt_.frames > 0) benchmarkFrames(*ctx, *target);
    if (oneFrame_) {
        // With a series in memory, what GL held goes back to the OS before the PNG encoder takes its ~8 MB. Left to
        // the allocator, that memory was reused by the encoder in some runs and not in others: a 1,600-day series'
        // peak varied by 7 MB over runs. (The built-in map's image would pay ~7 ms of page faults for nothing: its
        // peak is the read-back, before this.)
        std::optional<memory::Prompt> prompt;
        if (map_->series) prompt.emplace();
        *target = Offscreen{};  // (its GL objects deleted while the context is current)
        ctx.reset();
        prompt.reset();
        traceMark("GL released");
    }
    auto ok = writePng(*opt_.screenshot, pixels, {pngText()});
    pngSeconds_ = sw.lap();
    traceMark("PNG written");
    firstFrameAt_ = secondsSinceProcessStart();
    if (!ok) {
        std::fprintf(stderr, "sitview: %s\n", ok.error().c_str());
        return 1;
    }
    printTimings();
    return 0;
}

// `--bench-dates N`: N random date changes over the timeline's range — the frame lookup and what the renderer
// rebuilds for a new date — timed one by one.
void App::benchmarkDates() {
    if (!map_ || !map_->hasScenario) return;
    std::vector<double> ms;
    uint64_t rng = 0x9e3779b97f4a7c15ULL;
    const int span = view_.time.last() - view_.time.first() + 1;
    for (int i = 0; i < opt_.benchDates; ++i) {
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        const Date d = view_.time.first() + static_cast<int32_t>((rng >> 33) % static_cast<uint64_t>(span));
        Stopwatch sw;
        view_.time.setDate(d);
        renderer_->prepareDate(view_, *map_);
        ms.push_back(sw.seconds() * 1e3);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("date_changes %zu over %d days, %zu frames\n", ms.size(), span, map_->scenario.frames().size());
    std::printf("date_change_median_ms %.5f\ndate_change_p99_ms %.5f\n", ms[ms.size() / 2],
                ms[std::min(ms.size() - 1, static_cast<std::size_t>(ms.size() * 0.99))]);
}

// `--frames N` with --screenshot: N more frames, each finished with glFinish, for benchmarks: of the same view (the
// static base copied from the layer cache), or with `--bench-pan` each one pixel further east, as while dragging
// the map (the base drawn again every frame).
void App::benchmarkFrames(HeadlessContext& ctx, const Offscreen& target) {
    std::vector<double> ms;
    if (opt_.playSpeed > 0) {
        view_.time.setSpeed(opt_.playSpeed);
        view_.time.setLoop(true);
        view_.time.play(TimeCursor::Play::Forward);
    }
    for (int i = 0; i < opt_.frames; ++i) {
        Stopwatch f;
        view_.time.advance(1.0 / 60.0);  // as at 60 frames per second
        if (opt_.benchPan) view_.camera.panPixels({-1.0, 0.0});
        target.bind();
        ctx.newFrame(opt_.width, opt_.height);
        drawMapText();
        ImGui::Render();
        renderer_->draw(view_, *map_);
        ctx.drawImGui();
        glFinish();
        ms.push_back(f.seconds() * 1e3);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("frame_ms_median %.2f\nframe_ms_p99 %.2f\n", ms[ms.size() / 2],
                ms[std::min(ms.size() - 1, static_cast<std::size_t>(ms.size() * 0.99))]);
}

}  // namespace sv
