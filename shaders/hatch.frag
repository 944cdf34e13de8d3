#version 330 core
// Hatched fill: diagonal stripes in screen space, u_hatch pixels apart; between the stripes the colour stays at a
// third of its opacity so the area still reads as one.
uniform vec4 u_color;
uniform float u_hatch;
uniform vec2 u_fragOffset;  // where this target's pixel (0, 0) lies in the whole image (tiled exports)
uniform float u_zero;       // 0 (see imgui.vert)
in vec4 v_a;
in vec4 v_b;
out vec4 o_color;
void main() {
    vec4 c = u_color;
    float t = mod(gl_FragCoord.x + u_fragOffset.x + gl_FragCoord.y + u_fragOffset.y, u_hatch);
    c.a *= t < 0.45 * u_hatch ? 1.0 : 0.35;
    o_color = c + u_zero * (v_a + v_b + gl_FragCoord);
}
