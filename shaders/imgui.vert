#version 330 core
// ImGui's draw lists (panels, map labels): positions in display pixels, y down; colours as 8-bit RGBA.
//
// The line, marker, hatch and ImGui programs pass the same interpolated values to their fragment shaders: two
// vec4s, v_a and v_b, every component written from vertex data and read by the fragment shader, which also reads
// gl_FragCoord whole. Mesa's llvmpipe compiles a triangle-setup function for each distinct set of fragment inputs
// (~4 ms of LLVM code generation per process: Mesa 22.3 keeps these out of its shader cache), so one set for the
// four saves three of them in every process's first frame. Components a shader does not need are "spare":
// multiplied by u_zero, a uniform never set and so 0, which the GLSL linker cannot fold away (an output it can see
// is constant, such as vec4(0.0), is folded into the fragment shader and dropped, and the set differs again). The
// flat fill program keeps no inputs at all: interpolating eight components over most of the screen cost its first
// frame ~10 ms.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;
uniform mat4 u_projection;  // display rectangle → clip space
uniform float u_zero;       // never set, so 0
out vec4 v_a;               // xy: texture coordinates; zw: spare
out vec4 v_b;               // colour
void main() {
    v_a = vec4(a_uv, u_zero * a_pos);
    v_b = a_color;
    gl_Position = u_projection * vec4(a_pos, 0.0, 1.0);
}
