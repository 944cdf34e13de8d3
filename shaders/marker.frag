#version 330 core
uniform float u_ring;
uniform vec4 u_ring_color;
uniform float u_zero;  // 0 (see imgui.vert)
in vec4 v_a;           // xy: pixels from the centre; z: the fill's radius
in vec4 v_b;           // the fill colour
out vec4 o_color;
void main() {
    float d = length(v_a.xy);
    float radius = v_a.z;
    float outer = radius + u_ring;
    float alpha = clamp(outer + 0.5 - d, 0.0, 1.0);
    if (alpha <= 0.0) discard;
    float inner = clamp(radius + 0.5 - d, 0.0, 1.0);  // 1 inside the fill, 0 on the ring
    vec4 c = mix(u_ring_color, v_b, inner);
    o_color = vec4(c.rgb, c.a * alpha) + u_zero * (v_a.w + gl_FragCoord);
}
