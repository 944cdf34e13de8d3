// Story files: schema round trip, exact schema and syntax errors, the atomic save with its backup and its refusal
// to overwrite what it cannot read, file naming and step editing.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "view/story.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using sv::Date;
using sv::Story;
using sv::StoryStep;

namespace {

using sv::test::TempDir;

using sv::test::slurp;

void spit(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

StoryStep step(const char* date, double lon, double lat, const std::string& caption = "") {
    StoryStep s;
    s.date = *Date::parse(date);
    s.lon = lon;
    s.lat = lat;
    s.caption = caption;
    return s;
}

// Every field away from its default.
Story fullStory() {
    Story story;
    story.title = "Mariupol — the siege \"in brief\"";
    story.scenario = "Spring 2022";
    StoryStep a = step("2022-02-24", 37.5432109876543, 47.0958, "Day one.\nTanks at the \"line\"; 😀 \\ / \t");
    a.pxPerKm = 0.123456789;
    a.selected = "mariupol";
    a.layers.context = false;
    a.layers.regionLabels = false;
    a.layers.placeLabels = false;
    a.layers.changes = false;
    a.layers.events = false;
    a.excerpt = StoryStep::ExcerptRef{"isw-2022-02-24", 12, 480};
    StoryStep b = step("2022-05-20", -179.99999999, -89.5, "Азовсталь");
    b.pxPerKm = 1e6;
    b.selected = "UA-14";
    b.layers.regions = false;
    b.layers.places = false;
    b.layers.overlays = false;
    b.layers.control = false;
    b.layers.front = false;
    b.layers.sieges = false;
    b.excerpt = StoryStep::ExcerptRef{"bbc-77", 0, 4294967295u};
    StoryStep c = step("2024-02-29", 180, 90);
    c.pxPerKm = 3;
    story.steps = {a, b, c};
    return story;
}

std::string errorOf(const std::string& text) {
    auto r = sv::parseStory(text, "s.json");
    return r ? std::string("(parsed)") : r.error();
}

const std::string kStep = R"({"date": "2022-03-01", "lon": 30, "lat": 50, "px_per_km": 1})";
std::string withSteps(const std::string& steps) { return R"({"version": 1, "steps": [)" + steps + "]}"; }

}  // namespace

TEST_CASE("story round-trips every field through its JSON") {
    const Story story = fullStory();
    const std::string text = sv::storyToJson(story);
    auto back = sv::parseStory(text, "s.json");
    REQUIRE_MESSAGE(back.ok(), back.error());
    CHECK(*back == story);
    // Field by field, so a too-lenient operator== cannot hide a loss.
    CHECK(back->version == 1);
    CHECK(back->title == story.title);
    CHECK(back->scenario == "Spring 2022");
    REQUIRE(back->steps.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
        const StoryStep& got = back->steps[k];
        const StoryStep& want = story.steps[k];
        CHECK(got.date == want.date);
        CHECK(got.lon == want.lon);
        CHECK(got.lat == want.lat);
        CHECK(got.pxPerKm == want.pxPerKm);
        CHECK(got.selected == want.selected);
        CHECK(got.caption == want.caption);
        CHECK(got.excerpt == want.excerpt);
        CHECK(got.layers.context == want.layers.context);
        CHECK(got.layers.regions == want.layers.regions);
        CHECK(got.layers.regionLabels == want.layers.regionLabels);
        CHECK(got.layers.places == want.layers.places);
        CHECK(got.layers.placeLabels == want.layers.placeLabels);
        CHECK(got.layers.overlays == want.layers.overlays);
        CHECK(got.layers.control == want.layers.control);
        CHECK(got.layers.changes == want.layers.changes);
        CHECK(got.layers.front == want.layers.front);
        CHECK(got.layers.sieges == want.layers.sieges);
        CHECK(got.layers.events == want.layers.events);
    }
    CHECK(back->steps[0].excerpt->end == 480);
    CHECK(back->steps[1].excerpt->end == 4294967295u);
    CHECK_FALSE(back->steps[2].excerpt.has_value());
    // Writing again gives the same bytes: the output is stable.
    CHECK(sv::storyToJson(*back) == text);
    // operator== sees each kind of difference.
    Story other = story;
    other.steps[1].layers.front = true;
    CHECK_FALSE(other == story);
    other = story;
    other.steps[0].excerpt->begin = 13;
    CHECK_FALSE(other == story);
    other = story;
    other.steps[2].date = other.steps[2].date + 1;
    CHECK_FALSE(other == story);
}

TEST_CASE("story JSON has the documented shape") {
    Story story;
    story.title = "Kyiv";
    story.scenario = "Spring 2022";
    StoryStep s = step("2022-03-29", 30.5, 50.45, "Retreat");
    s.pxPerKm = 2;
    s.selected = "kyiv";
    s.layers.front = false;
    s.excerpt = StoryStep::ExcerptRef{"isw-2022-03-29", 3, 9};
    story.steps = {s};
    CHECK(sv::storyToJson(story) ==
          "{\n"
          "  \"version\": 1,\n"
          "  \"title\": \"Kyiv\",\n"
          "  \"scenario\": \"Spring 2022\",\n"
          "  \"steps\": [\n"
          "    {\n"
          "      \"date\": \"2022-03-29\",\n"
          "      \"lon\": 30.5,\n"
          "      \"lat\": 50.45,\n"
          "      \"px_per_km\": 2,\n"
          "      \"selected\": \"kyiv\",\n"
          "      \"layers\": {\n"
          "        \"context\": true,\n"
          "        \"regions\": true,\n"
          "        \"region_labels\": true,\n"
          "        \"places\": true,\n"
          "        \"place_labels\": true,\n"
          "        \"overlays\": true,\n"
          "        \"control\": true,\n"
          "        \"changes\": true,\n"
          "        \"front\": false,\n"
          "        \"sieges\": true,\n"
          "        \"events\": true\n"
          "      },\n"
          "      \"caption\": \"Retreat\",\n"
          "      \"excerpt\": {\n"
          "        \"article\": \"isw-2022-03-29\",\n"
          "        \"begin\": 3,\n"
          "        \"end\": 9\n"
          "      }\n"
          "    }\n"
          "  ]\n"
          "}\n");
    CHECK(sv::storyToJson(Story{}) ==
          "{\n  \"version\": 1,\n  \"title\": \"\",\n  \"scenario\": \"\",\n  \"steps\": []\n}\n");
}

TEST_CASE("story reader: optional fields default, unknown keys and nulls are ignored") {
    auto r = sv::parseStory(R"({"version": 1, "future": {"x": [1]}, "title": null, "steps": [
        {"date": "2022-03-01", "lon": 30, "lat": 50, "px_per_km": 1.5, "note": "?", "excerpt": null,
         "layers": {"front": false, "fog": 3}},
        {"date": "2022-03-02", "lon": -30, "lat": -50, "px_per_km": 1e6, "caption": null}]})",
                            "s.json");
    REQUIRE_MESSAGE(r.ok(), r.error());
    CHECK(r->title.empty());
    CHECK(r->scenario.empty());
    REQUIRE(r->steps.size() == 2);
    const StoryStep& a = r->steps[0];
    CHECK(a.date.iso() == "2022-03-01");
    CHECK(a.pxPerKm == 1.5);
    CHECK(a.selected.empty());
    CHECK(a.caption.empty());
    CHECK_FALSE(a.excerpt.has_value());
    CHECK(a.layers.front == false);
    CHECK(a.layers.context == true);  // missing layers keep their defaults
    CHECK(a.layers.events == true);
    CHECK(r->steps[1].lat == -50);
    CHECK(r->steps[1].layers.front == true);
    auto empty = sv::parseStory(R"({"version": 1, "steps": []})", "s.json");
    REQUIRE(empty.ok());
    CHECK(empty->steps.empty());
}

