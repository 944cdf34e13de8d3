// Story file reading, writing and saving (see story.hpp, docs/story.md). The schema reader stops at the first
// problem and names it by JSON path ("steps[3].layers.front"), the value found and what was expected.
#include "view/story.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/files.hpp"
#include "util/json.hpp"

namespace sv {
namespace {

using json::Type;
using json::Value;

struct LayerKey {
    const char* name;
    bool LayerVisibility::*member;
};
constexpr LayerKey kLayerKeys[] = {
    {"context", &LayerVisibility::context},         {"regions", &LayerVisibility::regions},
    {"region_labels", &LayerVisibility::regionLabels}, {"places", &LayerVisibility::places},
    {"place_labels", &LayerVisibility::placeLabels},   {"overlays", &LayerVisibility::overlays},
    {"control", &LayerVisibility::control},         {"changes", &LayerVisibility::changes},
    {"front", &LayerVisibility::front},             {"sieges", &LayerVisibility::sieges},
    {"events", &LayerVisibility::events},
};

const char* kLat = "a latitude from -90 to 90";
const char* kLon = "a longitude from -180 to 180";
const char* kZoom = "a zoom in pixels per km, greater than 0 and at most 1000000";
const char* kOffset = "a code point offset (a whole number from 0 to 4294967295)";
const char* kDate = "a date as YYYY-MM-DD";

// How a found value reads in a message: 'text', 12.5, true, null, an array, an object.
std::string describe(const Value& v) {
    switch (v.type()) {
        case Type::Null: return "null";
        case Type::Bool: return v.asBool() ? "true" : "false";
        case Type::Number: return json::formatNumber(v.asNumber());
        case Type::String: {
            const std::string& s = v.asString();
            if (s.size() <= 60) return "'" + s + "'";
            std::size_t end = 60;
            while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
            return "'" + s.substr(0, end) + "…'";
        }
        case Type::Array: return "an array";
        case Type::Object: return "an object";
    }
    return "?";
}

// Reads a Value tree into a Story; the first problem is kept as "PATH: problem".
class Reader {
public:
    std::string error;

    bool story(const Value& root, Story& out) {
        if (!root.isObject()) return fail("", "expected a JSON object at the top level, found " + describe(root));
        const Value* v = nullptr;
        if (!member(root, "version", "version", Type::Number, true, "1", v)) return false;
        if (v->asNumber() != kStoryVersion)
            return fail("version", "unsupported version " + json::formatNumber(v->asNumber()) +
                                       "; this sitview reads version " + std::to_string(kStoryVersion));
        out.version = kStoryVersion;
        if (!text(root, "title", "title", out.title) || !text(root, "scenario", "scenario", out.scenario)) return false;
        if (!member(root, "steps", "steps", Type::Array, true, "an array of steps", v)) return false;
        const auto& steps = v->asArray();
        out.steps.resize(steps.size());
        for (std::size_t k = 0; k < steps.size(); ++k)
            if (!step(steps[k], "steps[" + std::to_string(k) + "]", out.steps[k])) return false;
        return true;
    }

private:
    bool fail(const std::string& path, std::string problem) {
        error = path.empty() ? std::move(problem) : path + ": " + std::move(problem);
        return false;
    }

    // The member `key` of `obj` with the given type. Absent (or null, for optional members) gives out = nullptr.
    bool member(const Value& obj, const char* key, const std::string& path, Type type, bool required,
                const char* expected, const Value*& out) {
        out = obj.get(key);
        if (!out || (!required && out->isNull())) {
            out = nullptr;
            return !required || fail(path, std::string("missing; expected ") + expected);
        }
        if (out->type() != type) return fail(path, std::string("expected ") + expected + ", found " + describe(*out));
        return true;
    }

    bool text(const Value& obj, const char* key, const std::string& path, std::string& out) {
        const Value* v = nullptr;
        if (!member(obj, key, path, Type::String, false, "a string", v)) return false;
        if (v) out = v->asString();
        return true;
    }

