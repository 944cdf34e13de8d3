// The bad-input matrix (docs/bad-input.md): hostile inputs across geodata, scenarios, articles, stories and the
// command line, each run through the real `sitview` executable. For every row: a specific message naming the file
// and the reason, the documented exit status, no crash or sanitizer report, a bounded run time, the rest of the
// data still loading where the row says so, and every input file byte-for-byte as before (a checksum of the whole
// input tree, symlinks and permissions included). Every input is generated here at test time, in a fresh folder per
// row; the 100 MB file is created and deleted by its row.
//
// Keep docs/bad-input.md in sync with `rows()`: a test below checks every row name appears there.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <thread>

#include <sys/stat.h>

#include "support.hpp"

using namespace svtest;
namespace fs = std::filesystem;

namespace {

using Args = std::vector<std::string>;

// One row's folders: `in` holds the inputs (checksummed before and after), `out` whatever the command writes.
struct Case {
    fs::path root;
    std::string in(const std::string& rel = "") const { return rel.empty() ? (root / "in").string() : (root / "in" / rel).string(); }
    std::string out(const std::string& rel) const { return (root / "out" / rel).string(); }
    void write(const std::string& rel, const std::string& bytes) const {
        fs::create_directories(fs::path(in(rel)).parent_path());
        std::ofstream(in(rel), std::ios::binary) << bytes;
    }
    void dir(const std::string& rel) const { fs::create_directories(in(rel)); }
    void link(const std::string& target, const std::string& rel) const { fs::create_symlink(target, in(rel)); }
    void unreadable(const std::string& rel) const { fs::permissions(in(rel), fs::perms::none); }
    // A named pipe: a reader that opens it blocks until a writer comes, which none ever does.
    void pipe(const std::string& rel) const { REQUIRE(::mkfifo(in(rel).c_str(), 0644) == 0); }
};

// What must still work after the hostile input was met.
enum class Rest {
    Nothing,  // the command fails: no output is written at all
    Map,      // --screenshot: the PNG is written and the good regions are drawn
    Stats,    // stats: the good control feature's date is in the table
    Import,   // import: the good control feature is written
    Links,    // links: the good article is linked to Kherson
    Story,    // story export: the step image is written
};

struct Row {
    const char* area;  // geodata, scenario, articles, story, cli
    const char* name;  // unique; listed in docs/bad-input.md
    std::function<void(Case&)> make;
    std::function<Args(const Case&)> args;
    int status;
    std::function<std::string(const Case&)> message;  // must appear in stderr: names the file and the reason
    Rest rest = Rest::Nothing;
    bool asNobody = false;  // the row needs a file the process cannot read: as root, run it as nobody
};

// ---- generated inputs ----

std::string feature(const std::string& props, const std::string& geometry) {
    return R"({"type":"Feature","properties":{)" + props + R"(},"geometry":)" + geometry + "}";
}
std::string collection(const std::vector<std::string>& features) {
    std::string s = R"({"type":"FeatureCollection","features":[)" "\n";
    for (std::size_t i = 0; i < features.size(); ++i) s += features[i] + (i + 1 < features.size() ? ",\n" : "\n");
    return s + "]}\n";
}
std::string polygon(const std::string& ring) { return R"({"type":"Polygon","coordinates":[)" + ring + "]}"; }
std::string point(const std::string& xy) { return R"({"type":"Point","coordinates":[)" + xy + "]}"; }

const std::string kRingA = "[[30,48],[34,48],[34,51],[30,51],[30,48]]";
const std::string kRingB = "[[34,48],[38,48],[38,51],[34,51],[34,48]]";

// Two regions; feature 0 ("A") takes the given geometry, feature 1 ("B") is always good.
std::string regions(const std::string& geometryA = polygon(kRingA)) {
    return collection({feature(R"("id":"A","name":"Alpha")", geometryA),
                       feature(R"("id":"B","name":"Beta")", polygon(kRingB))});
}
// Two places; feature 0 takes the given name and point, feature 1 ("Alphaville") is always good.
std::string places(const std::string& name0 = "Kherson", const std::string& xy0 = "32.6,46.6") {
    return collection({feature(R"("id":"kherson","name":")" + name0 + R"(","kind":"city")", point(xy0)),
                       feature(R"("id":"alphaville","name":"Alphaville","kind":"city")", point("31,49.5"))});
}
std::string zone(const std::string& id, const std::string& dates, const std::string& extra = R"("side":"ru")") {
    return feature(R"("id":")" + id + R"(",)" + extra + R"(,"status":"occupied",)" + dates +
                       R"(,"source":"test","confidence":"high")",
                   polygon("[[34,48],[36,48],[36,50],[34,50],[34,48]]"));
}
const std::string kGoodZone = zone("good", R"("valid_from":"2022-03-01","valid_to":"2022-03-10")");
// A scenario folder `sc` whose control layer holds the good zone and the given bad features.
void scenario(Case& c, const std::vector<std::string>& bad, const std::string& sieges = "", const std::string& events = "") {
    std::vector<std::string> zones = {kGoodZone};
    zones.insert(zones.end(), bad.begin(), bad.end());
    c.write("sc/control.geojson", collection(zones));
    if (!sieges.empty()) c.write("sc/sieges.geojson", collection({sieges}));
    if (!events.empty()) c.write("sc/events.geojson", collection({events}));
}
std::string article(const std::string& title, const std::string& date, const std::string& body) {
    return "---\ntitle: " + title + "\ndate: " + date + "\n---\n" + body + "\n";
}
const std::string kGoodStory =
    R"({"version":1,"title":"t","steps":[{"date":"2022-03-01","lon":34,"lat":49.5,"px_per_km":0.5}]})" "\n";

// Every row starts with good data next to the hostile input, so "the rest still loads" can be checked.
void goodData(Case& c) {
    c.write("good_regions.geojson", regions());
    c.write("good_places.geojson", places());
    c.write("articles/good.md", article("Good", "2022-03-02", "Russian forces entered Kherson on 2 March."));
}

// ---- command lines ----

Args data(const Case& c) {
    return {"--no-cache", "--no-builtin-articles", "--regions", c.in("good_regions.geojson"), "--places",
            c.in("good_places.geojson")};
}
Args plus(Args a, const Args& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}
// The headless screenshot, small, without the built-in context and scenario; later options override earlier ones.
Args shot(const Case& c, const Args& extra = {}) {
    return plus(plus({"--screenshot", c.out("map.png"), "--size", "320x200", "--context", "", "--no-scenario"}, data(c)), extra);
}
Args stats(const Case& c, const std::string& src) { return plus({"stats", src}, data(c)); }
Args import(const Case& c, const std::string& src, const std::string& out) { return plus({"import", src, "--out", out}, data(c)); }
Args links(const Case& c, const Args& extra = {}) { return plus(plus({"links"}, data(c)), extra); }
Args storyExport(const Case& c, const std::string& story) {
    return plus({"story", "export", story, "--out", c.out("steps"), "--size", "320x200", "--context", "", "--no-scenario"}, data(c));
}

#define MAKE(...) [](Case & c) { (void)c; __VA_ARGS__; }
#define ARGS(...) [](const Case& c) { (void)c; return Args(__VA_ARGS__); }
#define MSG(...) [](const Case& c) { (void)c; return std::string(__VA_ARGS__); }

const std::vector<Row>& rows() {
    static const std::vector<Row> kRows = {
        // ---- geodata: --regions / --places through the headless screenshot ----
        {"geodata", "regions: missing file", MAKE(), ARGS(shot(c, {"--regions", c.in("missing.geojson")})), 2,
         MSG("sitview: " + c.in("missing.geojson") + ": No such file or directory\n")},
        {"geodata", "regions: empty file", MAKE(c.write("regions.geojson", "")),
         ARGS(shot(c, {"--regions", c.in("regions.geojson")})), 2,
         MSG("sitview: " + c.in("regions.geojson") + ": empty file (0 bytes)\n")},
        {"geodata", "regions: truncated JSON", MAKE(c.write("regions.geojson", regions().substr(0, 120))),
         ARGS(shot(c, {"--regions", c.in("regions.geojson")})), 2,
         MSG("sitview: " + c.in("regions.geojson") + ": Failed to read GeoJSON data\n")},
        {"geodata", "regions: a directory", MAKE(c.dir("regions.geojson")),
         ARGS(shot(c, {"--regions", c.in("regions.geojson")})), 2,
         MSG("sitview: " + c.in("regions.geojson") + ": is a directory, not a vector data source GDAL can read\n")},
        {"geodata", "regions: unreadable file", MAKE(c.write("regions.geojson", regions()); c.unreadable("regions.geojson")),
         ARGS(shot(c, {"--regions", c.in("regions.geojson")})), 2,
         MSG("sitview: " + c.in("regions.geojson") + ": Permission denied\n"), Rest::Nothing, true},
        {"geodata", "regions: symlink loop", MAKE(c.link("b.geojson", "a.geojson"); c.link("a.geojson", "b.geojson")),
         ARGS(shot(c, {"--regions", c.in("a.geojson")})), 2,
         MSG("sitview: " + c.in("a.geojson") + ": Too many levels of symbolic links\n")},
        {"geodata", "regions: a named pipe", MAKE(c.pipe("regions.geojson")),
         ARGS(shot(c, {"--regions", c.in("regions.geojson")})), 2,
         MSG("sitview: " + c.in("regions.geojson") + ": is a named pipe, not a data file\n")},
        {"geodata", "regions: GeoPackage that is not SQLite", MAKE(c.write("regions.gpkg", "regions: not a database\n")),
         ARGS(shot(c, {"--regions", c.in("regions.gpkg")})), 2,
         MSG("sitview: " + c.in("regions.gpkg") +
             ": not a GeoPackage: the file is not an SQLite database (no 'SQLite format 3' header)\n")},
        {"geodata", "regions: NaN coordinate", MAKE(c.write("regions.geojson", regions(polygon("[[30,48],[34,48],[NaN,51],[30,51],[30,48]]")))),
         ARGS(shot(c, {"--regions", c.in("regions.geojson")})), 0,
         MSG(c.in("regions.geojson") + ": layer 'regions', feature 0: non-finite polygon coordinate; feature skipped\n"), Rest::Map},
        {"geodata", "regions: 1e308 coordinate", MAKE(c.write("regions.geojson", regions(polygon("[[30,48],[34,48],[1e308,51],[30,51],[30,48]]")))),
         ARGS(shot(c, {"--regions", c.in("regions.geojson")})), 0,
         MSG(c.in("regions.geojson") +
             ": layer 'regions', feature 0: coordinates outside the map projection's domain; feature skipped\n"), Rest::Map},
        {"geodata", "regions: unclosed ring", MAKE(c.write("regions.geojson", regions(polygon("[[30,48],[34,48],[34,51],[30,51]]")))),
         ARGS(shot(c, {"--regions", c.in("regions.geojson")})), 0,
         MSG(c.in("regions.geojson") +
             ": layer 'regions', feature 0: 1 ring(s) not closed (last point differs from the first); read as closed\n"), Rest::Map},
        {"geodata", "regions: self-intersecting ring (bowtie)", MAKE(c.write("regions.geojson", regions(polygon("[[30,48],[34,51],[34,48],[30,51],[30,48]]")))),
         ARGS(shot(c, {"--regions", c.in("regions.geojson")})), 0,
         MSG(c.in("regions.geojson") + ": 1 invalid polygon(s) repaired with MakeValid, 0 skipped (first: feature 0: Self-intersection"),
         Rest::Map},
        {"geodata", "places: truncated JSON", MAKE(c.write("places.geojson", places().substr(0, 90))),
         ARGS(shot(c, {"--places", c.in("places.geojson")})), 2,
         MSG("sitview: " + c.in("places.geojson") + ": Failed to read GeoJSON data\n")},
        {"geodata", "places: invalid UTF-8 in a name", MAKE(c.write("places.geojson", places("Kh\xff\xfeson"))),
         ARGS(shot(c, {"--places", c.in("places.geojson")})), 0,
         MSG(c.in("places.geojson") +
             ": layer 'places', feature 0: field 'name': not valid UTF-8 (byte 2; 2 invalid byte(s) replaced with U+FFFD)\n"),
         Rest::Map},
        {"geodata", "places: NaN coordinate", MAKE(c.write("places.geojson", places("Kherson", "NaN,46.6"))),
         ARGS(shot(c, {"--places", c.in("places.geojson")})), 0,
         // GDAL's GeoJSON reader turns a point with a NaN coordinate into an empty point.
         MSG(c.in("places.geojson") + ": layer 'places', feature 0: no point geometry; place skipped\n"), Rest::Map},
        {"geodata", "places: 1e308 coordinate", MAKE(c.write("places.geojson", places("Kherson", "1e308,46.6"))),
         ARGS(shot(c, {"--places", c.in("places.geojson")})), 0,
         MSG(c.in("places.geojson") +
             ": layer 'places', feature 0: coordinates outside the map projection's domain; feature skipped\n"), Rest::Map},
        {"geodata", "places: a polygon where a point is expected",
         MAKE(c.write("places.geojson", collection({feature(R"("id":"kherson","name":"Kherson")", polygon(kRingA))}))),
         ARGS(shot(c, {"--places", c.in("places.geojson")})), 0,
         MSG(c.in("places.geojson") + ": layer 'places', feature 0: no point geometry; place skipped\n"), Rest::Map},
        {"geodata", "extra layer: empty GeoPackage", MAKE(c.write("extra.gpkg", "")),
         ARGS(shot(c, {c.in("extra.gpkg")})), 2,
         MSG("sitview: " + c.in("extra.gpkg") + ": empty file (0 bytes)\n")},

        // ---- scenario: stats, import, status and the screenshot ----
        {"scenario", "scenario: missing file", MAKE(), ARGS(stats(c, c.in("missing.gpkg"))), 2,
         MSG("sitview: " + c.in("missing.gpkg") + ": No such file or directory\n")},
        {"scenario", "scenario: GeoPackage that is not SQLite", MAKE(c.write("scenario.gpkg", "control,sieges,events\n")),
         ARGS(stats(c, c.in("scenario.gpkg"))), 2,
         MSG("sitview: " + c.in("scenario.gpkg") +
             ": not a GeoPackage: the file is not an SQLite database (no 'SQLite format 3' header)\n")},
        {"scenario", "scenario: empty GeoPackage (status)", MAKE(c.write("scenario.gpkg", "")),
         ARGS(plus({"status", "--date", "2022-03-05", "--lonlat", "35,49", "--scenario", c.in("scenario.gpkg")}, data(c))), 2,
         MSG("sitview: " + c.in("scenario.gpkg") + ": empty file (0 bytes)\n")},
        {"scenario", "scenario: symlink loop", MAKE(c.link("b", "a"); c.link("a", "b")), ARGS(stats(c, c.in("a"))), 2,
         MSG("sitview: " + c.in("a") + ": Too many levels of symbolic links\n")},
        {"scenario", "scenario: a named pipe", MAKE(c.pipe("scenario.gpkg")), ARGS(stats(c, c.in("scenario.gpkg"))), 2,
         MSG("sitview: " + c.in("scenario.gpkg") + ": is a named pipe, not a data file\n")},
        {"scenario", "scenario: unreadable folder", MAKE(scenario(c, {}); c.unreadable("sc")), ARGS(stats(c, c.in("sc"))), 2,
         MSG("sitview: " + c.in("sc") + ": cannot list the folder: Permission denied\n"), Rest::Nothing, true},
        {"scenario", "scenario: folder without a control layer",
         MAKE(c.write("sc/sieges.geojson", collection({feature(R"("id":"s1","place":"kherson","start":"2022-03-01","outcome":"held","source":"test")", point("32.6,46.6"))}))),
         ARGS(stats(c, c.in("sc"))), 2,
         MSG("sitview: " + c.in("sc") + ": no control layer (expected a file named control.* such as control.geojson)\n")},
        {"scenario", "control: a directory", MAKE(scenario(c, {}); fs::remove(c.in("sc/control.geojson")); c.dir("sc/control.geojson")),
         ARGS(stats(c, c.in("sc"))), 2,
         MSG("sitview: " + c.in("sc/control.geojson") +
             ": is a directory, not a vector data source GDAL can read; the scenario's control layer cannot be read\n")},
        {"scenario", "control: truncated JSON", MAKE(c.write("sc/control.geojson", collection({kGoodZone}).substr(0, 150))),
         ARGS(stats(c, c.in("sc"))), 2,
         MSG("sitview: " + c.in("sc/control.geojson") +
             ": Failed to read GeoJSON data; the scenario's control layer cannot be read\n")},
        {"scenario", "control: valid_from 2022-02-30",
         MAKE(scenario(c, {zone("feb30", R"("valid_from":"2022-02-30")")})),
         ARGS(import(c, c.in("sc"), c.out("scenario.gpkg"))), 0,
         MSG(c.in("sc/control.geojson") + ": layer 'control', feature 1: field 'valid_from': value '2022-02-30' is not a valid "
             "date (day 30 does not exist in 2022-02); expected YYYY-MM-DD; feature skipped\n"), Rest::Import},
        {"scenario", "control: reversed interval", MAKE(scenario(c, {zone("rev", R"("valid_from":"2022-03-10","valid_to":"2022-03-01")")})),
         ARGS(stats(c, c.in("sc"))), 0,
         MSG(c.in("sc/control.geojson") + ": layer 'control', feature 1: field 'valid_to': value '2022-03-01' is not after "
             "valid_from 2022-03-10; expected a later date (valid_to is exclusive); feature skipped\n"), Rest::Stats},
        {"scenario", "control: valid_from is a number", MAKE(scenario(c, {zone("num", R"("valid_from":20220301)")})),
         ARGS(shot(c, {"--scenario", c.in("sc"), "--date", "2022-03-05"})), 0,
         MSG(c.in("sc/control.geojson") + ": layer 'control', feature 1: field 'valid_from': value '20220301' is not a valid "
             "date (expected a date as YYYY-MM-DD); expected YYYY-MM-DD; feature skipped\n"), Rest::Map},
        {"scenario", "control: side is a number", MAKE(scenario(c, {zone("side", R"("valid_from":"2022-03-01")", R"("side":1)")})),
         ARGS(stats(c, c.in("sc"))), 0,
         MSG(c.in("sc/control.geojson") + ": layer 'control', feature 1: field 'side': value '1' is not one of ru, ua, "
             "contested; feature skipped\n"), Rest::Stats},
        {"scenario", "control: every feature bad (status)", MAKE(c.write("sc/control.geojson", collection({zone("feb30", R"("valid_from":"2022-02-30")")}))),
         ARGS(plus({"status", "--date", "2022-03-05", "--lonlat", "35,49", "--scenario", c.in("sc")}, data(c))), 2,
         MSG("sitview: " + c.in("sc/control.geojson") + ": layer 'control': none of its 1 feature(s) is usable (first: " +
             c.in("sc/control.geojson") + ": layer 'control', feature 0: field 'valid_from': value '2022-02-30' is not a "
             "valid date (day 30 does not exist in 2022-02); expected YYYY-MM-DD; feature skipped); the scenario is not loaded\n")},
        {"scenario", "sieges: radius_km is a string",
         MAKE(scenario(c, {}, feature(R"("id":"s1","place":"kherson","start":"2022-03-01","outcome":"held","radius_km":"ten km","source":"test")", point("32.6,46.6")))),
         ARGS(shot(c, {"--scenario", c.in("sc"), "--date", "2022-03-05"})), 0,
         MSG(c.in("sc/sieges.geojson") + ": layer 'sieges', feature 0: field 'radius_km': value 'ten km' is not a radius; "
             "expected a number of km in (0, 500]; feature skipped\n"), Rest::Map},
        {"scenario", "sieges: end before start",
         MAKE(scenario(c, {}, feature(R"("id":"s1","place":"kherson","start":"2022-03-05","end":"2022-03-01","outcome":"held","source":"test")", point("32.6,46.6")))),
         ARGS(stats(c, c.in("sc"))), 0,
         MSG(c.in("sc/sieges.geojson") + ": layer 'sieges', feature 0: field 'end': value '2022-03-01' is before start "
             "2022-03-05; expected the same day or later; feature skipped\n"), Rest::Stats},
        {"scenario", "events: date 2022-02-30",
         MAKE(scenario(c, {}, "", feature(R"("id":"e1","date":"2022-02-30","title":"T","source":"test")", point("32.6,46.6")))),
         ARGS(import(c, c.in("sc"), c.out("scenario.gpkg"))), 0,
         MSG(c.in("sc/events.geojson") + ": layer 'events', feature 0: field 'date': value '2022-02-30' is not a valid date "
             "(day 30 does not exist in 2022-02); expected YYYY-MM-DD; feature skipped\n"), Rest::Import},
        {"scenario", "import: --out is the input", MAKE(scenario(c, {})), ARGS(import(c, c.in("sc"), c.in("sc"))), 2,
         MSG("sitview: import: --out " + c.in("sc") + " would write into the input; choose another path\n")},
        {"scenario", "import: --out is the control file (SRC/)", MAKE(scenario(c, {})),
         ARGS(import(c, c.in("sc") + "/", c.in("sc/control.geojson"))), 2,
         MSG("sitview: import: --out " + c.in("sc/control.geojson") + " would write into the input; choose another path\n")},
        {"scenario", "import: --out is the --regions file", MAKE(scenario(c, {})),
         ARGS(plus(import(c, c.in("sc"), c.in("good_regions.geojson")), {"--regions", c.in("good_regions.geojson")})), 1,
         MSG("sitview: " + c.in("good_regions.geojson") +
             ": exists and is not a scenario GeoPackage (it may be an input); refusing to replace it; choose another path\n")},

        // ---- articles: links, and one through the screenshot ----
        {"articles", "articles: missing folder", MAKE(), ARGS(links(c, {"--articles", c.in("missing"), "--articles", c.in("articles")})), 0,
         MSG("sitview: warning: " + c.in("missing") + ": not a folder of articles (No such file or directory); skipped\n"),
         Rest::Links},
        {"articles", "articles: a file given as the folder", MAKE(), ARGS(links(c, {"--articles", c.in("articles/good.md")})), 0,
         MSG("sitview: warning: " + c.in("articles/good.md") + ": not a folder of articles; skipped\n")},
        {"articles", "article: empty file", MAKE(c.write("articles/empty.md", "")), ARGS(links(c, {"--articles", c.in("articles")})), 0,
         MSG("sitview: warning: " + c.in("articles/empty.md") + ": empty file (0 bytes); article skipped\n"), Rest::Links},
        {"articles", "article: invalid UTF-8",
         MAKE(c.write("articles/bad.md", article("Bad bytes", "2022-03-03", "Fighting near Kh\xffrson and in Alphaville \xc3 today."))),
         ARGS(links(c, {"--articles", c.in("articles")})), 0,
         MSG("sitview: warning: " + c.in("articles/bad.md") + ": byte 58: not valid UTF-8 (2 invalid byte(s) replaced with U+FFFD)\n"),
         Rest::Links},
        {"articles", "article: date 2022-02-30", MAKE(c.write("articles/feb30.md", article("Feb", "2022-02-30", "Alphaville."))),
         ARGS(links(c, {"--articles", c.in("articles")})), 0,
         MSG("sitview: warning: " + c.in("articles/feb30.md") + ":3: date '2022-02-30': day 30 does not exist in 2022-02; "
             "the article's date is unknown\n"), Rest::Links},
        {"articles", "article: header never closed", MAKE(c.write("articles/open.md", "---\ntitle: Open\ndate: 2022-03-01\nAlphaville.\n")),
         ARGS(links(c, {"--articles", c.in("articles")})), 0,
         MSG("sitview: warning: " + c.in("articles/open.md") + ":1: header opened with '---' is never closed; the whole file "
             "is read as text\n"), Rest::Links},
        {"articles", "article: a directory", MAKE(c.dir("articles/folder.md")), ARGS(links(c, {"--articles", c.in("articles")})), 0,
         MSG("sitview: warning: " + c.in("articles/folder.md") + ": is a directory, not an article file; skipped\n"), Rest::Links},
        {"articles", "article: unreadable file", MAKE(c.write("articles/secret.md", article("S", "2022-03-01", "Kyiv.")); c.unreadable("articles/secret.md")),
         ARGS(links(c, {"--articles", c.in("articles")})), 0,
         MSG("sitview: warning: " + c.in("articles/secret.md") + ": cannot read: Permission denied; article skipped\n"),
         Rest::Links, true},
        {"articles", "article: symlink loop", MAKE(c.link("b.md", "articles/a.md"); c.link("a.md", "articles/b.md")),
         ARGS(links(c, {"--articles", c.in("articles")})), 0,
         MSG("sitview: warning: " + c.in("articles/a.md") + ": Too many levels of symbolic links; article skipped\n"), Rest::Links},
        {"articles", "article: a named pipe", MAKE(c.pipe("articles/pipe.md")), ARGS(links(c, {"--articles", c.in("articles")})), 0,
         MSG("sitview: warning: " + c.in("articles/pipe.md") + ": not a regular file; article skipped\n"), Rest::Links},
        {"articles", "article: 100 MB on one line",
         MAKE({
             std::string body(100u * 1024 * 1024, ' ');
             const std::string words = "Kherson Alphaville ";
             for (std::size_t i = 0; i + words.size() <= body.size(); i += 64) body.replace(i, words.size(), words);
             c.write("articles/huge.md", "---\ntitle: Huge\ndate: 2022-03-04\n---\n" + body);
         }),
         ARGS(links(c, {"--articles", c.in("articles")})), 0,
         MSG("sitview: warning: " + c.in("articles/huge.md") + ": 104857637 bytes is more than an article may have (8 MiB); "
             "article skipped\n"), Rest::Links},
        {"articles", "article: a directory (screenshot)", MAKE(c.dir("articles/folder.md")),
         ARGS(shot(c, {"--articles", c.in("articles")})), 0,
         MSG("sitview: warning: " + c.in("articles/folder.md") + ": is a directory, not an article file; skipped\n"), Rest::Map},

        // ---- stories: `sitview story export` ----
        {"story", "story: missing file", MAKE(), ARGS(storyExport(c, c.in("missing.story.json"))), 2,
         MSG("sitview: story export: " + c.in("missing.story.json") + ": No such file or directory\n")},
        {"story", "story: empty file", MAKE(c.write("s.story.json", "")), ARGS(storyExport(c, c.in("s.story.json"))), 2,
         MSG("sitview: story export: " + c.in("s.story.json") + ":1:1: unexpected end of input\n")},
        {"story", "story: truncated JSON", MAKE(c.write("s.story.json", kGoodStory.substr(0, 60))),
         ARGS(storyExport(c, c.in("s.story.json"))), 2,
         MSG("sitview: story export: " + c.in("s.story.json") + ":1:61: unexpected end of input\n")},
        {"story", "story: date 2022-02-30", MAKE(c.write("s.story.json", R"({"version":1,"steps":[{"date":"2022-02-30","lon":34,"lat":49.5,"px_per_km":0.5}]})")),
         ARGS(storyExport(c, c.in("s.story.json"))), 2,
         MSG("sitview: story export: " + c.in("s.story.json") + ": steps[0].date: '2022-02-30' is not a date (day 30 does not "
             "exist in 2022-02); expected YYYY-MM-DD\n")},
        {"story", "story: invalid UTF-8", MAKE(c.write("s.story.json", "{\"version\":1,\"title\":\"bad \xff\",\"steps\":[]}")),
         ARGS(storyExport(c, c.in("s.story.json"))), 2,
         MSG("sitview: story export: " + c.in("s.story.json") + ":1:27: invalid UTF-8 in string\n")},
        {"story", "story: NaN coordinate", MAKE(c.write("s.story.json", R"({"version":1,"steps":[{"date":"2022-03-01","lon":NaN,"lat":49.5,"px_per_km":0.5}]})")),
         ARGS(storyExport(c, c.in("s.story.json"))), 2,
         MSG("sitview: story export: " + c.in("s.story.json") + ":1:50: invalid literal 'NaN'\n")},
        {"story", "story: 1e308 latitude", MAKE(c.write("s.story.json", R"({"version":1,"steps":[{"date":"2022-03-01","lon":34,"lat":1e308,"px_per_km":0.5}]})")),
         ARGS(storyExport(c, c.in("s.story.json"))), 2,
         MSG("sitview: story export: " + c.in("s.story.json") + ": steps[0].lat: 1e+308 is out of range; expected a latitude "
             "from -90 to 90\n")},
        {"story", "story: zoom is a string", MAKE(c.write("s.story.json", R"({"version":1,"steps":[{"date":"2022-03-01","lon":34,"lat":49.5,"px_per_km":"far"}]})")),
         ARGS(storyExport(c, c.in("s.story.json"))), 2,
         MSG("sitview: story export: " + c.in("s.story.json") + ": steps[0].px_per_km: expected a zoom in pixels per km, "
             "greater than 0 and at most 1000000, found 'far'\n")},
        {"story", "story: version 2", MAKE(c.write("s.story.json", R"({"version":2,"steps":[]})")),
         ARGS(storyExport(c, c.in("s.story.json"))), 2,
         MSG("sitview: story export: " + c.in("s.story.json") + ": version: unsupported version 2; this sitview reads version 1\n")},
        {"story", "story: a directory", MAKE(c.dir("s.story.json")), ARGS(storyExport(c, c.in("s.story.json"))), 2,
         MSG("sitview: story export: " + c.in("s.story.json") + ": Is a directory\n")},
        {"story", "story: unreadable file", MAKE(c.write("s.story.json", kGoodStory); c.unreadable("s.story.json")),
         ARGS(storyExport(c, c.in("s.story.json"))), 2,
         MSG("sitview: story export: " + c.in("s.story.json") + ": Permission denied\n"), Rest::Nothing, true},
        {"story", "story: symlink loop", MAKE(c.link("b.json", "a.json"); c.link("a.json", "b.json")),
         ARGS(storyExport(c, c.in("a.json"))), 2,
         MSG("sitview: story export: " + c.in("a.json") + ": Too many levels of symbolic links\n")},
        {"story", "story: a named pipe", MAKE(c.pipe("s.story.json")), ARGS(storyExport(c, c.in("s.story.json"))), 2,
         MSG("sitview: story export: " + c.in("s.story.json") + ": is a named pipe, not a story file\n")},
        {"story", "story: --out is the story file", MAKE(c.write("s.story.json", kGoodStory)),
         ARGS(plus(storyExport(c, c.in("s.story.json")), {"--out", c.in("s.story.json")})), 2,
         MSG("sitview: story export: " + c.in("s.story.json") + ": exists and is not a folder\n")},
        {"story", "story: a good story (control row)", MAKE(c.write("s.story.json", kGoodStory)),
         ARGS(storyExport(c, c.in("s.story.json"))), 0, MSG("sitview: wrote 1 step image(s) to " + c.out("steps") + "\n"),
         Rest::Story},

        // ---- the command line ----
        {"cli", "unknown option", MAKE(), ARGS({"--frobnicate"}), 2, MSG("sitview: --frobnicate: unknown option (see --help)\n")},
        {"cli", "missing value", MAKE(), ARGS({"--screenshot", c.out("map.png"), "--regions"}), 2,
         MSG("sitview: --regions: missing value\n")},
        {"cli", "--date 2022-02-30", MAKE(), ARGS({"--date", "2022-02-30"}), 2,
         MSG("sitview: --date: '2022-02-30': day 30 does not exist in 2022-02\n")},
        {"cli", "status --date 2022-13-01", MAKE(), ARGS({"status", "--date", "2022-13-01", "--place", "Kherson"}), 2,
         MSG("sitview: --date: '2022-13-01': month 13 is not 1-12\n")},
        {"cli", "--view not numbers", MAKE(), ARGS({"--view", "east,north,big"}), 2,
         MSG("sitview: --view: expected LON,LAT,PX_PER_KM, got 'east,north,big'\n")},
        {"cli", "--view NaN", MAKE(), ARGS({"--view", "nan,50,1"}), 2, MSG("sitview: --view: expected LON,LAT,PX_PER_KM, got 'nan,50,1'\n")},
        {"cli", "--view 1e308", MAKE(), ARGS({"--view", "30,1e308,1"}), 2,
         MSG("sitview: --view: '30,1e308,1' is out of range (lon -180..180, lat -90..90, zoom > 0)\n")},
        {"cli", "--size 0x0", MAKE(), ARGS({"--screenshot", c.out("map.png"), "--size", "0x0"}), 2,
         MSG("sitview: --size: 0x0 is outside 16x16 .. 16384x16384\n")},
        {"cli", "--size beyond 7680x4320 (render)", MAKE(), ARGS({"render", "--out", c.out("big.png"), "--size", "7681x4320"}), 2,
         MSG("sitview: render: --size: 7681x4320 is beyond the export limit of 7680x4320 pixels\n")},
        {"cli", "--config missing", MAKE(), ARGS({"--config", c.in("missing.conf")}), 2,
         MSG("sitview: " + c.in("missing.conf") + ": cannot read config file: No such file or directory\n")},
        {"cli", "--config a directory", MAKE(c.dir("sitview.conf")), ARGS({"--config", c.in("sitview.conf")}), 2,
         MSG("sitview: " + c.in("sitview.conf") + ": is a directory, not a config file\n")},
        {"cli", "--config a named pipe", MAKE(c.pipe("sitview.conf")), ARGS({"--config", c.in("sitview.conf")}), 2,
         MSG("sitview: " + c.in("sitview.conf") + ": is a named pipe, not a config file\n")},
        {"cli", "--config with invalid UTF-8", MAKE(c.write("sitview.conf", "regions \xff\xfe\n")), ARGS({"--config", c.in("sitview.conf")}), 2,
         MSG("sitview: " + c.in("sitview.conf") + ":1: expected `key = value`, got 'regions \xff\xfe'\n")},
        {"cli", "--crs unknown", MAKE(), ARGS(shot(c, {"--crs", "EPSG:999999"})), 2,
         MSG("sitview: cannot use CRS 'EPSG:999999': crs not found\n")},
        {"cli", "import without --out", MAKE(scenario(c, {})), ARGS({"import", c.in("sc")}), 2, MSG("sitview: import: no --out FILE given\n")},
    };
    return kRows;
}

// ---- checks ----

// Everything under `dir`, without following symlinks: type, permissions, size and checksum, or the link's target.
std::map<std::string, std::string> treeState(const fs::path& dir) {
    std::map<std::string, std::string> state;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const auto st = it->symlink_status();
        const auto mode = std::to_string(static_cast<unsigned>(st.permissions()));
        std::string& v = state[it->path().string()];
        if (fs::is_symlink(st)) v = "link -> " + fs::read_symlink(it->path()).string();
        else if (fs::is_directory(st)) v = "dir " + mode;
        else if (fs::is_regular_file(st)) v = "file " + mode + " " + std::to_string(fs::file_size(it->path())) + " " + fileHash(it->path());
        else v = "other " + mode;
    }
    if (ec) state["(error)"] = ec.message();
    return state;
}

