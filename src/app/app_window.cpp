// The interactive frame loop (see app.hpp): poll → new frame → input and panels → ImGui::Render → map → ImGui's
// draw data → swap.
#include <cstdio>

#include <imgui.h>

#include "app/app.hpp"
#include "model/snapshot.hpp"
#include "platform/window.hpp"
#include "render/gl/gl.hpp"
#include "render/gl/shader.hpp"
#include "render/map_renderer.hpp"
#include "ui/fonts.hpp"
#include "ui/keys.hpp"
#include "ui/map_input.hpp"
#include "ui/map_tooltip.hpp"
#include "util/stopwatch.hpp"
#include "util/trace.hpp"
#include "view/style.hpp"

namespace sv {

int App::runWindow() {
    startLoading(ui::deferFontAtlas(view_.uiScale, false, view_.presentScale, opt_.useCache ? cacheDir() : std::filesystem::path{}));
    gl::setProgramCacheDir(cacheDir());
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
    auto renderer = MapRenderer::createFromResources();
    if (!renderer) {
        std::fprintf(stderr, "sitview: %s\n", renderer.error().c_str());
        return 1;
    }
    renderer_ = std::move(*renderer);
    traceMark("shaders built");
    glRenderer_ = w.glRenderer();
    ImGui::GetStyle().ScaleAllSizes(view_.uiScale);
    view_.camera.setViewport(w.framebufferWidth(), w.framebufferHeight());
    // The first frame shows the map: wait for the loader (it ran while the context came up) — but not for a long
    // import: after a second the window runs with a progress panel and a Cancel button.
    if (loading_.valid() && loading_.wait_for(std::chrono::seconds(1)) == std::future_status::ready) collectLoad(true);
    traceMark("data in place");
    ui::waitFontAtlas();
    traceMark("fonts rasterised");
    const ui::ToLonLat toLonLat = [this](Vec2d p) -> std::optional<Vec2d> {
        if (!toLonLat_) return std::nullopt;
        const Vec2d ll = toLonLat_->apply(p);
        return isFinite(ll) ? std::optional<Vec2d>(ll) : std::nullopt;
    };
    if (!opt_.story.empty()) loadStoryFile(opt_.story);
    if (opt_.present) setPresentation(true);
    int frame = 0;
    while (!w.shouldClose()) {
        w.pollEvents();
        w.newFrame();
        if (frame == 0) traceMark("frame begun (font texture uploaded)");
        view_.camera.setViewport(w.framebufferWidth(), w.framebufferHeight());
        view_.clock = w.time();
        if (!map_ && collectLoad(false) && !map_->errors.empty()) view_.showLogPanel = true;
        pollReload();
        pollAreas();
        // F5 presentation mode, F11 full screen (on its own), Escape leaves presentation mode.
        if (ImGui::IsKeyPressed(key::F5, false)) setPresentation(!view_.presentation);
        if (ImGui::IsKeyPressed(key::F11, false)) w.setFullscreen(!w.fullscreen());
        if (view_.presentation && ImGui::IsKeyPressed(key::Escape, false) && !ImGui::GetIO().WantCaptureKeyboard)
            setPresentation(false);
        if (!view_.presentation) drawMenu();
        if (map_) {
            const double dt = ImGui::GetIO().DeltaTime;
            const auto input = ui::handleMapInput(view_, map_->data.home(), toLonLat);
            if (input.clicked) handleClick(input.clickScreen);
            if (input.moved) flight_.cancel(), transition_.cancel();  // the user takes the camera back
            flight_.advance(view_.camera, dt);
            transition_.advance(dt, view_.camera, view_.time);
            if (view_.presentation) handlePresentationKeys();
            else ui::handleTimelineKeys(view_);
            view_.time.advance(dt);
            if (!view_.presentation) drawPanels();
            else drawExportDialog();  // an export's progress stays visible
            drawMapText();
            ui::drawMapTooltip(view_, *map_);
        } else if (ui::drawLoadingPanel(loadingWhat_, progress_->fraction(), progress_->done, progress_->total, view_.uiScale)) {
            progress_->cancel = true;
        }
        ImGui::Render();
        if (map_) {
            renderer_->draw(view_, *map_);
        } else {
            setMapGlState(w.framebufferWidth(), w.framebufferHeight());
            glClearColor(style::kBackground.rf(), style::kBackground.gf(), style::kBackground.bf(), 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
        }
        if (frame == 0 && tracing()) glFinish(), traceMark("map drawn");
        w.drawImGui();
        if (frame == 0 && tracing()) glFinish(), traceMark("panels drawn");
        w.swap();
        if (job_) runExportJobStep(w);
        pollTransforms();
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

}  // namespace sv
