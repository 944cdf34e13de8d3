// Base-map drawing (see map_renderer.hpp).
#include "render/map_renderer.hpp"

#include "render/gl/gl.hpp"
#include "render/gl/shader.hpp"

#include <cstring>

namespace sv {

Result<std::unique_ptr<MapRenderer>> MapRenderer::create(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return fail(dir.string() + ": shader directory not found (expected fill/line/marker .vert and .frag)");
    auto pipes = Pipelines::load(dir);
    if (!pipes) return Error{pipes.error()};
    auto r = std::make_unique<MapRenderer>();
    r->pipelines_ = std::move(*pipes);
    if (auto m = r->morph_.load(dir); !m) return Error{m.error()};
    return r;
}

Result<std::unique_ptr<MapRenderer>> MapRenderer::createFromResources() {
    auto dir = gl::findShaderDir();
    if (!dir) return Error{dir.error()};
    return create(*dir);
}

std::size_t MapRenderer::upload(const LoadedMap& map, std::optional<Date> onlyDate) {
    base_.invalidate();
    const MapData& data = map.data;
    const PreparedMap& m = map.meshes;
    origin_ = m.origin;
    Pipelines& p = *pipelines_;
    contextFill_.upload(m.contextFill, true);
    backgroundFill_.upload(m.backgroundFill, true);
    backgroundBox_ = m.backgroundBox;
    contextLines_.upload(p, m.contextEdges);
    regionFill_.upload(m.regionsFill, true);
    regionLines_.upload(p, m.regionEdges);
    regionOutlines_.upload(p, m.regionOutlines);
    border_.upload(p, m.nationalBorder);
    overlayFills_.clear(), overlayOutlines_.clear(), overlayLines_.clear();
    for (std::size_t i = 0; i < m.overlayPolygons.size(); ++i) {
        overlayFills_.emplace_back().upload(m.overlayPolygons[i].fill, true);
        overlayOutlines_.emplace_back().upload(p, m.overlayPolygons[i].outline);
        overlayLines_.emplace_back().upload(p, m.overlayLines[i]);
    }
    placeInstances_.clear();
    // Smaller kinds first so capitals and oblast centres are drawn on top.
    for (int k = static_cast<int>(PlaceKind::Site); k >= 0; --k)
        for (const auto& pl : data.places) {
            if (static_cast<int>(pl.kind) != k) continue;
            const auto ms = style::marker(pl.kind);
            placeInstances_.push_back({{static_cast<float>(pl.pos.x - origin_.x), static_cast<float>(pl.pos.y - origin_.y)},
                                       ms.radiusPx, ms.fill.packed()});
        }
    places_.upload(p, placeInstances_);
    std::vector<MarkerInstance> pts;
    for (const auto& o : data.overlays)
        for (const auto& pt : o.points)
            pts.push_back({{static_cast<float>(pt.x - origin_.x), static_cast<float>(pt.y - origin_.y)}, 3.0f,
                           style::kOverlayLine.packed()});
    overlayPoints_.upload(p, pts);
    std::size_t inGl = 0;
    if (map.hasScenario && onlyDate) {
        const Scenario& sc = map.scenario;
        const int f = sc.frameAt(*onlyDate);
        ScenarioRenderer::OneFrame one{f < 0 ? UINT32_MAX : static_cast<uint32_t>(f), {}, std::nullopt};
        if (f >= 0)
            for (const uint32_t zi : sc.frames()[static_cast<std::size_t>(f)].zones) {
                one.zones.push_back(zi);
                if (sc.zones[zi].seriesDay >= 0) one.seriesDay = static_cast<std::size_t>(sc.zones[zi].seriesDay);
            }
        inGl = scenario_.upload(p, map.scenarioMeshes, map.series.get(), origin_, &one);
    } else if (map.hasScenario) {
        inGl = scenario_.upload(p, map.scenarioMeshes, map.series.get(), origin_);
    }
    morph_.upload(map);
    return inGl;
}

void setMapGlState(int width, int height) {
    glViewport(0, 0, width, height);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glPolygonMode(GL_FRONT_AND_BACK, GL_FILL);
}

namespace {

uint64_t hashMix(uint64_t h, uint64_t v) { return (h ^ v) * 1099511628211ULL; }
uint64_t hashDouble(uint64_t h, double d) {
    uint64_t v;
    std::memcpy(&v, &d, sizeof v);
    return hashMix(h, v);
}

// Everything the static layers depend on: camera, viewport, scale, which layers are on; without the camera's
// centre (`withCentre` false) what a drag leaves unchanged.
uint64_t viewKey(const ViewState& view, uint64_t salt, bool withCentre = true) {
    const Camera& c = view.camera;
    uint64_t h = hashMix(1469598103934665603ULL, salt);
    if (withCentre) h = hashDouble(h, c.center().x), h = hashDouble(h, c.center().y);
    h = hashDouble(h, c.scale());
    h = hashMix(h, static_cast<uint64_t>(c.width()) << 32 | static_cast<uint64_t>(c.height()));
    h = hashDouble(h, view.uiScale);
    const auto& L = view.layers;
    return hashMix(h, uint64_t(L.context) | uint64_t(L.regions) << 1 | uint64_t(L.overlays) << 2);
}

// `world` (map coordinates) as a culling box in mesh coordinates (relative to `origin`), with room around it for
// the widest line and its antialiasing.
Box2f cullBox(const Bbox& world, Vec2d origin, double pxPerUnit) {
    if (world.empty() || !(pxPerUnit > 0)) return {};
    const double pad = 16.0 / pxPerUnit;
    return {static_cast<float>(world.minX - origin.x - pad), static_cast<float>(world.minY - origin.y - pad),
            static_cast<float>(world.maxX - origin.x + pad), static_cast<float>(world.maxY - origin.y + pad)};
}

}  // namespace

void MapRenderer::drawBase(const ViewState& view, const FrameUniforms& u) {
    Pipelines& p = *pipelines_;
    const float s = view.uiScale;
    // With the neighbours and the regions shown, the sea is drawn over a clear in the neighbours' colour rather
    // than they over a clear in the sea's (PreparedMap::backgroundFill): the same pixels, a fraction of the
    // triangles and fragments. (With the regions hidden, the ground both layers claim, where the data overlap,
    // must show the neighbours' colour: drawn the old way.)
    const bool complement = view.layers.context && view.layers.regions && !backgroundFill_.empty() &&
                            backgroundBox_.contains(u.visible);
    const auto& clear = complement ? style::kContextFill : style::kBackground;
    glClearColor(clear.rf(), clear.gf(), clear.bf(), 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (complement) backgroundFill_.draw(p, u, style::kBackground);
    else if (view.layers.context) contextFill_.draw(p, u, style::kContextFill);
    if (view.layers.context) contextLines_.draw(p, u, style::kContextLine, style::kContextLinePx * s);
    if (view.layers.regions) {
        regionFill_.draw(p, u, style::kRegionFill);
        regionLines_.draw(p, u, style::kRegionLine, style::kRegionLinePx * s);
        border_.draw(p, u, style::kNationalBorder, style::kNationalBorderPx * s);
    }
    if (view.layers.overlays) {
        for (std::size_t i = 0; i < overlayFills_.size(); ++i) {
            overlayFills_[i].draw(p, u, style::kOverlayFill);
            overlayOutlines_[i].draw(p, u, style::kOverlayLine, 1.5f * s);
            overlayLines_[i].draw(p, u, style::kOverlayLine, 2.0f * s);
        }
        overlayPoints_.draw(p, u, style::kMarkerRing, style::kMarkerRingPx * s);
    }
}

void MapRenderer::prepareView(const ViewState& view) {
    for (ThinnedLineBatch* b : {&contextLines_, &regionLines_, &border_}) b->prepareScale(view.camera.scale());
}

void MapRenderer::draw(const ViewState& view, const LoadedMap& map) {
    const MapData& data = map.data;
    const Camera& cam = view.camera;
    const int w = cam.width(), h = cam.height();
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    setMapGlState(w, h);
    Pipelines& p = *pipelines_;
    FrameUniforms u{cam.matrix(origin_).data(), float(w), float(h), cam.visibleWorld(), view.tileOffsetX, view.tileOffsetY};
    u.cull = cullBox(u.visible, origin_, cam.scale());
    const float s = view.uiScale;

    // The static base — sea, neighbours, oblasts with their boundaries, the national border, extra layers — is
    // drawn only when the view changes and copied in every frame; the control zones are translucent, so the
    // boundaries under them still show. Without the cache it is drawn straight into the target. A view is cached
    // from its second frame on: the first frame of a view (the window's first, each frame of a zoom) would pay for
    // drawing into the cache and copying it out and never use it again. A drag keeps the zoom: from its first
    // frame on the cached image is moved by the whole pixels the view moved and only the strips that come into
    // view are drawn, and each frame's base is cached for the next.
    for (ThinnedLineBatch* b : {&contextLines_, &regionLines_, &border_}) b->setScale(cam.scale());
    for (auto* v : {&overlayOutlines_, &overlayLines_})
        for (auto& b : *v) b.setScale(cam.scale());
    const uint64_t key = viewKey(view, 1), family = viewKey(view, 1, false);
    const bool sameView = key == lastBaseKey_, sameZoom = family == lastFamily_;
    lastBaseKey_ = key, lastFamily_ = family;
    const Vec2d moved = cam.worldToScreen(base_.centre()) - Vec2d{w / 2.0, h / 2.0};
    std::optional<PixelShift> shift;
    if (cacheBase_ && base_.holds(key, w, h)) {
        base_.copyTo(static_cast<GLuint>(target), w, h);
        ++baseStats_.copied;
    } else if (cacheBase_ && (shift = base_.shiftFor(family, moved, w, h))) {
        const auto strips = base_.shiftTo(static_cast<GLuint>(target), *shift);
        glEnable(GL_SCISSOR_TEST);
        for (const auto& r : strips) {
            glScissor(r[0], r[1], r[2], r[3]);
            // Only what reaches the strip: r is in GL's framebuffer coordinates (y up), the camera's screen y is down.
            Bbox strip;
            strip.add(cam.screenToWorld({double(r[0]), double(h - r[1] - r[3])}));
            strip.add(cam.screenToWorld({double(r[0] + r[2]), double(h - r[1])}));
            FrameUniforms su = u;
            su.cull = cullBox(strip, origin_, cam.scale());
            drawBase(view, su);
        }
        glDisable(GL_SCISSOR_TEST);
        base_.store(static_cast<GLuint>(target), key);
        base_.set(family, cam.center());
        ++baseStats_.shifted;
    } else if (cacheBase_ && (sameView || sameZoom) && base_.begin(key, w, h)) {
        drawBase(view, u);
        base_.set(family, cam.center());
        base_.done(target);
        base_.copyTo(static_cast<GLuint>(target), w, h);
        ++baseStats_.cached;
    } else {
        drawBase(view, u);
        ++baseStats_.drawn;
        // A one-frame render draws the base straight into the target: finish it, as the copy from the cache did,
        // so that llvmpipe does not bin the rest of the frame into a second scene while it still rasterises the
        // first (measured: +6 MB at the peak with glFlush or nothing here).
        if (!cacheBase_) glFinish();
    }
    setMapGlState(w, h);
    // Between two days whose control differs, the held area morphs from one to the other (see sdf.hpp).
    bool morphing = false;
    int fa = -1, fb = -1;
    double t = view.forceMorphT >= 0 ? view.forceMorphT : view.time.dayFraction();
    if (map.hasScenario && view.layers.control && (view.forceMorphT >= 0 || (view.morph && t > 0))) {
        const Date d = view.time.date();
        fa = map.scenario.frameAt(d), fb = map.scenario.frameAt(d + 1);
        if (fb < 0) fb = fa;
        morphing = fa >= 0 && (fa != fb || view.forceMorphT >= 0) &&
                   morph_.prepare(map, fa, fb, view.morphWait || view.forceMorphT >= 0);
    }
    if (map.hasScenario) scenario_.drawAreas(p, u, view, map.scenario, morphing);
    if (morphing) {
        morph_.draw(u, view, map, fa, fb, t);
        setMapGlState(w, h);
    }
    if (view.layers.regions)
        for (const auto& id : view.highlightRegions) {
            regionOutlines_.setScale(cam.scale());  // thinned only when a region is highlighted
            for (std::size_t i = 0; i < data.regions.size() && i < regionOutlines_.ranges().size(); ++i)
                if (data.regions[i].id == id)
                    regionOutlines_.drawRange(p, u, regionOutlines_.ranges()[i], style::kSelection, 3.0f * s);
        }
    if (map.hasScenario) scenario_.drawLines(p, u, view, map.scenario, morphing);
    if (view.layers.places) {
        places_.draw(p, u, style::kMarkerRing, style::kMarkerRingPx * s, s);
        if (const Place* sel = view.selectedPlace.empty() ? nullptr : data.findPlace(view.selectedPlace)) {
            const auto ms = style::marker(sel->kind);
            const MarkerInstance ring{{static_cast<float>(sel->pos.x - origin_.x), static_cast<float>(sel->pos.y - origin_.y)},
                                      ms.radiusPx + 6.0f, Rgba{0, 0, 0, 0}.packed()};
            highlight_.upload(p, {ring}, true);
            highlight_.draw(p, u, style::kSelection, 3.0f * s, s);
        }
    }
}

std::size_t MapRenderer::gpuBytes() const {
    std::size_t b = contextFill_.gpuBytes() + backgroundFill_.gpuBytes() + regionFill_.gpuBytes() + contextLines_.gpuBytes() +
                    regionLines_.gpuBytes() + regionOutlines_.gpuBytes() + border_.gpuBytes();
    for (const auto& f : overlayFills_) b += f.gpuBytes();
    for (const auto& l : overlayOutlines_) b += l.gpuBytes();
    for (const auto& l : overlayLines_) b += l.gpuBytes();
    return b;
}

}  // namespace sv
