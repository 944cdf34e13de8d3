// Loads a scenario — a GeoPackage with layers control, sieges, events (and metadata), or a folder holding those
// layers as separate files (control.geojson …) — into the model: schema-checked feature by feature (a bad feature
// is reported exactly and skipped), projected to the map CRS, repaired, indexed by date, and prepared: zone fills
// and outlines, and per frame the front line and the gains and losses since the previous frame.
#pragma once
#include <string>
#include <vector>

#include "model/loaded_map.hpp"

namespace sv::geo {

// Fills map.scenario, map.scenarioMeshes and map.hasScenario; problems go to map.errors (the file is unusable) or
// map.warnings (a feature was skipped). Needs map.data (outline, places) and map.meshes.origin in place.
void loadScenario(const std::string& path, LoadedMap& map);
// Indexes map.scenario.zones by date and derives and prepares every frame (front lines, gains/losses, meshes).
void finishScenario(LoadedMap& map);

}  // namespace sv::geo
