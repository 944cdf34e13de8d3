// What is under a screen point: a place marker (within a few pixels — markers win), else the gain or loss area of
// the current frame, else the region containing the point (point in polygon in map coordinates, holes excluded).
#pragma once
#include "model/map_data.hpp"
#include "model/scenario.hpp"
#include "view/camera.hpp"

namespace sv {

struct Pick {
    enum class Kind { None, Place, Change, Region } kind = Kind::None;
    int index = -1;        // place or region index
    bool gained = false;   // Kind::Change: gained by Russia (else lost)
    int frame = -1;        // Kind::Change: the frame whose change it is
};

struct PickOptions {
    double markerSlackPx = 4.0;   // a click this far outside a marker still picks it
    double markerScale = 1.0;     // the view's uiScale
    bool places = true, regions = true, changes = true;
};

Pick pickAt(const MapData& map, const Scenario* scenario, Date date, const Camera& cam, Vec2d screen,
            const PickOptions& options = {});

}  // namespace sv
