// OSMesa, else EGL surfaceless, else a hidden GLFW window (see headless.hpp).
#include "platform/headless.hpp"

#include <cstdlib>
#include <cstring>

#include "render/gl/gl.hpp"
#include "render/gl/shader.hpp"
#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <imgui.h>
#ifdef SITVIEW_OSMESA
#include <GL/osmesa.h>  // (after glad's header, which stands in for GL/gl.h)
#include <dlfcn.h>
#endif

#include "platform/window.hpp"
#include "render/imgui_renderer.hpp"
#include "ui/fonts.hpp"

namespace sv {

Status HeadlessContext::initOsMesa() {
#ifndef SITVIEW_OSMESA
    return fail("built without OSMesa (libosmesa6-dev)");
#else
    // Loaded here rather than linked: it pulls in LLVM, which every other command of sitview does without. Never
    // unloaded, as the DRI drivers are not (keepGlDriverLoaded).
    void* lib = dlopen("libOSMesa.so.8", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return fail(dlerror());  // ("libOSMesa.so.8: cannot open shared object file: …")
    auto create = reinterpret_cast<decltype(&OSMesaCreateContextAttribs)>(dlsym(lib, "OSMesaCreateContextAttribs"));
    auto makeCurrent = reinterpret_cast<decltype(&OSMesaMakeCurrent)>(dlsym(lib, "OSMesaMakeCurrent"));
    auto getProc = reinterpret_cast<decltype(&OSMesaGetProcAddress)>(dlsym(lib, "OSMesaGetProcAddress"));
    auto destroy = reinterpret_cast<decltype(&OSMesaDestroyContext)>(dlsym(lib, "OSMesaDestroyContext"));
    if (!create || !makeCurrent || !getProc || !destroy)
        return fail("libOSMesa.so.8 lacks OSMesaCreateContextAttribs, OSMesaMakeCurrent, OSMesaGetProcAddress or "
                    "OSMesaDestroyContext");
    // Everything is drawn into framebuffer objects; the context's own buffer is one pixel nobody reads.
    const int attrs[] = {OSMESA_FORMAT, OSMESA_RGBA, OSMESA_DEPTH_BITS, 0, OSMESA_STENCIL_BITS, 0, OSMESA_ACCUM_BITS, 0,
                         OSMESA_PROFILE, OSMESA_CORE_PROFILE, OSMESA_CONTEXT_MAJOR_VERSION, 3,
                         OSMESA_CONTEXT_MINOR_VERSION, 3, 0};
    OSMesaContext ctx = create(attrs, nullptr);
    if (!ctx) return fail("cannot create an OpenGL 3.3 core context with OSMesa");
    static unsigned char pixel[4];
    if (!makeCurrent(ctx, pixel, GL_UNSIGNED_BYTE, 1, 1) || !gladLoadGL(reinterpret_cast<GLADloadfunc>(getProc))) {
        destroy(ctx);
        return fail("cannot make the OSMesa context current or load GL functions");
    }
    osmesa_ = ctx;
    osmesaDestroy_ = reinterpret_cast<void*>(destroy);
    return Ok{};
#endif
}

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
        if (std::strcmp(env, "osmesa") == 0) backend = HeadlessBackend::OsMesa;
    }
    std::string why;  // why the preferred contexts were not had, for the last one's error
    if (backend == HeadlessBackend::Auto || backend == HeadlessBackend::OsMesa) {
        auto ok = h->initOsMesa();
        if (ok) h->description_ = "OSMesa";
        else if (backend == HeadlessBackend::OsMesa) return Error{ok.error()};
        else why = "OSMesa: " + ok.error();
    }
    if (!h->osmesa_ && (backend == HeadlessBackend::Auto || backend == HeadlessBackend::Egl)) {
        auto ok = h->initEgl();
        if (ok) h->description_ = "EGL surfaceless";
        else if (backend == HeadlessBackend::Egl) return Error{ok.error()};
        else why += (why.empty() ? "" : "; ") + std::string("EGL: ") + ok.error();
    }
    gl::setProgramCacheTag(h->osmesa_ ? "OSMesa" : "");
    if (!h->context_ && !h->osmesa_) {
        WindowOptions opt;
        opt.visible = false;
        opt.width = opt.height = 64;
        opt.fonts = fonts;
        auto w = Window::create(opt);
        if (!w) return fail(w.error() + (why.empty() ? "" : " (and " + why + ")"));
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
#ifdef SITVIEW_OSMESA
    if (osmesa_) reinterpret_cast<decltype(&OSMesaDestroyContext)>(osmesaDestroy_)(static_cast<OSMesaContext>(osmesa_));
#endif
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
