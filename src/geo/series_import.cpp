// Series import (see series_import.hpp): detection, parallel reading, and the day builder that stores each
// snapshot by its differences from the day before.
#include "geo/series_import.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <unordered_map>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <pthread.h>

#include "geo/front_field.hpp"
#include "geo/geodesic.hpp"
#include "geo/geos_ops.hpp"
#include "geo/projection.hpp"
#include "geo/scenario_loader.hpp"
#include "model/scenario_schema.hpp"
#include "geo/vector_reader.hpp"
#include "util/parallel.hpp"
#include "util/stopwatch.hpp"
#include "util/strings.hpp"
#include "util/trace.hpp"

namespace fs = std::filesystem;

namespace sv::geo {

std::string_view seriesFormatName(SeriesFormat f) {
    switch (f) {
        case SeriesFormat::Auto: return "auto";
        case SeriesFormat::DeepState: return "deepstate";
        case SeriesFormat::Nzz: return "nzz";
        case SeriesFormat::DatedFiles: return "dated";
        case SeriesFormat::DatedLayer: return "layer";
    }
    return "auto";
}

std::optional<SeriesFormat> parseSeriesFormat(std::string_view t) {
    for (auto f : {SeriesFormat::Auto, SeriesFormat::DeepState, SeriesFormat::Nzz, SeriesFormat::DatedFiles, SeriesFormat::DatedLayer})
        if (t == seriesFormatName(f)) return f;
    return std::nullopt;
}

namespace {

bool dataFile(const fs::path& p) {
    static const char* kExt[] = {".geojson", ".json", ".gpkg", ".fgb", ".shp", ".kml", ".gml", ".gz", ".zip", ".csv", ".geojsonl"};
    const std::string e = asciiLower(p.extension().string());
    for (const char* k : kExt)
        if (e == k) return true;
    return false;
}

// GDAL path for a file: compressed files are read through the virtual file systems.
std::string gdalPath(const std::string& file) {
    const std::string e = asciiLower(fs::path(file).extension().string());
    if (e == ".gz") return "/vsigzip/" + file;
    if (e == ".zip") return "/vsizip/" + file;
    return file;
}

}  // namespace

Result<Detected> detect(const std::string& path, const SeriesOptions& opt) {
    Detected d;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        std::vector<std::string> files;
        fs::directory_iterator it(path, ec);
        if (ec) return fail(path + ": cannot list the folder: " + ec.message());
        bool scenarioParts = false;  // sieges.*, events.* or metadata.*: meant as a scenario folder
        for (const auto& e : it) {
            if (!dataFile(e.path())) continue;
            const auto stem = e.path().stem();
            // Whatever control.* is (a folder, a loop, unreadable), the scenario loader says what is wrong with it.
            if (stem == "control") d.scenario = true;
            scenarioParts |= stem == "sieges" || stem == "events" || stem == "metadata";
            if (e.is_regular_file(ec)) files.push_back(e.path().string());
        }
        std::sort(files.begin(), files.end());
        if (d.scenario && opt.format == SeriesFormat::Auto) {
            d.reason = "a folder with a control layer: a scenario";
            return d;
        }
        if (scenarioParts && opt.format == SeriesFormat::Auto)
            return fail(path + ": no control layer (expected a file named control.* such as control.geojson)");
        d.scenario = false;
        if (files.empty()) return fail(path + ": no data files in the folder");
        d.files = files;
        if (opt.format != SeriesFormat::Auto) {
            d.format = opt.format;
            d.reason = "format given";
            return d;
        }
        bool deepstate = false;
        for (const auto& f : files) deepstate |= asciiLower(fs::path(f).filename().string()).find("deepstate") != std::string::npos;
        if (deepstate) {
            d.format = SeriesFormat::DeepState;
            d.reason = "file names contain 'deepstate'";
            return d;
        }
        // NZZ / Liveuamap: {"value": FeatureCollection} opens as a layer named "value" with a "type" field.
        if (auto first = readVector(gdalPath(files.front())); first && !first->layers.empty() &&
            first->layers.front().name == "value" && first->layers.front().field({"type"}) >= 0) {
            d.format = SeriesFormat::Nzz;
            d.reason = "files hold {\"value\": FeatureCollection} with a 'type' field";
            return d;
        }
        d.format = SeriesFormat::DatedFiles;
        d.reason = "files with dates in their names";
        return d;
    }
    if (!fs::exists(path, ec) && !startsWith(path, "/vsi"))
        return fail(path + ": " + (ec ? ec.message() : std::string("No such file or directory")));  // e.g. a symlink loop
    if (opt.format == SeriesFormat::DeepState || opt.format == SeriesFormat::Nzz || opt.format == SeriesFormat::DatedFiles) {
        d.format = opt.format;  // one daily file read as the format given
        d.files = {path};
        d.reason = "format given";
        return d;
    }
    auto data = readVector(gdalPath(path));
    if (!data) return Error{data.error()};
    for (const auto& l : data->layers)
        if (l.name == "control") {
            d.scenario = true;
            d.reason = "a dataset with a control layer: a scenario";
            return d;
        }
    // One NZZ file: read as nzz (losses not held), not as a layer whose 'date' field would make every feature held.
    if (opt.format == SeriesFormat::Auto && !data->layers.empty() && data->layers.front().name == "value" &&
        data->layers.front().field({"type"}) >= 0) {
        d.format = SeriesFormat::Nzz;
        d.files = {path};
        d.reason = "the file holds {\"value\": FeatureCollection} with a 'type' field";
        return d;
    }
    d.format = SeriesFormat::DatedLayer;
    d.files = {path};
    d.reason = "one dataset: a layer with date fields";
    return d;
}