    bool inRange(const Value& obj, const char* key, const std::string& path, const char* expected, double lo,
                 double hi, bool loOpen, double& out) {
        const Value* v = nullptr;
        if (!member(obj, key, path, Type::Number, true, expected, v)) return false;
        const double x = v->asNumber();
        if (!std::isfinite(x) || x < lo || (loOpen && x == lo) || x > hi)
            return fail(path, json::formatNumber(x) + " is out of range; expected " + expected);
        out = x;
        return true;
    }

    bool step(const Value& s, const std::string& path, StoryStep& out) {
        if (!s.isObject()) return fail(path, "expected an object, found " + describe(s));
        const Value* v = nullptr;
        if (!member(s, "date", path + ".date", Type::String, true, kDate, v)) return false;
        const auto date = Date::parse(v->asString());
        if (!date) {
            const bool shape = date.error() == "expected a date as YYYY-MM-DD";
            return fail(path + ".date", describe(*v) + " is not a date" + (shape ? "" : " (" + date.error() + ")") +
                                            "; expected YYYY-MM-DD");
        }
        out.date = *date;
        if (!inRange(s, "lon", path + ".lon", kLon, -180, 180, false, out.lon) ||
            !inRange(s, "lat", path + ".lat", kLat, -90, 90, false, out.lat) ||
            !inRange(s, "px_per_km", path + ".px_per_km", kZoom, 0, kMaxStoryPxPerKm, true, out.pxPerKm))
            return false;
        if (!text(s, "selected", path + ".selected", out.selected)) return false;
        if (!text(s, "caption", path + ".caption", out.caption)) return false;
        if (out.caption.size() > kMaxCaptionBytes)
            return fail(path + ".caption", std::to_string(out.caption.size()) +
                                               " bytes is too long; expected at most " +
                                               std::to_string(kMaxCaptionBytes) + " bytes");
        return layers(s, path + ".layers", out.layers) && excerpt(s, path + ".excerpt", out.excerpt);
    }

    bool layers(const Value& s, const std::string& path, LayerVisibility& out) {
        const Value* v = nullptr;
        if (!member(s, "layers", path, Type::Object, false, "an object of true/false values", v)) return false;
        if (!v) return true;
        for (const LayerKey& key : kLayerKeys) {
            const Value* b = nullptr;
            if (!member(*v, key.name, path + "." + key.name, Type::Bool, false, "true or false", b)) return false;
            if (b) out.*key.member = b->asBool();
        }
        return true;
    }

    bool offset(const Value& e, const char* key, const std::string& path, uint32_t& out) {
        double x = 0;
        if (!inRange(e, key, path, kOffset, 0, 4294967295.0, false, x)) return false;
        if (x != std::floor(x))
            return fail(path, json::formatNumber(x) + " is not a whole number; expected " + kOffset);
        out = static_cast<uint32_t>(x);
        return true;
    }

