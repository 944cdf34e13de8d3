// Smooth morphing of the held area between two consecutive days (model/sdf.hpp explains the method): one signed
// distance texture per scenario frame, built on the CPU from the frame's triangulated held area and kept in a
// small cache; a quad over the grid's box mixes two of them in the fragment shader. Grids for frames not yet
// built are made on a worker thread while interactive (that day steps instead of morphing until it is ready) and
// synchronously for exports and tests, so every exported frame is morphed.
#pragma once
#include <future>
#include <map>
#include <memory>
#include <vector>

#include "model/loaded_map.hpp"
#include "model/sdf.hpp"
#include "render/batches.hpp"
#include "render/gl/shader.hpp"
#include "view/view_state.hpp"

namespace sv {

class MorphRenderer {
public:
    static constexpr int kGridCells = 1536;  // along the longer side of the map's home box

    Status load(const std::filesystem::path& shaderDir);
    void upload(const LoadedMap& map);  // forgets cached grids; the land grid is built on first use
    // Makes sure the grids of frames fa and fb are ready (building them now when `wait`, else in the background);
    // returns false when they are not.
    bool prepare(const LoadedMap& map, int fa, int fb, bool wait);
    // Draws the held area between frames fa and fb at t (0 = fa, 1 = fb); prepare() must have returned true.
    void draw(const FrameUniforms& u, const ViewState& view, const LoadedMap& map, int fa, int fb, double t);
    // The grid of a frame's held area, built anew (tests and benchmarks).
    std::vector<float> grid(const LoadedMap& map, int frame) const;
    const GridSpec& spec() const { return spec_; }
    // Which zones morph: held by Russia, except territory held before 2022 (it does not move).
    static bool morphs(const ControlZone& z);

private:
    struct Entry {
        std::shared_ptr<std::vector<float>> cells;  // until uploaded
        gl::Texture texture;
        uint64_t lastUse = 0;
    };
    std::shared_ptr<std::vector<float>> build(const LoadedMap& map, int frame) const;
    Entry* ready(const LoadedMap& map, int frame, bool wait);
    GLuint textureOf(Entry& e);

    gl::Program program_;
    gl::VertexArray vao_;
    gl::Buffer quad_;
    GridSpec spec_;
    Vec2d origin_;
    std::map<int, Entry> cache_;
    std::map<int, std::future<std::shared_ptr<std::vector<float>>>> pending_;
    gl::Texture land_;
    bool landBuilt_ = false;
    uint64_t clock_ = 0;
};

}  // namespace sv
