#version 330 core
// Flat fill, optionally hatched: diagonal stripes in screen space (u_hatch = stripe period in pixels, 0 = solid);
// between the stripes the colour stays at a third of its opacity so the area still reads as one.
uniform vec4 u_color;
uniform float u_hatch;
out vec4 o_color;
void main() {
    vec4 c = u_color;
    if (u_hatch > 0.0) {
        float t = mod(gl_FragCoord.x + gl_FragCoord.y, u_hatch);
        c.a *= t < 0.45 * u_hatch ? 1.0 : 0.35;
    }
    o_color = c;
}
