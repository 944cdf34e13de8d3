#version 330 core
// Flat fill, optionally hatched: diagonal stripes in screen space (u_hatch = stripe period in pixels, 0 = solid);
// between the stripes the colour stays at a third of its opacity so the area still reads as one.
uniform vec4 u_color;
uniform float u_hatch;
uniform vec2 u_fragOffset;  // where this target's pixel (0, 0) lies in the whole image (tiled exports)
out vec4 o_color;
void main() {
    vec4 c = u_color;
    if (u_hatch > 0.0) {
        float t = mod(gl_FragCoord.x + u_fragOffset.x + gl_FragCoord.y + u_fragOffset.y, u_hatch);
        c.a *= t < 0.45 * u_hatch ? 1.0 : 0.35;
    }
    o_color = c;
}
