#version 330 core
// Lines with a width in screen pixels: one instance per segment (point i to i+1 of a polyline), expanded to a
// quad here so the line stays crisp at any zoom. A NaN point separates polylines: its segments are discarded.
layout(location = 0) in vec2 a_corner;  // x: 0 at the start, 1 at the end; y: -1 / +1 across
layout(location = 1) in vec2 a_start;   // per instance
layout(location = 2) in vec2 a_end;     // per instance
uniform mat4 u_matrix;
uniform vec2 u_viewport;  // pixels
uniform float u_width;    // pixels
uniform float u_zero;     // never set, so 0: fills the shared varyings' spare components (see imgui.vert)
out vec4 v_a;             // x: signed distance from the centre line, pixels; yzw: spare
out vec4 v_b;             // spare
void main() {
    v_a = vec4(0.0, u_zero * vec3(a_start, a_end.x));
    v_b = u_zero * vec4(a_end.y, a_corner, a_start.x + 1.0);
    if (any(isnan(a_start)) || any(isnan(a_end))) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // outside the clip volume
        return;
    }
    vec2 half_vp = 0.5 * u_viewport;
    vec2 p0 = (u_matrix * vec4(a_start, 0.0, 1.0)).xy * half_vp;
    vec2 p1 = (u_matrix * vec4(a_end, 0.0, 1.0)).xy * half_vp;
    vec2 d = p1 - p0;
    float len = length(d);
    vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 normal = vec2(-dir.y, dir.x);
    float half_w = 0.5 * u_width + 1.0;  // one pixel of fringe for antialiasing
    // Extend each end by half the width so consecutive segments overlap at joins.
    vec2 p = mix(p0, p1, a_corner.x) + normal * a_corner.y * half_w + dir * (a_corner.x * 2.0 - 1.0) * 0.5 * u_width;
    gl_Position = vec4(p / half_vp, 0.0, 1.0);
    v_a.x = a_corner.y * half_w;
}
