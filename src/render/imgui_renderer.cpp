// ImGui draw data with our own program (see imgui_renderer.hpp).
#include "render/imgui_renderer.hpp"

#include <cstddef>
#include <cstdint>
#include <imgui.h>

namespace sv {

Result<std::unique_ptr<ImGuiRenderer>> ImGuiRenderer::create(const std::filesystem::path& shaderDir) {
    auto program = gl::Program::load(shaderDir, "imgui");
    if (!program) return Error{program.error()};
    std::unique_ptr<ImGuiRenderer> r(new ImGuiRenderer);
    r->program_ = std::move(*program);
    r->uProjection_ = r->program_.uniform("u_projection");
    r->uTexture_ = r->program_.uniform("u_texture");
    r->vao_ = gl::VertexArray::create();
    r->vertices_ = gl::Buffer::create();
    r->indices_ = gl::Buffer::create();
    glBindVertexArray(r->vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, r->vertices_.id());
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    const auto stride = static_cast<GLsizei>(sizeof(ImDrawVert));
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, col)));
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r->indices_.id());  // (part of the vertex array's state)
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "sitview";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // draws use a base vertex: meshes over 64k vertices
    return r;
}

Result<std::unique_ptr<ImGuiRenderer>> ImGuiRenderer::createFromResources() {
    auto dir = gl::findShaderDir();
    if (!dir) return Error{dir.error()};
    return create(*dir);
}

ImGuiRenderer::~ImGuiRenderer() {
    if (!ImGui::GetCurrentContext()) return;
    ImGuiIO& io = ImGui::GetIO();
    if (font_) io.Fonts->SetTexID(nullptr);
    for (auto& e : extras_)
        if (e.texture) e.atlas->SetTexID(nullptr);
    io.BackendRendererName = nullptr;
    io.BackendFlags &= ~ImGuiBackendFlags_RendererHasVtxOffset;
}

namespace {

// The coverage alone, as GL_R8 read through a (1, 1, 1, red) swizzle: what the RGBA atlas (white, coverage as
// alpha) would give, in a quarter of the memory. ImGui's own atlas drops its CPU pixels once uploaded (its glyph data
// stays; ImGui would build them again if asked); an added atlas keeps them for the next renderer, as nothing else
// could build them again.
gl::Texture uploadAtlas(ImFontAtlas& atlas, const unsigned char* pixels, int width, int height, bool keepPixels) {
    auto texture = gl::Texture::create();
    glBindTexture(GL_TEXTURE_2D, texture.id());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    const GLint swizzle[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    GLint alignment = 4;
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
    glBindTexture(GL_TEXTURE_2D, 0);
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture.id())));
    if (!keepPixels) atlas.ClearTexData();
    return texture;
}

}  // namespace

void ImGuiRenderer::addAtlas(ImFontAtlas* atlas) {
    if (atlas) extras_.push_back({atlas, {}});
}

void ImGuiRenderer::newFrame() {
    for (auto& e : extras_) {
        if (e.tried || !e.atlas->TexPixelsAlpha8) continue;
        e.tried = true;  // once: not a GL query every frame
        GLint maxSize = 0;
        glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxSize);
        // One this GL cannot hold keeps no texture id: its fonts' users fall back (map labels: offset halos).
        if (e.atlas->TexWidth <= maxSize && e.atlas->TexHeight <= maxSize)
            e.texture = uploadAtlas(*e.atlas, e.atlas->TexPixelsAlpha8, e.atlas->TexWidth, e.atlas->TexHeight, true);
    }
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (font_ || !atlas) return;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas->GetTexDataAsAlpha8(&pixels, &width, &height);
    if (pixels) font_ = uploadAtlas(*atlas, pixels, width, height, false);
}

void ImGuiRenderer::draw(const ImDrawData* data) {
    if (!data || data->CmdListsCount == 0) return;
    const ImVec2 pos = data->DisplayPos, size = data->DisplaySize, scale = data->FramebufferScale;
    const int fbWidth = static_cast<int>(size.x * scale.x), fbHeight = static_cast<int>(size.y * scale.y);
    if (fbWidth <= 0 || fbHeight <= 0) return;

    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glPolygonMode(GL_FRONT_AND_BACK, GL_FILL);
    glViewport(0, 0, fbWidth, fbHeight);

    // Orthographic: the display rectangle (y down) onto clip space (y up).
    const float l = pos.x, r = pos.x + size.x, t = pos.y, b = pos.y + size.y;
    const float projection[16] = {2.0f / (r - l),    0.0f,              0.0f,  0.0f,  //
                                  0.0f,              2.0f / (t - b),    0.0f,  0.0f,  //
                                  0.0f,              0.0f,              -1.0f, 0.0f,  //
                                  (r + l) / (l - r), (t + b) / (b - t), 0.0f,  1.0f};
    program_.use();
    glUniformMatrix4fv(uProjection_, 1, GL_FALSE, projection);
    glUniform1i(uTexture_, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, vertices_.id());
    constexpr GLenum indexType = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;

    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImDrawList* list = data->CmdLists[n];
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(list->VtxBuffer.Size) * sizeof(ImDrawVert),
                     list->VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(list->IdxBuffer.Size) * sizeof(ImDrawIdx),
                     list->IdxBuffer.Data, GL_STREAM_DRAW);
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {  // (sitview adds none; ImGui's reset marker only asks for the state above)
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
                continue;
            }
            // The clip rectangle in framebuffer pixels, y up for glScissor.
            const float x0 = (cmd.ClipRect.x - pos.x) * scale.x, y0 = (cmd.ClipRect.y - pos.y) * scale.y;
            const float x1 = (cmd.ClipRect.z - pos.x) * scale.x, y1 = (cmd.ClipRect.w - pos.y) * scale.y;
            if (x1 <= x0 || y1 <= y0) continue;
            glScissor(static_cast<int>(x0), static_cast<int>(fbHeight - y1), static_cast<int>(x1 - x0),
                      static_cast<int>(y1 - y0));
            glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<intptr_t>(cmd.GetTexID())));
            glDrawElementsBaseVertex(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), indexType,
                                     reinterpret_cast<void*>(cmd.IdxOffset * sizeof(ImDrawIdx)),
                                     static_cast<GLint>(cmd.VtxOffset));
        }
    }
    glDisable(GL_SCISSOR_TEST);
    glBindTexture(GL_TEXTURE_2D, 0);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glUseProgram(0);
}

}  // namespace sv
