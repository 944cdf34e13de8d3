// Snapshot encoding (see snapshot.hpp).
#include "model/snapshot.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sys/stat.h>

#include "util/binary_io.hpp"
#include "util/files.hpp"

namespace sv {
namespace {

constexpr char kMagic[8] = {'S', 'V', 'S', 'N', 'A', 'P', '0', '1'};
constexpr uint32_t kFormat = 7;

void putShape(BinaryWriter& w, const MultiPolygon& mp) {
    w.put<uint64_t>(mp.size());
    for (const auto& poly : mp) {
        w.putVector(poly.outer);
        w.put<uint64_t>(poly.holes.size());
        for (const auto& h : poly.holes) w.putVector(h);
    }
}

MultiPolygon getShape(BinaryReader& r) {
    MultiPolygon mp;
    const auto n = r.get<uint64_t>();
    for (uint64_t i = 0; i < n && r.ok(); ++i) {
        Polygon p;
        p.outer = r.getVector<Vec2d>();
        const auto nh = r.get<uint64_t>();
        for (uint64_t k = 0; k < nh && r.ok(); ++k) p.holes.push_back(r.getVector<Vec2d>());
        mp.push_back(std::move(p));
    }
    return mp;
}

void putRegions(BinaryWriter& w, const std::vector<Region>& rs) {
    w.put<uint64_t>(rs.size());
    for (const auto& r : rs) {
        w.put(r.id), w.put(r.name), w.put(r.nameUk), w.put(r.type);
        w.putStrings(r.aliases);
        putShape(w, r.shape);
        w.put(r.bbox), w.put(r.labelPos);
    }
}

std::vector<Region> getRegions(BinaryReader& r) {
    std::vector<Region> out;
    const auto n = r.get<uint64_t>();
    for (uint64_t i = 0; i < n && r.ok(); ++i) {
        Region g;
        g.id = r.getString(), g.name = r.getString(), g.nameUk = r.getString(), g.type = r.getString();
        g.aliases = r.getStrings();
        g.shape = getShape(r);
        g.bbox = r.get<Bbox>(), g.labelPos = r.get<Vec2d>();
        out.push_back(std::move(g));
    }
    return out;
}

void putFill(BinaryWriter& w, const FillMesh& m) { w.putVector(m.vertices), w.putVector(m.indices), w.putVector(m.features); }
FillMesh getFill(BinaryReader& r) {
    FillMesh m;
    m.vertices = r.getVector<Vec2f>(), m.indices = r.getVector<uint32_t>(), m.features = r.getVector<MeshRange>();
    return m;
}
void putLines(BinaryWriter& w, const LineMesh& m) { w.putVector(m.points), w.putVector(m.features); }
LineMesh getLines(BinaryReader& r) {
    LineMesh m;
    m.points = r.getVector<Vec2f>(), m.features = r.getVector<MeshRange>();
    return m;
}
void putPoly(BinaryWriter& w, const PolygonMesh& m) { putFill(w, m.fill), putLines(w, m.outline); }
PolygonMesh getPoly(BinaryReader& r) {
    PolygonMesh m;
    m.fill = getFill(r), m.outline = getLines(r);
    return m;
}

void putDate(BinaryWriter& w, Date d) { w.put<int32_t>(d.days()); }
void putOptDate(BinaryWriter& w, const std::optional<Date>& d) {
    w.put<uint8_t>(d ? 1 : 0);
    w.put<int32_t>(d ? d->days() : 0);
}
Date getDate(BinaryReader& r) { return Date::fromDays(r.get<int32_t>()); }
std::optional<Date> getOptDate(BinaryReader& r) {
    const bool has = r.get<uint8_t>() != 0;
    const auto d = r.get<int32_t>();
    return has ? std::optional<Date>(Date::fromDays(d)) : std::nullopt;
}

void putScenario(BinaryWriter& w, const LoadedMap& m) {
    w.put<uint8_t>(m.hasScenario ? 1 : 0);
    if (!m.hasScenario) return;
    const Scenario& sc = m.scenario;
    w.put(sc.meta.title), w.put(sc.meta.disclaimer), w.put(sc.meta.source);
    putOptDate(w, sc.meta.start), putOptDate(w, sc.meta.end), putOptDate(w, sc.meta.defaultDate);
    w.put<uint64_t>(sc.zones.size());
    for (const auto& z : sc.zones) {
        w.put(z.id), w.put(z.fid), w.put(static_cast<int32_t>(z.side)), w.put(static_cast<int32_t>(z.status));
        putDate(w, z.validFrom), putOptDate(w, z.validTo);
        w.put(z.source), w.put(static_cast<int32_t>(z.confidence)), w.put(z.note), w.put(z.axis);
        putShape(w, z.shape);
        w.put(z.bbox);
        w.put<int32_t>(z.seriesDay);
    }
    w.put<uint64_t>(sc.sieges.size());
    for (const auto& s : sc.sieges) {
        w.put(s.id), w.put(s.place), putDate(w, s.start), putOptDate(w, s.end);
        w.put(static_cast<int32_t>(s.outcome)), w.put(s.radiusKm), w.put(s.radiusMap), w.put(s.source), w.put(s.note);
        w.put(s.lonlat), w.put(s.pos);
    }
    w.put<uint64_t>(sc.events.size());
    for (const auto& e : sc.events) {
        w.put(e.id), putDate(w, e.date), w.put(e.title), w.put(e.place), w.put(e.source), w.put(e.note);
        w.put(e.lonlat), w.put(e.pos);
    }
    w.put<uint64_t>(sc.derived.size());
    for (const auto& d : sc.derived) {
        w.put<uint64_t>(d.front.size());
        for (const auto& l : d.front) w.putVector(l);
        putShape(w, d.gained), putShape(w, d.lost);
        w.put(d.heldArea), w.put(d.gainedArea), w.put(d.lostArea), w.put(d.heldKm2);
    }
    const PreparedScenario& p = m.scenarioMeshes;
    putFill(w, p.zoneFills), putLines(w, p.zoneOutlines), putLines(w, p.fronts);
    putFill(w, p.gains), putFill(w, p.losses), putLines(w, p.gainOutlines), putLines(w, p.lossOutlines);
}

template <class E>
bool getEnum(BinaryReader& r, E& out, E maxValue) {
    const auto v = r.get<int32_t>();
    if (v < 0 || v > static_cast<int32_t>(maxValue)) return false;
    out = static_cast<E>(v);
    return true;
}

Status getScenario(BinaryReader& r, LoadedMap& m) {
    m.hasScenario = r.get<uint8_t>() != 0;
    if (!m.hasScenario) return Ok{};
    Scenario& sc = m.scenario;
    sc.meta.title = r.getString(), sc.meta.disclaimer = r.getString(), sc.meta.source = r.getString();
    sc.meta.start = getOptDate(r), sc.meta.end = getOptDate(r), sc.meta.defaultDate = getOptDate(r);
    const auto nz = r.get<uint64_t>();
    for (uint64_t i = 0; i < nz && r.ok(); ++i) {
        ControlZone z;
        z.id = r.getString(), z.fid = r.get<int64_t>();
        if (!getEnum(r, z.side, Side::Contested) || !getEnum(r, z.status, ControlStatus::Pre2022))
            return fail("snapshot holds a bad zone enum");
        z.validFrom = getDate(r), z.validTo = getOptDate(r);
        z.source = r.getString();
        if (!getEnum(r, z.confidence, Confidence::Low)) return fail("snapshot holds a bad zone enum");
        z.note = r.getString(), z.axis = r.getString();
        z.shape = getShape(r);
        z.bbox = r.get<Bbox>();
        z.seriesDay = r.get<int32_t>();
        sc.zones.push_back(std::move(z));
    }
    const auto ns = r.get<uint64_t>();
    for (uint64_t i = 0; i < ns && r.ok(); ++i) {
        Siege s;
        s.id = r.getString(), s.place = r.getString(), s.start = getDate(r), s.end = getOptDate(r);
        if (!getEnum(r, s.outcome, SiegeOutcome::Ongoing)) return fail("snapshot holds a bad siege outcome");
        s.radiusKm = r.get<double>(), s.radiusMap = r.get<double>(), s.source = r.getString(), s.note = r.getString();
        s.lonlat = r.get<Vec2d>(), s.pos = r.get<Vec2d>();
        sc.sieges.push_back(std::move(s));
    }
    const auto ne = r.get<uint64_t>();
    for (uint64_t i = 0; i < ne && r.ok(); ++i) {
        Event e;
        e.id = r.getString(), e.date = getDate(r), e.title = r.getString(), e.place = r.getString();
        e.source = r.getString(), e.note = r.getString(), e.lonlat = r.get<Vec2d>(), e.pos = r.get<Vec2d>();
        sc.events.push_back(std::move(e));
    }
    sc.buildIndex();
    const auto nd = r.get<uint64_t>();
    if (nd != sc.frames().size()) return fail("snapshot frames do not match its zones");
    for (uint64_t i = 0; i < nd && r.ok(); ++i) {
        FrameDerived d;
        const auto nl = r.get<uint64_t>();
        for (uint64_t k = 0; k < nl && r.ok(); ++k) d.front.push_back(r.getVector<Vec2d>());
        d.gained = getShape(r), d.lost = getShape(r);
        d.heldArea = r.get<double>(), d.gainedArea = r.get<double>(), d.lostArea = r.get<double>();
        d.heldKm2 = r.get<double>();
        sc.derived.push_back(std::move(d));
    }
    PreparedScenario& p = m.scenarioMeshes;
    p.zoneFills = getFill(r), p.zoneOutlines = getLines(r), p.fronts = getLines(r);
    p.gains = getFill(r), p.losses = getFill(r), p.gainOutlines = getLines(r), p.lossOutlines = getLines(r);
    return Ok{};
}

void putSeries(BinaryWriter& w, const Series* s) {
    w.put<uint8_t>(s ? 1 : 0);
    if (!s) return;
    w.put(s->source), w.put(s->format);
    w.putVector(s->chunks.points()), w.putVector(s->chunks.chunks());
    w.putVector(s->chunkRefs), w.putVector(s->rings);
    w.put<uint64_t>(s->days.size());
    for (const auto& d : s->days) {
        putDate(w, d.date), w.put(d.file), w.put(d.note);
        w.put(d.firstRing), w.put(d.ringCount), w.put(d.firstCell), w.put(d.cellCount), w.put(d.bbox), w.put(d.areaKm2);
    }
    w.putVector(s->files);
    putFill(w, s->cellFill);
    w.putVector(s->dayCells);
    w.put<uint64_t>(s->chunkFront.size());
    for (const auto& f : s->chunkFront) w.putVector(f);
}

Status getSeries(BinaryReader& r, LoadedMap& m) {
    if (r.get<uint8_t>() == 0) return Ok{};
    auto s = std::make_shared<Series>();
    s->source = r.getString(), s->format = r.getString();
    auto points = r.getVector<Vec2d>();
    auto chunks = r.getVector<Chunk>();
    for (const auto& c : chunks)
        if (uint64_t(c.first) + c.count > points.size()) return fail("snapshot series chunks are inconsistent");
    s->chunks.restore(std::move(points), std::move(chunks));
    s->chunkRefs = r.getVector<uint32_t>();
    s->rings = r.getVector<SeriesRing>();
    const auto nd = r.get<uint64_t>();
    for (uint64_t i = 0; i < nd && r.ok(); ++i) {
        SeriesDay d;
        d.date = getDate(r), d.file = r.getString(), d.note = r.getString();
        d.firstRing = r.get<uint32_t>(), d.ringCount = r.get<uint32_t>(), d.firstCell = r.get<uint32_t>();
        d.cellCount = r.get<uint32_t>(), d.bbox = r.get<Bbox>(), d.areaKm2 = r.get<double>();
        s->days.push_back(std::move(d));
    }
    s->files = r.getVector<Series::DatedFile>();
    s->cellFill = getFill(r);
    s->dayCells = r.getVector<uint32_t>();
    const auto nf = r.get<uint64_t>();
    for (uint64_t i = 0; i < nf && r.ok(); ++i) s->chunkFront.push_back(r.getVector<MeshRange>());
    // Every reference must stay inside its array.
    const auto nChunks = s->chunks.chunks().size(), nPoints = s->chunks.points().size();
    bool ok = r.ok() && s->chunkFront.size() == nChunks;
    for (uint32_t c : s->chunkRefs) ok = ok && c < nChunks;
    for (const auto& ring : s->rings) ok = ok && uint64_t(ring.first) + ring.count <= s->chunkRefs.size();
    for (const auto& d : s->days)
        ok = ok && uint64_t(d.firstRing) + d.ringCount <= s->rings.size() && uint64_t(d.firstCell) + d.cellCount <= s->dayCells.size();
    for (uint32_t c : s->dayCells) ok = ok && c < s->cellFill.features.size();
    for (const auto& f : s->files) ok = ok && f.day < s->days.size();
    for (const auto& f : s->chunkFront)
        for (const auto& r2 : f) ok = ok && uint64_t(r2.first) + r2.count <= nPoints;
    if (!ok) return fail("snapshot series is inconsistent");
    m.series = std::move(s);
    return Ok{};
}

bool meshesConsistent(const LoadedMap& m) {
    auto fillOk = [](const FillMesh& f) {
        for (uint32_t i : f.indices)
            if (i >= f.vertices.size()) return false;
        for (const auto& r : f.features)
            if (uint64_t(r.first) + r.count > f.indices.size()) return false;
        return true;
    };
    auto linesOk = [](const LineMesh& l) {
        for (const auto& r : l.features)
            if (uint64_t(r.first) + r.count > l.points.size()) return false;
        return true;
    };
    const auto& p = m.meshes;
    bool ok = fillOk(p.regionsFill) && fillOk(p.contextFill) && fillOk(p.backgroundFill) && linesOk(p.regionOutlines) &&
              linesOk(p.contextOutlines) && linesOk(p.nationalBorder) && linesOk(p.regionEdges) &&
              linesOk(p.contextEdges) &&
              p.regionOutlines.features.size() == m.data.regions.size() &&
              p.contextOutlines.features.size() == m.data.context.size();
    for (const auto& o : p.overlayPolygons) ok = ok && fillOk(o.fill) && linesOk(o.outline);
    for (const auto& l : p.overlayLines) ok = ok && linesOk(l);
    if (m.hasScenario) {
        const auto& s = m.scenarioMeshes;
        const std::size_t zones = m.scenario.zones.size(), frames = m.scenario.frames().size();
        ok = ok && fillOk(s.zoneFills) && linesOk(s.zoneOutlines) && linesOk(s.fronts) && fillOk(s.gains) &&
             fillOk(s.losses) && linesOk(s.gainOutlines) && linesOk(s.lossOutlines) &&
             s.zoneFills.features.size() == zones && s.zoneOutlines.features.size() == zones &&
             s.fronts.features.size() == frames && s.gains.features.size() == frames &&
             s.losses.features.size() == frames && s.gainOutlines.features.size() == frames &&
             s.lossOutlines.features.size() == frames;
    }
    return ok;
}

void putPayload(BinaryWriter& w, const LoadedMap& m) {
    w.put(m.data.crs);
    putRegions(w, m.data.regions);
    putRegions(w, m.data.context);
    w.put<uint64_t>(m.data.places.size());
    for (const auto& p : m.data.places) {
        w.put(p.id), w.put(p.name), w.put(p.nameUk);
        w.putStrings(p.aliases);
        w.put(static_cast<int32_t>(p.kind));
        w.put<int64_t>(p.population.value_or(-1));
        w.put(p.admin), w.put(p.source);
        w.put(p.lonlat), w.put(p.pos);
    }
    w.put<uint64_t>(m.data.overlays.size());
    for (const auto& o : m.data.overlays) {
        w.put(o.name), w.put(o.source);
        w.put<uint64_t>(o.polygons.size());
        for (const auto& mp : o.polygons) putShape(w, mp);
        w.put<uint64_t>(o.lines.size());
        for (const auto& ls : o.lines) {
            w.put<uint64_t>(ls.size());
            for (const auto& l : ls) w.putVector(l);
        }
        w.putVector(o.points);
    }
    w.put(m.meshes.origin);
    putFill(w, m.meshes.regionsFill);
    putLines(w, m.meshes.regionOutlines);
    putFill(w, m.meshes.contextFill);
    putFill(w, m.meshes.backgroundFill);
    w.put(m.meshes.backgroundBox);
    putLines(w, m.meshes.contextOutlines);
    putLines(w, m.meshes.nationalBorder);
    putLines(w, m.meshes.regionEdges);
    putLines(w, m.meshes.contextEdges);
    w.put<uint64_t>(m.meshes.overlayPolygons.size());
    for (const auto& p : m.meshes.overlayPolygons) putPoly(w, p);
    w.put<uint64_t>(m.meshes.overlayLines.size());
    for (const auto& l : m.meshes.overlayLines) putLines(w, l);
    putShape(w, m.data.outline);
    w.put(m.data.outlineKm2);
    putScenario(w, m);
    putSeries(w, m.series.get());
    w.putStrings(m.warnings);
    w.put(m.timings.read), w.put(m.timings.project), w.put(m.timings.prepare), w.put(m.timings.scenario);
}

// The header: magic, format, then the payload's size and FNV-1a.
std::vector<uint8_t> header(uint64_t size, uint64_t hash) {
    BinaryWriter out;
    for (char c : kMagic) out.put(c);
    out.put(kFormat);
    out.put<uint64_t>(size);
    out.put<uint64_t>(hash);
    return std::move(out.bytes());
}

constexpr uint64_t kFnvSeed = 1469598103934665603ULL;

}  // namespace

std::vector<uint8_t> encodeSnapshot(const LoadedMap& m) {
    BinaryWriter w;
    putPayload(w, m);
    const auto& payload = w.bytes();
    auto out = header(payload.size(), fnv1a(payload.data(), payload.size(), kFnvSeed));
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}

Result<LoadedMap> decodeSnapshot(std::span<const uint8_t> bytes) {
    BinaryReader h(bytes.data(), bytes.size());
    for (char c : kMagic)
        if (h.get<char>() != c) return fail(h.ok() ? "not a sitview snapshot" : "snapshot is truncated");
    const auto format = h.get<uint32_t>();
    if (!h.ok()) return fail("snapshot is truncated");
    if (format != kFormat) return fail("snapshot format version differs");
    const auto size = h.get<uint64_t>();
    const auto hash = h.get<uint64_t>();
    const std::size_t headerSize = sizeof kMagic + sizeof(uint32_t) + 2 * sizeof(uint64_t);
    if (!h.ok() || bytes.size() - headerSize != size) return fail("snapshot is truncated");
    if (fnv1a(bytes.data() + headerSize, size) != hash) return fail("snapshot checksum mismatch");

    BinaryReader r(bytes.data() + headerSize, size);
    LoadedMap m;
    m.data.crs = r.getString();
    m.data.regions = getRegions(r);
    m.data.context = getRegions(r);
    const auto np = r.get<uint64_t>();
    for (uint64_t i = 0; i < np && r.ok(); ++i) {
        Place p;
        p.id = r.getString(), p.name = r.getString(), p.nameUk = r.getString();
        p.aliases = r.getStrings();
        const auto kind = r.get<int32_t>();
        if (kind < 0 || kind > static_cast<int32_t>(PlaceKind::Site)) return fail("snapshot holds a bad place kind");
        p.kind = static_cast<PlaceKind>(kind);
        if (const auto pop = r.get<int64_t>(); pop >= 0) p.population = pop;
        p.admin = r.getString(), p.source = r.getString();
        p.lonlat = r.get<Vec2d>(), p.pos = r.get<Vec2d>();
        m.data.places.push_back(std::move(p));
    }
    const auto no = r.get<uint64_t>();
    for (uint64_t i = 0; i < no && r.ok(); ++i) {
        OverlayLayer o;
        o.name = r.getString(), o.source = r.getString();
        const auto npoly = r.get<uint64_t>();
        for (uint64_t k = 0; k < npoly && r.ok(); ++k) o.polygons.push_back(getShape(r));
        const auto nl = r.get<uint64_t>();
        for (uint64_t k = 0; k < nl && r.ok(); ++k) {
            std::vector<LineString> ls;
            const auto n = r.get<uint64_t>();
            for (uint64_t j = 0; j < n && r.ok(); ++j) ls.push_back(r.getVector<Vec2d>());
            o.lines.push_back(std::move(ls));
        }
        o.points = r.getVector<Vec2d>();
        m.data.overlays.push_back(std::move(o));
    }
    m.meshes.origin = r.get<Vec2d>();
    m.meshes.regionsFill = getFill(r);
    m.meshes.regionOutlines = getLines(r);
    m.meshes.contextFill = getFill(r);
    m.meshes.backgroundFill = getFill(r);
    m.meshes.backgroundBox = r.get<Bbox>();
    m.meshes.contextOutlines = getLines(r);
    m.meshes.nationalBorder = getLines(r);
    m.meshes.regionEdges = getLines(r);
    m.meshes.contextEdges = getLines(r);
    const auto nop = r.get<uint64_t>();
    for (uint64_t i = 0; i < nop && r.ok(); ++i) m.meshes.overlayPolygons.push_back(getPoly(r));
    const auto nol = r.get<uint64_t>();
    for (uint64_t i = 0; i < nol && r.ok(); ++i) m.meshes.overlayLines.push_back(getLines(r));
    m.data.outline = getShape(r);
    m.data.outlineKm2 = r.get<double>();
    if (auto ok = getScenario(r, m); !ok) return Error{ok.error()};
    if (auto ok = getSeries(r, m); !ok) return Error{ok.error()};
    m.scenario.series = m.series.get();
    for (const auto& z : m.scenario.zones)
        if (z.seriesDay >= 0 && (!m.series || static_cast<std::size_t>(z.seriesDay) >= m.series->days.size()))
            return fail("snapshot zone refers to a missing series day");
    m.warnings = r.getStrings();
    m.timings.read = r.get<double>(), m.timings.project = r.get<double>(), m.timings.prepare = r.get<double>();
    m.timings.scenario = r.get<double>();
    if (!r.ok() || !r.atEnd()) return fail("snapshot payload is malformed");
    if (!meshesConsistent(m)) return fail("snapshot meshes are inconsistent");
    // finishMeshes ran before the snapshot was written: its shared edges are stored and the fills' triangles are in
    // the order it sorted them. Not running it again saves the loader ~4 ms of the default map's start-up, on a core
    // the GL context's start-up shares.
    m.timings.fromCache = true;
    return m;
}

std::filesystem::path cacheDir() {
    if (const char* d = std::getenv("SITVIEW_CACHE_DIR"); d && *d) return d;
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::filesystem::path(x) / "sitview";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : "/tmp") / ".cache" / "sitview";
}