namespace {

// One file's snapshot, read and projected by a worker.
struct FileSnapshot {
    bool ready = false, ok = false;
    std::string file, error;
    Date date;
    MultiPolygon held, gained, lost;  // map CRS
    std::string crs;  // the file's CRS (the snapshot is projected from it by the builder)
    std::string note;
    std::vector<std::string> warnings;
};

MultiPolygon unionIfOverlapping(Geos& g, const MultiPolygon& mp, std::vector<std::string>& warnings, const std::string& where) {
    // A full validity check costs as much as reading the file. Parts can only overlap where their boxes do, so
    // only then is the snapshot checked (and its overlaps merged); rings are taken as published otherwise.
    bool boxesOverlap = false;
    std::vector<Bbox> boxes;
    for (const auto& p : mp) boxes.push_back(bounds(p.outer));
    for (std::size_t i = 0; i < boxes.size() && !boxesOverlap; ++i)
        for (std::size_t j = i + 1; j < boxes.size() && !boxesOverlap; ++j) boxesOverlap = boxes[i].intersects(boxes[j]);
    if (!boxesOverlap) return mp;
    Repair r = makeValid(g, mp);
    if (r.changed) {
        // A multipolygon whose parts overlap is "invalid"; the union counts the overlap once.
        MultiPolygon u = unionAll(g, {&mp});
        if (!u.empty()) return u;
        warnings.push_back(where + ": invalid polygon (" + r.reason + ") repaired with MakeValid");
        return r.shape;
    }
    return mp;
}

// Projectors from each source CRS to the map CRS, one set per reader thread.
struct ProjectorCache {
    std::string mapCrs;
    std::map<std::string, std::optional<Projector>> byCrs;
    const Projector* get(const std::string& crs) {
        auto it = byCrs.find(crs);
        if (it == byCrs.end()) {
            auto p = Projector::create(crs, mapCrs);
            it = byCrs.emplace(crs, p ? std::optional<Projector>(std::move(*p)) : std::nullopt).first;
        }
        return it->second ? &*it->second : nullptr;
    }
};

void readFile(const std::string& file, SeriesFormat fmt, FileSnapshot& out, Geos& geos, ProjectorCache& projectors) {
    out.file = file;
    const std::string name = fs::path(file).filename().string();
    auto fileDate = dateFromFileName(name);
    auto data = readVector(gdalPath(file));
    if (!data) {
        out.error = data.error();
        return;
    }
    MultiPolygon held, gained, lost;
    std::string crs;
    std::optional<Date> dataDate;
    for (const auto& layer : data->layers) {
        crs = layer.crs;
        const int type = layer.field({"type"});
        const int dateTo = layer.field({"_dateto"}), date = layer.field({"date"});
        if (fmt == SeriesFormat::Nzz && type < 0) {
            out.error = file + ": layer '" + layer.name + "' has no 'type' field (expected nochange / gains / losses)";
            return;
        }
        for (const auto& f : layer.features) {
            if (f.polygons.empty()) continue;
            if (fmt == SeriesFormat::Nzz) {
                const std::string t = asciiLower(fieldText(f, type));
                if (!dataDate)
                    for (int fi : {dateTo, date})
                        if (auto d = Date::parse(fieldText(f, fi)); fi >= 0 && d) {
                            dataDate = *d;
                            break;
                        }
                if (t == "nochange" || t == "gains") held.insert(held.end(), f.polygons.begin(), f.polygons.end());
                if (t == "gains") gained.insert(gained.end(), f.polygons.begin(), f.polygons.end());
                if (t == "losses") lost.insert(lost.end(), f.polygons.begin(), f.polygons.end());
                if (t != "nochange" && t != "gains" && t != "losses")
                    out.warnings.push_back(file + ": feature " + std::to_string(f.fid) + ": type '" + t +
                                           "' is not nochange, gains or losses; ignored");
            } else {
                held.insert(held.end(), f.polygons.begin(), f.polygons.end());
            }
        }
        for (auto& w : data->warnings) out.warnings.push_back(w);
    }
    // The data's date stands in only when the name has none: a name with an impossible date (2022-02-30) is reported.
    const bool nameHasNoDate = !fileDate && fileDate.error().rfind("no date", 0) == 0;
    if (fileDate) out.date = *fileDate;
    else if (dataDate && nameHasNoDate) out.date = *dataDate;
    else {
        out.error = file + ": " + fileDate.error();
        return;
    }
    if (dataDate && fileDate && *dataDate != *fileDate)
        out.note = "state as of " + dataDate->iso() + " (the file's _dateto); file " + name;
    if (held.empty()) {
        out.error = file + ": no polygons (an empty snapshot; expected the held area)";
        return;
    }
    // Overlaps count once: NZZ's nochange and gains parts share edges, so they are always merged; other files only
    // when their parts overlap (an invalid multipolygon).
    held = fmt == SeriesFormat::Nzz ? unionAll(geos, {&held}) : unionIfOverlapping(geos, held, out.warnings, file);
    out.crs = crs;
    const Projector* proj = projectors.get(crs);
    if (!proj) {
        out.error = file + ": cannot transform its CRS (" + crs.substr(0, 60) + ") to the map's " + projectors.mapCrs;
        return;
    }
    if (!proj->forward(held) || !proj->forward(gained) || !proj->forward(lost)) {
        out.error = file + ": coordinates outside the map projection's domain";
        return;
    }
    out.held = std::move(held), out.gained = std::move(gained), out.lost = std::move(lost);
    out.ok = true;
}

// Builds the deduplicated series day by day (see model/series.hpp).
class DayBuilder {
public:
    DayBuilder(Series& s, const MapData& map, Vec2d origin, double cell, double tol)
        : s_(s), origin_(origin), cell_(cell), tol_(tol), field_(map.outline, tol / 2) {}

