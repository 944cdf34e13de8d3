#version 330 core
// The morph quad: the signed-distance grid's box in map coordinates (relative to the scene origin); v_uv samples
// the grids.
layout(location = 0) in vec2 a_pos;
uniform mat4 u_matrix;
uniform vec4 u_box;  // minX, minY, maxX, maxY (relative to the origin)
out vec2 v_uv;
void main() {
    vec2 p = mix(u_box.xy, u_box.zw, a_pos);
    v_uv = a_pos;
    gl_Position = u_matrix * vec4(p, 0.0, 1.0);
}
