// The application's shared parts (see app.hpp): loading hand-over, camera placement, selection, panels and text.
#include "app/app.hpp"

#include <cstdio>
#include <filesystem>

#include <sys/resource.h>

#include <imgui.h>

#include "render/map_renderer.hpp"
#include "ui/fonts.hpp"
#include "ui/layers_panel.hpp"
#include "ui/legend_panel.hpp"
#include "ui/log_panel.hpp"
#include "ui/map_labels.hpp"
#include "ui/map_overlays.hpp"
#include "ui/map_tooltip.hpp"
#include "app/geo_module.hpp"
#include "util/log.hpp"
#include "util/memory.hpp"
#include "util/stopwatch.hpp"
#include "util/trace.hpp"
#include "view/picking.hpp"

namespace sv {

App::App(Options options) : opt_(std::move(options)) {
    view_.uiScale = opt_.uiScale;
    view_.presentScale = opt_.presentScale;
    view_.safeFrame = opt_.safeFrame;
    view_.morph = opt_.morph;
    view_.forceMorphT = opt_.morphT;
    auto& L = view_.layers;
    for (const auto& h : opt_.hide) {
        if (h == "context") L.context = false;
        if (h == "regions") L.regions = false;
        if (h == "region-labels") L.regionLabels = false;
        if (h == "places") L.places = false;
        if (h == "place-labels") L.placeLabels = false;
        if (h == "overlays") L.overlays = false;
        if (h == "control") L.control = false;
        if (h == "changes") L.changes = false;
        if (h == "front") L.front = false;
        if (h == "sieges") L.sieges = false;
        if (h == "events") L.events = false;
    }
}

App::~App() = default;

LoadRequest App::loadRequest() const {
    LoadRequest r;
    r.sources = opt_.sources;
    if (opt_.builtinArticles)
        if (auto b = builtinArticles(); !b.empty()) r.articleFolders.push_back(b);
    r.articleFolders.insert(r.articleFolders.end(), opt_.articleFolders.begin(), opt_.articleFolders.end());
    r.useCache = opt_.useCache;
    // A lon/lat camera needs PROJ before the first frame; otherwise a cache hit avoids the geo module entirely.
    // Exports need it too: story cameras are in lon/lat and the scale bar measures true kilometres.
    r.wantTransforms = opt_.viewLon.has_value() || exporting_ || opt_.overlays || opt_.present;
    return r;
}

void App::startLoading(std::function<void()> first) {
    LoadRequest req = loadRequest();
    req.progress = progress_.get();
    loadingWhat_ = "Loading " + (opt_.sources.scenario.empty() ? std::string("the map") : opt_.sources.scenario);
    // `first` (the font atlas) runs on the same thread before the map: a third thread beside this one and the GL
    // library's loading had the three share the two cores, and the GL context came later (bench/README.md).
    loading_ = std::async(std::launch::async, [req, keep = progress_, first = std::move(first)] {
        if (first) first();
        return loadEverything(req);
    });
}

void App::trimMemory(const char* after) {
    if (memory::trim() && tracing()) traceMark((std::string("memory trimmed after ") + after).c_str());
}

void App::requestTransforms() {
    if (toLonLat_ || transformLoading_.valid() || !map_) return;
    transformLoading_ = std::async(std::launch::async, [crs = opt_.sources.crs] {
        LoadResult out;
        loadTransforms(crs, out);
        if (!out.toLonLat) logWarning("no lon/lat readout: the geo module or PROJ is unavailable");
        return out;
    });
}

void App::pollTransforms() {
    if (!transformLoading_.valid() || transformLoading_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    LoadResult t = transformLoading_.get();
    toLonLat_ = std::move(t.toLonLat);
    fromLonLat_ = std::move(t.fromLonLat);
}

bool App::collectLoad(bool wait) {
    if (map_) return true;
    if (!loading_.valid()) return false;
    if (!wait && loading_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
    adopt(loading_.get());
    placeCamera();
    if (!opt_.select.empty()) {
        const int t = reporting_->gazetteer.find(opt_.select);
        if (t < 0) logWarning("--select: no place or region with id '" + opt_.select + "'");
        else select(t, false);
    }
    return true;
}

// Puts a finished load in place (first load or File ▸ Open): data, reporting, renderer upload, timeline.
void App::adopt(LoadResult loaded) {
    if (renderer_ && map_) renderer_->releaseMap();  // morph grids in the making read the old map
    map_ = std::make_unique<LoadedMap>(std::move(loaded.map));
    reporting_ = loaded.reporting ? std::move(loaded.reporting) : std::make_unique<Reporting>();
    if (loaded.toLonLat) toLonLat_ = std::move(loaded.toLonLat);
    if (loaded.fromLonLat) fromLonLat_ = std::move(loaded.fromLonLat);
    // Headless runs print file errors once, as the exit reason; the window shows them in the log panel.
    if (!opt_.screenshot)
        for (const auto& e : map_->errors) logError(e);
    for (const auto& w : map_->warnings) logWarning(w);
    for (const auto& w : reporting_->warnings) logWarning(w);
    ticks_ = {};
    view_.hasTimeline = false;
    if (map_->hasScenario) {
        const Scenario& sc = map_->scenario;
        view_.hasTimeline = true;
        view_.time.setExtent(sc.firstDate(), sc.lastDate());
        const Date start = opt_.date.value_or(sc.defaultDate());
        if (start < sc.firstDate() || sc.lastDate() < start)
            logWarning("--date: " + start.iso() + " is outside the scenario's " + sc.firstDate().iso() + " … " +
                       sc.lastDate().iso() + "; using the nearest end");
        view_.time.setDate(start);
        ticks_.keyframes = sc.keyframes();
        for (const auto& e : sc.events) ticks_.events.push_back(e.date);
    }
    for (const auto& a : reporting_->articles)
        if (a.date) ticks_.articles.push_back(*a.date);
    Stopwatch sw;
    if (renderer_) {
        const std::size_t inGl =
            renderer_->upload(*map_, oneFrame_ && view_.hasTimeline ? std::optional<Date>(view_.time.date()) : std::nullopt);
        map_->scenarioMeshes.dropUploaded(inGl);  // the renderer holds them now; a new load uploads anew
    }
    uploadSeconds_ = sw.seconds();
    clearSelection();
    if (map_->series && !opt_.screenshot) startAreas();  // for the chart (headless renders do not show it)
    // What a series' load freed (its readers' buffers, the decoded files: tens of MB) would otherwise stay resident
    // under everything the first frame needs. After the built-in map's load there is little to give back, and the
    // first frame would pay page faults for memory it could have reused (measured: ~+20 ms for its headless PNG).
    if (map_->series) trimMemory("the load");
}

void App::startAreas() {
    // Areas on the ellipsoid for the chart, computed off the main thread (the series is only read meanwhile).
    auto series = map_->series;
    areaJob_ = std::async(std::launch::async, [series, crs = map_->data.crs] {
        auto api = geoModule();
        return api ? (*api)->seriesAreas(*series, crs) : std::vector<double>{};
    });
}

void App::pollAreas() {
    if (!areaJob_.valid() || areaJob_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    const auto km2 = areaJob_.get();
    if (!map_ || !map_->series || km2.size() != map_->series->days.size()) return;
    for (std::size_t d = 0; d < km2.size(); ++d) map_->series->days[d].areaKm2 = km2[d];
    trimMemory("the areas");
}

std::vector<ui::AreaPoint> App::areaPoints() const {
    std::vector<ui::AreaPoint> pts;
    if (!map_ || !map_->hasScenario) return pts;
    if (map_->series) {
        for (const auto& f : map_->series->files)
            if (const double a = map_->series->days[f.day].areaKm2; a >= 0) pts.push_back({f.date, a});
        return pts;
    }
    const auto& sc = map_->scenario;
    for (std::size_t i = 0; i < sc.frames().size(); ++i) {
        const Date d = std::max(sc.frames()[i].from, sc.firstDate());
        if (sc.lastDate() < d || sc.derived[i].heldKm2 < 0) continue;
        if (!pts.empty() && pts.back().date == d) pts.back().km2 = sc.derived[i].heldKm2;
        else pts.push_back({d, sc.derived[i].heldKm2});
    }
    return pts;
}

void App::openControl(const ui::OpenRequest& r) {
    opt_.sources.scenario = r.path;
    opt_.sources.seriesFormat = r.format;
    opt_.sources.dateField = r.dateField, opt_.sources.startField = r.startField, opt_.sources.endField = r.endField;
    progress_ = std::make_shared<Progress>();
    LoadRequest req = loadRequest();
    req.progress = progress_.get();
    loadingWhat_ = "Opening " + r.path;
    logInfo(loadingWhat_ + " (format " + r.format + ")");
    reloading_ = std::async(std::launch::async, [req, keep = progress_] { return loadEverything(req); });
}

void App::pollReload() {
    if (!reloading_.valid() || reloading_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    LoadResult r = reloading_.get();
    if (!r.map.errors.empty()) {
        for (const auto& e : r.map.errors) logError(e);
        view_.showLogPanel = true;
        return;  // the current map stays
    }
    const Camera keep = view_.camera;
    adopt(std::move(r));
    view_.camera = keep;
}

void App::placeCamera() {
    Camera& cam = view_.camera;
    if (opt_.viewLon && fromLonLat_) {
        const Vec2d c = fromLonLat_->apply(Vec2d{*opt_.viewLon, *opt_.viewLat});
        if (isFinite(c)) {
            cam.setCenter(c);
            cam.setScale(*opt_.viewPxPerKm / 1000.0);
            return;
        }
        logWarning("--view: the point is outside the map projection; showing the whole map");
    }
    cam.fit(map_->data.home(), 24.0 * view_.uiScale);
}

void App::select(int target, bool fly) {
    if (!reporting_ || target < 0 || static_cast<std::size_t>(target) >= reporting_->gazetteer.targets().size()) return;
    const LinkTarget& t = reporting_->gazetteer.targets()[static_cast<std::size_t>(target)];
    view_.selection = {ViewState::Selection::Kind::Target, target};
    view_.selectedPlace = t.kind == LinkTarget::Kind::Place ? t.id : std::string();
    view_.highlightRegions = t.regions;
    view_.selectedRegion = t.regions.empty() ? std::string() : t.regions.front();
    view_.highlightChangeFrame = -1;
    view_.showReporting = true;
    if (!fly || !t.hasPos) return;
    // Fly there: places close up, regions and areas framed whole.
    Bbox box;
    for (const auto& rid : t.regions)
        if (const Region* r = map_->data.findRegion(rid)) box.add(r->bbox);
    const Camera& cam = view_.camera;
    double scale = std::max(cam.scale(), 6.0 / 1000.0);  // at least 6 px per km for a place
    Vec2d centre = t.pos;
    if (!box.empty()) {
        Camera probe = cam;
        probe.fit(box, 60.0 * view_.uiScale);
        scale = probe.scale(), centre = probe.center();
    }
    flight_.start(cam, centre, scale);
}

void App::selectChange(int frame, bool gained) {
    view_.selection = {ViewState::Selection::Kind::Change, -1, frame, gained};
    view_.selectedPlace.clear();
    view_.highlightRegions.clear();
    view_.selectedRegion.clear();
    view_.highlightChangeFrame = frame;
    view_.highlightChangeGained = gained;
    view_.showReporting = true;
}

void App::clearSelection() {
    view_.selection = {};
    view_.selectedPlace.clear();
    view_.highlightRegions.clear();
    view_.selectedRegion.clear();
    view_.highlightChangeFrame = -1;
}

void App::handleClick(Vec2d screen) {
    PickOptions po;
    po.markerScale = view_.uiScale;
    po.places = view_.layers.places;
    po.changes = view_.layers.changes;
    const Pick p = pickAt(map_->data, map_->hasScenario ? &map_->scenario : nullptr, view_.time.date(), view_.camera,
                          screen, po);
    switch (p.kind) {
        case Pick::Kind::Place: select(reporting_->gazetteer.find(map_->data.places[static_cast<std::size_t>(p.index)].id), false); break;
        case Pick::Kind::Region: select(reporting_->gazetteer.find(map_->data.regions[static_cast<std::size_t>(p.index)].id), false); break;
        case Pick::Kind::Change: selectChange(p.frame, p.gained); break;
        case Pick::Kind::None: clearSelection(); break;
    }
}

void App::applyActions(const ui::ReportingActions& a) {
    if (a.select >= 0) select(a.select, a.fly);
    if (a.date) {
        view_.time.play(TimeCursor::Play::Idle);
        view_.time.setDate(*a.date);
    }
    if (a.openArticle >= 0) reportingUi_.openArticle = a.openArticle;
}

std::string App::attribution() const {
    const auto builtin = builtinSources();
    std::string a;
    if (!opt_.sources.regions.empty())
        a += opt_.sources.regions == builtin.regions ? "Boundaries: Natural Earth (public domain)"
                                                     : "Regions: " + std::filesystem::path(opt_.sources.regions).filename().string();
    if (!opt_.sources.places.empty()) {
        if (!a.empty()) a += " · ";
        a += opt_.sources.places == builtin.places ? "Places: sitview geodata from public sources"
                                                   : "Places: " + std::filesystem::path(opt_.sources.places).filename().string();
    }
    for (const auto& o : opt_.sources.overlays) a += " · " + std::filesystem::path(o).filename().string();
    if (map_ && map_->hasScenario)
        a += " · Control zones: " + map_->scenario.meta.title + " (" +
             (opt_.sources.scenario == builtin.scenario ? "hand-digitised from public reporting, sources per feature"
                                                        : std::filesystem::path(opt_.sources.scenario).filename().string()) +
             ")";
    return a;
}

void App::drawMapText() {
    if (!map_) return;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    ui::drawMapLabels(dl, view_, map_->data);
    ui::drawAttribution(dl, view_, attribution());
    if (map_->hasScenario)
        ui::drawDateCaption(dl, view_, view_.time.date().longText(),
                            map_->scenario.meta.title + (map_->scenario.meta.disclaimer.empty() ? "" : " · approximation, see legend"));
    if (view_.overlays || view_.presentation) {
        if (map_->hasScenario) ui::drawMapLegend(dl, view_, &map_->scenario);
        ui::drawScaleBar(dl, view_, kmPerPixel());
    }
    if (view_.presentation && view_.safeFrame) ui::drawSafeFrame(dl, view_);
    // The current step's caption (and excerpt) while presenting or exporting a story.
    if ((view_.presentation || exporting_) && storyStep_ >= 0 && static_cast<std::size_t>(storyStep_) < story_.steps.size() &&
        !transition_.active()) {
        const StoryStep& st = story_.steps[static_cast<std::size_t>(storyStep_)];
        const auto [excerpt, source] = stepExcerpt(st);
        ui::drawStepCaption(dl, view_, st.caption, excerpt, source);
    }
}

void App::drawMenu() {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Open control data…", nullptr, false, !reloading_.valid())) openDialog_.open = true;
        if (ImGui::MenuItem("Built-in scenario (Spring 2022)", nullptr, false, !reloading_.valid()))
            openControl({builtinSources().scenario, "auto", "", "", ""});
        ImGui::Separator();
        if (ImGui::MenuItem("Export image, story or animation…", nullptr, false, !job_)) exportDialog_.open = true;
        if (ImGui::MenuItem("Save story", nullptr, false, !story_.steps.empty())) saveStoryFile();
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        ImGui::MenuItem("Layers", nullptr, &view_.showLayersPanel);
        ImGui::MenuItem("Timeline", nullptr, &view_.showTimeline, view_.hasTimeline);
        ImGui::MenuItem("Legend", nullptr, &view_.showLegend);
        ImGui::MenuItem("Occupied area", nullptr, &view_.showChart, view_.hasTimeline);
        ImGui::MenuItem("Reporting", nullptr, &view_.showReporting);
        ImGui::MenuItem("Articles", nullptr, &view_.showArticles);
        ImGui::MenuItem("Log", nullptr, &view_.showLogPanel);
        ImGui::MenuItem("Story", nullptr, &view_.showStory);
        ImGui::Separator();
        if (ImGui::MenuItem("Presentation mode", "F5", view_.presentation)) setPresentation(!view_.presentation);
        ImGui::MenuItem("16:9 safe frame (presentation)", nullptr, &view_.safeFrame);
        ImGui::MenuItem("Morph between days", nullptr, &view_.morph);
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

void App::drawPanels() {
    ui::LayersPanelInfo info;
    info.loading = !map_;
    info.glRenderer = glRenderer_;
    info.crs = opt_.sources.crs;
    info.warnings = static_cast<int>(appLog().count(LogLevel::Warning));
    info.errors = static_cast<int>(appLog().count(LogLevel::Error));
    static const MapData empty;
    if (view_.showLayersPanel) ui::drawLayersPanel(view_, map_ ? map_->data : empty, info);
    if (view_.showLogPanel) ui::drawLogPanel(&view_.showLogPanel, view_.uiScale);
    if (!map_) return;
    if (view_.hasTimeline && view_.showTimeline) ui::drawTimelinePanel(view_, ticks_);
    if (view_.showLegend) ui::drawLegendPanel(view_, map_->hasScenario ? &map_->scenario : nullptr);
    if (view_.hasTimeline && view_.showChart)
        if (auto d = ui::drawAreaChart(view_, areaPoints(), map_->data.outlineKm2, areaJob_.valid())) {
            view_.time.play(TimeCursor::Play::Idle);
            view_.time.setDate(*d);
        }
    if (auto r = ui::drawOpenDialog(openDialog_, view_.uiScale)) openControl(*r);
    if (view_.showStory) drawStoryPanel();
    drawExportDialog();
    if (reloading_.valid() &&
        ui::drawLoadingPanel(loadingWhat_, progress_->fraction(), progress_->done, progress_->total, view_.uiScale))
        progress_->cancel = true;
    if (!reporting_) return;
    applyActions(ui::drawSearchBox(view_, *reporting_, map_->data, reportingUi_));
    if (view_.showReporting) applyActions(ui::drawReportingPanel(view_, *reporting_, *map_, reportingUi_));
    if (view_.showArticles) applyActions(ui::drawArticleList(view_, *reporting_, reportingUi_));
    applyActions(ui::drawArticleWindow(view_, *reporting_, reportingUi_));
}

void App::printTimings() const {
    if (!opt_.timings || !map_) return;
    const auto& t = map_->timings;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::fprintf(stderr,
                 "timings: context %.3f s, load %.3f s, project %.3f s, prepare %.3f s, scenario %.3f s, upload %.3f s, "
                 "render %.3f s, png %.3f s, first frame at %.3f s after process start%s%s; %ld page faults%s; %s\n",
                 contextSeconds_, t.read, t.project, t.prepare, t.scenario, uploadSeconds_, renderSeconds_, pngSeconds_,
                 firstFrameAt_, t.fromCache ? " (prepared data from the cache; load/project/prepare are the original run's)" : "",
                 ui::fontAtlasFromCache() ? "; fonts from the cache" : "",
                 usage.ru_minflt + usage.ru_majflt, memory::largePages() ? " (large pages)" : "", glRenderer_.c_str());
}

}  // namespace sv
