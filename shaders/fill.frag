#version 330 core
// Flat fill. (Hatched areas use the hatch program: reading gl_FragCoord here cost every flat fill ~10 % of a full
// redraw's time in llvmpipe.)
uniform vec4 u_color;
out vec4 o_color;
void main() {
    o_color = u_color;
}