std::optional<std::filesystem::path> snapshotPath(const MapSources& s, const std::string& producer) {
    std::string key = "v" + std::to_string(kFormat) + "|" + s.crs + "|" + producer + "|" + s.seriesFormat + "|" +
                      s.dateField + "|" + s.startField + "|" + s.endField;
    std::vector<std::string> files = {s.regions, s.context, s.places, s.scenario};
    files.insert(files.end(), s.overlays.begin(), s.overlays.end());
    auto stamp = [](const std::string& f, std::string& k) {
        struct stat st{};
        if (::stat(f.c_str(), &st) != 0) return false;
        std::error_code ec;
        k += std::filesystem::absolute(f, ec).string() + ":" + std::to_string(st.st_size) + ":" +
             std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + ";";
        return true;
    };
    for (const auto& f : files) {
        key += "|";
        if (f.empty()) continue;
        if (!stamp(f, key)) return std::nullopt;
        std::error_code ec;
        if (std::filesystem::is_directory(f, ec)) {  // a scenario folder: every file in it counts
            std::vector<std::string> entries;
            for (const auto& e : std::filesystem::directory_iterator(f, ec)) entries.push_back(e.path().string());
            std::sort(entries.begin(), entries.end());
            for (const auto& e : entries) stamp(e, key);
        }
    }
    char name[40];
    std::snprintf(name, sizeof name, "map-%016llx.bin", static_cast<unsigned long long>(fnv1a(key.data(), key.size())));
    return cacheDir() / name;
}

