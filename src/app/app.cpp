// The application (see app.hpp): loading runs on a worker thread while the GL context comes up on the main thread.
#include "app/app.hpp"

#include <cstdio>
#include <filesystem>

#include <imgui.h>

#include "platform/headless.hpp"
#include "platform/window.hpp"
#include "render/gl/gl.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen.hpp"
#include "ui/fonts.hpp"
#include "ui/layers_panel.hpp"
#include "ui/log_panel.hpp"
#include "ui/map_input.hpp"
#include "ui/map_labels.hpp"
#include "util/log.hpp"
#include "util/paths.hpp"
#include "util/png.hpp"
#include "util/stopwatch.hpp"

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
    }
}
App::~App() = default;

void App::startLoading() {
    loading_ = std::async(std::launch::async, [src = opt_.sources] { return geo::loadMap(src); });
}

bool App::collectLoad(bool wait) {
    if (map_) return true;
    if (!loading_.valid()) return false;
    if (!wait && loading_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
    map_ = std::make_unique<geo::LoadedMap>(loading_.get());
    // Headless runs print file errors once, as the exit reason; the window shows them in the log panel.
    if (!opt_.screenshot)
        for (const auto& e : map_->errors) logError(e);
    for (const auto& w : map_->warnings) logWarning(w);
    Stopwatch sw;
    if (renderer_) renderer_->upload(map_->data, map_->meshes);
    uploadSeconds_ = sw.seconds();
    placeCamera();
    if (!opt_.select.empty() && !map_->data.findPlace(opt_.select))
        logWarning("--select: no place with id '" + opt_.select + "'");
    view_.selectedPlace = opt_.select;
    return true;
}

void App::placeCamera() {
    Camera& cam = view_.camera;
    if (opt_.viewLon && map_->fromLonLat) {
        const Vec2d c = map_->fromLonLat->forward(Vec2d{*opt_.viewLon, *opt_.viewLat});
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
    const auto builtin = geo::builtinSources();
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
    return a;
}

void App::drawMapText() {
    if (!map_) return;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    ui::drawMapLabels(dl, view_, map_->data);
    ui::drawAttribution(dl, view_, attribution());
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
}

void App::printTimings() const {
    if (!opt_.timings || !map_) return;
    const auto& t = map_->timings;
    std::fprintf(stderr,
                 "timings: context %.3f s, load %.3f s, project %.3f s, prepare %.3f s, upload %.3f s, render %.3f s, "
                 "png %.3f s, first frame at %.3f s after process start\n",
                 contextSeconds_, t.read, t.project, t.prepare, uploadSeconds_, renderSeconds_, pngSeconds_,
                 firstFrameAt_);
}

int App::runScreenshot() {
    startLoading();
    Stopwatch sw;
    const auto backend = opt_.headless == "egl"    ? HeadlessBackend::Egl
                         : opt_.headless == "glfw" ? HeadlessBackend::Glfw
                                                   : HeadlessBackend::Auto;
    auto ctx = HeadlessContext::create(backend);
    if (!ctx) {
        std::fprintf(stderr, "sitview: cannot create an OpenGL context for offscreen rendering: %s\n", ctx.error().c_str());
        return 1;
    }
    ui::loadFonts(view_.uiScale, !opt_.screenshotUi);
    auto renderer = makeRenderer();
    if (!renderer) {
        std::fprintf(stderr, "sitview: %s\n", renderer.error().c_str());
        return 1;
    }
    renderer_ = std::move(*renderer);
    glRenderer_ = std::string(reinterpret_cast<const char*>(glGetString(GL_RENDERER))) + " (" + (*ctx)->description() + ")";
    auto target = Offscreen::create(opt_.width, opt_.height);
    if (!target) {
        std::fprintf(stderr, "sitview: %s\n", target.error().c_str());
        return 1;
    }
    contextSeconds_ = sw.lap();
    view_.camera.setViewport(opt_.width, opt_.height);
    collectLoad(true);
    if (!map_->errors.empty()) {
        for (const auto& e : map_->errors) std::fprintf(stderr, "sitview: %s\n", e.c_str());
        return 2;
    }
    sw.lap();
    target->bind();
    (*ctx)->newFrame(opt_.width, opt_.height);
    drawMapText();
    if (opt_.screenshotUi) drawPanels();
    ImGui::Render();
    renderer_->draw(view_, map_->data);
    (*ctx)->drawImGui();
    const auto pixels = target->read();
    renderSeconds_ = sw.lap();
    auto ok = writePng(*opt_.screenshot, pixels.data(), opt_.width, opt_.height,
                       {{{"Software", "sitview " SITVIEW_VERSION}, {"Source", attribution()}}});
    pngSeconds_ = sw.lap();
    firstFrameAt_ = secondsSinceProcessStart();
    if (!ok) {
        std::fprintf(stderr, "sitview: %s\n", ok.error().c_str());
        return 1;
    }
    printTimings();
    return 0;
}

int App::runWindow() {
    startLoading();
    WindowOptions wo;
    wo.vsync = opt_.frames == 0 && !opt_.exitAfterFirstFrame;
    auto win = Window::create(wo);
    if (!win) {
        std::fprintf(stderr, "sitview: %s\n", win.error().c_str());
        return 1;
    }
    Window& w = **win;
    view_.uiScale *= w.contentScale();
    ui::loadFonts(view_.uiScale);
    auto renderer = makeRenderer();
    if (!renderer) {
        std::fprintf(stderr, "sitview: %s\n", renderer.error().c_str());
        return 1;
    }
    renderer_ = std::move(*renderer);
    glRenderer_ = w.glRenderer();
    ImGui::GetStyle().ScaleAllSizes(view_.uiScale);
    view_.camera.setViewport(w.framebufferWidth(), w.framebufferHeight());
    // The first frame shows the map: wait for the loader (it ran while the context came up).
    collectLoad(true);
    if (!map_->errors.empty()) view_.showLogPanel = true;
    const ui::ToLonLat toLonLat = [this](Vec2d p) -> std::optional<Vec2d> {
        if (!map_ || !map_->toLonLat) return std::nullopt;
        const Vec2d ll = map_->toLonLat->forward(p);
        return isFinite(ll) ? std::optional<Vec2d>(ll) : std::nullopt;
    };
    int frame = 0;
    while (!w.shouldClose()) {
        w.pollEvents();
        w.newFrame();
        view_.camera.setViewport(w.framebufferWidth(), w.framebufferHeight());
        ui::handleMapInput(view_, map_->data.home(), toLonLat);
        drawPanels();
        drawMapText();
        ImGui::Render();
        renderer_->draw(view_, map_->data);
        w.drawImGui();
        w.swap();
        if (++frame == 1) {
            firstFrameAt_ = secondsSinceProcessStart();
            printTimings();
            if (opt_.exitAfterFirstFrame) break;
        }
        if (opt_.frames && frame >= opt_.frames) break;
    }
    return 0;
}

int runApp(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
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
