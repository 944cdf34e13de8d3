// The export commands as processes: `sitview render` (morphing between two days, tiling), `sitview animate`
// (PNG frames with their dates, MP4 and GIF through ffmpeg), `sitview story export`, and the refusal to write over
// an input. Images are read back with stb_image, metadata with sv::readPngText.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "support.hpp"
#include "util/date.hpp"
#include "util/png.hpp"

namespace fs = std::filesystem;
using namespace svtest;

namespace {

// A folder of its own for each test case (removed afterwards) and one prepared-data cache shared by all cases of
// this file (written atomically by sitview, so concurrent cases are safe), which keeps each run to a second or so.
struct Scratch {
    fs::path path;
    explicit Scratch(const std::string& name) : path(tempDir() / name) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

std::string cacheEnv() {
    return "SITVIEW_CACHE_DIR=" + (fs::temp_directory_path() / "sitview-test-briefing-cache").string();
}

RunResult run(const std::string& args, const std::string& env = "") { return runSitview(args, cacheEnv() + " " + env); }

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

std::string pngText(const std::string& path, const std::string& key) {
    auto t = sv::readPngText(path);
    REQUIRE_MESSAGE(t.ok(), (t.ok() ? "" : t.error()));
    for (const auto& [k, v] : *t)
        if (k == key) return v;
    return "(no " + key + ")";
}

sv::Date day(const char* iso) {
    auto d = sv::Date::parse(iso);
    REQUIRE(d.ok());
    return *d;
}

// Runs a shell command and returns its stdout.
std::string capture(const std::string& cmd) {
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        ::pclose(p);
    }
    return out;
}

bool haveProgram(const char* name) { return std::system(("command -v " + std::string(name) + " >/dev/null 2>&1").c_str()) == 0; }

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string::npos) eol = text.size();
        out.push_back(text.substr(pos, eol - pos));
        pos = eol + 1;
    }
    return out;
}

// ---- morphing between two days ----

// Only the control zones on the plain background (and the export's caption, legend, scale bar and attribution).
const char* kOnlyControl = "context,regions,region-labels,places,place-labels,changes,front,sieges,events";
// North-west of Kyiv at 3 px/km: the Russian-occupied area (one solid zone) on 31 March 2022 and the much smaller
// residual one of 1 April (the withdrawal). Zoomed in this far, the 1-pixel zone outline that a plain render adds
// around the fill (a morph draws none) is about 0.6 % of the count.
const char* kView = "29.8,50.75,3";
const int kW = 800, kH = 500;

Image renderControl(const Scratch& s, const std::string& name, const std::string& date, const std::string& extra = "") {
    const std::string png = s / (name + ".png");
    const auto r = run("render --out " + png + " --size " + std::to_string(kW) + "x" + std::to_string(kH) + " --view " +
                       kView + " --date " + date + " --hide " + kOnlyControl + " " + extra);
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    CHECK(pngText(png, "Date") == date);
    Image img = loadPng(png);
    REQUIRE(img.w == kW);
    REQUIRE(img.h == kH);
    return img;
}

bool isBackground(sv::Rgba c) { return near(c, sv::style::kBackground, 12); }

// Pixels not of the background colour, right of the legend (268 px wide at x 10), below the date caption and above
// the attribution line, where `reference` (the same render with the control layer hidden) is background: that
// leaves out the scale bar and anything else drawn in both.
long controlPixels(const Image& img, const Image& reference) {
    long n = 0;
    for (int y = 70; y < img.h - 30; ++y)
        for (int x = 290; x < img.w; ++x)
            n += isBackground(reference.at(x, y)) && !isBackground(img.at(x, y));
    return n;
}

}  // namespace

