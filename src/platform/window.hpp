// The one owner of GLFW: the window, its GL 3.3 core context, the glad loader, ImGui's GLFW backend (input) and the
// renderer of ImGui's draw data (render/imgui_renderer.hpp).
// No other file includes GLFW. The frame is: pollEvents → newFrame → (panels) → ImGui::Render → map → drawImGui →
// swap.
#pragma once
#include <memory>
#include <string>

#include "util/result.hpp"

struct GLFWwindow;
namespace sv {
class ImGuiRenderer;
}
struct ImFontAtlas;

namespace sv {

struct WindowOptions {
    int width = 1600, height = 900;
    std::string title = "sitview";
    bool visible = true;
    bool vsync = true;
    ImFontAtlas* fonts = nullptr;  // a prebuilt atlas for ImGui's context (null: ImGui's default font)
};

class Window {
public:
    static Result<std::unique_ptr<Window>> create(const WindowOptions& options);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    bool shouldClose() const;
    void requestClose();
    void pollEvents();  // waits instead while the window is iconified
    void newFrame();    // the three NewFrame calls
    // An ImGui frame of the given size without the window's input (offscreen exports between window frames).
    void newOffscreenFrame(int width, int height);
    void drawImGui();   // ImGui's draw data onto the current framebuffer
    void swap();
    int framebufferWidth() const;
    int framebufferHeight() const;
    float contentScale() const;  // HiDPI factor
    double time() const;
    void setFullscreen(bool on);
    bool fullscreen() const { return fullscreen_; }
    void setTitle(const std::string& title);
    std::string glRenderer() const;
    ImGuiRenderer& imguiRenderer() { return *imgui_; }

private:
    Window() = default;
    GLFWwindow* window_ = nullptr;
    std::unique_ptr<ImGuiRenderer> imgui_;
    bool fullscreen_ = false;
    int savedX_ = 0, savedY_ = 0, savedW_ = 0, savedH_ = 0;
};

// Installs a KHR_debug callback (when the driver has it) that puts GL errors into the log and counts them.
void installGlDebugLog();

// Keeps the GL driver Mesa loaded for the context (swrast_dri.so: llvmpipe and LLVM) in memory until the process
// exits, instead of unloading it when the last context goes. A second context (the tests open many; the export
// dialog's offscreen targets) then skips reloading the driver, and the sanitizer build can still name the driver in
// the leak report at exit — Mesa keeps some allocations for the process's lifetime, which tests/sanitizers/lsan.supp
// suppresses by library; from an unloaded library they would be anonymous and unsuppressible.
void keepGlDriverLoaded();
unsigned long glErrorCount();

}  // namespace sv
