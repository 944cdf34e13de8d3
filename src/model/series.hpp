// A long daily series of occupied areas (hundreds to thousands of snapshots) stored by what really differs between
// days. Rings are cut into content-defined chunks (a vertex ends a chunk when its hash says so, so an edit only
// changes the chunks around it) and identical chunks are stored once; the fill is cut into grid cells and a cell's
// triangles are stored once for every distinct content it ever has. A day is then a list of chunk and cell ids.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/geometry.hpp"
#include "model/mesh.hpp"
#include "util/date.hpp"

namespace sv {

struct Chunk {
    uint32_t first = 0, count = 0;  // into ChunkStore::points
    Bbox bbox;
    uint64_t hash = 0;
};

class ChunkStore {
public:
    // Restores a store saved with points()/chunks() (the dedup index is rebuilt).
    void restore(std::vector<Vec2d> points, std::vector<Chunk> chunks);
    // Stores the run of points (deduplicated); returns its chunk id.
    uint32_t add(const Vec2d* pts, uint32_t n);
    const std::vector<Vec2d>& points() const { return points_; }
    const std::vector<Chunk>& chunks() const { return chunks_; }
    std::size_t bytes() const;

    // Cuts a closed ring (implicitly closed, no repeated last point) into chunks from a canonical start, so the
    // same ring gives the same chunks whatever vertex it started at. Appends the chunk ids to `out`.
    void addRing(const Ring& ring, std::vector<uint32_t>& out);

private:
    std::vector<Vec2d> points_;
    std::vector<Chunk> chunks_;
    std::unordered_multimap<uint64_t, uint32_t> index_;
};

struct SeriesRing {
    uint32_t first = 0, count = 0;  // into Series::chunkRefs
    bool hole = false;
};

struct SeriesDay {
    Date date;
    std::string file;
    std::string note;
    uint32_t firstRing = 0, ringCount = 0;  // into Series::rings
    uint32_t firstCell = 0, cellCount = 0;  // into Series::dayCells
    Bbox bbox;
    double areaKm2 = -1;  // geodesic area of the held area, km² (-1: not computed yet)
};

struct Series {
    std::string source;  // the folder or file it was imported from
    std::string format;  // "deepstate", "nzz", "dated-layer"
    ChunkStore chunks;
    std::vector<uint32_t> chunkRefs;                   // rings' chunk lists
    std::vector<SeriesRing> rings;
    std::vector<SeriesDay> days;                       // distinct snapshots in date order
    struct DatedFile {
        Date date;
        uint32_t day;  // the distinct snapshot it equals
    };
    std::vector<DatedFile> files;  // every accepted input file, identical ones too (for statistics)
    FillMesh cellFill;                                 // every distinct cell triangulation, one range each
    std::vector<uint32_t> dayCells;                    // days' cell lists: indices into cellFill.features
    std::vector<std::vector<MeshRange>> chunkFront;    // per chunk: its segments that lie on the front line

    // Is the map point inside the day's held area? (Even-odd over the day's ring segments.)
    bool contains(std::size_t day, Vec2d p) const;
    // The day's rings rebuilt as points (for exports and tests); `holes` (if given) says which are holes.
    std::vector<Ring> dayRings(std::size_t day, std::vector<bool>* holes = nullptr) const;
    // The day as polygons: each hole goes with the outer ring that contains it.
    MultiPolygon dayShape(std::size_t day) const;
    std::size_t geometryBytes() const;  // unique points, cell meshes, per-day lists
    std::size_t vertexCount(std::size_t day) const;
};

}  // namespace sv