TEST_CASE("story schema errors name the file, the JSON path, the value and what was expected") {
    CHECK(errorOf(withSteps(kStep + R"(, {"date": "2022-02-30", "lon": 30, "lat": 50, "px_per_km": 1})")) ==
          "s.json: steps[1].date: '2022-02-30' is not a date (day 30 does not exist in 2022-02); expected YYYY-MM-DD");
    CHECK(errorOf(withSteps(R"({"date": "x", "lon": 30, "lat": 50, "px_per_km": 1})")) ==
          "s.json: steps[0].date: 'x' is not a date; expected YYYY-MM-DD");
    CHECK(errorOf(withSteps(R"({"date": 20220301, "lon": 30, "lat": 50, "px_per_km": 1})")) ==
          "s.json: steps[0].date: expected a date as YYYY-MM-DD, found 20220301");
    CHECK(errorOf(withSteps(R"({"lon": 30, "lat": 50, "px_per_km": 1})")) ==
          "s.json: steps[0].date: missing; expected a date as YYYY-MM-DD");
    CHECK(errorOf(withSteps(R"({"date": "2022-03-01", "lon": 30, "lat": 91, "px_per_km": 1})")) ==
          "s.json: steps[0].lat: 91 is out of range; expected a latitude from -90 to 90");
    CHECK(errorOf(withSteps(R"({"date": "2022-03-01", "lon": 30, "lat": "north", "px_per_km": 1})")) ==
          "s.json: steps[0].lat: expected a latitude from -90 to 90, found 'north'");
    CHECK(errorOf(withSteps(R"({"date": "2022-03-01", "lon": -180.5, "lat": 50, "px_per_km": 1})")) ==
          "s.json: steps[0].lon: -180.5 is out of range; expected a longitude from -180 to 180");
    CHECK(errorOf(withSteps(R"({"date": "2022-03-01", "lat": 50, "px_per_km": 1})")) ==
          "s.json: steps[0].lon: missing; expected a longitude from -180 to 180");
    CHECK(errorOf(withSteps(R"({"date": "2022-03-01", "lon": 30, "lat": 50, "px_per_km": 0})")) ==
          "s.json: steps[0].px_per_km: 0 is out of range; expected a zoom in pixels per km, greater than 0 and at most "
          "1000000");
    CHECK(errorOf(withSteps(R"({"date": "2022-03-01", "lon": 30, "lat": 50, "px_per_km": 1000000.5})")) ==
          "s.json: steps[0].px_per_km: 1000000.5 is out of range; expected a zoom in pixels per km, greater than 0 and "
          "at most 1000000");
    CHECK(errorOf(R"({"version": 2, "steps": []})") ==
          "s.json: version: unsupported version 2; this sitview reads version 1");
    CHECK(errorOf(R"({"version": 2, "steps": "a v2 layout"})") ==
          "s.json: version: unsupported version 2; this sitview reads version 1");
    CHECK(errorOf(R"({"version": 1.5, "steps": []})") ==
          "s.json: version: unsupported version 1.5; this sitview reads version 1");
    CHECK(errorOf(R"({"version": "1", "steps": []})") == "s.json: version: expected 1, found '1'");
    CHECK(errorOf(R"({"steps": []})") == "s.json: version: missing; expected 1");
    CHECK(errorOf(R"({"version": 1, "steps": {}})") == "s.json: steps: expected an array of steps, found an object");
    CHECK(errorOf(R"({"version": 1})") == "s.json: steps: missing; expected an array of steps");
    CHECK(errorOf(withSteps(kStep + ", \"x\"")) == "s.json: steps[1]: expected an object, found 'x'");
    CHECK(errorOf("[]") == "s.json: expected a JSON object at the top level, found an array");
    CHECK(errorOf(R"({"version": 1, "title": 3, "steps": []})") == "s.json: title: expected a string, found 3");
}

