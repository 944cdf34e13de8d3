// Greedy label placement (see label_layout.hpp).
#include "view/label_layout.hpp"

#include <algorithm>
#include <cmath>

namespace sv {

std::vector<PlacedLabel> layoutLabels(std::vector<LabelRequest> req, const std::vector<ScreenRect>& obstacles,
                                      double vw, double vh, double margin) {
    std::stable_sort(req.begin(), req.end(),
                     [](const LabelRequest& a, const LabelRequest& b) { return a.priority > b.priority; });
    std::vector<PlacedLabel> placed;
    placed.reserve(req.size());
    auto free = [&](const ScreenRect& r, int selfObstacle) {
        if (r.x0 < 0 || r.y0 < 0 || r.x1 > vw || r.y1 > vh) return false;
        for (const auto& p : placed)
            if (p.rect.overlaps(r, margin)) return false;
        for (std::size_t i = 0; i < obstacles.size(); ++i)
            if (static_cast<int>(i) != selfObstacle && obstacles[i].overlaps(r, 0)) return false;
        return true;
    };
    for (const auto& q : req) {
        const double w = q.size.x, h = q.size.y, g = q.gap, ax = q.anchor.x, ay = q.anchor.y;
        std::vector<ScreenRect> candidates;
        if (q.centred) {
            candidates.push_back({ax - w / 2, ay - h / 2, ax + w / 2, ay + h / 2});
        } else {
            candidates = {
                {ax + g, ay - h / 2, ax + g + w, ay + h / 2},                  // right
                {ax - g - w, ay - h / 2, ax - g, ay + h / 2},                  // left
                {ax - w / 2, ay - g - h, ax + w / 2, ay - g},                  // above
                {ax - w / 2, ay + g, ax + w / 2, ay + g + h},                  // below
                {ax + g * 0.7, ay - g * 0.7 - h, ax + g * 0.7 + w, ay - g * 0.7},  // upper right
                {ax + g * 0.7, ay + g * 0.7, ax + g * 0.7 + w, ay + g * 0.7 + h},  // lower right
            };
        }
        for (const auto& c : candidates) {
            // A label may touch its own marker's box (it sits right next to it) but no other. Unless the caller
            // says which obstacle is its own, that is the one centred nearest the anchor.
            int self = q.centred ? -1 : q.obstacle;
            if (!q.centred && self < 0) {
                double best = 1e300;
                for (std::size_t i = 0; i < obstacles.size(); ++i) {
                    const auto& o = obstacles[i];
                    if (!(o.x0 <= ax && ax <= o.x1 && o.y0 <= ay && ay <= o.y1)) continue;
                    const double d = std::hypot((o.x0 + o.x1) / 2 - ax, (o.y0 + o.y1) / 2 - ay);
                    if (d < best) best = d, self = static_cast<int>(i);
                }
            }
            if (free(c, self)) {
                placed.push_back({q.id, c});
                break;
            }
        }
    }
    return placed;
}

}  // namespace sv