    bool excerpt(const Value& s, const std::string& path, std::optional<StoryStep::ExcerptRef>& out) {
        const Value* v = nullptr;
        if (!member(s, "excerpt", path, Type::Object, false, "an object with article, begin and end", v)) return false;
        if (!v) return true;
        StoryStep::ExcerptRef ref;
        const Value* article = nullptr;
        if (!member(*v, "article", path + ".article", Type::String, true, "an article id", article)) return false;
        if (article->asString().empty()) return fail(path + ".article", "'' is empty; expected an article id");
        ref.article = article->asString();
        if (!offset(*v, "begin", path + ".begin", ref.begin) || !offset(*v, "end", path + ".end", ref.end))
            return false;
        if (ref.begin > ref.end)
            return fail(path, "begin " + std::to_string(ref.begin) + " is after end " + std::to_string(ref.end) +
                                  "; expected begin <= end");
        out = std::move(ref);
        return true;
    }
};

// The first string field that is not valid UTF-8, as "PATH: not valid UTF-8" (JSON cannot carry it).
std::optional<std::string> invalidText(const Story& story) {
    auto bad = [](const std::string& s) { return !json::isValidUtf8(s); };
    if (bad(story.title)) return "title: not valid UTF-8";
    if (bad(story.scenario)) return "scenario: not valid UTF-8";
    for (std::size_t k = 0; k < story.steps.size(); ++k) {
        const StoryStep& s = story.steps[k];
        const std::string path = "steps[" + std::to_string(k) + "]";
        if (bad(s.selected)) return path + ".selected: not valid UTF-8";
        if (bad(s.caption)) return path + ".caption: not valid UTF-8";
        if (s.excerpt && bad(s.excerpt->article)) return path + ".excerpt.article: not valid UTF-8";
    }
    return std::nullopt;
}

Result<std::string> readWhole(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return fail(path + ": " + std::strerror(errno));
    std::string data;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
    const bool failed = std::ferror(f);
    const int err = errno;
    std::fclose(f);
    if (failed) return fail(path + ": " + std::strerror(err));
    return data;
}

// Writes `text` to `tmp` and fsyncs it; on failure removes `tmp` and returns the problem (no path prefix).
Status writeTemporary(const std::string& tmp, const std::string& text, std::optional<mode_t> mode,
                      const SaveHooks& hooks) {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return fail("cannot create " + tmp + ": " + std::strerror(errno));
    auto abandon = [&](std::string problem) {
        ::close(fd);
        ::unlink(tmp.c_str());
        return fail(std::move(problem));
    };
    if (mode && ::fchmod(fd, *mode) != 0) return abandon("cannot set the mode of " + tmp + ": " + std::strerror(errno));
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t w = ::write(fd, text.data() + done, std::min(kSaveChunkBytes, text.size() - done));
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) return abandon("cannot write " + tmp + ": " + std::strerror(errno));
        done += static_cast<std::size_t>(w);
        if (hooks.failAfter && hooks.failAfter(done))
            return abandon("cannot write " + tmp + ": simulated failure after " + std::to_string(done) + " bytes");
    }
    if (::fsync(fd) != 0) return abandon("cannot write " + tmp + ": " + std::strerror(errno));
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return fail("cannot write " + tmp + ": " + std::strerror(err));
    }
    return Ok{};
}