TEST_CASE("story schema errors: layers, caption, excerpt") {
    const std::string head = R"({"date": "2022-03-01", "lon": 30, "lat": 50, "px_per_km": 1, )";
    CHECK(errorOf(withSteps(head + R"("layers": {"context": false, "front": 1}})")) ==
          "s.json: steps[0].layers.front: expected true or false, found 1");
    CHECK(errorOf(withSteps(head + R"("layers": {"region_labels": "no"}})")) ==
          "s.json: steps[0].layers.region_labels: expected true or false, found 'no'");
    CHECK(errorOf(withSteps(head + R"("layers": [true]})")) ==
          "s.json: steps[0].layers: expected an object of true/false values, found an array");
    CHECK(errorOf(withSteps(head + R"("selected": 7})")) == "s.json: steps[0].selected: expected a string, found 7");
    const std::string longest(sv::kMaxCaptionBytes, 'c');
    CHECK(sv::parseStory(withSteps(head + "\"caption\": \"" + longest + "\"}"), "s.json").ok());
    CHECK(errorOf(withSteps(head + "\"caption\": \"" + longest + "é\"}")) ==
          "s.json: steps[0].caption: 10002 bytes is too long; expected at most 10000 bytes");
    CHECK(errorOf(withSteps(head + R"("excerpt": {"article": "a", "begin": 20, "end": 10}})")) ==
          "s.json: steps[0].excerpt: begin 20 is after end 10; expected begin <= end");
    CHECK(errorOf(withSteps(head + R"("excerpt": {"article": "a", "begin": -1, "end": 10}})")) ==
          "s.json: steps[0].excerpt.begin: -1 is out of range; expected a code point offset (a whole number from 0 to "
          "4294967295)");
    CHECK(errorOf(withSteps(head + R"("excerpt": {"article": "a", "begin": 1, "end": 2.5}})")) ==
          "s.json: steps[0].excerpt.end: 2.5 is not a whole number; expected a code point offset (a whole number "
          "from 0 to 4294967295)");
    CHECK(errorOf(withSteps(head + R"("excerpt": {"begin": 1, "end": 2}})")) ==
          "s.json: steps[0].excerpt.article: missing; expected an article id");
    CHECK(errorOf(withSteps(head + R"("excerpt": {"article": "", "begin": 1, "end": 2}})")) ==
          "s.json: steps[0].excerpt.article: '' is empty; expected an article id");
    CHECK(errorOf(withSteps(head + R"("excerpt": "isw"})")) ==
          "s.json: steps[0].excerpt: expected an object with article, begin and end, found 'isw'");
}

