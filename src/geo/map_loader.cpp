// Base-map loading pipeline (see map_loader.hpp): read → project → repair → triangulate/outline.
#include "geo/map_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <future>

#include "geo/geodesic.hpp"
#include "geo/geos_ops.hpp"
#include "geo/projection.hpp"
#include "geo/scenario_loader.hpp"
#include "geo/series_import.hpp"
#include "geo/vector_reader.hpp"
#include "util/paths.hpp"
#include "util/stopwatch.hpp"
#include "util/strings.hpp"

namespace sv::geo {
namespace {

std::vector<std::string> aliasesOf(const RawFeature& f, int idx) {
    std::vector<std::string> out;
    for (auto& a : split(fieldText(f, idx), '|')) out.push_back(std::move(a));
    return out;
}

// Reads one file and projects every layer; returns false (with an error line) when the file is unusable.
struct ProjectedFile {
    std::vector<RawLayer> layers;
};

bool readProjected(const std::string& path, const std::string& crs, LoadedMap& out, ProjectedFile& file) {
    Stopwatch sw;
    auto data = readVector(path);
    out.timings.read += sw.lap();
    if (!data) {
        out.errors.push_back(data.error());
        return false;
    }
    for (auto& w : data->warnings) out.warnings.push_back(std::move(w));
    for (auto& layer : data->layers) {
        auto proj = Projector::create(layer.crs, crs);
        if (!proj) {
            out.errors.push_back(path + ": layer '" + layer.name + "': " + proj.error());
            continue;
        }
        std::vector<RawFeature> kept;
        kept.reserve(layer.features.size());
        for (auto& f : layer.features) {
            const bool ok = proj->forward(f.points) == 0 && proj->forward(f.polygons) && proj->forward(f.lines);
            if (!ok) {
                out.warnings.push_back(path + ": layer '" + layer.name + "', feature " + std::to_string(f.fid) +
                                       ": coordinates outside the map projection's domain; feature skipped");
                continue;
            }
            kept.push_back(std::move(f));
        }
        layer.features = std::move(kept);
        file.layers.push_back(std::move(layer));
    }
    out.timings.project += sw.lap();
    return true;
}

// Repairs polygons in place; reports what was changed or dropped for the whole file in one line.
void repairPolygons(Geos& geos, const std::string& path, std::vector<RawLayer>& layers, LoadedMap& out) {
    int repaired = 0, dropped = 0;
    std::string firstReason;
    for (auto& layer : layers)
        for (auto& f : layer.features) {
            if (f.polygons.empty()) continue;
            Repair r = makeValid(geos, f.polygons);
            if (!r.changed) continue;
            if (firstReason.empty()) firstReason = "feature " + std::to_string(f.fid) + ": " + r.reason;
            if (r.shape.empty()) ++dropped;
            else ++repaired;
            f.polygons = std::move(r.shape);
        }
    if (repaired || dropped)
        out.warnings.push_back(path + ": " + std::to_string(repaired) + " invalid polygon(s) repaired with MakeValid, " +
                               std::to_string(dropped) + " skipped (first: " + firstReason + ")");
}

void addRegions(const ProjectedFile& file, const std::string& path, std::vector<Region>& out, LoadedMap& lm) {
    for (const auto& layer : file.layers) {
        const int id = layer.field({"id", "iso_3166_2", "iso_a3", "adm1_code", "ISO", "GID_1", "shapeISO"});
        const int name = layer.field({"name", "name_en", "NAME", "NAME_EN", "shapeName", "NAME_1", "admin"});
        const int nameUk = layer.field({"name_uk", "NAME_UK"});
        const int type = layer.field({"type", "type_en", "TYPE_1"});
        const int aliases = layer.field({"aliases", "name_alt"});
        for (const auto& f : layer.features) {
            if (f.polygons.empty()) {
                lm.warnings.push_back(path + ": layer '" + layer.name + "', feature " + std::to_string(f.fid) +
                                      ": no polygon; not a region, skipped");
                continue;
            }
            Region r;
            r.id = fieldText(f, id);
            if (r.id.empty()) r.id = layer.name + "#" + std::to_string(f.fid);
            r.name = fieldText(f, name);
            if (r.name.empty()) r.name = r.id;
            r.nameUk = fieldText(f, nameUk);
            r.type = fieldText(f, type);
            r.aliases = aliasesOf(f, aliases);
            r.shape = f.polygons;
            r.bbox = bounds(r.shape);
            out.push_back(std::move(r));
        }
    }
}

std::string slug(std::string_view name) {
    std::string s;
    for (unsigned char c : asciiLower(name)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) s += static_cast<char>(c);
        else if (!s.empty() && s.back() != '-') s += '-';
    }
    while (!s.empty() && s.back() == '-') s.pop_back();
    return s;
}

void addPlaces(const ProjectedFile& file, const std::string& path, const std::string& crs, LoadedMap& lm) {
    auto proj = Projector::create(crs, kLonLat);
    const Projector* toLonLat = proj ? &*proj : nullptr;
    for (const auto& layer : file.layers) {
        const int id = layer.field({"id", "slug"});
        const int name = layer.field({"name", "name_en", "NAME", "NAME_EN"});
        const int nameUk = layer.field({"name_uk", "NAME_UK"});
        const int aliases = layer.field({"aliases", "name_alt"});
        const int kind = layer.field({"kind", "type", "featurecla"});
        const int pop = layer.field({"population", "pop", "POP_MAX"});
        const int admin = layer.field({"admin", "adm1"});
        const int source = layer.field({"source"});
        for (const auto& f : layer.features) {
            const std::string where =
                path + ": layer '" + layer.name + "', feature " + std::to_string(f.fid) + ": ";
            if (f.points.empty()) {
                lm.warnings.push_back(where + "no point geometry; place skipped");
                continue;
            }
            Place p;
            p.name = fieldText(f, name);
            p.id = fieldText(f, id);
            if (p.id.empty()) p.id = slug(p.name);
            if (p.id.empty()) p.id = layer.name + "-" + std::to_string(f.fid);
            if (p.name.empty()) p.name = p.id;
            p.nameUk = fieldText(f, nameUk);
            p.aliases = aliasesOf(f, aliases);
            const std::string k = fieldText(f, kind);
            if (auto pk = parsePlaceKind(k)) p.kind = *pk;
            else if (!k.empty()) lm.warnings.push_back(where + "unknown kind '" + k + "'; drawn as a town");
            p.population = fieldInt(f, pop);
            p.admin = fieldText(f, admin);
            p.source = fieldText(f, source);
            p.pos = f.points.front();
            p.lonlat = toLonLat ? toLonLat->forward(p.pos) : Vec2d{};
            if (lm.data.findPlace(p.id)) {
                lm.warnings.push_back(where + "duplicate place id '" + p.id + "'; second one skipped");
                continue;
            }
            lm.data.places.push_back(std::move(p));
        }
    }
}

void addOverlay(const ProjectedFile& file, const std::string& path, LoadedMap& lm) {
    OverlayLayer o;
    o.source = path;
    o.name = std::filesystem::path(path).filename().string();
    for (const auto& layer : file.layers)
        for (const auto& f : layer.features) {
            if (!f.polygons.empty()) o.polygons.push_back(f.polygons);
            if (!f.lines.empty()) o.lines.push_back(f.lines);
            o.points.insert(o.points.end(), f.points.begin(), f.points.end());
        }
    lm.data.overlays.push_back(std::move(o));
}

// Outlines per region, one triangulated fill for their union (in cells of 1/cellsAcross of its extent), label
// points. Returns the union.
MultiPolygon prepareLayer(Geos& geos, std::vector<Region>& regions, FillMesh& fill, LineMesh& outlines, Vec2d origin,
                          double cellsAcross, std::vector<std::string>& warnings) {
    std::vector<const MultiPolygon*> shapes;
    for (auto& r : regions) {
        appendOutline(outlines, r.shape, origin);
        r.labelPos = labelPoint(geos, r.shape);
        shapes.push_back(&r.shape);
    }
    MultiPolygon u = unionAll(geos, shapes);
    const Bbox ub = bounds(u);
    auto tri = triangulateTiled(geos, u, std::max(ub.width(), ub.height()) / cellsAcross);
    if (tri) {
        appendFill(fill, *tri, origin);
        return u;
    }
    // GEOS's triangulation can fail on the union's degenerate slivers; fall back to triangulating each feature and
    // keep them as one range, so the layer is still drawn in one call.
    Triangulation all;
    int failed = 0;
    for (const auto* shape : shapes) {
        auto t = triangulate(geos, *shape);
        if (!t) {
            ++failed;
            continue;
        }
        const auto base = static_cast<uint32_t>(all.vertices.size());
        all.vertices.insert(all.vertices.end(), t->vertices.begin(), t->vertices.end());
        for (uint32_t i : t->indices) all.indices.push_back(base + i);
    }
    appendFill(fill, all, origin);
    if (failed)
        warnings.push_back(std::to_string(failed) + " area(s) could not be triangulated (" + tri.error() +
                              "); drawn as outlines only");
    return u;
}

// PreparedMap::backgroundFill: the part of a box around the regions (three times their extent each way: the home
// view and the zooms out from it that still show them large) that neither layer covers, triangulated in cells of
// an eighth of the box (so that blocks can be culled when zoomed in; finer cells made more triangles and cost the
// first load more without drawing faster). Left empty when an operation fails: the renderer then draws the context
// fill, as it does for views beyond the box. ~0.25 s of GEOS at the first load (mostly the box less the neighbours'
// union), on a thread of its own (loadMap).
void prepareBackground(Geos& geos, const MultiPolygon& context, const MultiPolygon& regions, PreparedMap& m) {
    if (context.empty()) return;
    const Bbox b = regions.empty() ? bounds(context) : bounds(regions);
    if (b.empty()) return;
    const double pad = std::max(b.width(), b.height());
    Bbox box;
    box.add(Vec2d{b.minX - pad, b.minY - pad});
    box.add(Vec2d{b.maxX + pad, b.maxY + pad});
    const MultiPolygon frame{Polygon{Ring{{box.minX, box.minY}, {box.maxX, box.minY}, {box.maxX, box.maxY},
                                          {box.minX, box.maxY}, {box.minX, box.minY}},
                                     {}}};
    const MultiPolygon background = difference(geos, difference(geos, frame, context), regions);
    if (background.empty()) return;
    auto tri = triangulateTiled(geos, background, std::max(box.width(), box.height()) / 8.0);
    if (!tri) return;
    appendFill(m.backgroundFill, *tri, m.origin);
    m.backgroundFill.indices = spatiallySorted(m.backgroundFill);  // (as finishMeshes does for the other fills)
    m.backgroundBox = box;
}

}  // namespace

