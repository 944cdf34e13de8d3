// Morph drawing (see morph_renderer.hpp).
#include "render/morph_renderer.hpp"

#include <algorithm>

#include "view/style.hpp"

namespace sv {
namespace {

constexpr std::size_t kCacheSize = 8;

void setColour(GLint loc, Rgba c) { glUniform4f(loc, c.rf(), c.gf(), c.bf(), c.af()); }

void uploadGrid(gl::Texture& tex, const GridSpec& g, const std::vector<float>& cells) {
    if (!tex) tex = gl::Texture::create();
    glBindTexture(GL_TEXTURE_2D, tex.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R16F, g.width, g.height, 0, GL_RED, GL_FLOAT, cells.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

}  // namespace

bool MorphRenderer::morphs(const ControlZone& z) { return z.side == Side::Ru && z.status != ControlStatus::Pre2022; }

Status MorphRenderer::load(const std::filesystem::path& dir) {
    auto prog = gl::Program::load(dir, "morph");
    if (!prog) return Error{prog.error()};
    program_ = std::move(*prog);
    const float corners[] = {0, 0, 1, 0, 0, 1, 1, 1};
    vao_ = gl::VertexArray::create();
    quad_ = gl::Buffer::create();
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, quad_.id());
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
    glBindVertexArray(0);
    return Ok{};
}

void MorphRenderer::upload(const LoadedMap& map) {
    for (auto& [f, job] : pending_)
        if (job.valid()) job.wait();
    pending_.clear();
    cache_.clear();
    landBuilt_ = false;
    origin_ = map.meshes.origin;
    Bbox box = map.data.home();
    if (map.hasScenario)
        for (const auto& z : map.scenario.zones)
            if (morphs(z)) box.add(z.bbox);
    spec_ = box.empty() ? GridSpec{} : gridFor(box, kGridCells);
}

std::shared_ptr<std::vector<float>> MorphRenderer::build(const LoadedMap& map, int frame) const {
    const Scenario& sc = map.scenario;
    std::vector<uint8_t> mask(static_cast<std::size_t>(spec_.width) * spec_.height, 0);
    for (uint32_t zi : sc.frames()[static_cast<std::size_t>(frame)].zones) {
        const ControlZone& z = sc.zones[zi];
        if (!morphs(z)) continue;
        if (z.seriesDay >= 0 && map.series) {
            const Series& s = *map.series;
            const SeriesDay& d = s.days[static_cast<std::size_t>(z.seriesDay)];
            std::vector<MeshRange> ranges;
            for (uint32_t i = d.firstCell; i < d.firstCell + d.cellCount; ++i) ranges.push_back(s.cellFill.features[s.dayCells[i]]);
            rasterTriangles(mask, spec_, s.cellFill, ranges, origin_);
        } else if (zi < map.scenarioMeshes.zoneFills.features.size()) {
            rasterTriangles(mask, spec_, map.scenarioMeshes.zoneFills, {map.scenarioMeshes.zoneFills.features[zi]}, origin_);
        }
    }
    return std::make_shared<std::vector<float>>(signedDistance(spec_, mask));
}

MorphRenderer::Entry* MorphRenderer::ready(const LoadedMap& map, int frame, bool wait) {
    if (auto it = cache_.find(frame); it != cache_.end()) {
        it->second.lastUse = ++clock_;
        return &it->second;
    }
    std::shared_ptr<std::vector<float>> cells;
    if (auto job = pending_.find(frame); job != pending_.end()) {
        if (!wait && job->second.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return nullptr;
        cells = job->second.get();
        pending_.erase(job);
    } else if (wait) {
        cells = build(map, frame);
    } else {
        if (pending_.size() < 2)  // at most two grids in the making: the machine may have two cores
            pending_[frame] = std::async(std::launch::async, [this, &map, frame] { return build(map, frame); });
        return nullptr;
    }
    if (cache_.size() >= kCacheSize) {
        auto oldest = std::min_element(cache_.begin(), cache_.end(),
                                       [](const auto& a, const auto& b) { return a.second.lastUse < b.second.lastUse; });
        cache_.erase(oldest);
    }
    Entry& e = cache_[frame];
    e.cells = std::move(cells);
    e.lastUse = ++clock_;
    return &e;
}

GLuint MorphRenderer::textureOf(Entry& e) {
    if (!e.texture) {
        uploadGrid(e.texture, spec_, *e.cells);
        e.cells.reset();  // the texture holds it now
    }
    return e.texture.id();
}

std::vector<float> MorphRenderer::grid(const LoadedMap& map, int frame) const { return *build(map, frame); }

bool MorphRenderer::prepare(const LoadedMap& map, int fa, int fb, bool wait) {
    if (!program_.id() || spec_.width <= 0 || !map.hasScenario) return false;
    const bool a = ready(map, fa, wait) != nullptr;
    const bool b = ready(map, fb, wait) != nullptr;
    return a && b;
}

void MorphRenderer::draw(const FrameUniforms& u, const ViewState& view, const LoadedMap& map, int fa, int fb, double t) {
    Entry* a = ready(map, fa, true);
    Entry* b = ready(map, fb, true);
    if (!landBuilt_) {
        std::vector<uint8_t> mask;
        rasterTriangles(mask, spec_, map.meshes.regionsFill, {{0, static_cast<uint32_t>(map.meshes.regionsFill.indices.size())}}, origin_);
        uploadGrid(land_, spec_, signedDistance(spec_, mask));
        landBuilt_ = true;
    }
    const GLuint ta = textureOf(*a), tb = textureOf(*b);
    program_.use();
    glUniformMatrix4fv(program_.uniform("u_matrix"), 1, GL_FALSE, u.matrix);
    glUniform4f(program_.uniform("u_box"), static_cast<float>(spec_.box.minX - origin_.x), static_cast<float>(spec_.box.minY - origin_.y),
                static_cast<float>(spec_.box.maxX - origin_.x), static_cast<float>(spec_.box.maxY - origin_.y));
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, ta);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, tb);
    glActiveTexture(GL_TEXTURE2);
    glBindTexture(GL_TEXTURE_2D, land_.id());
    glUniform1i(program_.uniform("u_a"), 0);
    glUniform1i(program_.uniform("u_b"), 1);
    glUniform1i(program_.uniform("u_land"), 2);
    glUniform1f(program_.uniform("u_t"), static_cast<float>(std::clamp(t, 0.0, 1.0)));
    glUniform1f(program_.uniform("u_pxPerCell"), static_cast<float>(spec_.cell * view.camera.scale()));
    const auto st = style::zone(Side::Ru, ControlStatus::Occupied);
    setColour(program_.uniform("u_fill"), st.fill);
    const float s = view.uiScale;
    const bool front = view.layers.front;
    setColour(program_.uniform("u_line"), style::kFrontLine);
    setColour(program_.uniform("u_casing"), style::kFrontCasing);
    glUniform1f(program_.uniform("u_lineWidth"), front ? style::kFrontLinePx * s : 0.0f);
    glUniform1f(program_.uniform("u_casingWidth"), front ? (style::kFrontLinePx + 2.5f) * s : 0.0f);
    // Keep the line off the border and the coast by more than its own half width.
    const double pxPerCell = spec_.cell * view.camera.scale();
    glUniform1f(program_.uniform("u_landMargin"), static_cast<float>(std::max(1.5, ((style::kFrontLinePx + 2.5) * s / 2 + 2) / std::max(pxPerCell, 1e-9))));
    glBindVertexArray(vao_.id());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindVertexArray(0);
    glActiveTexture(GL_TEXTURE0);
}

}  // namespace sv
