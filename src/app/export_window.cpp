// Exports from the window (see app.hpp): File ▸ Export… and the job that renders one frame per window frame
// after the swap, with a progress bar and Cancel.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/app.hpp"
#include "platform/window.hpp"
#include "ui/fonts.hpp"
#include "ui/open_dialog.hpp"
#include "util/log.hpp"
#include "util/png.hpp"
#include "util/files.hpp"

namespace fs = std::filesystem;

namespace sv {

void App::drawExportDialog() {
    const float s = view_.uiScale;
    if (job_) {
        if (ui::drawLoadingPanel("Exporting to " + job_->out, job_->total ? double(job_->next) / job_->total : 0.0,
                                 static_cast<std::size_t>(job_->next), static_cast<std::size_t>(job_->total), s, "Exporting", "frames"))
            job_->cancel = true;
        return;
    }
    auto& d = exportDialog_;
    if (!d.open) return;
    if (d.from.empty() && view_.hasTimeline) d.from = view_.time.first().iso(), d.to = view_.time.last().iso();
    ImGui::SetNextWindowSize(ImVec2(440 * s, 0), ImGuiCond_Always);
    if (!ImGui::Begin("Export", &d.open, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    const char* kinds[] = {"Image of the view (PNG)", "Story: one PNG per step", "Animation: PNG frames, MP4 or GIF"};
    ImGui::Combo("what", &d.kind, kinds, 3);
    ImGui::InputInt("width", &d.width, 16, 256);
    ImGui::InputInt("height", &d.height, 16, 256);
    if (ImGui::SmallButton("1920×1080")) d.width = 1920, d.height = 1080;
    ImGui::SameLine();
    if (ImGui::SmallButton("3840×2160")) d.width = 3840, d.height = 2160;
    ImGui::SameLine();
    if (ImGui::SmallButton("7680×4320")) d.width = 7680, d.height = 4320;
    if (d.kind == 2) {
        ImGui::InputText("from", &d.from);
        ImGui::InputText("to", &d.to);
        ImGui::SliderFloat("days per second", &d.daysPerSecond, 0.25f, 30.0f, "%.2f");
        ImGui::SliderFloat("frames per second", &d.fps, 1.0f, 60.0f, "%.0f");
        ImGui::Checkbox("morph between days", &view_.morph);
        if (!ffmpegAvailable()) ImGui::TextDisabled("ffmpeg is not installed: PNG frames only");
    }
    ImGui::InputText(d.kind == 0 ? "file (.png)" : d.kind == 1 ? "folder" : "folder, .mp4 or .gif", &d.out);
    if (!d.error.empty()) ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", d.error.c_str());
    if (ImGui::Button("Export")) {
        d.error.clear();
        ExportJob job;
        job.kind = static_cast<ExportJob::Kind>(d.kind);
        job.out = d.out;
        job.width = d.width, job.height = d.height;
        if (d.width < 16 || d.height < 16 || d.width > kMaxExportWidth || d.height > kMaxExportWidth ||
            long(d.width) * d.height > long(kMaxExportWidth) * kMaxExportHeight)
            d.error = "size: from 16x16 up to 7680x4320 pixels";
        else if (job.kind == ExportJob::Kind::Image && !d.out.ends_with(".png"))
            d.error = "the file name must end in .png";
        else if (job.kind == ExportJob::Kind::Story && story_.steps.empty())
            d.error = "the story has no steps (View ▸ Story)";
        if (d.error.empty() && job.kind == ExportJob::Kind::Animation) {
            auto from = Date::parse(d.from), to = Date::parse(d.to);
            if (!from || !to) d.error = "dates: expected YYYY-MM-DD";
            else if (auto plan = planAnimation(view_.time.first(), view_.time.last(), *from, *to, d.daysPerSecond, d.fps); !plan)
                d.error = plan.error();
            else {
                job.plan = *plan;
                job.fps = d.fps;
                job.output = animationOutputFor(d.out);
                if (job.output != AnimationOutput::PngFolder && (d.width % 2 || d.height % 2)) d.error = "video needs an even width and height";
                if (job.output != AnimationOutput::PngFolder && !ffmpegAvailable()) d.error = "ffmpeg is not installed";
            }
        }
        if (d.error.empty()) {
            const bool folder = job.kind == ExportJob::Kind::Story ||
                                (job.kind == ExportJob::Kind::Animation && job.output == AnimationOutput::PngFolder);
            if (auto ok = checkOutputPath(d.out, folder); !ok) d.error = ok.error();
        }
        if (d.error.empty()) {
            startExportJob(std::move(job));
            d.open = false;
        }
    }
    ImGui::End();
}

void App::startExportJob(ExportJob job) {
    job.total = job.kind == ExportJob::Kind::Image ? 1 : job.kind == ExportJob::Kind::Story ? static_cast<int>(story_.steps.size()) : job.plan.frames;
    job.frameList = "frame,date,position\n";
    if (job.kind == ExportJob::Kind::Animation && job.output != AnimationOutput::PngFolder) {
        job.video = std::make_unique<VideoPipe>();
        job.tmp = job.out + ".tmp-" + std::to_string(::getpid());
        if (auto ok = job.video->open(ffmpegArguments(job.output, job.width, job.height, job.fps, job.tmp)); !ok) {
            logError("export: " + ok.error());
            view_.showLogPanel = true;
            return;
        }
    }
    logInfo("Exporting to " + job.out);
    job_ = std::make_unique<ExportJob>(std::move(job));
}

void App::runExportJobStep(Window& w) {
    ExportJob& j = *job_;
    auto finish = [&](const std::string& error) {
        if (j.video) j.video->abort();
        if (!j.tmp.empty()) std::remove(j.tmp.c_str());
        if (!error.empty()) logError("export: " + error), view_.showLogPanel = true;
        else logInfo("Export cancelled: " + j.out);
        job_.reset();
    };
    if (j.cancel) return finish("");
    // The same view at the export's size: the visible extent kept (vertically), text and lines scaled with it.
    const ViewState saved = view_;
    const int vw = std::max(1, view_.camera.width()), vh = std::max(1, view_.camera.height());
    const double k = double(j.height) / vh;
    const UiFrame ui{[&](int width, int height) { w.newOffscreenFrame(width, height); }, [&] { w.drawImGui(); }};
    view_.camera.setScale(view_.camera.scale() * k);
    view_.camera.setViewport(j.width, j.height);
    view_.uiScale *= static_cast<float>(k);
    ui::setTextScale(static_cast<float>(k) * ui::textScale());
    view_.overlays = true;
    view_.morphWait = true;
    exporting_ = true;
    const int storyStepBefore = storyStep_;
    std::string file;
    if (j.kind == ExportJob::Kind::Story) {
        applyStep(j.next, false);
        view_.camera.setScale(view_.camera.scale() * k);
        file = (fs::path(j.out) / stepFileName(j.next, j.total)).string();
    } else if (j.kind == ExportJob::Kind::Animation) {
        view_.time.setPosition(j.plan.position(j.next));
        file = (fs::path(j.out) / frameFileName(j.next, j.total)).string();
    } else {
        file = j.out;
    }
    (void)vw;
    auto img = renderImage(j.width, j.height, ui);
    const std::string comment = j.kind == ExportJob::Kind::Story ? story_.steps[static_cast<std::size_t>(j.next)].caption : "";
    const auto text = pngText(comment);
    char row[96];
    std::snprintf(row, sizeof row, "%d,%s,%.4f\n", j.next + 1, view_.time.date().iso().c_str(), view_.time.position());
    ui::setTextScale(ui::textScale() / static_cast<float>(k));
    exporting_ = false;
    view_ = saved;
    storyStep_ = storyStepBefore;
    if (!img) return finish(img.error());
    Status ok = Ok{};
    if (j.kind == ExportJob::Kind::Animation && j.video) ok = j.video->write(*img);
    else ok = writePng(file, *img, {text});
    if (!ok) return finish(ok.error());
    j.frameList += row;
    if (++j.next < j.total) return;
    if (j.video) {
        if (auto c = j.video->finish(); !c) return finish(c.error());
        std::error_code ec;
        fs::rename(j.tmp, j.out, ec);
        if (ec) return finish(j.out + ": " + ec.message());
        j.tmp.clear();
    }
    if (j.kind == ExportJob::Kind::Animation) {
        const std::string sidecar = j.output == AnimationOutput::PngFolder ? (fs::path(j.out) / "frames.csv").string() : j.out + ".frames.csv";
        if (auto w2 = writeFileAtomic(sidecar, j.frameList.data(), j.frameList.size()); !w2) logWarning(w2.error());
    }
    logInfo("Exported " + std::to_string(j.total) + " image(s) to " + j.out);
    job_.reset();
}

}  // namespace sv