TEST_CASE("render --morph-t: 0 is the day, 1 the next day, 0.5 in between (control-zone pixel counts)") {
    const Scratch s("morph");
    const Image ref = renderControl(s, "nocontrol", "2022-03-31", "--hide control");
    const Image d0 = renderControl(s, "d0", "2022-03-31"), d1 = renderControl(s, "d1", "2022-04-01");
    const Image m0 = renderControl(s, "m0", "2022-03-31", "--morph-t 0");
    const Image m1 = renderControl(s, "m1", "2022-03-31", "--morph-t 1");
    const Image mh = renderControl(s, "mh", "2022-03-31", "--morph-t 0.5");
    const long c0 = controlPixels(d0, ref), c1 = controlPixels(d1, ref);
    const long k0 = controlPixels(m0, ref), k1 = controlPixels(m1, ref), kh = controlPixels(mh, ref);
    MESSAGE("control pixels: 31 Mar " << c0 << ", 1 Apr " << c1 << "; morph t=0 " << k0 << ", t=1 " << k1 << ", t=0.5 "
                                      << kh);
    CHECK(controlPixels(ref, ref) == 0);
    // The two days really differ here (by far more than the 1 % tolerance below), and there is a lot to count.
    REQUIRE(c0 > 20000);
    REQUIRE(c1 > 20000);
    REQUIRE(std::abs(c0 - c1) > 0.2 * std::max(c0, c1));
    CHECK(k0 == doctest::Approx(c0).epsilon(0.01));
    CHECK(k1 == doctest::Approx(c1).epsilon(0.01));
    CHECK(kh > std::min(c0, c1));
    CHECK(kh < std::max(c0, c1));
    // And halfway is a different picture from both ends.
    int differ0 = 0, differ1 = 0;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) differ0 += !near(mh.at(x, y), m0.at(x, y), 12), differ1 += !near(mh.at(x, y), m1.at(x, y), 12);
    CHECK(differ0 > 500);
    CHECK(differ1 > 500);
}

// ---- animation ----

TEST_CASE("animate to a folder: 12 frames, one per day, each PNG dated, captions differ, frames.csv") {
    const Scratch s("animate");
    const std::string dir = s / "frames";
    const auto r = run("animate --from 2022-03-25 --to 2022-04-05 --out " + dir + " --size 640x360");
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    std::vector<std::string> pngs;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".png") pngs.push_back(e.path().filename().string());
    std::sort(pngs.begin(), pngs.end());
    REQUIRE(pngs.size() == 12);
    for (int i = 0; i < 12; ++i) {
        char want[32];
        std::snprintf(want, sizeof want, "frame-%04d.png", i + 1);
        CHECK(pngs[static_cast<std::size_t>(i)] == want);
        CHECK(pngText((fs::path(dir) / want).string(), "Date") == (day("2022-03-25") + i).iso());
    }
    // The caption box, top centre: text on a box (not one colour), and another date gives other pixels.
    const Image first = loadPng((fs::path(dir) / "frame-0001.png").string());
    const Image fifth = loadPng((fs::path(dir) / "frame-0005.png").string());
    REQUIRE(first.w == 640);
    REQUIRE(first.h == 360);
    REQUIRE(fifth.w == 640);
    int colours = 0, differing = 0;
    const sv::Rgba corner = first.at(320, 14);
    for (int y = 12; y < 40; ++y)
        for (int x = 320 - 80; x < 320 + 80; ++x) {
            colours += !near(first.at(x, y), corner, 30);
            differing += !near(first.at(x, y), fifth.at(x, y), 30);
        }
    CHECK(colours > 100);
    CHECK(differing > 50);

    const auto rows = lines(readText(fs::path(dir) / "frames.csv"));
    REQUIRE(rows.size() == 13);
    CHECK(rows[0] == "frame,date,position");
    double prev = -1;
    for (int i = 1; i <= 12; ++i) {
        const std::string& row = rows[static_cast<std::size_t>(i)];
        INFO("row: " << row);
        const auto c1 = row.find(','), c2 = row.rfind(',');
        REQUIRE(c1 != std::string::npos);
        REQUIRE(c2 > c1);
        CHECK(row.substr(0, c1) == std::to_string(i));
        CHECK(row.substr(c1 + 1, c2 - c1 - 1) == (day("2022-03-25") + (i - 1)).iso());
        const double pos = std::stod(row.substr(c2 + 1));
        if (prev >= 0) CHECK(pos - prev == doctest::Approx(1.0));
        prev = pos;
    }
}

