// Batch upload and drawing (see batches.hpp). Every draw sets the state it needs; the ImGui backend restores its
// own state, so nothing is assumed from the previous frame.
#include "render/batches.hpp"

#include <cstddef>
#include <optional>
#include <utility>

namespace sv {
namespace {

void setColour(GLint loc, Rgba c) { glUniform4f(loc, c.rf(), c.gf(), c.bf(), c.af()); }

void useFill(Pipelines& p, const FrameUniforms& u, Rgba colour, float hatchPx) {
    gl::Program& prog = hatchPx > 0 ? p.hatch : p.fill;
    prog.use();
    glUniformMatrix4fv(prog.uniform("u_matrix"), 1, GL_FALSE, u.matrix);
    setColour(prog.uniform("u_color"), colour);
    if (hatchPx > 0) {
        glUniform1f(prog.uniform("u_hatch"), hatchPx);
        glUniform2f(prog.uniform("u_fragOffset"), u.fragOffsetX, u.fragOffsetY);
    }
}

}  // namespace

Result<std::unique_ptr<Pipelines>> Pipelines::load(const std::filesystem::path& dir) {
    auto p = std::make_unique<Pipelines>();
    auto fill = gl::Program::load(dir, "fill");
    if (!fill) return Error{fill.error()};
    auto hatch = gl::Program::load(dir, "hatch");
    if (!hatch) return Error{hatch.error()};
    auto line = gl::Program::load(dir, "line");
    if (!line) return Error{line.error()};
    auto marker = gl::Program::load(dir, "marker");
    if (!marker) return Error{marker.error()};
    p->fill = std::move(*fill);
    p->hatch = std::move(*hatch);
    p->line = std::move(*line);
    p->marker = std::move(*marker);

    const float lineCorners[] = {0, -1, 0, 1, 1, -1, 1, 1};
    p->lineCorners = gl::Buffer::create();
    glBindBuffer(GL_ARRAY_BUFFER, p->lineCorners.id());
    glBufferData(GL_ARRAY_BUFFER, sizeof lineCorners, lineCorners, GL_STATIC_DRAW);
    const float markerCorners[] = {-1, -1, -1, 1, 1, -1, 1, 1};
    p->markerCorners = gl::Buffer::create();
    glBindBuffer(GL_ARRAY_BUFFER, p->markerCorners.id());
    glBufferData(GL_ARRAY_BUFFER, sizeof markerCorners, markerCorners, GL_STATIC_DRAW);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    return p;
}

// ---- fills ----

void FillBatch::upload(const FillMesh& mesh, bool cullable) {
    vao_ = gl::VertexArray::create();
    vbo_ = gl::Buffer::create();
    ebo_ = gl::Buffer::create();
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.vertices.size() * sizeof(Vec2f)), mesh.vertices.data(),
                 GL_STATIC_DRAW);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ebo_.id());
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.indices.size() * sizeof(uint32_t)),
                 mesh.indices.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(Vec2f), nullptr);
    glBindVertexArray(0);
    ranges_ = mesh.features;
    blocks_ = cullable ? fillBlockBoxes(mesh.vertices, mesh.indices, kBlock) : std::vector<Box2f>{};
    indexCount_ = static_cast<uint32_t>(mesh.indices.size());
    bytes_ = mesh.vertices.size() * sizeof(Vec2f) + mesh.indices.size() * sizeof(uint32_t);
}

void FillBatch::draw(Pipelines& p, const FrameUniforms& u, Rgba colour, float hatchPx) const {
    if (u.cull.minX > u.cull.maxX || blocks_.size() < 2) return drawRange(p, u, {0, indexCount_}, colour, hatchPx);
    const auto visible = visibleFillRanges(blocks_, kBlock, indexCount_, u.cull);
    if (visible.size() == 1) drawRange(p, u, visible[0], colour, hatchPx);
    else if (!visible.empty()) drawRanges(p, u, visible, colour, hatchPx);
}