    // Returns false when the snapshot equals the day before (then nothing is added).
    bool add(FileSnapshot& snap, MultiPolygon& gainedOut, MultiPolygon& lostOut) {
        std::vector<uint32_t> refs;
        std::vector<SeriesRing> rings;
        for (const auto& poly : snap.held) {
            auto addRing = [&](const Ring& r, bool hole) {
                SeriesRing sr;
                sr.first = static_cast<uint32_t>(s_.chunkRefs.size() + refs.size());
                const std::size_t before = refs.size();
                s_.chunks.addRing(r, refs);
                sr.count = static_cast<uint32_t>(refs.size() - before);
                sr.hole = hole;
                if (sr.count) rings.push_back(sr);
            };
            addRing(poly.outer, false);
            for (const auto& h : poly.holes) addRing(h, true);
        }
        if (!s_.days.empty() && refs == prevRefs_) return false;
        classifyNewChunks();

        SeriesDay day;
        day.date = snap.date;
        day.file = fs::path(snap.file).filename().string();
        day.note = snap.note;
        day.bbox = bounds(snap.held);
        day.firstRing = static_cast<uint32_t>(s_.rings.size());
        day.ringCount = static_cast<uint32_t>(rings.size());
        s_.rings.insert(s_.rings.end(), rings.begin(), rings.end());
        s_.chunkRefs.insert(s_.chunkRefs.end(), refs.begin(), refs.end());

        // Cells whose content may have changed: under any chunk that appears or disappears.
        std::vector<uint32_t> now(refs), before(prevRefs_), changed;
        std::sort(now.begin(), now.end()), now.erase(std::unique(now.begin(), now.end()), now.end());
        std::sort(before.begin(), before.end()), before.erase(std::unique(before.begin(), before.end()), before.end());
        std::set_symmetric_difference(now.begin(), now.end(), before.begin(), before.end(), std::back_inserter(changed));
        // The area that changed (old XOR new) is enclosed by changed chunks, which chain into loops: group touching
        // chunks and take every cell in each group's bounding box — a cell the boundary swept over without touching
        // it is inside such a box too.
        std::set<std::pair<int, int>> dirty;
        for (const Bbox& b : clusters(changed))
            for (int cx = cellOf(b.minX, origin_.x); cx <= cellOf(b.maxX, origin_.x); ++cx)
                for (int cy = cellOf(b.minY, origin_.y); cy <= cellOf(b.maxY, origin_.y); ++cy) dirty.insert({cx, cy});
        if (s_.days.empty())  // the first day: every cell under it
            for (int cx = cellOf(day.bbox.minX, origin_.x); cx <= cellOf(day.bbox.maxX, origin_.x); ++cx)
                for (int cy = cellOf(day.bbox.minY, origin_.y); cy <= cellOf(day.bbox.maxY, origin_.y); ++cy) dirty.insert({cx, cy});
        updateCells(snap.held, dirty, gainedOut, lostOut, snap.gained.empty() && snap.lost.empty());
        day.firstCell = static_cast<uint32_t>(s_.dayCells.size());
        for (const auto& [key, fill] : cells_) s_.dayCells.push_back(fill);
        day.cellCount = static_cast<uint32_t>(s_.dayCells.size()) - day.firstCell;
        s_.days.push_back(day);
        prevRefs_ = std::move(refs);
        return true;
    }

