#version 330 core
uniform vec4 u_color;
uniform float u_width;
uniform float u_zero;  // 0 (see imgui.vert)
in vec4 v_a;           // x: signed distance from the centre line, pixels
in vec4 v_b;
out vec4 o_color;
void main() {
    float coverage = clamp(0.5 * u_width + 0.5 - abs(v_a.x), 0.0, 1.0);
    if (coverage <= 0.0) discard;
    o_color = vec4(u_color.rgb, u_color.a * coverage) + u_zero * (v_a + v_b + gl_FragCoord);
}
