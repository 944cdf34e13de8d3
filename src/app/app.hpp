// The application: owns the options, the loaded data, the view state, the window or headless context and the
// renderer. app.cpp: loading hand-over, selection, panels; app_window.cpp: the interactive frame loop;
// app_headless.cpp: one offscreen render to PNG; commands.cpp: the command-line commands and main's dispatch.
#pragma once
#include <functional>
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
#include "util/image.hpp"
#include "view/camera_flight.hpp"
#include "view/export_plan.hpp"
#include "view/story.hpp"
#include "view/transition.hpp"
#include "view/view_state.hpp"

namespace sv {

class MapRenderer;
class HeadlessContext;
class Offscreen;
class Window;

// A child process reading raw frames on its stdin (ffmpeg for MP4 and GIF exports).
class VideoPipe {
public:
    VideoPipe() = default;
    VideoPipe(const VideoPipe&) = delete;
    VideoPipe& operator=(const VideoPipe&) = delete;
    ~VideoPipe();
    Status open(const std::vector<std::string>& ffmpegArgs);
    Status write(const Image& frame);
    Status finish();  // closes the pipe and waits for ffmpeg; its failure is the error
    void abort();     // stops ffmpeg (the partial output is the caller's to remove)
    bool isOpen() const { return fd_ >= 0; }

private:
    int fd_ = -1;
    int pid_ = -1;
};
bool ffmpegAvailable();

// An ImGui frame for an offscreen image: how to begin one at a size, and how to draw its draw data.
struct UiFrame {
    std::function<void(int, int)> begin;
    std::function<void()> draw;
};

// An export running in the window, one frame per window frame (File ▸ Export…).
struct ExportJob {
    enum class Kind { Image, Story, Animation } kind = Kind::Image;
    std::string out;
    int width = 1920, height = 1080;
    AnimationPlan plan;
    AnimationOutput output = AnimationOutput::PngFolder;
    double fps = 1;
    int next = 0, total = 0;
    bool cancel = false;
    std::unique_ptr<VideoPipe> video;
    std::string tmp;
    std::string frameList;
};

class App {
public:
    explicit App(Options options);
    ~App();
    int runWindow();
    int runScreenshot();
    int runExport(const ExportOptions& e);  // render, story export, animate
    int runSoak(int actions, uint64_t seed);  // `sitview soak`: random actions, GL errors and memory growth

private:
    LoadRequest loadRequest() const;
    void startLoading(std::function<void()> first = {});
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
    // Gives what the allocator holds free back to the OS (util/memory.hpp): after a load and after the areas job.
    void trimMemory(const char* after);
    std::vector<ui::AreaPoint> areaPoints() const;
    void adopt(LoadResult loaded);
    std::string attribution() const;
    void printTimings() const;
    void benchmarkFrames(HeadlessContext& ctx, const Offscreen& target);
    void benchmarkDates();
    // Headless start shared by screenshots and exports: context, renderer, data; null with exitCode on failure.
    std::unique_ptr<HeadlessContext> startHeadless(bool labelsOnly, int& exitCode);

    // Briefing (app_story.cpp): presentation mode, story steps and their transitions, the Story panel.
    void setPresentation(bool on);
    void handlePresentationKeys();
    StoryStep stepFromView() const;
    TransitionPoint stepPoint(const StoryStep& s) const;
    void applyStep(int index, bool animate);
    void stepStory(int dir);
    std::pair<std::string, std::string> stepExcerpt(const StoryStep& s) const;  // text, source line
    void drawStoryPanel();
    void loadStoryFile(const std::string& path);
    void saveStoryFile();
    std::string defaultStoryPath() const;

    // Exports (export.cpp).
    Result<Image> renderImage(int width, int height, const UiFrame& ui);
    std::vector<std::pair<std::string, std::string>> pngText(const std::string& comment = {}) const;
    double kmPerPixel() const;
    std::vector<std::string> inputPaths() const;
    Status checkOutputPath(const std::string& out, bool folder) const;
    void drawExportDialog();
    void startExportJob(ExportJob job);
    void runExportJobStep(Window& w);  // after the window's swap: one frame of the running job

    Options opt_;
    std::future<LoadResult> loading_;
    std::future<LoadResult> transformLoading_;
    std::future<LoadResult> reloading_;
    std::future<std::vector<double>> areaJob_;
    std::shared_ptr<Progress> progress_ = std::make_shared<Progress>();
    std::string loadingWhat_;
    ui::OpenDialogState openDialog_;
    std::unique_ptr<LoadedMap> map_;
    bool oneFrame_ = false;  // a headless render of one frame: upload only its date's scenario, free GL before the PNG
    std::unique_ptr<Reporting> reporting_;
    std::unique_ptr<CoordTransform> toLonLat_, fromLonLat_;
    ViewState view_;
    CameraFlight flight_;
    std::unique_ptr<MapRenderer> renderer_;
    std::string glRenderer_;
    ui::TimelineTicks ticks_;
    ui::ReportingUiState reportingUi_;
    Story story_;
    std::string storyPath_;
    int storyStep_ = -1;
    int storyEditing_ = -1;
    std::string storyCaption_;
    std::string storyMessage_;
    StepTransition transition_;
    bool exporting_ = false;
    std::unique_ptr<ExportJob> job_;
    struct ExportDialog {
        bool open = false;
        int kind = 0;
        int width = 1920, height = 1080;
        std::string out = "sitview-export.png";
        std::string from, to;
        float daysPerSecond = 1, fps = 12;
        std::string error;
    } exportDialog_;
    double uploadSeconds_ = 0, firstFrameAt_ = 0, renderSeconds_ = 0, pngSeconds_ = 0, contextSeconds_ = 0;
};

// Parses the command line and runs the right mode or command; the whole of main().
int runApp(int argc, char** argv);

}  // namespace sv
