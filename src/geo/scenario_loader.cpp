// Scenario loading and derivation (see scenario_loader.hpp).
#include "geo/scenario_loader.hpp"

#include <cmath>
#include <filesystem>
#include <type_traits>
#include <map>

#include "geo/geodesic.hpp"
#include "geo/geos_ops.hpp"
#include "geo/projection.hpp"
#include "geo/vector_reader.hpp"
#include "model/scenario_schema.hpp"
#include "util/parallel.hpp"
#include "util/stopwatch.hpp"
#include "util/trace.hpp"
#include "util/strings.hpp"

namespace fs = std::filesystem;

namespace sv::geo {
namespace {

struct LayerRef {
    std::string file;  // the file it came from (for messages)
    RawLayer layer;
};

// The scenario's layers by role, from one multi-layer dataset or a folder of single-layer files.
Result<std::map<std::string, LayerRef>> readLayers(const std::string& path, std::vector<std::string>& warnings) {
    std::map<std::string, LayerRef> out;
    static const char* kRoles[] = {"control", "sieges", "events", "metadata"};
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        fs::directory_iterator it(path, ec);
        if (ec) return fail(path + ": cannot list the folder: " + ec.message());
        std::string controlError;  // why a control.* file could not be read: the scenario's real problem
        for (const auto& entry : it) {
            const std::string stem = entry.path().stem().string();
            for (const char* role : kRoles) {
                if (stem != role || out.count(role)) continue;
                auto data = readVector(entry.path().string());
                if (!data) {
                    if (std::string(role) == "control" && controlError.empty()) controlError = data.error();
                    else warnings.push_back(data.error() + "; layer '" + role + "' not loaded");
                    continue;
                }
                for (auto& w : data->warnings) warnings.push_back(std::move(w));
                if (!data->layers.empty()) out[role] = {entry.path().string(), std::move(data->layers.front())};
            }
        }
        if (!out.count("control") && !controlError.empty())
            return fail(controlError + "; the scenario's control layer cannot be read");
        if (!out.count("control")) return fail(path + ": no control layer (expected a file named control.* such as control.geojson)");
        if (!controlError.empty()) warnings.push_back(controlError + "; layer 'control' not loaded");
        return out;
    }
    auto data = readVector(path);
    if (!data) return Error{data.error()};
    for (auto& w : data->warnings) warnings.push_back(std::move(w));
    for (auto& l : data->layers)
        for (const char* role : kRoles)
            if (l.name == role) out[role] = {path, std::move(l)};
    if (!out.count("control")) return fail(path + ": no layer named 'control' (expected layers control, sieges, events)");
    return out;
}

FieldGetter getter(const RawLayer& layer, const RawFeature& f) {
    return [&layer, &f](std::string_view name) -> std::optional<std::string> {
        const int i = layer.field({name});
        if (i < 0 || std::holds_alternative<std::monostate>(f.fields[static_cast<std::size_t>(i)])) return std::nullopt;
        return fieldText(f, i);
    };
}

const Place* findPlace(const MapData& map, const std::string& id) {
    const std::string want = asciiLower(id);
    for (const auto& p : map.places)
        if (asciiLower(p.id) == want) return &p;
    return nullptr;
}

// Returns false when the layer has features but none of them is usable (the first reason in `firstProblem`).
bool readControl(const LayerRef& ref, Projector& proj, Geos& geos, LoadedMap& lm, std::string& firstProblem) {
    const std::size_t zonesBefore = lm.scenario.zones.size(), warningsBefore = lm.warnings.size();
    for (const auto& f : ref.layer.features) {
        const RecordPlace where{ref.file, ref.layer.name, f.fid};
        auto zone = parseControlZone(where, getter(ref.layer, f));
        if (!zone) {
            lm.warnings.push_back(zone.error() + "; feature skipped");
            continue;
        }
        if (f.polygons.empty()) {
            lm.warnings.push_back(where.prefix() + "no polygon geometry; expected a Polygon or MultiPolygon; feature skipped");
            continue;
        }
        MultiPolygon shape = f.polygons;
        if (!proj.forward(shape)) {
            lm.warnings.push_back(where.prefix() + "coordinates outside the map projection's domain; feature skipped");
            continue;
        }
        Repair r = makeValid(geos, shape);
        if (r.changed) {
            if (r.shape.empty()) {
                lm.warnings.push_back(where.prefix() + "invalid polygon (" + r.reason + ") with no area left after repair; feature skipped");
                continue;
            }
            lm.warnings.push_back(where.prefix() + "invalid polygon (" + r.reason + ") repaired with MakeValid");
        }
        zone->shape = std::move(r.shape);
        zone->bbox = bounds(zone->shape);
        lm.scenario.zones.push_back(std::move(*zone));
    }
    if (ref.layer.features.empty() || lm.scenario.zones.size() > zonesBefore) return true;
    if (lm.warnings.size() > warningsBefore) firstProblem = lm.warnings[warningsBefore];
    return false;
}

template <class T, class Parse>
void readPoints(const LayerRef& ref, Projector& proj, const Projector* toLonLat, const MapData& map, LoadedMap& lm,
                std::vector<T>& out, Parse parse, bool requirePlace) {
    for (const auto& f : ref.layer.features) {
        const RecordPlace where{ref.file, ref.layer.name, f.fid};
        auto item = parse(where, getter(ref.layer, f));
        if (!item) {
            lm.warnings.push_back(item.error() + "; feature skipped");
            continue;
        }
        const Place* place = item->place.empty() ? nullptr : findPlace(map, item->place);
        // A siege is drawn around its city, so its place must be known; an event's place is only a label.
        if (requirePlace && !item->place.empty() && !place)
            lm.warnings.push_back(where.prefix() + "field 'place': value '" + item->place +
                                  "' is not a place id of the places layer; drawn at the feature's own point");
        if (!f.points.empty()) {
            item->pos = proj.forward(f.points.front());
            item->lonlat = toLonLat ? toLonLat->forward(item->pos) : f.points.front();
        } else if (place) {
            item->lonlat = place->lonlat, item->pos = place->pos;
        } else {
            lm.warnings.push_back(where.prefix() + "no point geometry and no known place; expected a Point; feature skipped");
            continue;
        }
        if (!isFinite(item->pos)) {
            lm.warnings.push_back(where.prefix() + "coordinates outside the map projection's domain; feature skipped");
            continue;
        }
        if constexpr (std::is_same_v<T, Siege>) {
            // The ring's radius in map units: project a point radius_km east of the city (1° lon ≈ 111.32 km·cos φ).
            const double dLon = item->radiusKm / (111.32 * std::max(0.05, std::cos(item->lonlat.y * M_PI / 180.0)));
            const Vec2d east = proj.forward(Vec2d{item->lonlat.x + dLon, item->lonlat.y});
            item->radiusMap = isFinite(east) ? distance(east, item->pos) : 0.0;
        }
        out.push_back(std::move(*item));
    }
}

void readMetadata(const LayerRef& ref, LoadedMap& lm) {
    const int key = ref.layer.field({"key"}), value = ref.layer.field({"value"});
    for (const auto& f : ref.layer.features) {
        const RecordPlace where{ref.file, ref.layer.name, f.fid};
        if (auto ok = applyMetadata(where, fieldText(f, key), fieldText(f, value), lm.scenario.meta); !ok)
            lm.warnings.push_back(ok.error() + "; ignored");
    }
    auto& m = lm.scenario.meta;
    if (m.start && m.end && *m.end < *m.start) {
        lm.warnings.push_back(ref.file + ": metadata: end " + m.end->iso() + " is before start " + m.start->iso() +
                              "; both ignored");
        m.start.reset(), m.end.reset();
    }
}

// Held area, front line and gains/losses for every frame; frames are independent, so they run in parallel.
void deriveFrames(LoadedMap& lm) {
    Scenario& sc = lm.scenario;
    const auto& frames = sc.frames();
    sc.derived.assign(frames.size(), {});
    const MultiPolygon& country = lm.data.outline;
    const Bbox cb = bounds(country);
    const double extent = cb.empty() ? 1.0 : std::max(cb.width(), cb.height());
    const double tol = extent * 0.0015;        // ~2 km for Ukraine: what counts as "on the border"
    const double minArea = tol * tol * 4.0;    // smaller gains/losses are drawing noise
    std::vector<MultiPolygon> held(frames.size());
    std::vector<std::unique_ptr<Geos>> geos(workerCount(frames.size()));
    std::vector<std::unique_ptr<FrontLineDeriver>> fronts(geos.size());
    for (std::size_t w = 0; w < geos.size(); ++w) {
        geos[w] = std::make_unique<Geos>();
        fronts[w] = std::make_unique<FrontLineDeriver>(*geos[w], country, tol);
    }
    parallelFor(frames.size(), [&](std::size_t i, unsigned w) {
        Geos& g = *geos[w];
        auto projLL = Projector::create(lm.data.crs, kLonLat);  // per thread: PROJ contexts are not shared
        const Projector* toLonLat = projLL ? &*projLL : nullptr;
        std::vector<const MultiPolygon*> ru, contested;
        for (uint32_t z : frames[i].zones) {
            if (sc.zones[z].side == Side::Ru) ru.push_back(&sc.zones[z].shape);
            if (sc.zones[z].side == Side::Contested) contested.push_back(&sc.zones[z].shape);
        }
        MultiPolygon h = unionAll(g, ru);
        // The area is the union's as given (overlaps once); the front and the changes use it within the country.
        MultiPolygon ll = h;
        if (toLonLat && toLonLat->forward(ll)) sc.derived[i].heldKm2 = geodesicAreaKm2(ll);
        if (!country.empty()) h = intersection(g, h, country);
        const MultiPolygon c = unionAll(g, contested);
        sc.derived[i].front = country.empty() ? std::vector<LineString>{} : fronts[w]->derive(h, c);
        sc.derived[i].heldArea = planarArea(h);
        held[i] = std::move(h);
    });
    fronts.clear();
    parallelFor(frames.size(), [&](std::size_t i, unsigned w) {
        if (i == 0) return;
        Geos& g = *geos[w];
        auto& d = sc.derived[i];
        d.gained = dropSlivers(difference(g, held[i], held[i - 1]), minArea);
        d.lost = dropSlivers(difference(g, held[i - 1], held[i]), minArea);
        d.gainedArea = planarArea(d.gained);
        d.lostArea = planarArea(d.lost);
    });
}

void prepareMeshes(LoadedMap& lm) {
    Scenario& sc = lm.scenario;
    PreparedScenario& m = lm.scenarioMeshes;
    const Vec2d o = lm.meshes.origin;
    const Bbox cb = bounds(lm.data.outline);
    // Cells of 1/16 of the country's extent, as for the regions' fill (map_loader.cpp): the built-in zones' fills
    // took llvmpipe 2.5 ms at 1/48 against 2.1 ms (home view, warm; 3.2 against 3.0 ms at 6 px/km on Kharkiv).
    const double cell = cb.empty() ? 1e5 : std::max(cb.width(), cb.height()) / 16.0;
    Geos g;
    auto fill = [&](FillMesh& mesh, const MultiPolygon& shape, const std::string& what) {
        auto tri = shape.empty() ? Result<Triangulation>(Triangulation{}) : triangulateTiled(g, shape, cell);
        if (!tri) {
            lm.warnings.push_back(what + ": cannot be filled (" + tri.error() + "); outline only");
            tri = Triangulation{};
        }
        appendFill(mesh, *tri, o);
    };
    for (const auto& z : sc.zones) {
        fill(m.zoneFills, z.shape, "zone '" + z.id + "'");
        appendOutline(m.zoneOutlines, z.shape, o);
    }
    for (std::size_t i = 0; i < sc.derived.size(); ++i) {
        const auto& d = sc.derived[i];
        appendLines(m.fronts, d.front, o);
        const std::string when = "changes on " + sc.frames()[i].from.iso();
        fill(m.gains, d.gained, when);
        fill(m.losses, d.lost, when);
        appendOutline(m.gainOutlines, d.gained, o);
        appendOutline(m.lossOutlines, d.lost, o);
    }
}

}  // namespace