void FillBatch::drawRange(Pipelines& p, const FrameUniforms& u, MeshRange r, Rgba colour, float hatchPx) const {
    if (!vao_ || r.count == 0) return;
    useFill(p, u, colour, hatchPx);
    glBindVertexArray(vao_.id());
    // An opaque fill replaces what is under it: without blending llvmpipe writes the pixels without reading them.
    const bool opaque = colour.a == 255 && hatchPx <= 0;  // (the map passes blend: setMapGlState)
    if (opaque) glDisable(GL_BLEND);
    glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(r.count), GL_UNSIGNED_INT,
                   reinterpret_cast<const void*>(static_cast<std::uintptr_t>(r.first) * sizeof(uint32_t)));
    if (opaque) glEnable(GL_BLEND);
    glBindVertexArray(0);
}

void FillBatch::drawRanges(Pipelines& p, const FrameUniforms& u, const std::vector<MeshRange>& rs, Rgba colour,
                           float hatchPx) const {
    if (!vao_ || rs.empty()) return;
    useFill(p, u, colour, hatchPx);
    std::vector<GLsizei> counts;
    std::vector<const void*> offsets;
    counts.reserve(rs.size()), offsets.reserve(rs.size());
    for (const auto& r : rs) {
        if (!r.count) continue;
        counts.push_back(static_cast<GLsizei>(r.count));
        offsets.push_back(reinterpret_cast<const void*>(static_cast<std::uintptr_t>(r.first) * sizeof(uint32_t)));
    }
    glBindVertexArray(vao_.id());
    const bool opaque = colour.a == 255 && hatchPx <= 0;  // as in drawRange
    if (opaque) glDisable(GL_BLEND);
    glMultiDrawElements(GL_TRIANGLES, counts.data(), GL_UNSIGNED_INT, offsets.data(), static_cast<GLsizei>(counts.size()));
    if (opaque) glEnable(GL_BLEND);
    glBindVertexArray(0);
}

// ---- lines ----

void LineBatch::upload(Pipelines& p, const LineMesh& mesh, bool cullable) {
    cullable_ = cullable;
    vao_ = gl::VertexArray::create();
    vbo_ = gl::Buffer::create();
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, p.lineCorners.id());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribDivisor(1, 1);
    glVertexAttribDivisor(2, 1);
    glBindVertexArray(0);
    replacePoints(mesh.points, mesh.features, GL_STATIC_DRAW);
}

void LineBatch::replacePoints(const std::vector<Vec2f>& points, std::vector<MeshRange> ranges, GLenum usage) {
    if (!vao_) return;
    glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
    // New storage every time (the driver may still be reading the old one for a queued draw).
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(points.size() * sizeof(Vec2f)), points.data(), usage);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    ranges_ = std::move(ranges);
    blocks_ = cullable_ ? lineBlockBoxes(points, kBlock) : std::vector<Box2f>{};
    pointCount_ = static_cast<uint32_t>(points.size());
    bytes_ = points.size() * sizeof(Vec2f);
}

void LineBatch::draw(Pipelines& p, const FrameUniforms& u, Rgba colour, float width) const {
    if (u.cull.minX > u.cull.maxX || blocks_.size() < 2) return drawRange(p, u, {0, pointCount_}, colour, width);
    for (const MeshRange r : visibleLineRanges(blocks_, kBlock, pointCount_, u.cull)) drawRange(p, u, r, colour, width);
}

void LineBatch::drawRange(Pipelines& p, const FrameUniforms& u, MeshRange r, Rgba colour, float width) const {
    if (!vao_ || r.count < 2) return;
    p.line.use();
    glUniformMatrix4fv(p.line.uniform("u_matrix"), 1, GL_FALSE, u.matrix);
    glUniform2f(p.line.uniform("u_viewport"), u.viewportW, u.viewportH);
    glUniform1f(p.line.uniform("u_width"), width);
    setColour(p.line.uniform("u_color"), colour);
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
    // Segment i runs from point first+i to first+i+1: point the two instanced attributes one point apart.
    const auto base = static_cast<std::uintptr_t>(r.first) * sizeof(Vec2f);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(Vec2f), reinterpret_cast<const void*>(base));
    glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, sizeof(Vec2f), reinterpret_cast<const void*>(base + sizeof(Vec2f)));
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(r.count - 1));
    glBindVertexArray(0);
}

