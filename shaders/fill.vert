#version 330 core
// Filled polygons: triangles prepared once on the CPU; positions are relative to the scene origin.
layout(location = 0) in vec2 a_pos;
uniform mat4 u_matrix;
void main() {
    gl_Position = u_matrix * vec4(a_pos, 0.0, 1.0);
}
