// One-channel font atlas texture (see font_texture.hpp).
#include "platform/font_texture.hpp"

#include <cstdint>

#include "render/gl/gl.hpp"
#include <imgui.h>
#include <imgui_impl_opengl3.h>

namespace sv {
namespace {
GLuint gTexture = 0;

void useOneChannelFontTexture() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (!atlas || !atlas->TexID || !atlas->TexPixelsAlpha8 || gTexture) return;
    GLint lastTexture = 0, lastAlignment = 4;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &lastTexture);
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &lastAlignment);
    glGenTextures(1, &gTexture);
    glBindTexture(GL_TEXTURE_2D, gTexture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);  // as the backend's
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    const GLint swizzle[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlas->TexWidth, atlas->TexHeight, 0, GL_RED, GL_UNSIGNED_BYTE, atlas->TexPixelsAlpha8);
    glPixelStorei(GL_UNPACK_ALIGNMENT, lastAlignment);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(lastTexture));
    ImGui_ImplOpenGL3_DestroyFontsTexture();  // clears the atlas's TexID
    atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(gTexture)));
    atlas->ClearTexData();
}

}  // namespace

void backendNewFrame() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    // Before the backend has a font texture, GetTexDataAsRGBA32 would convert the whole atlas; with TexPixelsRGBA32
    // set it hands over that pointer and the size as it stands.
    const bool standIn = !gTexture && atlas && !atlas->TexID && atlas->TexPixelsAlpha8 && !atlas->TexPixelsRGBA32;
    static unsigned int white = 0xFFFFFFFFu;
    const int width = atlas ? atlas->TexWidth : 0, height = atlas ? atlas->TexHeight : 0;
    if (standIn) {
        atlas->TexPixelsRGBA32 = &white;
        atlas->TexWidth = atlas->TexHeight = 1;
    }
    ImGui_ImplOpenGL3_NewFrame();
    if (standIn) {  // not ImGui's to free
        atlas->TexPixelsRGBA32 = nullptr;
        atlas->TexWidth = width;
        atlas->TexHeight = height;
    }
    useOneChannelFontTexture();
}

void deleteFontTexture() {
    if (!gTexture) return;
    glDeleteTextures(1, &gTexture);
    gTexture = 0;
    if (ImGui::GetCurrentContext()) ImGui::GetIO().Fonts->SetTexID(nullptr);
}

}  // namespace sv