TEST_CASE("animate to MP4 (10 frames at 2 days/s, 6 fps) and to GIF through ffmpeg") {
    if (!haveProgram("ffmpeg") || !haveProgram("ffprobe")) {
        MESSAGE("ffmpeg or ffprobe is not installed: MP4/GIF export not checked");
        return;
    }
    const Scratch s("video");
    const std::string mp4 = s / "anim.mp4";
    const auto r = run("animate --from 2022-03-25 --to 2022-03-28 --days-per-second 2 --fps 6 --out " + mp4 + " --size 320x180");
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    // 3 days at 6 frames per 2 days: 9 steps, both ends shown.
    const std::string frames = capture("ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames "
                                       "-of csv=p=0 " + mp4);
    CHECK(frames == "10\n");
    const std::string size = capture("ffprobe -v error -select_streams v:0 -show_entries stream=width,height,codec_name "
                                     "-of csv=p=0 " + mp4);
    CHECK(size == "h264,320,180\n");
    // The sidecar: frame k shows 2022-03-25 + ⌊k/3⌋ (a third of a day per frame).
    const auto rows = lines(readText(mp4 + ".frames.csv"));
    REQUIRE(rows.size() == 11);
    for (int k = 0; k < 10; ++k) {
        const std::string& row = rows[static_cast<std::size_t>(k) + 1];
        CHECK(row.rfind(std::to_string(k + 1) + "," + (day("2022-03-25") + k / 3).iso() + ",", 0) == 0);
    }

    const std::string gif = s / "anim.gif";
    const auto g = run("animate --from 2022-03-25 --to 2022-03-26 --out " + gif + " --size 160x90");
    INFO("stderr: " << g.err);
    REQUIRE(g.status == 0);
    CHECK(readText(gif).substr(0, 6) == "GIF89a");
    // Nothing left behind but the two videos and their sidecars.
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(s.path)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"anim.gif", "anim.gif.frames.csv", "anim.mp4", "anim.mp4.frames.csv"});
}

// ---- tiles ----

namespace {

// Renders the same view twice, whole and in 128-pixel tiles (SITVIEW_MAX_TILE); both must succeed.
std::pair<Image, Image> renderWholeAndTiled(const Scratch& s, const std::string& args) {
    const std::string whole = s / "whole.png", tiled = s / "tiled.png";
    const auto a = run("render --out " + whole + args);
    INFO("stderr: " << a.err);
    REQUIRE(a.status == 0);
    const auto b = run("render --out " + tiled + args, "SITVIEW_MAX_TILE=128");
    INFO("stderr: " << b.err);
    REQUIRE(b.status == 0);
    return {loadPng(whole), loadPng(tiled)};
}

// The share of pixels whose RGB is identical in both pictures (same size).
double identicalShare(const Image& x, const Image& y) {
    long same = 0;
    for (std::size_t i = 0; i < x.px.size(); i += 4)
        same += x.px[i] == y.px[i] && x.px[i + 1] == y.px[i + 1] && x.px[i + 2] == y.px[i + 2];
    return static_cast<double>(same) / (static_cast<double>(x.px.size()) / 4.0);
}

}  // namespace

