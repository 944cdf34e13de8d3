// Picking (see picking.hpp).
#include "view/picking.hpp"

#include "view/style.hpp"

namespace sv {

Pick pickAt(const MapData& map, const Scenario* sc, Date date, const Camera& cam, Vec2d screen, const PickOptions& o) {
    Pick out;
    if (o.places) {
        double best = 1e300;
        for (std::size_t i = 0; i < map.places.size(); ++i) {
            const Place& p = map.places[i];
            const double d = distance(cam.worldToScreen(p.pos), screen);
            const double reach = style::marker(p.kind).radiusPx * o.markerScale + o.markerSlackPx;
            if (d <= reach && d < best) {
                best = d;
                out = {Pick::Kind::Place, static_cast<int>(i)};
            }
        }
        if (out.kind != Pick::Kind::None) return out;
    }
    const Vec2d w = cam.screenToWorld(screen);
    if (o.changes && sc) {
        const int f = sc->frameAt(date);
        if (f >= 0 && static_cast<std::size_t>(f) < sc->derived.size()) {
            const auto& d = sc->derived[static_cast<std::size_t>(f)];
            if (pointInMultiPolygon(d.gained, w)) return {Pick::Kind::Change, -1, true, f};
            if (pointInMultiPolygon(d.lost, w)) return {Pick::Kind::Change, -1, false, f};
        }
    }
    if (o.regions)
        for (std::size_t i = 0; i < map.regions.size(); ++i) {
            const Region& r = map.regions[i];
            if (r.bbox.contains(w) && pointInMultiPolygon(r.shape, w)) return {Pick::Kind::Region, static_cast<int>(i)};
        }
    return out;
}

}  // namespace sv