int regionFillPixels(const std::string& png) {
    const Image img = loadPng(png);
    int n = 0;
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) n += near(img.at(x, y), sv::style::kRegionFill, 3);
    return n;
}

fs::path matrixRoot() {
    static const fs::path root = [] {
        // Rows run as nobody must reach their inputs: every generated file readable, every folder searchable,
        // whatever the umask CI runs with (only the file a row makes unreadable is not).
        ::umask(022);
        fs::permissions(tempDir(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                       fs::perms::others_read | fs::perms::others_exec);
        auto r = tempDir() / "bad-input-matrix";
        fs::remove_all(r);
        fs::create_directories(r);
        fs::permissions(r, fs::perms::all);  // rows run as nobody write their output below it
        return r;
    }();
    return root;
}

void restorePermissions(const fs::path& dir) {
    std::error_code ec;
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add, ec);
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (!it->is_symlink()) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
}

void runArea(const std::string& area) {
    std::vector<const Row*> selected;
    for (const auto& r : rows())
        if (area == r.area) selected.push_back(&r);
    REQUIRE_FALSE(selected.empty());
    const auto started = std::chrono::steady_clock::now();

    // Generate and checksum every row's inputs, then run the rows two at a time (the runs are processes).
    struct Prepared {
        Case c;
        Args args;
        std::map<std::string, std::string> before;
        BoundedRun run;
    };
    std::vector<Prepared> cases(selected.size());
    // Whatever happens (a failed REQUIRE throws), every row's folder goes, the 100 MB file with it.
    struct Cleanup {
        std::vector<Prepared>& cases;
        ~Cleanup() {
            std::error_code ec;
            for (const auto& p : cases)
                if (!p.c.root.empty()) restorePermissions(p.c.root), fs::remove_all(p.c.root, ec);
        }
    } cleanup{cases};
    const std::string cache = (matrixRoot() / "cache").string();
    for (std::size_t i = 0; i < selected.size(); ++i) {
        Prepared& p = cases[i];
        p.c.root = matrixRoot() / (area + "-" + std::to_string(i));
        fs::remove_all(p.c.root);
        fs::create_directories(p.c.root / "in");
        fs::create_directories(p.c.root / "out");
        fs::permissions(p.c.root / "out", fs::perms::all);
        goodData(p.c);
        selected[i]->make(p.c);
        p.args = selected[i]->args(p.c);
        p.before = treeState(p.c.in());
    }
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i; (i = next++) < cases.size();) {
            RunLimits limits;
            limits.timeoutSeconds = 20;
            limits.env = {"SITVIEW_CACHE_DIR=" + cache};
            limits.asNobody = selected[i]->asNobody;
            cases[i].run = runSitviewBounded(cases[i].args, limits);
        }
    };
    std::thread second(worker);
    worker();
    second.join();

    for (std::size_t i = 0; i < selected.size(); ++i) {
        const Row& row = *selected[i];
        const Case& c = cases[i].c;
        const BoundedRun& r = cases[i].run;
        const std::string name = row.name;
        CAPTURE(name);
        INFO("stderr: " << r.err);
        INFO("stdout (first 400 bytes): " << r.out.substr(0, 400));
        CHECK(r.setupError.empty());
        CHECK_MESSAGE(!r.timedOut, "no answer within 20 s");
        CHECK_MESSAGE(r.signal == 0, "killed by signal " << r.signal);
        CHECK(r.status == row.status);
        CHECK(r.seconds < 20);
        const std::string message = row.message(c);
        CHECK_MESSAGE(r.err.find(message) != std::string::npos, "expected in stderr: " << message);
        for (const char* sanitizer : {"AddressSanitizer", "LeakSanitizer", "UndefinedBehaviorSanitizer", "runtime error:"})
            CHECK(r.err.find(sanitizer) == std::string::npos);
        CHECK(r.err.find("OGR_GEOMETRY_ACCEPT_UNCLOSED_RING") == std::string::npos);  // GDAL's advice to developers
        // The program writes nowhere among its inputs.
        const auto after = treeState(c.in());
        CHECK(after == cases[i].before);
        if (after != cases[i].before)
            for (const auto& [path, state] : after)
                if (auto it = cases[i].before.find(path); it == cases[i].before.end() || it->second != state)
                    MESSAGE("changed or new: " << path << " (" << state << ")");
        switch (row.rest) {
            case Rest::Nothing:
                CHECK(fs::is_empty(c.root / "out"));
                break;
            case Rest::Map:
                CHECK(fs::exists(c.out("map.png")));
                if (fs::exists(c.out("map.png"))) CHECK(regionFillPixels(c.out("map.png")) > 2000);
                break;
            case Rest::Stats:
                CHECK(r.out.find("\n2022-03-01 ") != std::string::npos);
                break;
            case Rest::Import:
                CHECK(r.err.find("sitview: wrote 1 control feature(s) to " + c.out("scenario.gpkg")) != std::string::npos);
                CHECK(fs::exists(c.out("scenario.gpkg")));
                break;
            case Rest::Links:
                CHECK(r.out.find("good  [23,30)  'Kherson' -> kherson (Kherson)") != std::string::npos);
                break;
            case Rest::Story:
                CHECK(fs::exists(c.out("steps/step-01.png")));
                break;
        }
        restorePermissions(c.root);
        fs::remove_all(c.root);  // the 100 MB file too, as soon as its row is checked
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    MESSAGE(area << ": " << selected.size() << " row(s) in " << seconds << " s");
}

}  // namespace

