// Fuzz target `cli_args`: the command line and the config file (cli/options.hpp, cli/status_command.hpp,
// cli/links_command.hpp).
//
// The input is read two ways:
//   - split on NUL and newline into argv (without the program name) and dispatched like sitview's main: `status …`
//     (parseStatusQuery, then the data options), `links …`, `render …` / `animate …` / `story export …`
//     (parseExportOptions), anything else parseOptions;
//   - as the text of a config file (applyConfigText).
// --config FILE would make the parser read any file the input names (/dev/zero never ends), so every value after
// --config is replaced by a small config file written once per run.
//
// Properties: an accepted command line is within the documented ranges (size, view, scales, dates); errors and
// results are valid UTF-8 when the input is.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli/links_command.hpp"
#include "cli/options.hpp"
#include "cli/status_command.hpp"
#include "fuzz_support.hpp"
#include "util/json.hpp"

namespace {

bool utf8(const std::string& s) { return sv::json::isValidUtf8(s); }

const std::string& configPath() {
    static const std::string path = [] {
        char name[] = "/tmp/sitview-fuzz-cli-XXXXXX";
        const int fd = ::mkstemp(name);
        SV_FUZZ_CHECK(fd >= 0, "cannot create a temporary config file");
        static const char kConfig[] = "# a config file\nregions = regions.geojson\ncrs = EPSG:3035\nlayer = /vsizip/a.zip/b.shp\n";
        SV_FUZZ_CHECK(::write(fd, kConfig, sizeof kConfig - 1) == static_cast<ssize_t>(sizeof kConfig - 1), name);
        ::close(fd);
        std::string p = name;
        static std::string removeAtExit = p;
        std::atexit([] { ::unlink(removeAtExit.c_str()); });
        return p;
    }();
    return path;
}

void checkView(const sv::Options& o, bool inputUtf8) {
    SV_FUZZ_CHECK(o.width >= 16 && o.height >= 16 && o.width <= 16384 && o.height <= 16384, "size");
    if (o.viewLon) {
        SV_FUZZ_CHECK(*o.viewLon >= -180 && *o.viewLon <= 180 && *o.viewLat >= -90 && *o.viewLat <= 90, "view");
        SV_FUZZ_CHECK(*o.viewPxPerKm > 0 && std::isfinite(*o.viewPxPerKm), "view zoom");
    }
    SV_FUZZ_CHECK(o.uiScale >= 0.25f && o.uiScale <= 8.0f, "ui scale");
    SV_FUZZ_CHECK(o.presentScale >= 1.0f && o.presentScale <= 6.0f, "present scale");
    SV_FUZZ_CHECK(o.morphT == -1 || (o.morphT >= 0 && o.morphT <= 1), "morph t");
    SV_FUZZ_CHECK(o.playSpeed >= 0 && o.playSpeed <= 30 && o.frames >= 0 && o.benchDates >= 0, "bench options");
    SV_FUZZ_CHECK(o.headless == "auto" || o.headless == "egl" || o.headless == "glfw", o.headless);
    if (inputUtf8) {
        SV_FUZZ_CHECK(utf8(o.select) && utf8(o.story) && utf8(o.sources.crs), "option text not valid UTF-8");
        for (const auto& l : o.sources.overlays) SV_FUZZ_CHECK(utf8(l), "layer not valid UTF-8");
    }
}

void checkError(const std::string& e, bool inputUtf8) {
    SV_FUZZ_CHECK(!e.empty(), "empty error");
    SV_FUZZ_CHECK(!inputUtf8 || utf8(e), "error not valid UTF-8: " + e);
}

void options(const std::vector<std::string>& args, bool inputUtf8) {
    auto o = sv::parseOptions(args);
    if (o) checkView(*o, inputUtf8);
    else checkError(o.error(), inputUtf8);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    configPath();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const std::string_view text = sv::fuzz::asText(data, size);
    const bool inputUtf8 = sv::json::isValidUtf8(text);

    std::vector<std::string> args = sv::fuzz::splitAny(text, std::string_view("\0\n", 2));
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--config") args[i + 1] = configPath();

    if (!args.empty() && args[0] == "status") {
        std::vector<std::string> rest(args.begin() + 1, args.end());
        auto q = sv::parseStatusQuery(rest);
        if (q) {
            SV_FUZZ_CHECK(q->place.empty() != !q->lonlat, "status: place and point");
            if (q->lonlat)
                SV_FUZZ_CHECK(std::abs(q->lonlat->x) <= 180 && std::abs(q->lonlat->y) <= 90, "status: point");
            SV_FUZZ_CHECK(sv::Date::parse(q->date.iso()).ok(), "status: date");
            options(rest, inputUtf8);
        } else {
            checkError(q.error(), inputUtf8);
        }
    } else if (!args.empty() && args[0] == "links") {
        std::vector<std::string> rest(args.begin() + 1, args.end());
        const std::size_t before = rest.size();
        const auto q = sv::parseLinksQuery(rest);
        SV_FUZZ_CHECK(rest.size() <= before && (q.json || rest.size() == before), "links: arguments lost");
        options(rest, inputUtf8);
    } else if (!args.empty() && (args[0] == "render" || args[0] == "animate" ||
                                 (args[0] == "story" && args.size() >= 2 && args[1] == "export"))) {
        using Kind = sv::ExportOptions::Kind;
        const Kind kind = args[0] == "render" ? Kind::Render : args[0] == "animate" ? Kind::Animate : Kind::Story;
        const std::size_t first = kind == Kind::Story ? 2 : 1;
        const std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(first), args.end());
        auto e = sv::parseExportOptions(kind, rest);
        if (e) {
            checkView(e->view, inputUtf8);
            SV_FUZZ_CHECK(!e->out.empty(), "export without --out");
            SV_FUZZ_CHECK(e->view.width <= sv::kMaxExportWidth && e->view.height <= sv::kMaxExportWidth &&
                              static_cast<long>(e->view.width) * e->view.height <=
                                  static_cast<long>(sv::kMaxExportWidth) * sv::kMaxExportHeight,
                          "export size");
            if (kind == Kind::Animate) {
                SV_FUZZ_CHECK(e->from && e->to && *e->from <= *e->to, "animate dates");
                SV_FUZZ_CHECK(e->fps >= 1 && e->fps <= 120 && e->daysPerSecond >= 0.01 && e->daysPerSecond <= 365,
                              "animate pace");
            }
            if (kind == Kind::Story) SV_FUZZ_CHECK(!e->story.empty(), "story export without a story");
        } else {
            checkError(e.error(), inputUtf8);
        }
    } else {
        options(args, inputUtf8);
    }

    sv::Options o;
    auto st = sv::applyConfigText(text, "/etc/sitview/fuzz.conf", o);
    if (!st) {
        checkError(st.error(), inputUtf8);
        SV_FUZZ_CHECK(st.error().rfind("/etc/sitview/fuzz.conf:", 0) == 0, st.error());
    } else if (inputUtf8) {
        SV_FUZZ_CHECK(utf8(o.sources.regions) && utf8(o.sources.crs), "config values not valid UTF-8");
    }
    return 0;
}
