// A GL context without a window, for --screenshot and exports: EGL on Mesa's surfaceless platform (no X server
// round trips; about 90 ms to a current context with llvmpipe here, against ~250 ms for a hidden GLFW window under
// Xvfb), falling back to a hidden GLFW window when EGL is unavailable. Owns ImGui's context and the renderer of its
// draw data.
#pragma once
#include <memory>
#include <string>

#include "util/result.hpp"

struct ImFontAtlas;

namespace sv {

class Window;
class ImGuiRenderer;

enum class HeadlessBackend { Auto, Egl, Glfw };

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
    Status initEgl();
    ImGuiRenderer& imgui();  // the fallback window's or ours
    void* display_ = nullptr;
    void* context_ = nullptr;
    std::unique_ptr<Window> fallback_;
    std::unique_ptr<ImGuiRenderer> imgui_;
    std::string description_;
};

}  // namespace sv
