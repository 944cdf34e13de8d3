// Signed distance fields of held areas, for morphing the control area between two dated snapshots.
//
// Method: each snapshot's held area (its triangulated fill) is rasterised into a mask on a fixed grid over the
// map's home box (cell centres inside a triangle), and an exact Euclidean distance transform (Felzenszwalb &
// Huttenlocher, separable, linear time) gives, per cell, the distance to the nearest cell of the other kind. The
// signed value is negative inside: -(distance to outside − ½ cell), positive outside: (distance to inside − ½
// cell), in cells. The GPU interpolates two such fields linearly (bilinear in space, linear in time t) and fills
// where the mix is below zero: at t = 0 and t = 1 that is each snapshot's area (to within the grid's resolution),
// in between a shape whose boundary moves steadily from one front line to the other, new areas growing out of the
// old ones instead of appearing. Cheap (one R16F texture per snapshot, tens of milliseconds to build one) and
// independent of how different the two polygons' vertices are, which vertex-matching morphs are not.
#pragma once
#include <cstdint>
#include <vector>

#include "model/geometry.hpp"
#include "model/mesh.hpp"

namespace sv {

struct GridSpec {
    Bbox box;       // map CRS; cell (i, j) covers box.minx + i·cell … + cell, from the bottom row up
    double cell = 1;
    int width = 0, height = 0;
    double cellArea() const { return cell * cell; }
};

// A grid over `box` (grown by one cell on each side) whose longer side has `longSide` cells.
GridSpec gridFor(const Bbox& box, int longSide);

// Marks the cells whose centre lies inside any triangle of `ranges` of `mesh` (vertices relative to `origin`).
void rasterTriangles(std::vector<uint8_t>& mask, const GridSpec& g, const FillMesh& mesh,
                     const std::vector<MeshRange>& ranges, Vec2d origin);

// Signed distance in cells, negative inside (see the header comment). An empty mask gives +large everywhere, a
// full one −large.
std::vector<float> signedDistance(const GridSpec& g, const std::vector<uint8_t>& mask);

// The area (map units²) where (1 − t)·a + t·b < 0 sampled at cell centres: what a morph at t covers.
double morphArea(const GridSpec& g, const std::vector<float>& a, const std::vector<float>& b, double t);

}  // namespace sv
