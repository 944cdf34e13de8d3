// Greedy label placement without overlaps: labels are tried in priority order at a few positions around their
// anchor and kept only where they overlap no placed label, no marker and stay on screen. Pure math, tested alone.
#pragma once
#include <vector>

#include "model/geometry.hpp"

namespace sv {

struct ScreenRect {
    double x0, y0, x1, y1;
    bool overlaps(const ScreenRect& o, double margin = 0) const {
        return x0 < o.x1 + margin && o.x0 < x1 + margin && y0 < o.y1 + margin && o.y0 < y1 + margin;
    }
};

struct LabelRequest {
    int id;
    Vec2d anchor;          // screen position of the thing labelled
    Vec2d size;            // text width, height in pixels
    double gap = 0;        // distance from the anchor (the marker radius plus a little)
    double priority = 0;   // higher is placed first
    bool centred = false;  // region names: only centred on the anchor
    int obstacle = -1;     // index of the label's own marker among the obstacles (-1: the one nearest the anchor)
};

struct PlacedLabel {
    int id;
    ScreenRect rect;
};

// `obstacles` are areas no label may cover (e.g. every marker). Labels outside the viewport are dropped.
std::vector<PlacedLabel> layoutLabels(std::vector<LabelRequest> requests, const std::vector<ScreenRect>& obstacles,
                                      double viewportWidth, double viewportHeight, double margin = 2.0);

}  // namespace sv
