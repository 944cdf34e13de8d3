#version 330 core
// The font atlas is one channel, read as (1, 1, 1, coverage) through the texture's swizzle.
uniform sampler2D u_texture;
uniform float u_zero;  // 0 (see imgui.vert)
in vec4 v_a;           // xy: texture coordinates
in vec4 v_b;           // colour
out vec4 o_color;
void main() {
    o_color = v_b * texture(u_texture, v_a.xy) + u_zero * (v_a.z + v_a.w + gl_FragCoord);
}
