#version 330 core
// The held area between two snapshots: signed distances a (the earlier day) and b (the later), in grid cells,
// negative inside, mixed linearly by u_t; the fill is where the mix is below zero, antialiased over one screen
// pixel. The moving front line is the zero level where it lies inside Ukraine (u_land < −margin): not along the
// international border or the coast.
in vec2 v_uv;
uniform sampler2D u_a;
uniform sampler2D u_b;
uniform sampler2D u_land;
uniform float u_t;
uniform float u_pxPerCell;  // screen pixels per grid cell
uniform vec4 u_fill;
uniform vec4 u_line;
uniform vec4 u_casing;
uniform float u_lineWidth;   // pixels
uniform float u_casingWidth; // pixels
uniform float u_landMargin;  // cells
out vec4 o_color;
void main() {
    float d = mix(texture(u_a, v_uv).r, texture(u_b, v_uv).r, u_t) * u_pxPerCell;  // pixels, negative inside
    float fill = clamp(0.5 - d, 0.0, 1.0);
    vec4 c = vec4(u_fill.rgb, u_fill.a * fill);
    if (u_lineWidth > 0.0 && texture(u_land, v_uv).r < -u_landMargin) {
        float ad = abs(d);
        float casing = clamp(0.5 * u_casingWidth + 0.5 - ad, 0.0, 1.0);
        float line = clamp(0.5 * u_lineWidth + 0.5 - ad, 0.0, 1.0);
        c = mix(c, u_casing, casing * u_casing.a);
        c = mix(c, vec4(u_line.rgb, 1.0), line * u_line.a);
        c.a = max(c.a, max(casing * u_casing.a, line * u_line.a));
    }
    if (c.a <= 0.0) discard;
    o_color = c;
}