void loadScenario(const std::string& path, LoadedMap& lm) {
    Stopwatch sw;
    auto layers = readLayers(path, lm.warnings);
    if (!layers) {
        lm.errors.push_back(layers.error());
        return;
    }
    auto& L = *layers;
    lm.scenario = Scenario{};
    lm.scenario.meta.source = path;
    const std::string& srcCrs = L["control"].layer.crs;
    auto proj = Projector::create(srcCrs, lm.data.crs);
    if (!proj) {
        lm.errors.push_back(path + ": " + proj.error());
        return;
    }
    Geos geos;
    // A control layer whose every feature is rejected would answer "held by Ukraine" everywhere: an error.
    if (std::string first; !readControl(L["control"], *proj, geos, lm, first)) {
        lm.errors.push_back(L["control"].file + ": layer 'control': none of its " +
                            std::to_string(L["control"].layer.features.size()) +
                            " feature(s) is usable (first: " + first + "); the scenario is not loaded");
        return;
    }
    for (const char* role : {"sieges", "events"}) {
        if (!L.count(role)) continue;
        auto p = Projector::create(L[role].layer.crs, lm.data.crs);
        if (!p) {
            lm.warnings.push_back(L[role].file + ": layer '" + role + "': " + p.error() + "; layer not loaded");
            continue;
        }
        auto ll = Projector::create(lm.data.crs, kLonLat);
        const Projector* toLonLat = ll ? &*ll : nullptr;
        if (std::string(role) == "sieges")
            readPoints(L[role], *p, toLonLat, lm.data, lm, lm.scenario.sieges, &parseSiege, true);
        else
            readPoints(L[role], *p, toLonLat, lm.data, lm, lm.scenario.events, &parseEvent, false);
    }
    if (L.count("metadata")) readMetadata(L["metadata"], lm);
    if (lm.scenario.meta.title.empty()) lm.scenario.meta.title = fs::path(path).stem().string();
    finishScenario(lm);
    lm.timings.scenario = sw.seconds();
}

void finishScenario(LoadedMap& lm) {
    lm.scenario.buildIndex();
    traceMark("scenario: read and indexed");
    deriveFrames(lm);
    traceMark("scenario: front lines, gains and losses derived");
    prepareMeshes(lm);
    traceMark("scenario: meshes prepared");
    lm.hasScenario = true;
}

}  // namespace sv::geo