    Geos& geos() { return geos_; }

private:
    int cellOf(double v, double o) const { return static_cast<int>(std::floor((v - o) / cell_)); }

    // Bounding boxes of the groups of chunks whose boxes touch (union-find).
    std::vector<Bbox> clusters(const std::vector<uint32_t>& ids) const {
        const auto& chunks = s_.chunks.chunks();
        std::vector<std::size_t> parent(ids.size());
        for (std::size_t i = 0; i < ids.size(); ++i) parent[i] = i;
        auto root = [&](std::size_t i) {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        };
        const double eps = cell_ * 1e-6;
        // Sweep along x so only boxes overlapping in x are compared.
        std::vector<std::size_t> order(ids.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return chunks[ids[a]].bbox.minX < chunks[ids[b]].bbox.minX;
        });
        for (std::size_t a = 0; a < order.size(); ++a) {
            const Bbox& ba = chunks[ids[order[a]]].bbox;
            for (std::size_t b = a + 1; b < order.size(); ++b) {
                const Bbox& bb = chunks[ids[order[b]]].bbox;
                if (bb.minX > ba.maxX + eps) break;
                if (bb.minY <= ba.maxY + eps && ba.minY <= bb.maxY + eps) parent[root(order[a])] = root(order[b]);
            }
        }
        std::map<std::size_t, Bbox> boxes;
        for (std::size_t i = 0; i < ids.size(); ++i) boxes[root(i)].add(chunks[ids[i]].bbox);
        std::vector<Bbox> out;
        for (auto& [r, b] : boxes) out.push_back(b);
        return out;
    }

    // Marks each new chunk's segments that lie inside the country away from its outline: the front line.
    void classifyNewChunks() {
        const auto& chunks = s_.chunks.chunks();
        const auto& pts = s_.chunks.points();
        for (std::size_t c = s_.chunkFront.size(); c < chunks.size(); ++c) {
            std::vector<MeshRange> runs;
            const Chunk& ch = chunks[c];
            uint32_t start = 0;
            bool in = false;
            for (uint32_t i = 0; i + 1 < ch.count; ++i) {
                const Vec2d a = pts[ch.first + i], b = pts[ch.first + i + 1];
                const bool front = !field_.empty() && field_.signedDistance((a + b) * 0.5) > tol_;
                if (front && !in) start = i, in = true;
                if (!front && in) runs.push_back({ch.first + start, i - start + 1}), in = false;
            }
            if (in) runs.push_back({ch.first + start, ch.count - start});
            s_.chunkFront.push_back(std::move(runs));
        }
    }

