// Map navigation from ImGui's input state (see map_input.hpp).
#include "ui/map_input.hpp"

#include <cmath>

#include <imgui.h>

#include "ui/keys.hpp"

namespace sv::ui {

MapInputEvents handleMapInput(ViewState& view, const Bbox& home, const ToLonLat& toLonLat) {
    MapInputEvents ev;
    ImGuiIO& io = ImGui::GetIO();
    Camera& cam = view.camera;
    // ImGui reports window coordinates; the camera works in framebuffer pixels.
    const double sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
    const Vec2d mouse{io.MousePos.x * sx, io.MousePos.y * sy};
    const bool mouseValid = ImGui::IsMousePosValid();

    if (!io.WantCaptureMouse && mouseValid) {
        if (io.MouseWheel != 0.0f) cam.zoomAbout(mouse, std::pow(1.25, io.MouseWheel)), ev.moved = true;
        if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f))
            cam.panPixels({io.MouseDelta.x * sx, io.MouseDelta.y * sy}), ev.moved = true;
        if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 9.0f) {
            ev.clicked = true;
            ev.clickScreen = mouse;
        }
        view.cursorWorld = cam.screenToWorld(mouse);
        view.cursorLonLat = toLonLat ? toLonLat(*view.cursorWorld) : std::nullopt;
    } else {
        view.cursorWorld.reset();
        view.cursorLonLat.reset();
    }

    if (view.fitRequested) {
        cam.fit(home, 24.0 * view.uiScale);
        view.fitRequested = false;
    }
    if (!io.WantCaptureKeyboard) {
        const Vec2d centre{cam.width() / 2.0, cam.height() / 2.0};
        // F fits Ukraine; so does Home when there is no timeline (with one, Home/End go to its first/last date).
        if (ImGui::IsKeyPressed(key::F, false) || (!view.hasTimeline && ImGui::IsKeyPressed(key::Home, false)))
            cam.fit(home, 24.0 * view.uiScale);
        if (ImGui::IsKeyPressed(key::Equal) || ImGui::IsKeyPressed(key::KpAdd)) cam.zoomAbout(centre, 1.5);
        if (ImGui::IsKeyPressed(key::Minus) || ImGui::IsKeyPressed(key::KpSubtract)) cam.zoomAbout(centre, 1 / 1.5);
    }
    return ev;
}

}  // namespace sv::ui