TEST_CASE("render in 128-pixel tiles equals the untiled render, and sizes beyond 7680x4320 are refused") {
    const Scratch s("tiles");
    const auto [x, y] = renderWholeAndTiled(s, " --size 700x500");  // the default view and date
    REQUIRE(x.w == 700);
    REQUIRE(x.h == 500);
    REQUIRE(y.w == 700);
    REQUIRE(y.h == 500);
    const double share = identicalShare(x, y);
    MESSAGE("identical pixels: " << share * 100 << " %");
    CHECK(share >= 0.995);
    // Not a blank picture that would trivially agree: the map has regions, zones and text.
    int notBackground = 0;
    for (int yy = 0; yy < 500; yy += 5)
        for (int xx = 0; xx < 700; xx += 5) notBackground += !near(x.at(xx, yy), sv::style::kBackground, 6);
    CHECK(notBackground > 5000);

    const auto big = run("render --out " + (s / "big.png") + " --size 7681x4320");
    CHECK(big.status == 2);
    CHECK(big.err == "sitview: render: --size: 7681x4320 is beyond the export limit of 7680x4320 pixels\n");
    const auto tall = run("render --out " + (s / "big.png") + " --size 7680x4321");
    CHECK(tall.status == 2);
    CHECK(tall.err == "sitview: render: --size: 7680x4321 is beyond the export limit of 7680x4320 pixels\n");
    CHECK_FALSE(fs::exists(s / "big.png"));
}

// Hatched fills (assessed advances, contested areas) put their stripes at gl_FragCoord.x + gl_FragCoord.y modulo
// the period: in a tile that is the tile's own framebuffer, so unless the tile's offset happens to be a multiple of
// the period the stripes of each tile are shifted against the untiled picture and break at every seam.
TEST_CASE("render in tiles: hatched zones line up with the untiled render") {
    const Scratch s("hatch");
    // Chernihiv and Sumy oblasts on 29 March 2022: mostly 'assessed Russian advance' (hatched every 6 px).
    const std::string args = " --size 512x384 --view 32.3,51.3,1.2 --date 2022-03-29"
                             " --hide places,place-labels,region-labels,sieges,events,front";
    const auto [x, y] = renderWholeAndTiled(s, args);
    REQUIRE(x.w == 512);
    REQUIRE(y.w == 512);
    REQUIRE(x.h == y.h);
    const double share = identicalShare(x, y);
    MESSAGE("identical pixels: " << share * 100 << " %");
    CHECK(share >= 0.995);
}

// ---- story export ----

namespace {

const char* kStory = R"({
  "version": 1,
  "title": "Kyiv and Mariupol",
  "steps": [
    {"date": "2022-03-01", "lon": 30.5, "lat": 50.45, "px_per_km": 0.5, "caption": "Day six: the advance on Kyiv."},
    {"date": "2022-03-29", "lon": 37.55, "lat": 47.1, "px_per_km": 1, "selected": "mariupol",
     "caption": "Mariupol besieged."}
  ]
}
)";

}  // namespace

TEST_CASE("story export: one dated PNG per step, and a corrupt story is refused with file:line:column, untouched") {
    const Scratch s("story");
    const std::string story = s / "brief.story.json", out = s / "steps";
    writeBytes(story, kStory);
    const auto r = run("story export " + story + " --out " + out + " --size 640x360");
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(out)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"step-01.png", "step-02.png"});
    const std::string one = (fs::path(out) / "step-01.png").string(), two = (fs::path(out) / "step-02.png").string();
    CHECK(pngText(one, "Date") == "2022-03-01");
    CHECK(pngText(two, "Date") == "2022-03-29");
    CHECK(pngText(one, "Comment") == "Day six: the advance on Kyiv.");
    CHECK(pngText(two, "Comment") == "Mariupol besieged.");
    const Image a = loadPng(one), b = loadPng(two);
    CHECK(a.w == 640);
    CHECK(a.h == 360);
    CHECK(b.w == 640);
    CHECK(b.h == 360);
    CHECK(readText(story) == kStory);

    // Cut off inside the first step: the parser runs out of input at line 5, after `    {"date": "2022-03-01"`
    // (25 characters, so column 26).
    const std::string full = kStory;
    const std::string cut = full.substr(0, full.find(", \"lon\": 30.5"));
    REQUIRE(lines(cut).size() == 5);
    REQUIRE(lines(cut).back() == R"(    {"date": "2022-03-01")");
    const std::string bad = s / "cut.story.json", badOut = s / "cut-steps";
    writeBytes(bad, cut);
    const auto e = run("story export " + bad + " --out " + badOut + " --size 640x360");
    CHECK(e.status == 2);
    CHECK(e.err == "sitview: story export: " + bad + ":5:26: unexpected end of input\n");
    // The story is read before the map: with a missing regions file too, the story's error is the one reported
    // (the load that would fail, or take seconds for a long series, is not started).
    const auto first = run("story export " + bad + " --out " + badOut + " --size 640x360 --regions " + (s / "missing.geojson"));
    CHECK(first.status == 2);
    CHECK(first.err == e.err);
    CHECK(readText(bad) == cut);
    CHECK_FALSE(fs::exists(fs::path(badOut) / "step-01.png"));
}