    void updateCells(const MultiPolygon& held, const std::set<std::pair<int, int>>& dirty, MultiPolygon& gained,
                     MultiPolygon& lost, bool deriveChanges) {
        if (dirty.empty()) return;
        const GeosShape shape(geos_, held);  // converted once for every dirty cell
        for (const auto& key : dirty) {
            const double x0 = origin_.x + key.first * cell_, y0 = origin_.y + key.second * cell_;
            MultiPolygon piece = clipToRect(geos_, shape, x0, y0, x0 + cell_, y0 + cell_);
            const uint64_t h = contentHash(piece);
            if (auto it = hashes_.find(key); it != hashes_.end() && it->second == h) continue;  // unchanged after all
            if (deriveChanges) {
                const MultiPolygon& prev = clips_[key];
                if (!prev.empty() || !piece.empty()) {
                    auto g = difference(geos_, piece, prev), l = difference(geos_, prev, piece);
                    gained.insert(gained.end(), g.begin(), g.end());
                    lost.insert(lost.end(), l.begin(), l.end());
                }
            }
            if (piece.empty()) {
                cells_.erase(key);
                clips_.erase(key);
                hashes_.erase(key);
                continue;
            }
            cells_[key] = meshFor(piece, h);
            clips_[key] = std::move(piece);
            hashes_[key] = h;
        }
    }

    // An order-independent hash of a cell's content (the clip may start its rings anywhere).
    static uint64_t contentHash(const MultiPolygon& piece) {
        uint64_t h = 0x9e3779b97f4a7c15ULL;
        std::size_t n = 0;
        for (const auto& p : piece) {
            auto ring = [&](const Ring& r) {
                for (const auto& v : r) h += std::hash<double>{}(v.x) * 31 + std::hash<double>{}(v.y) * 1000003ULL, ++n;
            };
            ring(p.outer);
            for (const auto& hole : p.holes) ring(hole);
        }
        return h ^ (n * 0x100000001b3ULL);
    }

    // The cell triangulation for this content, shared with every other cell that ever had the same content.
    uint32_t meshFor(const MultiPolygon& piece, uint64_t h) {
        if (auto it = meshes_.find(h); it != meshes_.end()) return it->second;
        auto tri = triangulate(geos_, piece);
        appendFill(s_.cellFill, tri ? *tri : Triangulation{}, origin_);
        const auto id = static_cast<uint32_t>(s_.cellFill.features.size() - 1);
        meshes_.emplace(h, id);
        return id;
    }

    Series& s_;
    Vec2d origin_;
    double cell_, tol_;
    OutlineField field_;
    Geos geos_;
    std::vector<uint32_t> prevRefs_;
    std::map<std::pair<int, int>, uint32_t> cells_;         // the current day's cells → cell mesh
    std::map<std::pair<int, int>, MultiPolygon> clips_;     // the current day's cell contents
    std::unordered_map<uint64_t, uint32_t> meshes_;         // content hash → cell mesh
    std::map<std::pair<int, int>, uint64_t> hashes_;        // the current day's cell content hashes
};

}  // namespace

