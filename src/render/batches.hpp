// GPU-side batches of prepared meshes: uploaded once, then drawn whole or by feature range with a colour and a
// width. The three pipelines (fill, line, marker) are shared by every layer of the map.
#pragma once
#include <filesystem>
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
};

struct Pipelines {
    gl::Program fill, line, marker;
    gl::Buffer lineCorners, markerCorners;  // static unit quads for instanced drawing
    static Result<std::unique_ptr<Pipelines>> load(const std::filesystem::path& shaderDir);
};

class FillBatch {
public:
    void upload(const FillMesh& mesh);
    void draw(Pipelines& p, const FrameUniforms& u, Rgba colour, float hatchPx = 0) const;  // everything
    void drawRange(Pipelines& p, const FrameUniforms& u, MeshRange r, Rgba colour, float hatchPx = 0) const;
    // Many index ranges in one call (glMultiDrawElements).
    void drawRanges(Pipelines& p, const FrameUniforms& u, const std::vector<MeshRange>& rs, Rgba colour, float hatchPx = 0) const;
    const std::vector<MeshRange>& ranges() const { return ranges_; }
    std::size_t gpuBytes() const { return bytes_; }

private:
    gl::VertexArray vao_;
    gl::Buffer vbo_, ebo_;
    std::vector<MeshRange> ranges_;
    uint32_t indexCount_ = 0;
    std::size_t bytes_ = 0;
};

class LineBatch {
public:
    void upload(Pipelines& p, const LineMesh& mesh);
    // Replaces the points of an uploaded batch (ranges cleared): for per-day polylines. GL_STREAM_DRAW for
    // data that changes with the date.
    void replacePoints(const std::vector<Vec2f>& points, GLenum usage = GL_STREAM_DRAW);
    void draw(Pipelines& p, const FrameUniforms& u, Rgba colour, float widthPx) const;
    void drawRange(Pipelines& p, const FrameUniforms& u, MeshRange r, Rgba colour, float widthPx) const;
    const std::vector<MeshRange>& ranges() const { return ranges_; }
    std::size_t gpuBytes() const { return bytes_; }

private:
    gl::VertexArray vao_;
    gl::Buffer vbo_;
    std::vector<MeshRange> ranges_;
    uint32_t pointCount_ = 0;
    std::size_t bytes_ = 0;
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
