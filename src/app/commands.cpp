// The command-line commands (status, links) and main's dispatch (see app.hpp).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <atomic>
#include <filesystem>
#include <chrono>
#include <sstream>
#include <thread>

#include "app/app.hpp"
#include "app/geo_module.hpp"
#include "cli/links_command.hpp"
#include "cli/stats_command.hpp"
#include "cli/status_command.hpp"
#include "util/paths.hpp"
#include "util/log.hpp"
#include "util/memory.hpp"
#include "util/trace.hpp"

namespace sv {
namespace {

LoadRequest requestFor(const Options& opt, bool transforms) {
    LoadRequest r;
    r.sources = opt.sources;
    if (opt.builtinArticles)
        if (auto b = builtinArticles(); !b.empty()) r.articleFolders.push_back(b);
    r.articleFolders.insert(r.articleFolders.end(), opt.articleFolders.begin(), opt.articleFolders.end());
    r.useCache = opt.useCache;
    r.wantTransforms = transforms;
    return r;
}

// A command cannot answer without the inputs it was given: prints every load error (one line each) and says
// whether there were any (the caller then exits with status 2).
bool printLoadErrors(const LoadResult& loaded) {
    for (const auto& e : loaded.map.errors) std::fprintf(stderr, "sitview: %s\n", e.c_str());
    return !loaded.map.errors.empty();
}

// What was skipped while reading (a bad feature, date or polygon): the answer rests on the rest of the data.
void printLoadWarnings(const LoadResult& loaded) {
    for (const auto& w : loaded.map.warnings) std::fprintf(stderr, "sitview: %s\n", w.c_str());
}

// `sitview status …`: load (from the cache when it can), answer, exit.
int runStatusCommand(std::vector<std::string> args) {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
        std::fputs(statusUsage().c_str(), stdout);
        return 0;
    }
    auto q = parseStatusQuery(args);
    if (!q) {
        std::fprintf(stderr, "sitview: %s\n%s", q.error().c_str(), statusUsage().c_str());
        return 2;
    }
    auto opt = parseOptions(args);
    if (!opt) {
        std::fprintf(stderr, "sitview: status: %s\n", opt.error().c_str());
        return 2;
    }
    appLog().setEcho(false);
    LoadResult loaded = loadEverything(requestFor(*opt, true));
    if (printLoadErrors(loaded)) return 2;
    printLoadWarnings(loaded);
    std::ostringstream out, err;
    const int status = runStatus(*q, loaded.map, loaded.fromLonLat.get(), out, err);
    std::fputs(out.str().c_str(), stdout);
    std::fputs(err.str().c_str(), stderr);
    return status;
}


// `sitview links …`: link the articles and print every excerpt.
int runLinksCommand(std::vector<std::string> args) {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
        std::fputs(linksUsage().c_str(), stdout);
        return 0;
    }
    const LinksQuery q = parseLinksQuery(args);
    auto opt = parseOptions(args);
    if (!opt) {
        std::fprintf(stderr, "sitview: links: %s\n", opt.error().c_str());
        return 2;
    }
    opt->sources.scenario.clear();  // linking needs places and regions only
    LoadResult loaded = loadEverything(requestFor(*opt, false));
    if (printLoadErrors(loaded)) return 2;
    for (const auto& w : loaded.reporting->warnings) std::fprintf(stderr, "sitview: warning: %s\n", w.c_str());
    std::ostringstream out;
    printLinks(*loaded.reporting, q, out);
    std::fputs(out.str().c_str(), stdout);
    return 0;
}

// Loads a series or scenario for a command, with progress on stderr for long imports.
LoadResult loadForCommand(const Options& opt) {
    Progress progress;
    LoadRequest req = requestFor(opt, false);
    req.articleFolders.clear();
    req.progress = &progress;
    std::atomic<bool> done{false};
    std::thread reporter([&] {
        while (!done) {
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            if (progress.total > 20 && !done)
                std::fprintf(stderr, "\rsitview: reading %zu/%zu files", progress.done.load(), progress.total.load());
        }
    });
    LoadResult loaded = loadEverything(req);
    done = true;
    reporter.join();
    if (progress.total > 20) std::fputs("\n", stderr);
    return loaded;
}

