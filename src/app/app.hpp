// The application: owns the options, the loaded data, the view state, the window or headless context and the
// renderer, and runs either the interactive frame loop or one offscreen render to PNG.
#pragma once
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "cli/options.hpp"
#include "ui/timeline_panel.hpp"
#include "model/loaded_map.hpp"
#include "view/view_state.hpp"

namespace sv {

class MapRenderer;
class HeadlessContext;
class Offscreen;

// What the loader thread hands to the main thread.
struct LoadResult {
    LoadedMap map;
    std::unique_ptr<CoordTransform> toLonLat, fromLonLat;  // map CRS ↔ lon/lat, when the geo module is loaded
};

class App {
public:
    explicit App(Options options);
    ~App();
    int runWindow();
    int runScreenshot();

private:
    void startLoading();
    // Takes the finished load (blocking when `wait`); returns true once data is in place.
    bool collectLoad(bool wait);
    void placeCamera();
    void drawMapText();
    void drawPanels();
    std::string attribution() const;
    void printTimings() const;
    void benchmarkFrames(HeadlessContext& ctx, const Offscreen& target);

    Options opt_;
    void requestTransforms();
    std::future<LoadResult> loading_;
    std::future<LoadResult> transformLoading_;
    std::unique_ptr<LoadedMap> map_;
    std::unique_ptr<CoordTransform> toLonLat_, fromLonLat_;
    ViewState view_;
    std::unique_ptr<MapRenderer> renderer_;
    std::string glRenderer_;
    ui::TimelineTicks ticks_;
    double uploadSeconds_ = 0, firstFrameAt_ = 0, renderSeconds_ = 0, pngSeconds_ = 0, contextSeconds_ = 0;
};

// Parses the command line and runs the right mode; the whole of main().
int runApp(int argc, char** argv);

}  // namespace sv
