// The application (see app.hpp): loading runs on a worker thread while the GL context comes up on the main thread.
#include "app/app.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <filesystem>

#include <imgui.h>

#include "platform/headless.hpp"
#include "platform/window.hpp"
#include "render/gl/gl.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen.hpp"
#include "ui/fonts.hpp"
#include "ui/layers_panel.hpp"
#include "ui/legend_panel.hpp"
#include "ui/map_tooltip.hpp"
#include "ui/timeline_panel.hpp"
#include "ui/log_panel.hpp"
#include "ui/map_input.hpp"
#include "ui/map_labels.hpp"
#include "util/log.hpp"
#include "app/geo_module.hpp"
#include "cli/status_command.hpp"
#include "model/snapshot.hpp"
#include "util/paths.hpp"
#include "util/png.hpp"
#include "util/stopwatch.hpp"
#include "util/trace.hpp"

namespace sv {
namespace {

Result<std::unique_ptr<MapRenderer>> makeRenderer() {
    auto dir = findResourceDir("shaders");
    if (!dir) {
        std::string where;
        for (const auto& c : resourceCandidates("shaders")) where += "\n  " + c.string();
        return fail("shader directory not found; looked in:" + where);
    }
    return MapRenderer::create(*dir);
}

}  // namespace

App::App(Options options) : opt_(std::move(options)) {
    view_.uiScale = opt_.uiScale;
    auto& L = view_.layers;
    for (const auto& h : opt_.hide) {
        if (h == "context") L.context = false;
        if (h == "regions") L.regions = false;
        if (h == "region-labels") L.regionLabels = false;
        if (h == "places") L.places = false;
        if (h == "place-labels") L.placeLabels = false;
        if (h == "overlays") L.overlays = false;
        if (h == "control") L.control = false;
        if (h == "changes") L.changes = false;
        if (h == "front") L.front = false;
        if (h == "sieges") L.sieges = false;
        if (h == "events") L.events = false;
    }
}
App::~App() = default;

namespace {

// Identifies the code that produced a snapshot: a rebuilt geo module invalidates every cached map.
std::string producerIdentity() {
    std::error_code ec;
    const auto lib = executableDir() / "libsitview-geo.so";
    const auto size = std::filesystem::file_size(lib, ec);
    const auto time = std::filesystem::last_write_time(lib, ec).time_since_epoch().count();
    return std::string(SITVIEW_VERSION) + ":" + std::to_string(size) + ":" + std::to_string(time);
}

void makeTransforms(const geo::Api& api, const std::string& crs, LoadResult& out) {
    if (auto t = api.transform(crs, "EPSG:4326")) out.toLonLat = std::move(*t);
    if (auto t = api.transform("EPSG:4326", crs)) out.fromLonLat = std::move(*t);
}

LoadResult loadBaseMap(const MapSources& src, bool useCache, bool wantTransforms) {
    LoadResult out;
    const auto cachePath = useCache ? snapshotPath(src, producerIdentity()) : std::nullopt;
    if (cachePath)
        if (auto snap = readSnapshot(*cachePath)) out.map = std::move(*snap);
    const bool hit = out.map.timings.fromCache;
    traceMark(hit ? "loader: prepared data read from the cache" : "loader: cache miss");
    if (!hit || wantTransforms) {
        auto api = geoModule();
        traceMark("loader: geo module loaded");
        if (!api) {
            if (!hit) out.map.errors.push_back(api.error());
            return out;
        }
        if (!hit) {
            out.map = (*api)->loadMap(src);
            if (cachePath && out.map.errors.empty()) {
                if (auto ok = writeSnapshot(*cachePath, out.map); !ok)
                    out.map.warnings.push_back("prepared-data cache not written: " + ok.error());
            }
        }
        makeTransforms(**api, src.crs, out);
    }
    return out;
}

}  // namespace

void App::startLoading() {
    // A lon/lat camera needs PROJ before the first frame; otherwise a cache hit avoids the geo module entirely.
    const bool wantTransforms = opt_.viewLon.has_value();
    loading_ = std::async(std::launch::async, [src = opt_.sources, cache = opt_.useCache, wantTransforms] {
        return loadBaseMap(src, cache, wantTransforms);
    });
}

void App::requestTransforms() {
    if (toLonLat_ || transformLoading_.valid() || !map_) return;
    transformLoading_ = std::async(std::launch::async, [crs = opt_.sources.crs] {
        LoadResult out;
        if (auto api = geoModule()) makeTransforms(**api, crs, out);
        else logWarning(api.error() + " (no lon/lat readout)");
        return out;
    });
}

bool App::collectLoad(bool wait) {
    if (map_) return true;
    if (!loading_.valid()) return false;
    if (!wait && loading_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
    LoadResult loaded = loading_.get();
    map_ = std::make_unique<LoadedMap>(std::move(loaded.map));
    toLonLat_ = std::move(loaded.toLonLat);
    fromLonLat_ = std::move(loaded.fromLonLat);
    // Headless runs print file errors once, as the exit reason; the window shows them in the log panel.
    if (!opt_.screenshot)
        for (const auto& e : map_->errors) logError(e);
    for (const auto& w : map_->warnings) logWarning(w);
    Stopwatch sw;
    if (renderer_) renderer_->upload(*map_);
    uploadSeconds_ = sw.seconds();
    placeCamera();
    if (map_->hasScenario) {
        const Scenario& sc = map_->scenario;
        view_.hasTimeline = true;
        view_.time.setExtent(sc.firstDate(), sc.lastDate());
        const Date start = opt_.date.value_or(sc.defaultDate());
        if (start < sc.firstDate() || sc.lastDate() < start)
            logWarning("--date: " + start.iso() + " is outside the scenario's " + sc.firstDate().iso() + " … " +
                       sc.lastDate().iso() + "; using the nearest end");
        view_.time.setDate(start);
        ticks_.keyframes = sc.keyframes();
        for (const auto& e : sc.events) ticks_.events.push_back(e.date);
    }
    if (!opt_.select.empty() && !map_->data.findPlace(opt_.select))
        logWarning("--select: no place with id '" + opt_.select + "'");
    view_.selectedPlace = opt_.select;
    return true;
}

void App::placeCamera() {
    Camera& cam = view_.camera;
    if (opt_.viewLon && fromLonLat_) {
        const Vec2d c = fromLonLat_->apply(Vec2d{*opt_.viewLon, *opt_.viewLat});
        if (isFinite(c)) {
            cam.setCenter(c);
            cam.setScale(*opt_.viewPxPerKm / 1000.0);
            return;
        }
        logWarning("--view: the point is outside the map projection; showing the whole map");
    }
    cam.fit(map_->data.home(), 24.0 * view_.uiScale);
}

std::string App::attribution() const {
    const auto builtin = builtinSources();
    std::string a;
    if (!opt_.sources.regions.empty())
        a += opt_.sources.regions == builtin.regions ? "Boundaries: Natural Earth (public domain)"
                                                     : "Regions: " + std::filesystem::path(opt_.sources.regions).filename().string();
    if (!opt_.sources.places.empty()) {
        if (!a.empty()) a += " · ";
        a += opt_.sources.places == builtin.places ? "Places: sitview geodata from public sources"
                                                   : "Places: " + std::filesystem::path(opt_.sources.places).filename().string();
    }
    for (const auto& o : opt_.sources.overlays) a += " · " + std::filesystem::path(o).filename().string();
    if (map_ && map_->hasScenario)
        a += " · Control zones: " + map_->scenario.meta.title + " (" +
             (opt_.sources.scenario == builtin.scenario ? "hand-digitised from public reporting, sources per feature"
                                                        : std::filesystem::path(opt_.sources.scenario).filename().string()) +
             ")";
    return a;
}

void App::drawMapText() {
    if (!map_) return;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    ui::drawMapLabels(dl, view_, map_->data);
    ui::drawAttribution(dl, view_, attribution());
    if (map_->hasScenario)
        ui::drawDateCaption(dl, view_, view_.time.date().longText(),
                            map_->scenario.meta.title + (map_->scenario.meta.disclaimer.empty() ? "" : " · approximation, see legend"));
}

void App::drawPanels() {
    ui::LayersPanelInfo info;
    info.loading = !map_;
    info.glRenderer = glRenderer_;
    info.crs = opt_.sources.crs;
    info.warnings = static_cast<int>(appLog().count(LogLevel::Warning));
    info.errors = static_cast<int>(appLog().count(LogLevel::Error));
    static const MapData empty;
    if (view_.showLayersPanel) ui::drawLayersPanel(view_, map_ ? map_->data : empty, info);
    if (view_.showLogPanel) ui::drawLogPanel(&view_.showLogPanel, view_.uiScale);
    if (view_.hasTimeline && view_.showTimeline) ui::drawTimelinePanel(view_, ticks_);
    if (view_.showLegend) ui::drawLegendPanel(view_, map_ && map_->hasScenario ? &map_->scenario : nullptr);
}

void App::printTimings() const {
    if (!opt_.timings || !map_) return;
    const auto& t = map_->timings;
    std::fprintf(stderr,
                 "timings: context %.3f s, load %.3f s, project %.3f s, prepare %.3f s, scenario %.3f s, upload %.3f s, render %.3f s, "
                 "png %.3f s, first frame at %.3f s after process start%s\n",
                 contextSeconds_, t.read, t.project, t.prepare, t.scenario, uploadSeconds_, renderSeconds_, pngSeconds_,
                 firstFrameAt_, t.fromCache ? " (prepared data from the cache; load/project/prepare are the original run's)" : "");
}

int App::runScreenshot() {
    startLoading();
    ui::startFontAtlas(view_.uiScale, !opt_.screenshotUi);
    Stopwatch sw;
    const auto backend = opt_.headless == "egl"    ? HeadlessBackend::Egl
                         : opt_.headless == "glfw" ? HeadlessBackend::Glfw
                                                   : HeadlessBackend::Auto;
    auto ctx = HeadlessContext::create(backend, ui::fontAtlas());
    traceMark("GL context");
    if (!ctx) {
        std::fprintf(stderr, "sitview: cannot create an OpenGL context for offscreen rendering: %s\n", ctx.error().c_str());
        return 1;
    }
    auto renderer = makeRenderer();
    if (!renderer) {
        std::fprintf(stderr, "sitview: %s\n", renderer.error().c_str());
        return 1;
    }
    renderer_ = std::move(*renderer);
    traceMark("shaders built");
    glRenderer_ = std::string(reinterpret_cast<const char*>(glGetString(GL_RENDERER))) + " (" + (*ctx)->description() + ")";
    auto target = Offscreen::create(opt_.width, opt_.height);
    if (!target) {
        std::fprintf(stderr, "sitview: %s\n", target.error().c_str());
        return 1;
    }
    traceMark("offscreen target");
    contextSeconds_ = sw.lap();
    view_.camera.setViewport(opt_.width, opt_.height);
    collectLoad(true);
    traceMark("data in place");
    if (!map_->errors.empty()) {
        for (const auto& e : map_->errors) std::fprintf(stderr, "sitview: %s\n", e.c_str());
        return 2;
    }
    sw.lap();
    ui::waitFontAtlas();
    traceMark("fonts rasterised");
    target->bind();
    if (opt_.screenshotUi) {
        // ImGui sizes auto-fitting windows during their first frame and shows them from the second.
        (*ctx)->newFrame(opt_.width, opt_.height);
        drawPanels();
        ImGui::Render();
    }
    (*ctx)->newFrame(opt_.width, opt_.height);
    traceMark("frame begun (font texture uploaded)");
    drawMapText();
    if (opt_.screenshotUi) drawPanels();
    ImGui::Render();
    renderer_->draw(view_, *map_);
    if (tracing()) glFinish(), traceMark("map drawn");
    (*ctx)->drawImGui();
    if (tracing()) glFinish(), traceMark("text drawn");
    const auto pixels = target->read();
    traceMark("pixels read");
    renderSeconds_ = sw.lap();
    if (opt_.frames > 0) benchmarkFrames(*ctx->get(), *target);
    auto ok = writePng(*opt_.screenshot, pixels,
                       {{{"Software", "sitview " SITVIEW_VERSION}, {"Source", attribution()}}});
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

// `--frames N` with --screenshot: N more frames of the same view, each finished with glFinish, for benchmarks.
void App::benchmarkFrames(HeadlessContext& ctx, const Offscreen& target) {
    std::vector<double> ms;
    for (int i = 0; i < opt_.frames; ++i) {
        Stopwatch f;
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

int App::runWindow() {
    startLoading();
    ui::startFontAtlas(view_.uiScale);
    WindowOptions wo;
    wo.vsync = opt_.frames == 0 && !opt_.exitAfterFirstFrame;
    wo.fonts = ui::fontAtlas();
    auto win = Window::create(wo);
    traceMark("window and GL context");
    if (!win) {
        std::fprintf(stderr, "sitview: %s\n", win.error().c_str());
        return 1;
    }
    Window& w = **win;
    // HiDPI: lines and markers follow the monitor's scale (the atlas was built at the option's scale).
    view_.uiScale *= w.contentScale();
    auto renderer = makeRenderer();
    if (!renderer) {
        std::fprintf(stderr, "sitview: %s\n", renderer.error().c_str());
        return 1;
    }
    renderer_ = std::move(*renderer);
    traceMark("shaders built");
    glRenderer_ = w.glRenderer();
    ImGui::GetStyle().ScaleAllSizes(view_.uiScale);
    view_.camera.setViewport(w.framebufferWidth(), w.framebufferHeight());
    // The first frame shows the map: wait for the loader (it ran while the context came up).
    collectLoad(true);
    traceMark("data in place");
    ui::waitFontAtlas();
    traceMark("fonts rasterised");
    if (!map_->errors.empty()) view_.showLogPanel = true;
    const ui::ToLonLat toLonLat = [this](Vec2d p) -> std::optional<Vec2d> {
        if (!toLonLat_) return std::nullopt;
        const Vec2d ll = toLonLat_->apply(p);
        return isFinite(ll) ? std::optional<Vec2d>(ll) : std::nullopt;
    };
    int frame = 0;
    while (!w.shouldClose()) {
        w.pollEvents();
        w.newFrame();
        if (frame == 0) traceMark("frame begun (font texture uploaded)");
        view_.camera.setViewport(w.framebufferWidth(), w.framebufferHeight());
        view_.clock = w.time();
        ui::handleMapInput(view_, map_->data.home(), toLonLat);
        ui::handleTimelineKeys(view_);
        view_.time.advance(ImGui::GetIO().DeltaTime);
        drawPanels();
        drawMapText();
        if (map_->hasScenario || !map_->data.places.empty()) ui::drawMapTooltip(view_, *map_);
        ImGui::Render();
        renderer_->draw(view_, *map_);
        if (frame == 0 && tracing()) glFinish(), traceMark("map drawn");
        w.drawImGui();
        if (frame == 0 && tracing()) glFinish(), traceMark("panels drawn");
        w.swap();
        if (transformLoading_.valid() && transformLoading_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            LoadResult t = transformLoading_.get();
            toLonLat_ = std::move(t.toLonLat);
            fromLonLat_ = std::move(t.fromLonLat);
        }
        if (++frame == 1) {
            requestTransforms();  // PROJ for the cursor readout, loaded after the first frame
            firstFrameAt_ = secondsSinceProcessStart();
            printTimings();
            if (opt_.exitAfterFirstFrame) break;
        }
        if (opt_.frames && frame >= opt_.frames) break;
    }
    return 0;
}

namespace {

// `sitview status …`: load (from the cache when it can), answer, exit.
int runStatusCommand(std::vector<std::string> args) {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
        std::fputs(statusUsage().c_str(), stdout);
        return 0;
    }
    auto q = parseStatusQuery(args);
    if (!q) {
        std::fprintf(stderr, "sitview: %s\n%s", q.error().c_str(), statusUsage().c_str());
        return 2;
    }
    auto opt = parseOptions(args);
    if (!opt) {
        std::fprintf(stderr, "sitview: status: %s\n", opt.error().c_str());
        return 2;
    }
    appLog().setEcho(false);
    LoadResult loaded = loadBaseMap(opt->sources, opt->useCache, true);
    if (!loaded.map.errors.empty()) {
        for (const auto& e : loaded.map.errors) std::fprintf(stderr, "sitview: %s\n", e.c_str());
        return 2;
    }
    std::ostringstream out, err;
    const int status = runStatus(*q, loaded.map, loaded.fromLonLat.get(), out, err);
    std::fputs(out.str().c_str(), stdout);
    std::fputs(err.str().c_str(), stderr);
    return status;
}

}  // namespace

int runApp(int argc, char** argv) {
    traceInit();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "status") return runStatusCommand({args.begin() + 1, args.end()});
    auto opt = parseOptions(args);
    if (!opt) {
        std::fprintf(stderr, "sitview: %s\n", opt.error().c_str());
        return 2;
    }
    if (opt->mode == Options::Mode::Help) {
        std::fputs(usage().c_str(), stdout);
        return 0;
    }
    if (opt->mode == Options::Mode::Version) {
        std::printf("sitview %s\n", SITVIEW_VERSION);
        return 0;
    }
    const bool headless = opt->screenshot.has_value();
    appLog().setEcho(headless, LogLevel::Warning);
    App app(std::move(*opt));
    return headless ? app.runScreenshot() : app.runWindow();
}

}  // namespace sv