void syncFolder(const std::string& path) {
    std::string dir = std::filesystem::path(path).parent_path().string();
    if (dir.empty()) dir = ".";
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // durability only; the rename itself already succeeded
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

bool operator==(const StoryStep& a, const StoryStep& b) {
    for (const LayerKey& key : kLayerKeys)
        if (a.layers.*key.member != b.layers.*key.member) return false;
    return a.date == b.date && a.lon == b.lon && a.lat == b.lat && a.pxPerKm == b.pxPerKm &&
           a.selected == b.selected && a.caption == b.caption && a.excerpt == b.excerpt;
}

std::string storyToJson(const Story& story) {
    Value root = Value::object();
    root.set("version", story.version);
    root.set("title", story.title);
    root.set("scenario", story.scenario);
    Value& steps = root.set("steps", Value::array());
    for (const StoryStep& s : story.steps) {
        Value step = Value::object();
        step.set("date", s.date.iso());
        step.set("lon", s.lon);
        step.set("lat", s.lat);
        step.set("px_per_km", s.pxPerKm);
        step.set("selected", s.selected);
        Value& layers = step.set("layers", Value::object());
        for (const LayerKey& key : kLayerKeys) layers.set(key.name, s.layers.*key.member);
        step.set("caption", s.caption);
        if (s.excerpt) {
            Value& e = step.set("excerpt", Value::object());
            e.set("article", s.excerpt->article);
            e.set("begin", s.excerpt->begin);
            e.set("end", s.excerpt->end);
        }
        steps.push(std::move(step));
    }
    return json::write(root, 2) + "\n";
}

Result<Story> parseStory(std::string_view text, const std::string& file) {
    json::ParseError syntax;
    auto root = json::parse(text, &syntax);
    if (!root)
        return fail(file + ":" + std::to_string(syntax.line) + ":" + std::to_string(syntax.column) + ": " +
                    syntax.reason);
    Story story;
    Reader reader;
    if (!reader.story(*root, story)) return fail(file + ": " + reader.error);
    return story;
}

Result<Story> loadStory(const std::string& path) {
    auto text = readWhole(path);
    if (!text) return fail(text.error());
    return parseStory(*text, path);
}

Status saveStory(const Story& story, const std::string& path, const SaveHooks& hooks) {
    const std::string notSaved = path + ": not saved: ";
    // What is written must load back as the same story, or the save would produce a file the user cannot open.
    if (auto bad = invalidText(story)) return fail(notSaved + *bad);
    const std::string text = storyToJson(story);
    {
        Story back;
        Reader reader;
        auto root = json::parse(text);
        if (!root || !reader.story(*root, back)) return fail(notSaved + (root ? reader.error : root.error()));
        if (!(back == story)) return fail(notSaved + "it does not read back unchanged");
    }
    // The existing file is replaced only when it is a story: anything else may be the user's work.
    std::optional<std::string> previous;
    std::optional<mode_t> mode;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        auto old = readWhole(path);
        if (!old) return fail(notSaved + "cannot read the existing file (" + old.error() + ")");
        auto parsed = parseStory(*old, path);
        if (!parsed) return fail(notSaved + "the existing file is not a readable story (" + parsed.error() + ")");
        previous = std::move(*old);
        mode = st.st_mode & 07777;
    } else if (errno != ENOENT) {
        return fail(notSaved + "cannot check the existing file (" + std::strerror(errno) + ")");
    }
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    if (auto w = writeTemporary(tmp, text, mode, hooks); !w) return fail(notSaved + w.error());
    if (previous) {
        auto b = writeFileAtomic(path + ".bak", previous->data(), previous->size());
        if (!b) {
            ::unlink(tmp.c_str());
            return fail(notSaved + "cannot keep the backup (" + b.error() + ")");
        }
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return fail(notSaved + "cannot rename " + tmp + " to it: " + std::strerror(err));
    }
    syncFolder(path);
    return Ok{};
}

std::string storyPathFor(const std::string& scenarioPath, const std::string& name) {
    namespace fs = std::filesystem;
    std::string clean;
    for (char c : name) {
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                          c == '_' || c == '-';
        if (keep) clean += c;
        else if (clean.empty() || clean.back() != '_') clean += '_';
    }
    const std::size_t first = clean.find_first_not_of("._");
    clean = first == std::string::npos ? "" : clean.substr(first);
    if (clean.size() > 100) clean.resize(100);
    while (!clean.empty() && clean.back() == '_') clean.pop_back();
    if (clean.empty()) clean = "story";
    std::error_code ec;
    const fs::path scenario(scenarioPath);
    const bool folder = fs::is_directory(scenario, ec) || (!scenarioPath.empty() && scenarioPath.back() == '/');
    const fs::path dir = folder ? scenario : scenario.parent_path();
    return (dir / (clean + ".story.json")).string();
}

void moveStep(Story& story, std::size_t from, std::size_t to) {
    if (story.steps.empty()) return;
    const std::size_t last = story.steps.size() - 1;
    from = std::min(from, last);
    to = std::min(to, last);
    if (from == to) return;
    StoryStep moved = std::move(story.steps[from]);
    story.steps.erase(story.steps.begin() + static_cast<std::ptrdiff_t>(from));
    story.steps.insert(story.steps.begin() + static_cast<std::ptrdiff_t>(to), std::move(moved));
}

void deleteStep(Story& story, std::size_t index) {
    if (index < story.steps.size()) story.steps.erase(story.steps.begin() + static_cast<std::ptrdiff_t>(index));
}

std::size_t insertStepAfter(Story& story, std::size_t index, StoryStep step) {
    const std::size_t at = index >= story.steps.size() ? story.steps.size() : index + 1;
    story.steps.insert(story.steps.begin() + static_cast<std::ptrdiff_t>(at), std::move(step));
    return at;
}

}  // namespace sv