std::optional<LoadedMap> readSnapshot(const std::filesystem::path& path) {
    auto text = readFile(path.string());
    if (!text) return std::nullopt;
    // Decoded where it was read: a copy as bytes would add the file's size (33 MB for a 1,600-day series) to the peak.
    auto m = decodeSnapshot({reinterpret_cast<const uint8_t*>(text->data()), text->size()});
    if (!m) return std::nullopt;
    return std::move(*m);
}

Status writeSnapshot(const std::filesystem::path& path, const LoadedMap& map) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    // Streamed to the file through BinaryWriter's small buffer: built in memory first, a 1,600-day series' 33 MB
    // payload (its vector doubling as it grew) and then a copy of it behind the header added ~80 MB to the first load's
    // peak. The payload's size and check are known at its end, so the header is written again then, over a blank one.
    return writeFileAtomic(path.string(), [&](std::FILE* f) {
        const auto blank = header(0, 0);
        if (std::fwrite(blank.data(), 1, blank.size(), f) != blank.size()) return false;
        uint64_t size = 0, hash = kFnvSeed;
        BinaryWriter w([&](const uint8_t* p, std::size_t n) {
            size += n;
            hash = fnv1a(p, n, hash);
            return std::fwrite(p, 1, n, f) == n;
        });
        putPayload(w, map);
        if (!w.flush()) return false;
        const auto head = header(size, hash);
        return std::fseek(f, 0, SEEK_SET) == 0 && std::fwrite(head.data(), 1, head.size(), f) == head.size();
    });
}

}  // namespace sv
