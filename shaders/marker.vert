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
out vec2 v_local;       // pixels from the centre
flat out float v_radius;
flat out vec4 v_fill;
void main() {
    float radius = a_radius * u_radius_scale;
    float extent = radius + u_ring + 1.0;
    vec4 c = u_matrix * vec4(a_center, 0.0, 1.0);
    v_local = a_corner * extent;
    v_radius = radius;
    v_fill = a_fill;
    gl_Position = vec4(c.xy + v_local * 2.0 / u_viewport, 0.0, 1.0);
}
