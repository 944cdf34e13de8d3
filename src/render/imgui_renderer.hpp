// Draws ImGui's draw data (panels and map labels) with a program of ours instead of the OpenGL3 backend of
// libimgui-dev. The backend compiles its shaders from GLSL at every start, and on llvmpipe the first GLSL compile of
// a process sets up Mesa's compiler (~6 ms, ~7 MB kept for the life of the process); ours links from the program
// cache like the map's (see gl/shader.hpp). It also uploads the font atlas as one channel (1 MB on llvmpipe, where
// the backend's RGBA copy held 4 MB). Input stays with ImGui's GLFW backend.
#pragma once
#include <filesystem>
#include <memory>
#include <vector>

#include "render/gl/objects.hpp"
#include "render/gl/shader.hpp"
#include "util/result.hpp"

struct ImDrawData;
struct ImFontAtlas;

namespace sv {

class ImGuiRenderer {
public:
    // Loads shaders/imgui.{vert,frag} from `shaderDir` and registers as ImGui's renderer (the context must exist).
    static Result<std::unique_ptr<ImGuiRenderer>> create(const std::filesystem::path& shaderDir);
    // The same with the shader directory found at run time (gl::findShaderDir).
    static Result<std::unique_ptr<ImGuiRenderer>> createFromResources();
    ~ImGuiRenderer();
    ImGuiRenderer(const ImGuiRenderer&) = delete;
    ImGuiRenderer& operator=(const ImGuiRenderer&) = delete;

    // Before ImGui::NewFrame: the font atlas goes up once, when it has been built, and so does every atlas added.
    void newFrame();
    // Another atlas whose fonts are drawn (ui::haloAtlas()): uploaded from its TexPixelsAlpha8 by newFrame, which
    // sets its texture id. It must outlive this renderer.
    void addAtlas(ImFontAtlas* atlas);
    // Draws into the bound framebuffer. Leaves blending on as the map draws it, the scissor test off, and no
    // program, vertex array or texture bound.
    void draw(const ImDrawData* data);

private:
    ImGuiRenderer() = default;
    gl::Program program_;
    gl::VertexArray vao_;
    gl::Buffer vertices_, indices_;
    gl::Texture font_;
    struct Extra {
        ImFontAtlas* atlas;
        gl::Texture texture;
        bool tried = false;  // the upload was attempted (the atlas had its pixels)
    };
    std::vector<Extra> extras_;
    int uProjection_ = -1, uTexture_ = -1;
};

}  // namespace sv