TEST_CASE("story syntax errors are FILE:LINE:COLUMN: reason") {
    CHECK(errorOf("{\n  \"version\": 1\n  \"steps\": []\n}\n") ==
          "s.json:3:3: expected ',' or '}' after an object member");
    CHECK(errorOf("") == "s.json:1:1: unexpected end of input");
    CHECK(errorOf(R"({"version": 1, "version": 1, "steps": []})") == "s.json:1:16: duplicate key \"version\"");
    CHECK(errorOf("{\"version\": 1, \"steps\": [], \"title\": \"Маріуполь\tx\"}") ==
          "s.json:1:48: control character in string");
}

TEST_CASE("loadStory reads a file and reports missing and corrupt files exactly") {
    TempDir dir("story-load");
    const std::string missing = dir.file("missing.story.json");
    CHECK(sv::loadStory(missing).error() == missing + ": No such file or directory");
    CHECK(sv::loadStory(dir.path.string()).error() == dir.path.string() + ": Is a directory");
    const std::string corrupt = dir.file("corrupt.story.json");
    spit(corrupt, "{\n  \"version\": 1,\n  \"steps\": [\n    {\"date\": \"2022-03-01\",, }\n  ]\n}\n");
    CHECK(sv::loadStory(corrupt).error() == corrupt + ":4:27: expected a string key after ','");
    const std::string good = dir.file("good.story.json");
    spit(good, sv::storyToJson(fullStory()));
    auto loaded = sv::loadStory(good);
    REQUIRE_MESSAGE(loaded.ok(), loaded.error());
    CHECK(*loaded == fullStory());
}

