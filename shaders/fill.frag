#version 330 core
// Flat fill. (Hatched areas use the hatch program: the stripes' test on gl_FragCoord, when it was here, cost a full
// redraw of the default view ~3 of its ~30 ms in llvmpipe.)
uniform vec4 u_color;
out vec4 o_color;
void main() {
    o_color = u_color;
}