LoadedMap loadMap(const MapSources& src, Progress* progress) {
    LoadedMap lm;
    lm.data.crs = src.crs;
    if (auto ok = validateCrs(src.crs); !ok) {
        lm.errors.push_back(ok.error());
        return lm;
    }
    Geos geos;
    ProjectedFile regions, context, places;
    if (!src.regions.empty() && readProjected(src.regions, src.crs, lm, regions)) {
        Stopwatch sw;
        repairPolygons(geos, src.regions, regions.layers, lm);
        addRegions(regions, src.regions, lm.data.regions, lm);
        lm.timings.prepare += sw.seconds();
    }
    if (!src.context.empty() && readProjected(src.context, src.crs, lm, context)) {
        Stopwatch sw;
        repairPolygons(geos, src.context, context.layers, lm);
        addRegions(context, src.context, lm.data.context, lm);
        lm.timings.prepare += sw.seconds();
    }
    if (!src.places.empty() && readProjected(src.places, src.crs, lm, places)) addPlaces(places, src.places, src.crs, lm);
    for (const auto& path : src.overlays) {
        ProjectedFile f;
        if (!readProjected(path, src.crs, lm, f)) continue;
        repairPolygons(geos, path, f.layers, lm);
        addOverlay(f, path, lm);
    }

    Stopwatch sw;
    const Bbox home = lm.data.home();
    lm.meshes.origin = home.empty() ? Vec2d{} : home.center();
    const Vec2d o = lm.meshes.origin;
    // The neighbours on a second thread while this one prepares the regions (each a GEOS union and a
    // triangulation), then the background, which needs both, on it while this one goes on to the overlays and the
    // scenario. The built-in map's first load: the prepare step 0.53-0.61 s -> 0.31-0.33 s, the whole load as
    // long as before the background (~0.25 s of GEOS) was added: 2.0-2.3 s (4 runs of each).
    std::vector<std::string> contextWarnings;
    auto neighboursJob = std::async(std::launch::async, [&] {
        Geos g;
        return prepareLayer(g, lm.data.context, lm.meshes.contextFill, lm.meshes.contextOutlines, o, 48.0, contextWarnings);
    });
    // The regions' fill in cells of 1/16 of their extent (~80 km for Ukraine): at 1/48 the built-in oblasts made
    // 7,756 triangles, at 1/16 3,486, and llvmpipe filled them in 6.4 against 4.6 ms at the home view (warm,
    // 11 runs each), no slower zoomed in (8 px/km on Kyiv: 6.8 against 6.6 ms). The neighbours, a far larger
    // extent, keep 1/48.
    const MultiPolygon ukraine = prepareLayer(geos, lm.data.regions, lm.meshes.regionsFill, lm.meshes.regionOutlines, o, 16.0, lm.warnings);
    appendOutline(lm.meshes.nationalBorder, ukraine, o);
    lm.data.outline = ukraine;
    if (auto toLonLat = Projector::create(src.crs, kLonLat)) {
        MultiPolygon ll = ukraine;
        if (toLonLat->forward(ll)) lm.data.outlineKm2 = geodesicAreaKm2(ll);
    }
    MultiPolygon neighbours = neighboursJob.get();
    lm.warnings.insert(lm.warnings.end(), contextWarnings.begin(), contextWarnings.end());
    // (Writes only backgroundFill and backgroundBox, which nothing below reads; joined before loadMap returns.)
    auto backgroundJob = std::async(std::launch::async, [&lm, ukraine, neighbours = std::move(neighbours)] {
        Geos g;
        prepareBackground(g, neighbours, ukraine, lm.meshes);
    });
    finishMeshes(lm.meshes);
    for (const auto& o : lm.data.overlays) {
        PolygonMesh pm;
        for (const auto& mp : o.polygons) {
            if (auto tri = triangulate(geos, mp)) appendFill(pm.fill, *tri, lm.meshes.origin);
            else pm.fill.features.push_back({static_cast<uint32_t>(pm.fill.indices.size()), 0});
            appendOutline(pm.outline, mp, lm.meshes.origin);
        }
        LineMesh lines;
        for (const auto& l : o.lines) appendLines(lines, l, lm.meshes.origin);
        lm.meshes.overlayPolygons.push_back(std::move(pm));
        lm.meshes.overlayLines.push_back(std::move(lines));
    }
    lm.timings.prepare += sw.seconds();
    if (!src.scenario.empty()) {
        SeriesOptions opt;
        opt.dateField = src.dateField, opt.startField = src.startField, opt.endField = src.endField;
        if (auto f = parseSeriesFormat(src.seriesFormat)) opt.format = *f;
        else lm.errors.push_back("unknown series format '" + src.seriesFormat + "' (auto, deepstate, nzz, dated, layer)");
        if (auto what = detect(src.scenario, opt); !what) lm.errors.push_back(what.error());
        else if (what->scenario) loadScenario(src.scenario, lm);
        else if (what->format == SeriesFormat::DatedLayer) loadDatedLayer(src.scenario, opt, lm);
        else loadSeries(src.scenario, *what, opt, lm, progress);
    }
    backgroundJob.get();
    return lm;
}

}  // namespace sv::geo