// ---- never over an input ----

TEST_CASE("render refuses to write over one of its inputs, however the path is spelled") {
    const Scratch s("overwrite");
    // A real overlay layer (GeoJSON: GDAL goes by the content) that happens to be named .png.
    const std::string layer = s / "layer.png";
    fs::copy_file(std::string(SV_TEST_DATA) + "/render_regions.geojson", layer);
    const std::string before = readText(layer);
    REQUIRE(before.size() > 100);
    const auto r = run("render --layer " + layer + " --out " + layer + " --size 320x200");
    CHECK(r.status == 2);
    CHECK(r.err == "sitview: render: " + layer + ": refusing to write over an input (" + layer + ")\n");
    // Refused before the map is loaded: a missing regions file is not even looked at.
    const auto early = run("render --layer " + layer + " --out " + layer + " --size 320x200 --regions " + (s / "missing.geojson"));
    CHECK(early.status == 2);
    CHECK(early.err == r.err);
    CHECK(readText(layer) == before);
    // Through another spelling and through a symbolic link.
    const std::string other = (s.path / "sub" / ".." / "layer.png").string();
    fs::create_directories(s.path / "sub");
    const auto o = run("render --layer " + layer + " --out " + other + " --size 320x200");
    CHECK(o.status == 2);
    CHECK(o.err.find("refusing to write over an input") != std::string::npos);
    const std::string link = s / "link.png";
    fs::create_symlink(layer, link);
    const auto l = run("render --layer " + layer + " --out " + link + " --size 320x200");
    CHECK(l.status == 2);
    CHECK(l.err.find("refusing to write over an input") != std::string::npos);
    CHECK(readText(layer) == before);
    // The same layer with another output is fine (so the refusal above is about the path, not the layer).
    const auto ok = run("render --layer " + layer + " --out " + (s / "fine.png") + " --size 320x200");
    INFO("stderr: " << ok.err);
    CHECK(ok.status == 0);
    CHECK(fs::exists(s / "fine.png"));
}

TEST_CASE("a folder export refuses to create its files inside an input folder (the articles folder here)") {
    const Scratch s("into-input");
    const std::string story = s / "brief.story.json", articles = s / "articles";
    writeBytes(story, kStory);
    fs::create_directories(articles);
    writeBytes(articles + "/a.md", "---\ntitle: T\ndate: 2022-03-01\n---\nKyiv.\n");
    for (const std::string& out : {articles + "/frames", (s.path / "elsewhere" / ".." / "articles" / "frames").string()}) {
        const auto r = run("story export " + story + " --articles " + articles + " --out " + out + " --size 320x200");
        CHECK(r.status == 2);
        CHECK(r.err == "sitview: story export: " + out + ": refusing to write into the input folder " + articles + "\n");
    }
    CHECK_FALSE(fs::exists(articles + "/frames"));
    // Next to the articles folder is fine.
    const auto ok = run("story export " + story + " --articles " + articles + " --out " + (s / "frames") + " --size 320x200");
    INFO("stderr: " << ok.err);
    CHECK(ok.status == 0);
    CHECK(fs::exists(s / "frames/step-01.png"));
}
