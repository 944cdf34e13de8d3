// The font atlas on the GPU as one channel. ImGui 1.86's OpenGL backend uploads it as RGBA (white with the glyphs'
// coverage as alpha): 4 bytes a texel where 1 carries everything. llvmpipe keeps textures in process memory, so the
// atlas (1024×1024 with Cyrillic at three sizes) held 4 MB there; as GL_R8 swizzled to (1, 1, 1, red) it holds 1 MB
// and samples the same values, so the backend's shader draws the same pixels.
#pragma once

namespace sv {

// After the backend's first NewFrame (which creates its RGBA texture): uploads the atlas's coverage as GL_R8,
// deletes the backend's texture, points the atlas at the new one and frees the atlas's CPU pixels. Does nothing
// before the backend's upload or once replaced.
void useOneChannelFontTexture();
// Deletes the texture made above (context current); call before the backend shuts down.
void deleteFontTexture();

}  // namespace sv
