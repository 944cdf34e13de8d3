#version 330 core
uniform vec4 u_color;
uniform float u_width;
in float v_across;
out vec4 o_color;
void main() {
    float coverage = clamp(0.5 * u_width + 0.5 - abs(v_across), 0.0, 1.0);
    if (coverage <= 0.0) discard;
    o_color = vec4(u_color.rgb, u_color.a * coverage);
}
