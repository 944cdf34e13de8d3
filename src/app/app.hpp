// The application: owns the options, the loaded data, the view state, the window or headless context and the
// renderer. app.cpp: loading hand-over, selection, panels; app_window.cpp: the interactive frame loop;
// app_headless.cpp: one offscreen render to PNG; commands.cpp: the command-line commands and main's dispatch.
#pragma once
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "app/loading.hpp"
#include "cli/options.hpp"
#include "ui/area_chart.hpp"
#include "ui/open_dialog.hpp"
#include "ui/reporting_ui.hpp"
#include "ui/timeline_panel.hpp"
#include "view/camera_flight.hpp"
#include "view/view_state.hpp"

namespace sv {

class MapRenderer;
class HeadlessContext;
class Offscreen;

class App {
public:
    explicit App(Options options);
    ~App();
    int runWindow();
    int runScreenshot();

private:
    LoadRequest loadRequest() const;
    void startLoading();
    void requestTransforms();
    // Takes the finished load (blocking when `wait`); returns true once data is in place.
    bool collectLoad(bool wait);
    void pollTransforms();
    void placeCamera();
    void select(int target, bool fly);
    void selectChange(int frame, bool gained);
    void clearSelection();
    void handleClick(Vec2d screen);
    void applyActions(const ui::ReportingActions& a);
    void drawMapText();
    void drawPanels();
    void drawMenu();
    // File ▸ Open: load another scenario or series in the background; the current map stays until it is ready.
    void openControl(const ui::OpenRequest& request);
    void pollReload();
    void startAreas();
    void pollAreas();
    std::vector<ui::AreaPoint> areaPoints() const;
    void adopt(LoadResult loaded);
    std::string attribution() const;
    void printTimings() const;
    void benchmarkFrames(HeadlessContext& ctx, const Offscreen& target);
    void benchmarkDates();

    Options opt_;
    std::future<LoadResult> loading_;
    std::future<LoadResult> transformLoading_;
    std::future<LoadResult> reloading_;
    std::future<std::vector<double>> areaJob_;
    std::shared_ptr<Progress> progress_ = std::make_shared<Progress>();
    std::string loadingWhat_;
    ui::OpenDialogState openDialog_;
    std::unique_ptr<LoadedMap> map_;
    std::unique_ptr<Reporting> reporting_;
    std::unique_ptr<CoordTransform> toLonLat_, fromLonLat_;
    ViewState view_;
    CameraFlight flight_;
    std::unique_ptr<MapRenderer> renderer_;
    std::string glRenderer_;
    ui::TimelineTicks ticks_;
    ui::ReportingUiState reportingUi_;
    double uploadSeconds_ = 0, firstFrameAt_ = 0, renderSeconds_ = 0, pngSeconds_ = 0, contextSeconds_ = 0;
};

// Parses the command line and runs the right mode or command; the whole of main().
int runApp(int argc, char** argv);

}  // namespace sv
