// The application: owns the options, the loaded data, the view state, the window or headless context and the
// renderer, and runs either the interactive frame loop or one offscreen render to PNG.
#pragma once
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "cli/options.hpp"
#include "geo/map_loader.hpp"
#include "view/view_state.hpp"

namespace sv {

class MapRenderer;

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

    Options opt_;
    std::future<geo::LoadedMap> loading_;
    std::unique_ptr<geo::LoadedMap> map_;
    ViewState view_;
    std::unique_ptr<MapRenderer> renderer_;
    std::string glRenderer_;
    double uploadSeconds_ = 0, firstFrameAt_ = 0, renderSeconds_ = 0, pngSeconds_ = 0, contextSeconds_ = 0;
};

// Parses the command line and runs the right mode; the whole of main().
int runApp(int argc, char** argv);

}  // namespace sv