void loadSeries(const std::string& path, const Detected& what, const SeriesOptions&, LoadedMap& lm, Progress* progress) {
    Stopwatch sw;
    auto series = std::make_shared<Series>();
    series->source = path;
    series->format = std::string(seriesFormatName(what.format));
    const std::size_t n = what.files.size();
    std::vector<FileSnapshot> snaps(n);
    if (progress) progress->total = n, progress->done = 0;

    // Readers: every core, files in name order; the builder below consumes them in that order as they arrive.
    // Readers stay at most a few files ahead of the builder, so memory holds the store plus a handful of
    // snapshots, not the whole folder.
    std::mutex mutex;
    std::condition_variable arrived, room;
    std::atomic<std::size_t> next{0};
    std::size_t consumed = 0;  // guarded by mutex
    std::atomic<long> readMicros{0};
    const unsigned readers = workerCount(n);
    const std::size_t ahead = 4 * readers + 4;
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < readers; ++w)
        threads.emplace_back([&] {
            pthread_setname_np(pthread_self(), "sv-reader");
            Geos g;
            ProjectorCache projectors{lm.data.crs, {}};
            for (std::size_t i; (i = next.fetch_add(1)) < n;) {
                {
                    std::unique_lock lock(mutex);
                    room.wait(lock, [&] { return i < consumed + ahead; });
                }
                Stopwatch sw;
                FileSnapshot s;
                if (!(progress && progress->cancel)) readFile(what.files[i], what.format, s, g, projectors);
                else s.error = "cancelled";
                readMicros += static_cast<long>(sw.seconds() * 1e6);
                std::lock_guard lock(mutex);
                snaps[i] = std::move(s);
                snaps[i].ready = true;
                arrived.notify_all();
            }
        });
    Stopwatch building;
    double waiting = 0;

    const Bbox home = lm.data.home();
    const double extent = home.empty() ? 1e6 : std::max(home.width(), home.height());
    DayBuilder builder(*series, lm.data, lm.meshes.origin, extent / 48.0, extent * 0.0015);
    std::vector<MultiPolygon> gains, losses;
    std::vector<char> published;  // per day: the file published its own gains and losses (NZZ)
    std::vector<std::size_t> fileOfDay;
    std::size_t bad = 0, same = 0;
    std::string firstBad;  // the first skipped file's reason, for the error when nothing is usable
    std::optional<Date> lastDate;
    for (std::size_t i = 0; i < n; ++i) {
        {
            Stopwatch w;
            std::unique_lock lock(mutex);
            arrived.wait(lock, [&] { return snaps[i].ready; });
            waiting += w.seconds();
        }
        FileSnapshot& s = snaps[i];
        for (auto& w : s.warnings) lm.warnings.push_back(std::move(w));
        if (progress) progress->done = i + 1;
        auto release = [&] {
            std::lock_guard lock(mutex);
            s = FileSnapshot{};
            s.ready = true;
            consumed = i + 1;
            room.notify_all();
        };
        if (progress && progress->cancel) {
            release();
            continue;
        }
        if (!s.ok) {
            lm.warnings.push_back(s.error + "; file skipped");
            if (firstBad.empty()) firstBad = s.error;
            ++bad;
            release();
            continue;
        }
        if (lastDate && s.date <= *lastDate) {
            lm.warnings.push_back(s.file + ": date " + s.date.iso() + " is not after the previous file's " +
                                  lastDate->iso() + "; file skipped");
            ++bad;
            release();
            continue;
        }
        MultiPolygon g, l;
        if (builder.add(s, g, l)) {
            const bool explicitChanges = !s.gained.empty() || !s.lost.empty();
            gains.push_back(explicitChanges ? s.gained : std::move(g));
            losses.push_back(explicitChanges ? s.lost : std::move(l));
            published.push_back(explicitChanges);
        } else {
            ++same;
        }
        series->files.push_back({s.date, static_cast<uint32_t>(series->days.size() - 1)});
        lastDate = s.date;
        {
            std::lock_guard lock(mutex);
            s = FileSnapshot{};  // free the geometry as soon as it is stored
            s.ready = true;
            consumed = i + 1;
        }
        room.notify_all();
    }
    {
        std::lock_guard lock(mutex);
        consumed = n;
    }
    room.notify_all();
    for (auto& t : threads) t.join();
    if (tracing()) {
        char line[160];
        std::snprintf(line, sizeof line, "series: %zu files, reading %.2f s on %u threads, building %.2f s (waited %.2f s for readers)",
                      n, readMicros.load() / 1e6, readers, building.seconds() - waiting, waiting);
        traceMark(line);
    }
    if (progress && progress->cancel) {
        lm.errors.push_back(path + ": import cancelled");
        return;
    }
    if (series->days.empty()) {
        lm.errors.push_back(path + ": no usable snapshot among " + std::to_string(n) + " file(s)" +
                            (firstBad.empty() ? std::string() : " (first: " + firstBad + ")"));
        return;
    }
    traceMark("series: files read and stored");

    // One zone per distinct snapshot, held until the next one.
    Scenario sc;
    sc.meta.source = path;
    sc.meta.title = fs::path(path).filename().string() + " (" + series->format + ")";
    sc.meta.disclaimer = "Imported from " + path + "; each day's area is the file's as published, unedited.";
    for (std::size_t d = 0; d < series->days.size(); ++d) {
        const SeriesDay& day = series->days[d];
        ControlZone z;
        z.id = day.file;
        z.fid = static_cast<int64_t>(d);
        z.side = Side::Ru;
        z.status = ControlStatus::Occupied;
        z.validFrom = day.date;
        z.validTo = d + 1 < series->days.size() ? series->days[d + 1].date : day.date + 1;
        z.source = std::string(seriesFormatName(what.format)) + " file " + day.file;
        z.confidence = Confidence::Medium;
        z.note = day.note.empty() ? "Imported snapshot, unedited" : day.note;
        z.bbox = day.bbox;
        z.seriesDay = static_cast<int>(d);
        sc.zones.push_back(std::move(z));
    }
    sc.meta.start = series->days.front().date;
    sc.meta.end = series->days.back().date;
    sc.meta.defaultDate = series->days.back().date;
    sc.buildIndex();
    traceMark("series: zones indexed");
    sc.derived.resize(sc.frames().size());
    PreparedScenario& m = lm.scenarioMeshes;
    m = PreparedScenario{};
    for (std::size_t z = 0; z < sc.zones.size(); ++z) {
        appendFill(m.zoneFills, Triangulation{}, lm.meshes.origin);  // series zones draw from the series' cells
        appendOutline(m.zoneOutlines, {}, lm.meshes.origin);
    }
    for (std::size_t f = 0; f < sc.frames().size(); ++f) {
        FrameDerived& d = sc.derived[f];
        const auto& zs = sc.frames()[f].zones;
        const int day = zs.empty() ? -1 : sc.zones[zs.front()].seriesDay;
        // A first day has no derived change (all of it would be a "gain"), but published changes are shown.
        const auto di = static_cast<std::size_t>(day);
        if (day > 0 || (day == 0 && published[di])) d.gained = std::move(gains[di]), d.lost = std::move(losses[di]);
        d.gainedArea = planarArea(d.gained), d.lostArea = planarArea(d.lost);
    }
    // The day-to-day changes are small but many: triangulate them on every core, then append in frame order.
    std::vector<Triangulation> gainTri(sc.frames().size()), lossTri(sc.frames().size());
    std::vector<std::unique_ptr<Geos>> workers(workerCount(sc.frames().size()));
    for (auto& w : workers) w = std::make_unique<Geos>();
    parallelFor(sc.frames().size(), [&](std::size_t f, unsigned w) {
        const FrameDerived& d = sc.derived[f];
        if (auto t = d.gained.empty() ? Result<Triangulation>(Triangulation{}) : triangulate(*workers[w], d.gained)) gainTri[f] = std::move(*t);
        if (auto t = d.lost.empty() ? Result<Triangulation>(Triangulation{}) : triangulate(*workers[w], d.lost)) lossTri[f] = std::move(*t);
    });
    for (std::size_t f = 0; f < sc.frames().size(); ++f) {
        const FrameDerived& d = sc.derived[f];
        appendLines(m.fronts, {}, lm.meshes.origin);  // the front comes from the series' chunks
        appendFill(m.gains, gainTri[f], lm.meshes.origin);
        appendFill(m.losses, lossTri[f], lm.meshes.origin);
        appendOutline(m.gainOutlines, d.gained, lm.meshes.origin);
        appendOutline(m.lossOutlines, d.lost, lm.meshes.origin);
    }
    traceMark("series: changes prepared");
    lm.series = series;
    sc.series = lm.series.get();
    lm.scenario = std::move(sc);
    lm.hasScenario = true;
    lm.timings.scenario = sw.seconds();
    lm.warnings.insert(lm.warnings.begin(),
                       "imported " + std::to_string(n) + " file(s) from " + path + " as " + series->format + " (" +
                           what.reason + "): " + std::to_string(series->days.size()) + " snapshot(s) from " +
                           series->days.front().date.iso() + " to " + series->days.back().date.iso() + ", " +
                           std::to_string(same) + " identical to the day before (stored once), " + std::to_string(bad) +
                           " skipped; " + std::to_string(series->geometryBytes() / 1024) + " KiB of geometry");
}

}  // namespace sv::geo

