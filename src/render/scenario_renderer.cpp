// Scenario drawing (see scenario_renderer.hpp).
#include "render/scenario_renderer.hpp"

#include <algorithm>
#include <cmath>

#include "view/style.hpp"

namespace sv {
namespace {

Rgba withAlpha(Rgba c, float a) {
    c.a = static_cast<uint8_t>(std::clamp(a, 0.0f, 1.0f) * 255.0f);
    return c;
}

// Series lines skip steps shorter than half a pixel at the view's zoom (see SeriesRenderer).
double seriesStep(const ViewState& view) { return 0.5 / view.camera.scale(); }

}  // namespace

std::size_t ScenarioRenderer::upload(Pipelines& p, const PreparedScenario& m, const Series* series, Vec2d origin,
                                     const OneFrame* only) {
    origin_ = origin;
    if (series) series_.upload(p, *series, origin, only ? only->seriesDay : std::nullopt);
    std::size_t bytes = 0;
    auto fill = [&](FillBatch& batch, const FillMesh& mesh) { batch.upload(mesh), bytes += meshBytes(mesh); };
    auto lines = [&](LineBatch& batch, const LineMesh& mesh) { batch.upload(p, mesh), bytes += meshBytes(mesh); };
    if (!only) {
        zoneFills_.upload(m.zoneFills);
        lines(zoneOutlines_, m.zoneOutlines);
        lines(fronts_, m.fronts);
        fill(gains_, m.gains);
        fill(losses_, m.losses);
        lines(gainOutlines_, m.gainOutlines);
        lines(lossOutlines_, m.lossOutlines);
        return bytes;
    }
    const std::vector<uint32_t> frame{only->frame};
    zoneFills_.upload(onlyFeatures(m.zoneFills, only->zones));
    lines(zoneOutlines_, onlyFeatures(m.zoneOutlines, only->zones));
    lines(fronts_, onlyFeatures(m.fronts, frame));
    fill(gains_, onlyFeatures(m.gains, frame));
    fill(losses_, onlyFeatures(m.losses, frame));
    lines(gainOutlines_, onlyFeatures(m.gainOutlines, frame));
    lines(lossOutlines_, onlyFeatures(m.lossOutlines, frame));
    return bytes;
}

void ScenarioRenderer::prepareDate(const ViewState& view, const Scenario& sc) {
    const int f = sc.frameAt(view.time.date());
    if (f < 0 || !sc.series) return;
    for (uint32_t zi : sc.frames()[static_cast<std::size_t>(f)].zones)
        if (const int day = sc.zones[zi].seriesDay; day >= 0)
            series_.select(*sc.series, static_cast<std::size_t>(day), seriesStep(view));
}

void ScenarioRenderer::drawAreas(Pipelines& p, const FrameUniforms& u, const ViewState& view, const Scenario& sc, bool morphing) {
    const int f = sc.frameAt(view.time.date());
    if (f < 0) return;
    const auto& frame = sc.frames()[static_cast<std::size_t>(f)];
    if (view.layers.control) {
        // Older statuses first so fresher, more certain zones sit on top.
        for (uint32_t zi : frame.zones) {
            const ControlZone& z = sc.zones[zi];
            if (!u.visible.intersects(z.bbox) || (morphing && MorphRenderer::morphs(z))) continue;
            const auto st = style::zone(z.side, z.status);
            if (z.seriesDay >= 0 && sc.series)
                series_.drawFill(p, u, *sc.series, static_cast<std::size_t>(z.seriesDay), st.fill, st.hatchPx * view.uiScale);
            else
                zoneFills_.drawRange(p, u, zoneFills_.ranges()[zi], st.fill, st.hatchPx * view.uiScale);
        }
    }
    if (view.layers.changes && f >= 0 && !morphing) {  // frame 0: only published changes (NZZ)
        gains_.drawRange(p, u, gains_.ranges()[static_cast<std::size_t>(f)], style::kGain, style::kChangeHatchPx * view.uiScale);
        losses_.drawRange(p, u, losses_.ranges()[static_cast<std::size_t>(f)], style::kLoss, style::kChangeHatchPx * view.uiScale);
    }
}

void ScenarioRenderer::drawLines(Pipelines& p, const FrameUniforms& u, const ViewState& view, const Scenario& sc, bool morphing) {
    const Date d = view.time.date();
    const int f = sc.frameAt(d);
    const float s = view.uiScale;
    if (f >= 0 && !morphing) {
        const auto fi = static_cast<std::size_t>(f);
        if (view.layers.control)
            for (uint32_t zi : sc.frames()[fi].zones) {
                const ControlZone& z = sc.zones[zi];
                if (z.seriesDay >= 0 && sc.series)
                    series_.drawOutline(p, u, *sc.series, static_cast<std::size_t>(z.seriesDay), seriesStep(view),
                                        style::kZoneOutline, 1.0f * s);
                else
                    zoneOutlines_.drawRange(p, u, zoneOutlines_.ranges()[zi], style::kZoneOutline, 1.0f * s);
            }
        if (view.layers.changes && f >= 0) {
            gainOutlines_.drawRange(p, u, gainOutlines_.ranges()[fi], style::kGainLine, 1.5f * s);
            lossOutlines_.drawRange(p, u, lossOutlines_.ranges()[fi], style::kLossLine, 1.5f * s);
        }
        // A selected gain or loss (the evidence question) stays outlined while its frame is shown.
        if (view.highlightChangeFrame == f && f >= 0)
            (view.highlightChangeGained ? gainOutlines_ : lossOutlines_)
                .drawRange(p, u, (view.highlightChangeGained ? gainOutlines_ : lossOutlines_).ranges()[fi], style::kSelection, 3.0f * s);
        if (view.layers.front) {
            fronts_.drawRange(p, u, fronts_.ranges()[fi], style::kFrontCasing, (style::kFrontLinePx + 2.5f) * s);
            fronts_.drawRange(p, u, fronts_.ranges()[fi], style::kFrontLine, style::kFrontLinePx * s);
            for (uint32_t zi : sc.frames()[fi].zones)
                if (const int day = sc.zones[zi].seriesDay; day >= 0 && sc.series) {
                    const auto di = static_cast<std::size_t>(day);
                    series_.drawFront(p, u, *sc.series, di, seriesStep(view), style::kFrontCasing, (style::kFrontLinePx + 2.5f) * s);
                    series_.drawFront(p, u, *sc.series, di, seriesStep(view), style::kFrontLine, style::kFrontLinePx * s);
                }
        }
    }
    const double scale = view.camera.scale();
    auto at = [&](Vec2d pos) {
        return Vec2f{static_cast<float>(pos.x - origin_.x), static_cast<float>(pos.y - origin_.y)};
    };
    if (view.layers.sieges) {
        // One draw per ring colour: the ring colour is a uniform.
        struct Group {
            Rgba colour;
            float width;
            std::vector<MarkerInstance> rings;
        };
        const float pulse = static_cast<float>(0.5 + 0.5 * std::sin(view.clock * 2.0 * M_PI / 1.6));
        Group groups[4] = {{style::kSiegeActive, (2.0f + 1.5f * pulse) * s, {}},
                           {style::kSiegeHeld, 2.5f * s, {}},
                           {style::kSiegeFell, 2.5f * s, {}},
                           {style::kSiegeLifted, 2.5f * s, {}}};
        for (const auto& sg : sc.sieges) {
            const float r = static_cast<float>(sg.radiusMap * scale);
            if (r < 3.0f) continue;
            if (sg.activeOn(d)) {
                groups[0].rings.push_back({at(sg.pos), r / s, withAlpha(style::kSiegeActive, 0.0f).packed()});
            } else if (sg.end && *sg.end < d && d - *sg.end <= style::kSiegeAfterDays) {
                const int g = sg.outcome == SiegeOutcome::Fell ? 2 : sg.outcome == SiegeOutcome::Lifted ? 3 : 1;
                groups[g].rings.push_back({at(sg.pos), r / s, withAlpha(style::kSiegeActive, 0.0f).packed()});
            }
        }
        for (auto& g : groups) {
            if (g.rings.empty()) continue;
            rings_.upload(p, g.rings, true);
            rings_.draw(p, u, g.colour, g.width, s);
        }
    }
    if (view.layers.events) {
        std::vector<MarkerInstance> ev;
        for (const auto& e : sc.events) {
            const int age = d - e.date;
            if (age < 0 || age >= style::kEventDays) continue;
            const float fade = 1.0f - 0.7f * static_cast<float>(age) / style::kEventDays;
            ev.push_back({at(e.pos), 5.0f, withAlpha(style::kEventFill, fade).packed()});
        }
        if (!ev.empty()) {
            events_.upload(p, ev, true);
            events_.draw(p, u, style::kMarkerRing, 1.5f * s, s);
        }
    }
}

}  // namespace sv
