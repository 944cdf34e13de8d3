#version 330 core
// Hatched fills: fill.vert's triangles, with the fragment inputs the line, marker and ImGui programs share (see
// imgui.vert): hatch.frag reads gl_FragCoord, which makes it a fragment input of its own, so only that shared set
// avoids a triangle-setup function of its own.
layout(location = 0) in vec2 a_pos;
uniform mat4 u_matrix;
uniform float u_zero;  // never set, so 0
out vec4 v_a;          // spare
out vec4 v_b;          // spare
void main() {
    v_a = u_zero * vec4(a_pos, a_pos + 1.0);
    v_b = u_zero * vec4(a_pos + 2.0, a_pos + 3.0);
    gl_Position = u_matrix * vec4(a_pos, 0.0, 1.0);
}
