// The command-line commands (status, links) and main's dispatch (see app.hpp).
#include <cstdio>
#include <sstream>

#include "app/app.hpp"
#include "cli/links_command.hpp"
#include "cli/status_command.hpp"
#include "util/log.hpp"
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
    if (!loaded.map.errors.empty()) {
        for (const auto& e : loaded.map.errors) std::fprintf(stderr, "sitview: %s\n", e.c_str());
        return 2;
    }
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
    if (!loaded.map.errors.empty()) {
        for (const auto& e : loaded.map.errors) std::fprintf(stderr, "sitview: %s\n", e.c_str());
        return 2;
    }
    for (const auto& w : loaded.reporting->warnings) std::fprintf(stderr, "sitview: warning: %s\n", w.c_str());
    std::ostringstream out;
    printLinks(*loaded.reporting, q, out);
    std::fputs(out.str().c_str(), stdout);
    return 0;
}

}  // namespace

int runApp(int argc, char** argv) {
    traceInit();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "status") return runStatusCommand({args.begin() + 1, args.end()});
    if (!args.empty() && args[0] == "links") return runLinksCommand({args.begin() + 1, args.end()});
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
    appLog().setEcho(headless, LogLevel::Warning);
    App app(std::move(*opt));
    return headless ? app.runScreenshot() : app.runWindow();
}


}  // namespace sv