// `sitview import SRC --out FILE.gpkg …`: a series or scenario written as the scenario format.
int runImportCommand(std::vector<std::string> args) {
    const char* usage = "Usage: sitview import SRC --out FILE.gpkg [--format auto|deepstate|nzz|dated|layer]\n"
                        "                     [--date-field F] [--start-field F] [--end-field F]\n";
    std::string src, out;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--help" || args[i] == "-h") {
            std::fputs(usage, stdout);
            return 0;
        }
        if (args[i] == "--out" && i + 1 < args.size()) out = args[++i];
        else if (src.empty() && !args[i].empty() && args[i][0] != '-') src = args[i];
        else rest.push_back(args[i]);
    }
    auto opt = parseOptions(rest);
    if (!opt || src.empty() || out.empty()) {
        std::fprintf(stderr, "sitview: import: %s\n%s", !opt ? opt.error().c_str() : src.empty() ? "no SRC given" : "no --out FILE given", usage);
        return 2;
    }
    if (clashWithInput(out, src) != InputClash::None) {
        std::fprintf(stderr, "sitview: import: --out %s would write into the input; choose another path\n", out.c_str());
        return 2;
    }
    opt->sources.scenario = src;
    opt->sources.crs = "EPSG:4326";  // write coordinates exactly as read
    opt->sources.context.clear();
    LoadResult loaded = loadForCommand(*opt);
    if (printLoadErrors(loaded)) return 2;
    printLoadWarnings(loaded);
    auto api = geoModule();
    if (!api) {
        std::fprintf(stderr, "sitview: %s\n", api.error().c_str());
        return 1;
    }
    if (auto ok = (*api)->writeScenario(loaded.map, out); !ok) {
        std::fprintf(stderr, "sitview: %s\n", ok.error().c_str());
        return 1;
    }
    std::fprintf(stderr, "sitview: wrote %zu control feature(s) to %s\n", loaded.map.scenario.zones.size(), out.c_str());
    return 0;
}

// `sitview stats SRC …`: areas per date.
int runStatsCommand(std::vector<std::string> args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(statsUsage().c_str(), args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    bool csv = false;
    std::vector<std::string> rest;
    std::string src;
    for (const auto& a : args) {
        if (a == "--csv") csv = true;
        else if (src.empty() && !a.empty() && a[0] != '-') src = a;
        else rest.push_back(a);
    }
    auto opt = parseOptions(rest);
    if (!opt || src.empty()) {
        std::fprintf(stderr, "sitview: stats: %s\n%s", opt ? "no SRC given" : opt.error().c_str(), statsUsage().c_str());
        return 2;
    }
    opt->sources.scenario = src;
    opt->sources.context.clear();
    LoadResult loaded = loadForCommand(*opt);
    if (printLoadErrors(loaded)) return 2;
    printLoadWarnings(loaded);
    if (loaded.map.series)
        if (auto api = geoModule()) {
            const auto km2 = (*api)->seriesAreas(*loaded.map.series, loaded.map.data.crs);
            for (std::size_t d = 0; d < km2.size(); ++d) loaded.map.series->days[d].areaKm2 = km2[d];
        }
    std::ostringstream out;
    const auto rows = areaSeries(loaded.map);
    if (csv) printAreaCsv(rows, out);
    else printAreaTable(rows, loaded.map.data.outlineKm2, out);
    std::fputs(out.str().c_str(), stdout);
    return rows.empty() ? 2 : 0;
}

// Whether a run reads the built-in geodata and nothing else (without the scenario is fine too).
bool onlyBuiltinData(const MapSources& src) {
    const MapSources builtin = builtinSources();
    return src.regions == builtin.regions && src.context == builtin.context && src.places == builtin.places &&
           src.overlays.empty() && (src.scenario.empty() || src.scenario == builtin.scenario);
}

}  // namespace