TEST_CASE("saveStory: the first save creates the file, later saves keep the previous one as .bak") {
    TempDir dir("story-save");
    const std::string path = dir.file("brief.story.json");
    Story first = fullStory();
    REQUIRE(sv::saveStory(first, path).ok());
    CHECK(dir.entries() == std::vector<std::string>{"brief.story.json"});
    CHECK(slurp(path) == sv::storyToJson(first));

    Story second = first;
    second.title = "Second";
    sv::moveStep(second, 0, 2);
    std::vector<std::size_t> progress;
    REQUIRE(sv::saveStory(second, path, {[&](std::size_t n) { progress.push_back(n); return false; }}).ok());
    CHECK(dir.entries() == std::vector<std::string>{"brief.story.json", "brief.story.json.bak"});
    CHECK(slurp(path) == sv::storyToJson(second));
    CHECK(slurp(path + ".bak") == sv::storyToJson(first));
    REQUIRE_FALSE(progress.empty());
    CHECK(progress.front() == std::min(sv::kSaveChunkBytes, sv::storyToJson(second).size()));
    CHECK(progress.back() == sv::storyToJson(second).size());
    CHECK(*sv::loadStory(path) == second);
    CHECK(*sv::loadStory(path + ".bak") == first);

    // A third save replaces the older backup; the file's permissions are kept.
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    Story third = second;
    third.steps.pop_back();
    REQUIRE(sv::saveStory(third, path).ok());
    CHECK(slurp(path) == sv::storyToJson(third));
    CHECK(slurp(path + ".bak") == sv::storyToJson(second));
    CHECK((fs::status(path).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(dir.entries() == std::vector<std::string>{"brief.story.json", "brief.story.json.bak"});
}

TEST_CASE("saveStory: a failure mid-write leaves the file, the backup and the folder as they were") {
    TempDir dir("story-fail");
    const std::string path = dir.file("brief.story.json");
    Story v1 = fullStory();
    Story v2 = v1;
    v2.title = "v2";
    REQUIRE(sv::saveStory(v1, path).ok());
    REQUIRE(sv::saveStory(v2, path).ok());
    const std::string fileBefore = slurp(path), bakBefore = slurp(path + ".bak");

    Story big = v2;
    for (auto& s : big.steps) s.caption = std::string(2000, 'x');
    const std::size_t size = sv::storyToJson(big).size();
    REQUIRE(size > 3 * sv::kSaveChunkBytes);
    std::vector<std::size_t> calls;
    auto failing = [&](std::size_t n) {
        calls.push_back(n);
        return n >= 2 * sv::kSaveChunkBytes;
    };
    auto saved = sv::saveStory(big, path, {failing});
    REQUIRE_FALSE(saved.ok());
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    CHECK(saved.error() == path + ": not saved: cannot write " + tmp + ": simulated failure after 2048 bytes");
    CHECK(calls == std::vector<std::size_t>{1024, 2048});  // it stopped mid-write
    CHECK(slurp(path) == fileBefore);
    CHECK(slurp(path + ".bak") == bakBefore);
    CHECK(dir.entries() == std::vector<std::string>{"brief.story.json", "brief.story.json.bak"});
    auto loaded = sv::loadStory(path);
    REQUIRE_MESSAGE(loaded.ok(), loaded.error());
    CHECK(*loaded == v2);
}

TEST_CASE("saveStory refuses to overwrite a file that is not a readable story") {
    TempDir dir("story-refuse");
    const std::string path = dir.file("brief.story.json");
    const std::string corrupt = "{\n  \"version\": 1\n  \"steps\": []\n}\n";
    spit(path, corrupt);
    auto saved = sv::saveStory(fullStory(), path);
    REQUIRE_FALSE(saved.ok());
    CHECK(saved.error() == path + ": not saved: the existing file is not a readable story (" + path +
                               ":3:3: expected ',' or '}' after an object member)");
    CHECK(slurp(path) == corrupt);
    CHECK(dir.entries() == std::vector<std::string>{"brief.story.json"});
    CHECK(sv::loadStory(path).error() == path + ":3:3: expected ',' or '}' after an object member");

    // A story from a newer sitview is not downgraded either.
    const std::string newer = R"({"version": 2, "steps": []})";
    spit(path, newer);
    CHECK(sv::saveStory(fullStory(), path).error() ==
          path + ": not saved: the existing file is not a readable story (" + path +
              ": version: unsupported version 2; this sitview reads version 1)");
    CHECK(slurp(path) == newer);
    CHECK(dir.entries() == std::vector<std::string>{"brief.story.json"});
}

TEST_CASE("saveStory refuses a story that would not load back, and writes nothing") {
    TempDir dir("story-invalid");
    const std::string path = dir.file("brief.story.json");
    Story s = fullStory();
    s.steps[0].lat = 91;
    CHECK(sv::saveStory(s, path).error() ==
          path + ": not saved: steps[0].lat: 91 is out of range; expected a latitude from -90 to 90");
    s = fullStory();
    s.steps[1].lon = std::nan("");
    CHECK(sv::saveStory(s, path).error() ==
          path + ": not saved: steps[1].lon: expected a longitude from -180 to 180, found null");
    s = fullStory();
    s.steps[2].caption = "bad \xFF byte";
    CHECK(sv::saveStory(s, path).error() == path + ": not saved: steps[2].caption: not valid UTF-8");
    s = fullStory();
    s.steps[0].caption = std::string(sv::kMaxCaptionBytes + 1, 'c');
    CHECK(sv::saveStory(s, path).error() ==
          path + ": not saved: steps[0].caption: 10001 bytes is too long; expected at most 10000 bytes");
    s = fullStory();
    s.version = 2;
    CHECK(sv::saveStory(s, path).error() ==
          path + ": not saved: version: unsupported version 2; this sitview reads version 1");
    CHECK(dir.entries().empty());

    const std::string nowhere = dir.file("no/such/folder/brief.story.json");
    CHECK(sv::saveStory(fullStory(), nowhere).error() == nowhere + ": not saved: cannot create " + nowhere + ".tmp-" +
                                                            std::to_string(::getpid()) + ": No such file or directory");
    CHECK(dir.entries().empty());
}

TEST_CASE("storyPathFor puts NAME.story.json next to a scenario file or inside a scenario folder") {
    CHECK(sv::storyPathFor("/data/scenarios/spring2022.gpkg", "Mariupol siege") ==
          "/data/scenarios/Mariupol_siege.story.json");
    CHECK(sv::storyPathFor("spring2022.gpkg", "brief-v2.final") == "brief-v2.final.story.json");
    CHECK(sv::storyPathFor("/data/s.gpkg", "../../etc/passwd") == "/data/etc_passwd.story.json");
    CHECK(sv::storyPathFor("/data/s.gpkg", "a  b!!c??") == "/data/a_b_c.story.json");
    CHECK(sv::storyPathFor("/data/s.gpkg", "") == "/data/story.story.json");
    CHECK(sv::storyPathFor("/data/s.gpkg", "Маріуполь") == "/data/story.story.json");
    CHECK(sv::storyPathFor("/data/s.gpkg", "Kyiv Маріуполь 2022") == "/data/Kyiv_2022.story.json");
    CHECK(sv::storyPathFor("/data/s.gpkg", std::string(300, 'n')) == "/data/" + std::string(100, 'n') + ".story.json");
    CHECK(sv::storyPathFor("/data/folder/", "x") == "/data/folder/x.story.json");
    TempDir dir("story-folder");
    CHECK(sv::storyPathFor(dir.path.string(), "Brief") == (dir.path / "Brief.story.json").string());
}

TEST_CASE("story steps move, delete and insert with clamped indices") {
    auto captions = [](const Story& s) {
        std::string out;
        for (const auto& step : s.steps) out += step.caption;
        return out;
    };
    Story s;
    sv::moveStep(s, 0, 3);  // empty: nothing
    sv::deleteStep(s, 0);
    CHECK(sv::insertStepAfter(s, 5, step("2022-03-01", 0, 0, "a")) == 0);
    CHECK(sv::insertStepAfter(s, 0, step("2022-03-01", 0, 0, "b")) == 1);
    CHECK(sv::insertStepAfter(s, 99, step("2022-03-01", 0, 0, "d")) == 2);
    CHECK(sv::insertStepAfter(s, 1, step("2022-03-01", 0, 0, "c")) == 2);
    CHECK(captions(s) == "abcd");
    sv::moveStep(s, 0, 2);
    CHECK(captions(s) == "bcad");
    sv::moveStep(s, 3, 0);
    CHECK(captions(s) == "dbca");
    sv::moveStep(s, 99, 1);  // from clamped to the last
    CHECK(captions(s) == "dabc");
    sv::moveStep(s, 0, 99);  // to clamped to the last
    CHECK(captions(s) == "abcd");
    sv::moveStep(s, 2, 2);
    CHECK(captions(s) == "abcd");
    sv::deleteStep(s, 1);
    CHECK(captions(s) == "acd");
    sv::deleteStep(s, 7);
    CHECK(captions(s) == "acd");
}

TEST_CASE("the example in docs/story.md loads and is exactly what sitview writes") {
    const std::string doc = slurp(std::string(SITVIEW_SOURCE_DIR) + "/docs/story.md");
    const std::size_t begin = doc.find("```json\n");
    REQUIRE(begin != std::string::npos);
    const std::size_t end = doc.find("```", begin + 8);
    REQUIRE(end != std::string::npos);
    const std::string example = doc.substr(begin + 8, end - begin - 8);
    auto story = sv::parseStory(example, "story.md");
    REQUIRE_MESSAGE(story.ok(), story.error());
    CHECK(story->title == "Kyiv");
    REQUIRE(story->steps.size() == 1);
    CHECK(story->steps[0].layers.front == false);
    CHECK(sv::storyToJson(*story) == example);
}
