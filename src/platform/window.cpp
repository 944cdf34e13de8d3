// GLFW window + glad + ImGui backends (see window.hpp).
#include "platform/window.hpp"

#include <dlfcn.h>
#include <link.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "render/gl/gl.hpp"
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include "render/imgui_renderer.hpp"

#include "ui/fonts.hpp"
#include "util/log.hpp"

namespace sv {
namespace {

std::string glfwReason() {
    const char* desc = nullptr;
    glfwGetError(&desc);
    return desc ? desc : "unknown GLFW error";
}

const char* iniPath() {
    static std::string path;
    const char* base = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path dir = base && *base ? std::filesystem::path(base) : std::filesystem::path(home ? home : ".") / ".config";
    dir /= "sitview";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return nullptr;
    path = (dir / "imgui.ini").string();
    return path.c_str();
}

std::atomic<unsigned long> gGlErrors{0};

void GLAD_API_PTR onGlDebug(GLenum, GLenum type, GLuint, GLenum severity, GLsizei, const GLchar* msg, const void*) {
    if (type == GL_DEBUG_TYPE_ERROR) {
        ++gGlErrors;
        logError(std::string("GL error: ") + msg);
    } else if (severity == GL_DEBUG_SEVERITY_HIGH) {
        logWarning(std::string("GL: ") + msg);
    }
}

}  // namespace

void installGlDebugLog() {
    if (!GLAD_GL_KHR_debug) return;
    glEnable(GL_DEBUG_OUTPUT);
    glDebugMessageCallback(&onGlDebug, nullptr);
}

void keepGlDriverLoaded() {
    // Every loaded Mesa driver (…/dri/*_dri.so): re-open it with RTLD_NOLOAD | RTLD_NODELETE, which only marks the
    // already loaded object as never to be unloaded; the handle's reference is dropped again at once. The names are
    // collected first: dlopen inside dl_iterate_phdr's callback (which holds the loader's lock) can deadlock against
    // another thread's dlopen.
    std::vector<std::string> drivers;
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* out) {
            const std::string_view name = info->dlpi_name ? info->dlpi_name : "";
            if (name.find("/dri/") != std::string_view::npos && name.ends_with("_dri.so"))
                static_cast<std::vector<std::string>*>(out)->emplace_back(name);
            return 0;
        },
        &drivers);
    for (const auto& d : drivers)
        if (void* h = dlopen(d.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE)) dlclose(h);
}

unsigned long glErrorCount() { return gGlErrors.load(); }

Result<std::unique_ptr<Window>> Window::create(const WindowOptions& opt) {
    if (!glfwInit()) return fail("cannot start the window system: " + glfwReason());
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, opt.visible ? GLFW_TRUE : GLFW_FALSE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);  // a 2D map: no depth or stencil buffers to allocate and clear
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    std::unique_ptr<Window> w(new Window());
    // EGL brings the context up ~60 ms sooner than GLX with Mesa here; GLX remains the fallback.
    glfwWindowHint(GLFW_CONTEXT_CREATION_API, GLFW_EGL_CONTEXT_API);
    w->window_ = glfwCreateWindow(opt.width, opt.height, opt.title.c_str(), nullptr, nullptr);
    if (!w->window_) {
        glfwWindowHint(GLFW_CONTEXT_CREATION_API, GLFW_NATIVE_CONTEXT_API);
        w->window_ = glfwCreateWindow(opt.width, opt.height, opt.title.c_str(), nullptr, nullptr);
    }
    if (!w->window_) {
        std::string why = glfwReason();
        glfwTerminate();
        return fail("cannot open a window with OpenGL 3.3 core: " + why);
    }
    glfwMakeContextCurrent(w->window_);
    if (!gladLoadGL(reinterpret_cast<GLADloadfunc>(glfwGetProcAddress))) {
        glfwDestroyWindow(w->window_);
        w->window_ = nullptr;
        glfwTerminate();
        return fail("cannot load OpenGL 3.3 core functions");
    }
    glfwSwapInterval(opt.vsync ? 1 : 0);
    installGlDebugLog();
    keepGlDriverLoaded();

    IMGUI_CHECKVERSION();
    ImGui::CreateContext(opt.fonts);
    ImGui::GetIO().IniFilename = iniPath();
    ImGui_ImplGlfw_InitForOpenGL(w->window_, true);
    auto imgui = ImGuiRenderer::createFromResources();
    if (!imgui) return Error{imgui.error()};  // (the destructor takes the window down)
    w->imgui_ = std::move(*imgui);
    w->imgui_->addAtlas(ui::haloAtlas());  // the label halos' glyphs (ui/fonts.hpp)
    return w;
}

Window::~Window() {
    if (!window_) return;
    imgui_.reset();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    glfwTerminate();
}

bool Window::shouldClose() const { return glfwWindowShouldClose(window_); }
void Window::requestClose() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }

void Window::pollEvents() {
    glfwPollEvents();
    while (glfwGetWindowAttrib(window_, GLFW_ICONIFIED) && !glfwWindowShouldClose(window_)) glfwWaitEvents();
}

void Window::newFrame() {
    imgui_->newFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
}

void Window::newOffscreenFrame(int width, int height) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(width), float(height));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = 1.0f / 60.0f;
    imgui_->newFrame();
    ImGui::NewFrame();
}

void Window::drawImGui() { imgui_->draw(ImGui::GetDrawData()); }
void Window::swap() { glfwSwapBuffers(window_); }

int Window::framebufferWidth() const {
    int w, h;
    glfwGetFramebufferSize(window_, &w, &h);
    return w;
}

int Window::framebufferHeight() const {
    int w, h;
    glfwGetFramebufferSize(window_, &w, &h);
    return h;
}

float Window::contentScale() const {
    float x = 1, y = 1;
    glfwGetWindowContentScale(window_, &x, &y);
    return x > 0 ? x : 1.0f;
}

double Window::time() const { return glfwGetTime(); }

void Window::setFullscreen(bool on) {
    if (on == fullscreen_) return;
    if (on) {
        glfwGetWindowPos(window_, &savedX_, &savedY_);
        glfwGetWindowSize(window_, &savedW_, &savedH_);
        GLFWmonitor* mon = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = mon ? glfwGetVideoMode(mon) : nullptr;
        if (!mode) return;
        glfwSetWindowMonitor(window_, mon, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
        glfwSetWindowMonitor(window_, nullptr, savedX_, savedY_, savedW_, savedH_, 0);
    }
    fullscreen_ = on;
}

void Window::setTitle(const std::string& title) { glfwSetWindowTitle(window_, title.c_str()); }

std::string Window::glRenderer() const {
    const auto* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const auto* v = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    return std::string(r ? r : "?") + ", " + (v ? v : "?");
}

}  // namespace sv