int runApp(int argc, char** argv) {
    traceInit();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "status") return runStatusCommand({args.begin() + 1, args.end()});
    if (!args.empty() && args[0] == "links") return runLinksCommand({args.begin() + 1, args.end()});
    if (!args.empty() && args[0] == "stats") return runStatsCommand({args.begin() + 1, args.end()});
    if (!args.empty() && args[0] == "import") return runImportCommand({args.begin() + 1, args.end()});
    if (!args.empty() && args[0] == "soak") {
        // sitview soak [--actions N] [--seed S] [view and data options]
        int actions = 50000;
        uint64_t seed = 1;
        std::vector<std::string> rest;
        for (std::size_t i = 1; i < args.size(); ++i) {
            if ((args[i] == "--actions" || args[i] == "--seed") && i + 1 < args.size()) {
                char* end = nullptr;
                const unsigned long long v = std::strtoull(args[i + 1].c_str(), &end, 10);
                if (!end || *end || args[i + 1].empty() || (args[i] == "--actions" && (v < 1 || v > 10000000))) {
                    std::fprintf(stderr, "sitview: soak: %s: expected a whole number, got '%s'\n", args[i].c_str(), args[i + 1].c_str());
                    return 2;
                }
                (args[i] == "--actions" ? void(actions = static_cast<int>(v)) : void(seed = v));
                ++i;
            } else {
                rest.push_back(args[i]);
            }
        }
        auto opt = parseOptions(rest);
        if (!opt) {
            std::fprintf(stderr, "sitview: soak: %s\n", opt.error().c_str());
            return 2;
        }
        if (!opt->sizeGiven) opt->width = 640, opt->height = 360;
        appLog().setEcho(true, LogLevel::Error);
        App app(std::move(*opt));
        return app.runSoak(actions, seed);
    }
    if (!args.empty() && (args[0] == "render" || args[0] == "animate" || args[0] == "story")) {
        ExportOptions::Kind kind = args[0] == "render" ? ExportOptions::Kind::Render
                                   : args[0] == "animate" ? ExportOptions::Kind::Animate
                                                          : ExportOptions::Kind::Story;
        std::size_t first = 1;
        if (kind == ExportOptions::Kind::Story) {
            if (args.size() < 2 || args[1] != "export") {
                std::fprintf(stderr, "sitview: story: expected `story export STORY.json --out DIR`\n%s", exportUsage().c_str());
                return 2;
            }
            first = 2;
        }
        const std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(first), args.end());
        if (rest.size() == 1 && (rest[0] == "--help" || rest[0] == "-h")) {
            std::fputs(exportUsage().c_str(), stdout);
            return 0;
        }
        auto e = parseExportOptions(kind, rest);
        if (!e) {
            std::fprintf(stderr, "sitview: %s\n", e.error().c_str());
            return 2;
        }
        // Text and lines grow with the picture unless --ui-scale says otherwise (1080 rows = scale 1).
        if (e->view.uiScale == 1.0f) e->view.uiScale = std::clamp(e->view.height / 1080.0f, 1.0f, 4.0f);
        appLog().setEcho(true, LogLevel::Warning);
        App app(e->view);
        return app.runExport(*e);
    }
    auto opt = parseOptions(args);
    if (!opt) {
        std::fprintf(stderr, "sitview: %s\n", opt.error().c_str());
        return 2;
    }
    if (opt->mode == Options::Mode::Help) {
        std::fputs(usage().c_str(), stdout);
        return 0;
    }
    if (opt->mode == Options::Mode::Version) {
        std::printf("sitview %s\n", SITVIEW_VERSION);
        return 0;
    }
    const bool headless = opt->screenshot.has_value();
    // Large pages suit the built-in map's one frame (main.cpp), not a big series or layer held in memory. (Asked
    // first: only a --screenshot run has them, so no other run looks for the built-in data a second time.)
    if (memory::largePages() && (!headless || !onlyBuiltinData(opt->sources))) memory::restoreDefaults();
    appLog().setEcho(headless, LogLevel::Warning);
    App app(std::move(*opt));
    if (!headless) return app.runWindow();
    const int status = app.runScreenshot();
#ifndef SITVIEW_SANITIZED
    // A one-shot render is done once its PNG is written: the memory goes back to the system with the process.
    // Freeing the loaded data and running Mesa's, LLVM's and GDAL's exit-time teardown cost the default
    // screenshot 11 ms of its ~0.2 s (median of 21 runs side by side). Sanitizer builds exit normally: their leak
    // check runs at exit, and the tests check that everything is freed.
    std::fflush(nullptr);
    std::_Exit(status);
#endif
    return status;
}


}  // namespace sv
