// EGL surfaceless context with a hidden-GLFW-window fallback (see headless.hpp).
#include "platform/headless.hpp"

#include <cstdlib>
#include <cstring>

#include "render/gl/gl.hpp"
#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <imgui.h>

#include "platform/window.hpp"
#include "render/imgui_renderer.hpp"
#include "ui/fonts.hpp"

namespace sv {

Status HeadlessContext::initEgl() {
    auto getPlatformDisplay =
        reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
    if (!getPlatformDisplay) return fail("EGL has no eglGetPlatformDisplayEXT");
    EGLDisplay dpy = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    if (dpy == EGL_NO_DISPLAY) return fail("no EGL surfaceless display");
    EGLint major = 0, minor = 0;
    if (!eglInitialize(dpy, &major, &minor)) return fail("eglInitialize failed");
    const char* ext = eglQueryString(dpy, EGL_EXTENSIONS);
    if (!ext || !std::strstr(ext, "EGL_KHR_no_config_context") || !std::strstr(ext, "EGL_KHR_surfaceless_context")) {
        eglTerminate(dpy);
        return fail("EGL lacks surfaceless/no-config contexts");
    }
    if (!eglBindAPI(EGL_OPENGL_API)) {
        eglTerminate(dpy);
        return fail("EGL cannot bind desktop OpenGL");
    }
    const EGLint attrs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3, EGL_CONTEXT_OPENGL_PROFILE_MASK,
                            EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    EGLContext ctx = eglCreateContext(dpy, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, attrs);
    if (ctx == EGL_NO_CONTEXT) {
        eglTerminate(dpy);
        return fail("cannot create an OpenGL 3.3 core context with EGL");
    }
    if (!eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx) ||
        !gladLoadGL(reinterpret_cast<GLADloadfunc>(eglGetProcAddress))) {
        eglDestroyContext(dpy, ctx);
        eglTerminate(dpy);
        return fail("cannot make the EGL context current or load GL functions");
    }
    display_ = dpy;
    context_ = ctx;
    return Ok{};
}

Result<std::unique_ptr<HeadlessContext>> HeadlessContext::create(HeadlessBackend backend, ImFontAtlas* fonts) {
    std::unique_ptr<HeadlessContext> h(new HeadlessContext());
    if (const char* env = std::getenv("SITVIEW_HEADLESS"); env && backend == HeadlessBackend::Auto) {
        if (std::strcmp(env, "glfw") == 0) backend = HeadlessBackend::Glfw;
        if (std::strcmp(env, "egl") == 0) backend = HeadlessBackend::Egl;
    }
    std::string eglWhy;
    if (backend != HeadlessBackend::Glfw) {
        auto ok = h->initEgl();
        if (ok) h->description_ = "EGL surfaceless";
        else if (backend == HeadlessBackend::Egl) return Error{ok.error()};
        else eglWhy = ok.error();
    }
    if (!h->context_) {
        WindowOptions opt;
        opt.visible = false;
        opt.width = opt.height = 64;
        opt.fonts = fonts;
        auto w = Window::create(opt);
        if (!w) return fail(w.error() + (eglWhy.empty() ? "" : " (and EGL: " + eglWhy + ")"));
        h->fallback_ = std::move(*w);
        h->description_ = "hidden GLFW window";
        // The window created ImGui's context and both backends; nothing more to set up.
        return h;
    }
    installGlDebugLog();
    keepGlDriverLoaded();
    IMGUI_CHECKVERSION();
    ImGui::CreateContext(fonts);
    ImGui::GetIO().IniFilename = nullptr;
    auto imgui = ImGuiRenderer::createFromResources();
    if (!imgui) return Error{imgui.error()};  // (the destructor releases the context)
    h->imgui_ = std::move(*imgui);
    h->imgui_->addAtlas(ui::haloAtlas());  // the label halos' glyphs (ui/fonts.hpp)
    return h;
}

HeadlessContext::~HeadlessContext() {
    if (fallback_) return;  // the window tears down ImGui and GLFW
    imgui_.reset();
    if (ImGui::GetCurrentContext()) ImGui::DestroyContext();
    if (display_) {
        eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        if (context_) eglDestroyContext(display_, context_);
        eglTerminate(display_);
    }
}

void HeadlessContext::newFrame(int width, int height, double dt) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(width), float(height));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = static_cast<float>(dt > 0 ? dt : 1.0 / 60.0);
    imgui().newFrame();
    ImGui::NewFrame();
}

void HeadlessContext::drawImGui() { imgui().draw(ImGui::GetDrawData()); }

ImGuiRenderer& HeadlessContext::imgui() { return fallback_ ? fallback_->imguiRenderer() : *imgui_; }

}  // namespace sv
