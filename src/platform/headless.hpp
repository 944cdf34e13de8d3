// A GL context without a window, for --screenshot and exports. By default OSMesa, Mesa's off-screen interface to the
// same llvmpipe: no DRI driver loader, no EGL or X libraries, and a smaller library to relocate than the DRI
// megadriver, so the default screenshot is ~20 ms sooner than through EGL (bench/README.md). It is loaded at run
// time (libosmesa6), so a machine without it uses EGL on Mesa's surfaceless platform (no X server round trips),
// and without that a hidden GLFW window. Owns ImGui's context and the renderer of its draw data.
#pragma once
#include <memory>
#include <string>

#include "util/result.hpp"

struct ImFontAtlas;

namespace sv {

class Window;
class ImGuiRenderer;

enum class HeadlessBackend { Auto, OsMesa, Egl, Glfw };

class HeadlessContext {
public:
    static Result<std::unique_ptr<HeadlessContext>> create(HeadlessBackend backend = HeadlessBackend::Auto,
                                                           ImFontAtlas* fonts = nullptr);
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    void newFrame(int width, int height, double deltaSeconds = 1.0 / 60.0);
    void drawImGui();
    const std::string& description() const { return description_; }

private:
    HeadlessContext() = default;
    Status initOsMesa();
    Status initEgl();
    ImGuiRenderer& imgui();  // the fallback window's or ours
    void* display_ = nullptr;
    void* context_ = nullptr;
    void* osmesa_ = nullptr;         // an OSMesaContext
    void* osmesaDestroy_ = nullptr;  // OSMesaDestroyContext, from the library loaded at run time
    std::unique_ptr<Window> fallback_;
    std::unique_ptr<ImGuiRenderer> imgui_;
    std::string description_;
};

}  // namespace sv
