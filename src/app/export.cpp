// Exports (see app.hpp): the view as an image of any size up to 7680×4320 (tiled where beyond the GL limit), a
// story as numbered PNGs, an animation as PNGs or through ffmpeg as MP4 / GIF. The same frame path serves the CLI
// (headless context) and the window (between two window frames, one export frame per window frame so the
// progress bar and Cancel stay live).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <imgui.h>

#include "app/app.hpp"
#include "platform/headless.hpp"
#include "render/gl/gl.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen.hpp"
#include "ui/fonts.hpp"
#include "util/files.hpp"
#include "util/log.hpp"
#include "util/paths.hpp"
#include "util/png.hpp"
#include "reporting/text.hpp"
#include "util/strings.hpp"
#include "view/export_plan.hpp"

namespace fs = std::filesystem;

namespace sv {

// ---- a child process reading frames on its stdin (ffmpeg) ----

VideoPipe::~VideoPipe() { abort(); }

Status VideoPipe::open(const std::vector<std::string>& args) {
    int fds[2];
    if (pipe(fds) != 0) return fail(std::string("cannot create a pipe: ") + std::strerror(errno));
    std::vector<char*> argv;
    std::string prog = "ffmpeg";
    argv.push_back(prog.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ < 0) return fail(std::string("cannot start ffmpeg: ") + std::strerror(errno));
    if (pid_ == 0) {
        dup2(fds[0], 0);
        ::close(fds[0]);
        ::close(fds[1]);
        execvp("ffmpeg", argv.data());
        _exit(127);
    }
    ::close(fds[0]);
    fd_ = fds[1];
    signal(SIGPIPE, SIG_IGN);  // ffmpeg failing must give an error here, not kill us
    return Ok{};
}

Status VideoPipe::write(const Image& img) {
    const uint8_t* p = img.pixels.data();
    std::size_t left = img.pixels.size();
    while (left > 0) {
        const ssize_t n = ::write(fd_, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail(std::string("ffmpeg stopped reading frames: ") + std::strerror(errno));
        p += n, left -= static_cast<std::size_t>(n);
    }
    return Ok{};
}

void VideoPipe::abort() {
    if (fd_ >= 0) ::close(fd_), fd_ = -1;
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
}

Status VideoPipe::finish() {
    if (fd_ >= 0) ::close(fd_), fd_ = -1;
    if (pid_ <= 0) return Ok{};
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return fail("ffmpeg not found (install the Debian package ffmpeg)");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return fail("ffmpeg failed (exit status " + std::to_string(WEXITSTATUS(status)) + ")");
    return Ok{};
}

bool ffmpegAvailable() {
    const char* path = std::getenv("PATH");
    for (const auto& dir : split(path ? path : "/usr/bin:/bin", ':'))
        if (access((fs::path(dir) / "ffmpeg").c_str(), X_OK) == 0) return true;
    return false;
}

// ---- frames ----

double App::kmPerPixel() const {
    if (!toLonLat_) return 0;
    const Camera& c = view_.camera;
    const Vec2d mid{c.width() / 2.0, c.height() / 2.0};
    const Vec2d a = toLonLat_->apply(c.screenToWorld(mid - Vec2d{50, 0})), b = toLonLat_->apply(c.screenToWorld(mid + Vec2d{50, 0}));
    if (!isFinite(a) || !isFinite(b)) return 0;
    // Haversine on the mean sphere: plenty for a scale bar.
    const double r = 6371.0088, k = M_PI / 180;
    const double dlat = (b.y - a.y) * k, dlon = (b.x - a.x) * k;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(a.y * k) * std::cos(b.y * k) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * r * std::asin(std::min(1.0, std::sqrt(h))) / 100.0;
}

Result<Image> App::renderImage(int w, int h, const UiFrame& ui) {
    if (!map_ || !renderer_) return fail("nothing to render yet");
    int limit = Offscreen::maxSize();
    if (const char* t = std::getenv("SITVIEW_MAX_TILE")) limit = std::clamp(std::atoi(t), 16, limit);  // tests
    const Camera full = view_.camera;
    view_.camera.setViewport(w, h);
    const Camera sized = view_.camera;
    ui.begin(w, h);
    drawMapText();
    ImGui::Render();
    ImDrawData* dd = ImGui::GetDrawData();
    Image out;
    out.width = w, out.height = h, out.channels = 3, out.bottomUp = true;
    out.pixels.assign(static_cast<std::size_t>(w) * h * 3, 0);
    std::optional<Offscreen> target;
    Status status = Ok{};
    for (int ty = 0; ty < h && status; ty += limit)
        for (int tx = 0; tx < w && status; tx += limit) {
            const int tw = std::min(limit, w - tx), th = std::min(limit, h - ty);
            if (!target || target->width() != tw || target->height() != th) {
                auto t = Offscreen::create(tw, th);
                if (!t) {
                    status = Error{t.error()};
                    break;
                }
                target.emplace(std::move(*t));
            }
            // The tile's own camera: the same scale, centred on the tile's middle, so tiles join seamlessly.
            Camera tc = sized;
            tc.setCenter(sized.screenToWorld(Vec2d{tx + tw / 2.0, ty + th / 2.0}));
            tc.setViewport(tw, th);
            view_.camera = tc;
            view_.tileOffsetX = static_cast<float>(tx), view_.tileOffsetY = static_cast<float>(h - ty - th);
            target->bind();
            renderer_->draw(view_, *map_);
            dd->DisplayPos = ImVec2(static_cast<float>(tx), static_cast<float>(ty));
            dd->DisplaySize = ImVec2(static_cast<float>(tw), static_cast<float>(th));
            dd->FramebufferScale = ImVec2(1, 1);
            ui.draw();
            const Image tile = target->read();
            // Tile rows are bottom-up; the tile's top row is the image's row ty (top-down).
            for (int r = 0; r < th; ++r) {
                const int outRow = h - 1 - (ty + (th - 1 - r));
                std::memcpy(&out.pixels[(static_cast<std::size_t>(outRow) * w + tx) * 3],
                            &tile.pixels[static_cast<std::size_t>(r) * tw * 3], static_cast<std::size_t>(tw) * 3);
            }
        }
    view_.camera = full;
    view_.tileOffsetX = view_.tileOffsetY = 0;
    Offscreen::bindDefault();
    if (!status) return Error{status.error()};
    return out;
}

std::vector<std::pair<std::string, std::string>> App::pngText(const std::string& extra) const {
    std::vector<std::pair<std::string, std::string>> t = {{"Software", "sitview " SITVIEW_VERSION}, {"Source", attribution()}};
    if (map_ && map_->hasScenario) {
        t.push_back({"Date", view_.time.date().iso()});
        char pos[32];
        std::snprintf(pos, sizeof pos, "%.4f", view_.time.position());
        t.push_back({"Timeline position", pos});
    }
    if (!extra.empty()) t.push_back({"Comment", extra});
    return t;
}

// ---- output paths ----

std::vector<std::string> App::inputPaths() const {
    std::vector<std::string> in = {opt_.sources.regions, opt_.sources.context, opt_.sources.places, opt_.sources.scenario,
                                   opt_.story, opt_.configFile};
    in.insert(in.end(), opt_.sources.overlays.begin(), opt_.sources.overlays.end());
    in.insert(in.end(), opt_.articleFolders.begin(), opt_.articleFolders.end());
    if (opt_.builtinArticles) in.push_back(builtinArticles());
    return in;
}

Status App::checkOutputPath(const std::string& out, bool folder) const {
    std::error_code ec;
    for (const auto& in : inputPaths()) {
        const InputClash clash = clashWithInput(out, in);
        if (clash == InputClash::Same) return fail(out + ": refusing to write over an input (" + in + ")");
        // A folder export creates files in `out`: never inside an input folder (a series folder or an articles
        // folder would read them back as data).
        if (folder && clash == InputClash::InsideFolder)
            return fail(out + ": refusing to write into the input folder " + in);
    }
    if (folder) {
        if (fs::exists(out, ec) && !fs::is_directory(out, ec)) return fail(out + ": exists and is not a folder");
        fs::create_directories(out, ec);
        if (ec) return fail(out + ": cannot create the folder: " + ec.message());
    } else if (fs::is_directory(out, ec)) {
        return fail(out + ": is a folder; expected a file name");
    }
    return Ok{};
}

// ---- story steps ----

StoryStep App::stepFromView() const {
    StoryStep s;
    s.date = view_.time.date();
    const Vec2d c = view_.camera.center();
    const Vec2d ll = toLonLat_ ? toLonLat_->apply(c) : Vec2d{NAN, NAN};
    s.lon = isFinite(ll) ? ll.x : 0, s.lat = isFinite(ll) ? ll.y : 0;
    s.pxPerKm = view_.camera.scale() * 1000.0 / (view_.presentation ? 1.0 : 1.0);
    if (reporting_ && view_.selection.kind == ViewState::Selection::Kind::Target && view_.selection.target >= 0)
        s.selected = reporting_->gazetteer.targets()[static_cast<std::size_t>(view_.selection.target)].id;
    s.layers = view_.layers;
    return s;
}

TransitionPoint App::stepPoint(const StoryStep& s) const {
    TransitionPoint p{view_.camera.center(), view_.camera.scale(), view_.time.position()};
    if (fromLonLat_) {
        const Vec2d c = fromLonLat_->apply(Vec2d{s.lon, s.lat});
        if (isFinite(c)) p.center = c, p.scale = s.pxPerKm / 1000.0;
    }
    if (view_.hasTimeline) p.position = std::clamp(static_cast<double>(s.date - view_.time.first()), 0.0,
                                                   static_cast<double>(view_.time.last() - view_.time.first()));
    return p;
}

void App::applyStep(int index, bool animate) {
    if (index < 0 || static_cast<std::size_t>(index) >= story_.steps.size()) return;
    const StoryStep& s = story_.steps[static_cast<std::size_t>(index)];
    storyStep_ = index;
    view_.layers = s.layers;
    if (reporting_) {
        const int t = s.selected.empty() ? -1 : reporting_->gazetteer.find(s.selected);
        if (t >= 0) select(t, false);
        else clearSelection();
    }
    view_.time.play(TimeCursor::Play::Idle);
    flight_.cancel();
    const TransitionPoint to = stepPoint(s);
    if (animate) {
        transition_.start({view_.camera.center(), view_.camera.scale(), view_.time.position()}, to, 1.0);
    } else {
        transition_.cancel();
        view_.camera.setCenter(to.center);
        view_.camera.setScale(to.scale);
        view_.time.setPosition(to.position);
    }
}

void App::stepStory(int dir) {
    if (story_.steps.empty()) return;
    const int n = static_cast<int>(story_.steps.size());
    const int next = storyStep_ < 0 ? (dir > 0 ? 0 : n - 1) : std::clamp(storyStep_ + dir, 0, n - 1);
    if (next == storyStep_ && !transition_.active()) return;
    applyStep(next, true);
}

std::pair<std::string, std::string> App::stepExcerpt(const StoryStep& s) const {
    if (!s.excerpt || !reporting_) return {};
    for (const auto& a : reporting_->articles) {
        if (a.id != s.excerpt->article) continue;
        const uint32_t b = std::min<uint32_t>(s.excerpt->begin, static_cast<uint32_t>(a.bodyText.size()));
        const uint32_t e = std::clamp<uint32_t>(s.excerpt->end, b, static_cast<uint32_t>(a.bodyText.size()));
        std::string src = a.title + " · " + (a.outlet.empty() ? std::string("source document") : a.outlet) + " · " + a.dateText();
        return {text::encode(a.bodyText.substr(b, e - b)), src};
    }
    return {"(excerpt not found: article '" + s.excerpt->article + "' is not loaded)", ""};
}

// ---- the CLI export commands ----

int App::runExport(const ExportOptions& e) {
    exporting_ = true;
    // What can be refused without the map is refused before loading it: a bad story or an output over an input
    // costs no load.
    std::optional<Story> story;
    if (e.kind == ExportOptions::Kind::Story) {
        auto s = loadStory(e.story);
        if (!s) return std::fprintf(stderr, "sitview: story export: %s\n", s.error().c_str()), 2;
        if (s->steps.empty()) return std::fprintf(stderr, "sitview: story export: %s: the story has no steps\n", e.story.c_str()), 2;
        story = std::move(*s);
    }
    if (e.kind == ExportOptions::Kind::Render)
        if (auto ok = checkOutputPath(e.out, false); !ok) return std::fprintf(stderr, "sitview: render: %s\n", ok.error().c_str()), 2;
    int status = 0;
    auto ctx = startHeadless(true, status);
    if (!ctx) return status;
    HeadlessContext& hc = *ctx;
    const UiFrame ui{[&](int w, int h) { hc.newFrame(w, h); }, [&] { hc.drawImGui(); }};
    view_.overlays = true;
    view_.morph = opt_.morph;
    view_.morphWait = true;
    const int w = opt_.width, h = opt_.height;
    // Progress on stderr: a line rewritten in place on a terminal, a line per tenth otherwise (logs).
    const bool tty = isatty(2);
    auto progress = [&, lastTenth = -1](int i, int n, const std::string& what) mutable {
        if (tty) {
            std::fprintf(stderr, "\rsitview: %s %d/%d", what.c_str(), i, n);
            if (i == n) std::fputc('\n', stderr);
        } else if (const int tenth = i * 10 / n; tenth != lastTenth) {
            lastTenth = tenth;
            std::fprintf(stderr, "sitview: %s %d/%d\n", what.c_str(), i, n);
        }
        std::fflush(stderr);
    };

    if (e.kind == ExportOptions::Kind::Render) {
        auto img = renderImage(w, h, ui);
        if (!img) return std::fprintf(stderr, "sitview: render: %s\n", img.error().c_str()), 1;
        if (auto ok = writePng(e.out, *img, {pngText()}); !ok) return std::fprintf(stderr, "sitview: render: %s\n", ok.error().c_str()), 1;
        std::fprintf(stderr, "sitview: wrote %s (%dx%d, %s)\n", e.out.c_str(), w, h,
                     map_->hasScenario ? view_.time.date().iso().c_str() : "no timeline");
        return 0;
    }

    if (e.kind == ExportOptions::Kind::Story) {
        if (auto ok = checkOutputPath(e.out, true); !ok) return std::fprintf(stderr, "sitview: story export: %s\n", ok.error().c_str()), 2;
        story_ = std::move(*story);
        const int n = static_cast<int>(story_.steps.size());
        for (int i = 0; i < n; ++i) {
            const StoryStep& s = story_.steps[static_cast<std::size_t>(i)];
            if (!s.selected.empty() && reporting_ && reporting_->gazetteer.find(s.selected) < 0)
                std::fprintf(stderr, "sitview: story export: %s: steps[%d].selected: no place or region '%s'; nothing selected\n",
                             e.story.c_str(), i, s.selected.c_str());
            applyStep(i, false);
            auto img = renderImage(w, h, ui);
            if (!img) return std::fprintf(stderr, "\nsitview: story export: %s\n", img.error().c_str()), 1;
            const std::string file = (fs::path(e.out) / stepFileName(i, n)).string();
            if (auto ok = writePng(file, *img, {pngText(s.caption)}); !ok)
                return std::fprintf(stderr, "\nsitview: story export: %s\n", ok.error().c_str()), 1;
            progress(i + 1, n, "story export: step");
        }
        std::fprintf(stderr, "sitview: wrote %d step image(s) to %s\n", n, e.out.c_str());
        return 0;
    }

    // Animation.
    if (!map_->hasScenario) return std::fprintf(stderr, "sitview: animate: no scenario or series loaded (nothing has dates)\n"), 2;
    auto plan = planAnimation(view_.time.first(), view_.time.last(), *e.from, *e.to, e.daysPerSecond, e.fps);
    if (!plan) return std::fprintf(stderr, "sitview: animate: %s\n", plan.error().c_str()), 2;
    const AnimationOutput kind = animationOutputFor(e.out);
    if (auto ok = checkOutputPath(e.out, kind == AnimationOutput::PngFolder); !ok)
        return std::fprintf(stderr, "sitview: animate: %s\n", ok.error().c_str()), 2;
    VideoPipe video;
    std::string tmp;
    if (kind != AnimationOutput::PngFolder) {
        if (!ffmpegAvailable())
            return std::fprintf(stderr, "sitview: animate: %s: ffmpeg not found (install the Debian package ffmpeg), or write PNG frames to a folder\n", e.out.c_str()), 1;
        tmp = e.out + ".tmp-" + std::to_string(getpid());
        if (auto ok = video.open(ffmpegArguments(kind, w, h, e.fps, tmp)); !ok)
            return std::fprintf(stderr, "sitview: animate: %s\n", ok.error().c_str()), 1;
    }
    std::string frameList = "frame,date,position\n";
    for (int i = 0; i < plan->frames; ++i) {
        view_.time.setPosition(plan->position(i));
        auto img = renderImage(w, h, ui);
        Status ok = img ? Status(Ok{}) : Status(Error{img.error()});
        if (ok && kind == AnimationOutput::PngFolder)
            ok = writePng((fs::path(e.out) / frameFileName(i, plan->frames)).string(), *img, {pngText()});
        else if (ok)
            ok = video.write(*img);
        if (!ok) {
            video.abort();
            if (!tmp.empty()) std::remove(tmp.c_str());
            std::fprintf(stderr, "\nsitview: animate: %s\n", ok.error().c_str());
            return 1;
        }
        char row[96];
        std::snprintf(row, sizeof row, "%d,%s,%.4f\n", i + 1, view_.time.date().iso().c_str(), view_.time.position());
        frameList += row;
        progress(i + 1, plan->frames, "animate: frame");
    }
    if (kind != AnimationOutput::PngFolder) {
        if (auto ok = video.finish(); !ok) {
            std::remove(tmp.c_str());
            std::fprintf(stderr, "sitview: animate: %s: %s\n", e.out.c_str(), ok.error().c_str());
            return 1;
        }
        std::error_code ec;
        fs::rename(tmp, e.out, ec);
        if (ec) return std::fprintf(stderr, "sitview: animate: %s: %s\n", e.out.c_str(), ec.message().c_str()), 1;
    }
    // Which date each frame shows, for checks and captions in other tools.
    const std::string sidecar = kind == AnimationOutput::PngFolder ? (fs::path(e.out) / "frames.csv").string() : e.out + ".frames.csv";
    if (auto ok = writeFileAtomic(sidecar, frameList.data(), frameList.size()); !ok) std::fprintf(stderr, "sitview: animate: %s\n", ok.error().c_str());
    std::fprintf(stderr, "sitview: wrote %d frame(s) to %s\n", plan->frames, e.out.c_str());
    return 0;
}

}  // namespace sv