TEST_CASE("bad-input matrix: at least 36 rows over geodata, scenario, articles, stories and the command line") {
    std::map<std::string, int> perArea;
    std::map<std::string, int> names;
    for (const auto& r : rows()) ++perArea[r.area], ++names[r.name];
    CHECK(rows().size() >= 36);
    for (const char* area : {"geodata", "scenario", "articles", "story", "cli"}) CHECK(perArea[area] >= 5);
    for (const auto& [name, n] : names) CHECK_MESSAGE(n == 1, "duplicate row name " << name);
}

TEST_CASE("bad-input matrix: docs/bad-input.md lists every row") {
    const std::string doc = readText(fs::path(SV_TEST_DATA) / ".." / ".." / "docs" / "bad-input.md");
    REQUIRE_FALSE(doc.empty());
    for (const auto& r : rows()) CHECK_MESSAGE(doc.find("| " + std::string(r.name) + " |") != std::string::npos, r.name);
}

TEST_CASE("bad-input matrix: geodata") { runArea("geodata"); }
TEST_CASE("bad-input matrix: scenario") { runArea("scenario"); }
TEST_CASE("bad-input matrix: articles") { runArea("articles"); }
TEST_CASE("bad-input matrix: story") { runArea("story"); }
TEST_CASE("bad-input matrix: cli") { runArea("cli"); }