namespace {

// Douglas-Peucker costs up to ~65 ns a point (a 1,000,000-point random walk, nearly nothing left out: 64 ms), the
// step rule a few: a layer above kMaxSimplifiedPoints keeps the step rule alone, so that no zoom step spends more
// than ~15 ms on it. The built-in boundaries have 3,000-13,000 points.
LineMesh thinnedForStep(const LineMesh& mesh, double step) {
    constexpr std::size_t kMaxSimplifiedPoints = 250'000;
    return thinned(mesh, step, mesh.points.size() <= kMaxSimplifiedPoints ? step : 0.0);
}

}  // namespace

void ThinnedLineBatch::upload(Pipelines& p, const LineMesh& mesh) {
    if (pending_.valid()) pending_.get();  // (thinned from the mesh being replaced)
    mesh_ = mesh;
    lines_.upload(p, LineMesh{}, true);
    step_ = 0;
}

void ThinnedLineBatch::prepareScale(double pxPerUnit) {
    if (!(pxPerUnit > 0)) return;
    const double want = 0.5 / pxPerUnit;
    if (!rethin(step_, want) || (pending_.valid() && pendingStep_ == want)) return;
    if (pending_.valid()) pending_.get();
    pendingStep_ = want;
    // The thread gets its own copy of the mesh (~100 KB for the neighbours' outlines), so nothing it reads can
    // change or move under it.
    pending_ = std::async(std::launch::async, [mesh = mesh_, want] { return thinnedForStep(mesh, want); });
}

void ThinnedLineBatch::setScale(double pxPerUnit) {
    if (!(pxPerUnit > 0)) return;
    const double want = 0.5 / pxPerUnit;  // half a pixel
    std::optional<LineMesh> prepared;
    if (pending_.valid()) {
        const bool same = pendingStep_ == want;
        auto t = pending_.get();
        if (same) prepared = std::move(t);
    }
    if (!rethin(step_, want)) return;
    step_ = want;
    auto t = prepared ? std::move(*prepared) : thinnedForStep(mesh_, step_);
    lines_.replacePoints(t.points, std::move(t.features), GL_DYNAMIC_DRAW);
}

// ---- markers ----

void MarkerBatch::upload(Pipelines& p, const std::vector<MarkerInstance>& inst, bool dynamic) {
    if (!vao_) {
        vao_ = gl::VertexArray::create();
        vbo_ = gl::Buffer::create();
        glBindVertexArray(vao_.id());
        glBindBuffer(GL_ARRAY_BUFFER, p.markerCorners.id());
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
        glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(MarkerInstance), nullptr);
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, sizeof(MarkerInstance),
                              reinterpret_cast<const void*>(offsetof(MarkerInstance, radiusPx)));
        glEnableVertexAttribArray(3);
        glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(MarkerInstance),
                              reinterpret_cast<const void*>(offsetof(MarkerInstance, fill)));
        for (GLuint a = 1; a <= 3; ++a) glVertexAttribDivisor(a, 1);
        glBindVertexArray(0);
    }
    glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
    const auto bytes = static_cast<GLsizeiptr>(inst.size() * sizeof(MarkerInstance));
    if (inst.size() > capacity_ || !dynamic) {
        glBufferData(GL_ARRAY_BUFFER, bytes, inst.data(), dynamic ? GL_DYNAMIC_DRAW : GL_STATIC_DRAW);
        capacity_ = static_cast<uint32_t>(inst.size());
    } else {
        glBufferSubData(GL_ARRAY_BUFFER, 0, bytes, inst.data());
    }
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    count_ = static_cast<uint32_t>(inst.size());
}

void MarkerBatch::draw(Pipelines& p, const FrameUniforms& u, Rgba ring, float ringPx, float radiusScale) const {
    if (!vao_ || count_ == 0) return;
    p.marker.use();
    glUniformMatrix4fv(p.marker.uniform("u_matrix"), 1, GL_FALSE, u.matrix);
    glUniform2f(p.marker.uniform("u_viewport"), u.viewportW, u.viewportH);
    glUniform1f(p.marker.uniform("u_ring"), ringPx);
    glUniform1f(p.marker.uniform("u_radius_scale"), radiusScale);
    setColour(p.marker.uniform("u_ring_color"), ring);
    glBindVertexArray(vao_.id());
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(count_));
    glBindVertexArray(0);
}

}  // namespace sv
