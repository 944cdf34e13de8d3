// GPU-side batches of prepared meshes: uploaded once, then drawn whole or by feature range with a colour and a
// width. The three pipelines (fill, line, marker) are shared by every layer of the map.
#pragma once
#include <filesystem>
#include <future>
#include <memory>
#include <vector>

#include "model/mesh.hpp"
#include "render/gl/objects.hpp"
#include "render/gl/shader.hpp"
#include "view/style.hpp"

namespace sv {

// Per-frame uniforms shared by all batches.
struct FrameUniforms {
    const float* matrix;   // 4×4 column-major: (world − origin) → clip
    float viewportW, viewportH;
    Bbox visible;  // the visible world in map coordinates, for culling
    float fragOffsetX = 0, fragOffsetY = 0;  // this target's origin in the whole image (tiles), bottom-up
    // What whole-batch draws of cullable batches may leave out: blocks of segments or triangles outside this box
    // (mesh coordinates, i.e. relative to the scene origin, with room for the widest line). Empty: draw everything.
    Box2f cull;
};

struct Pipelines {
    gl::Program fill, hatch, line, marker;  // fill: flat colour; hatch: striped (for translucent areas)
    gl::Buffer lineCorners, markerCorners;  // static unit quads for instanced drawing
    static Result<std::unique_ptr<Pipelines>> load(const std::filesystem::path& shaderDir);
};

class FillBatch {
public:
    // `cullable`: the batch is drawn whole and may leave out blocks of triangles off screen (draw() with
    // FrameUniforms::cull). Blocks are compact when the triangles come in map order (spatiallySorted).
    void upload(const FillMesh& mesh, bool cullable = false);
    void draw(Pipelines& p, const FrameUniforms& u, Rgba colour, float hatchPx = 0) const;  // everything
    void drawRange(Pipelines& p, const FrameUniforms& u, MeshRange r, Rgba colour, float hatchPx = 0) const;
    // Many index ranges in one call (glMultiDrawElements).
    void drawRanges(Pipelines& p, const FrameUniforms& u, const std::vector<MeshRange>& rs, Rgba colour, float hatchPx = 0) const;
    const std::vector<MeshRange>& ranges() const { return ranges_; }
    std::size_t gpuBytes() const { return bytes_; }
    bool empty() const { return indexCount_ == 0; }
    static constexpr uint32_t kBlock = 128;  // triangles per culling block

private:
    gl::VertexArray vao_;
    gl::Buffer vbo_, ebo_;
    std::vector<MeshRange> ranges_;
    std::vector<Box2f> blocks_;  // fillBlockBoxes, when cullable
    uint32_t indexCount_ = 0;
    std::size_t bytes_ = 0;
};

class LineBatch {
public:
    // `cullable`: drawn whole, and may leave out blocks of segments off screen (draw() with FrameUniforms::cull);
    // their boxes are then computed with every replacePoints.
    void upload(Pipelines& p, const LineMesh& mesh, bool cullable = false);
    // Replaces the points and ranges of an uploaded batch: for per-day or per-zoom polylines.
    void replacePoints(const std::vector<Vec2f>& points, std::vector<MeshRange> ranges = {}, GLenum usage = GL_STREAM_DRAW);
    void draw(Pipelines& p, const FrameUniforms& u, Rgba colour, float widthPx) const;
    void drawRange(Pipelines& p, const FrameUniforms& u, MeshRange r, Rgba colour, float widthPx) const;
    const std::vector<MeshRange>& ranges() const { return ranges_; }
    std::size_t gpuBytes() const { return bytes_; }
    // Segments per culling block. Smaller blocks leave out more of what lies off screen (the neighbours' outlines at
    // the zoom that fits Ukraine: 4,224 segments submitted with 128, 2,560 with 32, of ~2,200 on screen); each
    // visible run of blocks is one draw call (21 at that view).
    static constexpr uint32_t kBlock = 32;

private:
    gl::VertexArray vao_;
    gl::Buffer vbo_;
    std::vector<MeshRange> ranges_;
    std::vector<Box2f> blocks_;  // lineBlockBoxes of the points, when cullable
    bool cullable_ = false;
    uint32_t pointCount_ = 0;
    std::size_t bytes_ = 0;
};

// A line batch drawn thinned for the zoom (see thinned() in model/mesh.hpp): the mesh stays on the CPU, and the
// GL copy leaves out steps under half a pixel, then every point within half a pixel of the line drawn without it
// (Douglas-Peucker; for layers up to 250,000 points). Each point is a segment llvmpipe sets up and rasterises. At
// the zoom that fits Ukraine, the oblast boundaries keep 2,346 of their 8,606 points (6,825 with the steps alone)
// and the national border 1,570 of 3,001 (2,905), at ~0.3 ms per rebuild; zoomed out, detailed layers lose far more.
// Lines thinned for one step stay good while the wanted step is within a factor √2 of it (a kept step is then at
// most ~0.7 px); outside that, or before the first build (step <= 0), they are thinned again.
inline bool rethin(double builtStep, double wantedStep) {
    return builtStep <= 0 || wantedStep > builtStep * 1.4142 || wantedStep < builtStep / 1.4142;
}

class ThinnedLineBatch {
public:
    void upload(Pipelines& p, const LineMesh& mesh);
    // The zoom in pixels per map unit: rebuilds the GL copy when it moved by more than √2 since the last build.
    void setScale(double pxPerUnit);
    // Thins for that zoom on a thread of its own, if setScale would: setScale at the same zoom then uploads the
    // result instead of thinning (a one-frame render starts this while the GL side sets up; the built-in map's
    // three base layers took ~1.4 ms of the main thread's first frame).
    void prepareScale(double pxPerUnit);
    void draw(Pipelines& p, const FrameUniforms& u, Rgba colour, float widthPx) const { lines_.draw(p, u, colour, widthPx); }
    void drawRange(Pipelines& p, const FrameUniforms& u, MeshRange r, Rgba colour, float widthPx) const {
        lines_.drawRange(p, u, r, colour, widthPx);
    }
    const std::vector<MeshRange>& ranges() const { return lines_.ranges(); }  // into the thinned points
    std::size_t gpuBytes() const { return lines_.gpuBytes(); }

private:
    LineMesh mesh_;
    LineBatch lines_;
    double step_ = 0;  // the step the GL copy was built with (0: none yet)
    std::future<LineMesh> pending_;  // prepareScale's thinning, for pendingStep_
    double pendingStep_ = 0;
};

struct MarkerInstance {
    Vec2f center;  // relative to the scene origin
    float radiusPx;
    uint32_t fill;  // packed RGBA
};

class MarkerBatch {
public:
    void upload(Pipelines& p, const std::vector<MarkerInstance>& instances, bool dynamic = false);
    void draw(Pipelines& p, const FrameUniforms& u, Rgba ring, float ringPx, float radiusScale = 1.0f) const;
    std::size_t size() const { return count_; }

private:
    gl::VertexArray vao_;
    gl::Buffer vbo_;
    uint32_t count_ = 0;
    uint32_t capacity_ = 0;
};

}  // namespace sv
