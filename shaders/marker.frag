#version 330 core
uniform float u_ring;
uniform vec4 u_ring_color;
in vec2 v_local;
flat in float v_radius;
flat in vec4 v_fill;
out vec4 o_color;
void main() {
    float d = length(v_local);
    float outer = v_radius + u_ring;
    float alpha = clamp(outer + 0.5 - d, 0.0, 1.0);
    if (alpha <= 0.0) discard;
    float inner = clamp(v_radius + 0.5 - d, 0.0, 1.0);  // 1 inside the fill, 0 on the ring
    vec4 c = mix(u_ring_color, v_fill, inner);
    o_color = vec4(c.rgb, c.a * alpha);
}
