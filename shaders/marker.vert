#version 330 core
// Place markers: one instance per place, a screen-aligned quad sized in pixels around the projected point.
layout(location = 0) in vec2 a_corner;  // -1..1
layout(location = 1) in vec2 a_center;  // per instance, relative to the scene origin
layout(location = 2) in float a_radius; // per instance, pixels
layout(location = 3) in vec4 a_fill;    // per instance
uniform mat4 u_matrix;
uniform vec2 u_viewport;
uniform float u_ring;   // ring width, pixels
uniform float u_radius_scale;
uniform float u_zero;   // never set, so 0 (see imgui.vert)
out vec4 v_a;           // xy: pixels from the centre; z: the fill's radius in pixels (the same at every corner); w: spare
out vec4 v_b;           // the fill colour (the same at every corner)
void main() {
    float radius = a_radius * u_radius_scale;
    float extent = radius + u_ring + 1.0;
    vec4 c = u_matrix * vec4(a_center, 0.0, 1.0);
    vec2 local = a_corner * extent;
    v_a = vec4(local, radius, u_zero * a_center.x);
    v_b = a_fill;
    gl_Position = vec4(c.xy + local * 2.0 / u_viewport, 0.0, 1.0);
}
