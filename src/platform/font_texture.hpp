// The font atlas on the GPU as one channel. ImGui 1.86's OpenGL backend uploads it as RGBA (white with the glyphs'
// coverage as alpha): 4 bytes a texel where 1 carries everything. llvmpipe keeps textures in process memory, so the
// atlas (1024×1024 with Cyrillic at three sizes) held 4 MB there; as GL_R8 swizzled to (1, 1, 1, red) it holds 1 MB
// and samples the same values, so the backend's shader draws the same pixels.
#pragma once

namespace sv {

// In place of the backend's ImGui_ImplOpenGL3_NewFrame. Its first call creates the backend's device objects, whose
// font texture is made from the atlas converted to RGBA (4 MB of CPU memory and 4 MB more in llvmpipe, both thrown
// away below): the backend gets a 1×1 white stand-in instead. Then, once, the atlas's coverage goes up as GL_R8, the
// atlas points at that texture and its CPU pixels are freed.
void backendNewFrame();
// Deletes the texture made above (context current); call before the backend shuts down.
void deleteFontTexture();

}  // namespace sv