namespace sv::geo {

std::vector<double> seriesAreas(const Series& series, const std::string& mapCrs) {
    std::vector<double> km2(series.days.size(), -1);
    parallelFor(series.days.size(), [&](std::size_t d, unsigned) {
        thread_local std::optional<Projector> toLonLat;
        thread_local std::string crsOfIt;
        if (!toLonLat || crsOfIt != mapCrs) {
            auto p = Projector::create(mapCrs, kLonLat);
            if (!p) return;
            toLonLat.emplace(std::move(*p));
            crsOfIt = mapCrs;
        }
        MultiPolygon shape = series.dayShape(d);
        if (toLonLat->forward(shape)) km2[d] = geodesicAreaKm2(shape);
    });
    return km2;
}

void loadDatedLayer(const std::string& path, const SeriesOptions& opt, LoadedMap& lm) {
    Stopwatch sw;
    auto data = readVector(gdalPath(path));
    if (!data) {
        lm.errors.push_back(data.error());
        return;
    }
    for (auto& w : data->warnings) lm.warnings.push_back(std::move(w));
    const RawLayer* layer = nullptr;
    for (const auto& l : data->layers)
        if (!l.features.empty()) {
            layer = &l;
            break;
        }
    if (!layer) {
        lm.errors.push_back(path + ": no features");
        return;
    }
    const int dateF = layer->field({opt.dateField.empty() ? "date" : opt.dateField});
    const int startF = layer->field({opt.startField.empty() ? "valid_from" : opt.startField, "start"});
    const int endF = layer->field({opt.endField.empty() ? "valid_to" : opt.endField, "end"});
    const bool intervals = !opt.startField.empty() || (startF >= 0 && opt.dateField.empty());
    if ((intervals && startF < 0) || (!intervals && dateF < 0)) {
        std::string fields = join(layer->fieldNames, ", ");
        lm.errors.push_back(path + ": layer '" + layer->name + "' has no " +
                            (intervals ? "start field '" + (opt.startField.empty() ? std::string("valid_from") : opt.startField) + "'"
                                       : "date field '" + (opt.dateField.empty() ? std::string("date") : opt.dateField) + "'") +
                            " (its fields: " + (fields.empty() ? std::string("none") : fields) +
                            "; choose with --date-field or --start-field/--end-field)");
        return;
    }
    auto proj = Projector::create(layer->crs, lm.data.crs);
    if (!proj) {
        lm.errors.push_back(path + ": " + proj.error());
        return;
    }
    Geos geos;
    std::map<Date, MultiPolygon> byDate;
    Scenario sc;
    for (const auto& f : layer->features) {
        const RecordPlace where{path, layer->name, f.fid};
        auto date = [&](int field, const char* what) -> Result<Date> {
            auto d = Date::parse(fieldText(f, field));
            if (!d) return fail(where.prefix() + "field '" + layer->fieldNames[static_cast<std::size_t>(field)] + "': value '" +
                                fieldText(f, field) + "' is not a valid " + what + " (" + d.error() + "); feature skipped");
            return *d;
        };
        if (f.polygons.empty()) continue;
        MultiPolygon shape = f.polygons;
        if (!proj->forward(shape)) {
            lm.warnings.push_back(where.prefix() + "coordinates outside the map projection's domain; feature skipped");
            continue;
        }
        if (intervals) {
            auto from = date(startF, "start date");
            if (!from) {
                lm.warnings.push_back(from.error());
                continue;
            }
            ControlZone z;
            z.id = layer->name + "#" + std::to_string(f.fid);
            z.fid = f.fid;
            z.validFrom = *from;
            if (endF >= 0 && !fieldText(f, endF).empty()) {
                auto to = date(endF, "end date");
                if (!to || *to <= *from) {
                    lm.warnings.push_back(to ? where.prefix() + "end " + to->iso() + " is not after start " + from->iso() + "; feature skipped"
                                             : to.error());
                    continue;
                }
                z.validTo = *to;
            }
            z.source = "layer " + layer->name + " of " + path;
            z.note = "Imported feature, unedited";
            z.shape = makeValid(geos, shape).shape;
            z.bbox = bounds(z.shape);
            sc.zones.push_back(std::move(z));
        } else {
            auto d = date(dateF, "date");
            if (!d) {
                lm.warnings.push_back(d.error());
                continue;
            }
            auto& mp = byDate[*d];
            mp.insert(mp.end(), shape.begin(), shape.end());
        }
    }
    for (auto it = byDate.begin(); it != byDate.end(); ++it) {
        ControlZone z;
        z.id = it->first.iso();
        z.validFrom = it->first;
        auto next = std::next(it);
        z.validTo = next != byDate.end() ? next->first : it->first + 1;
        z.source = "layer " + layer->name + " of " + path + ", features dated " + it->first.iso();
        z.note = "Imported features of one date, unedited";
        z.shape = unionAll(geos, {&it->second});
        z.bbox = bounds(z.shape);
        sc.zones.push_back(std::move(z));
    }
    if (sc.zones.empty()) {
        lm.errors.push_back(path + ": no usable dated feature");
        return;
    }
    sc.meta.source = path;
    sc.meta.title = fs::path(path).filename().string();
    sc.meta.disclaimer = "Imported from " + path + ", unedited.";
    lm.scenario = std::move(sc);
    finishScenario(lm);
    lm.timings.scenario = sw.seconds();
    lm.warnings.insert(lm.warnings.begin(), "imported " + std::to_string(lm.scenario.zones.size()) + " dated zone(s) from " + path);
}

}  // namespace sv::geo
