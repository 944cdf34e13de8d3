// The briefing story: an ordered list of steps (date, camera, selection, layers, caption, article excerpt) that
// the Story panel plays back. Owns the story file format (docs/story.md): versioned JSON, strict schema checks
// with messages naming the JSON path, and a save that never loses the user's existing file.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/date.hpp"
#include "util/result.hpp"
#include "view/view_state.hpp"

namespace sv {

inline constexpr int kStoryVersion = 1;               // the schema version this build reads and writes
inline constexpr std::size_t kMaxCaptionBytes = 10000;
inline constexpr double kMaxStoryPxPerKm = 1e6;

struct StoryStep {
    Date date;
    double lon = 0, lat = 0;  // camera centre (WGS 84), so a story survives a change of map CRS
    double pxPerKm = 1;       // camera zoom
    std::string selected;     // gazetteer target id (place id, region ISO code, area id) or empty
    LayerVisibility layers;
    std::string caption;
    struct ExcerptRef {
        std::string article;
        uint32_t begin = 0, end = 0;  // code point offsets in the article body
        bool operator==(const ExcerptRef&) const = default;
    };
    std::optional<ExcerptRef> excerpt;
};
// Field by field, layers included (LayerVisibility itself has no ==).
bool operator==(const StoryStep& a, const StoryStep& b);

struct Story {
    int version = kStoryVersion;  // schema version written; readers accept 1
    std::string title;
    std::string scenario;  // title of the scenario it was made for (informational)
    std::vector<StoryStep> steps;
    bool operator==(const Story&) const = default;
};

// The story as JSON (2-space indent, trailing newline), every field written, "excerpt" only when present.
std::string storyToJson(const Story& story);

// Syntax errors: "FILE:LINE:COLUMN: reason". Schema errors: "FILE: JSON.PATH: problem", naming the value and what
// was expected, e.g. "s.story.json: steps[3].date: '2022-02-30' is not a date (day 30 does not exist in
// 2022-02); expected YYYY-MM-DD". Unknown keys are ignored; a "version" other than 1 is an error.
Result<Story> parseStory(std::string_view json, const std::string& file);

// Reads and parses PATH. A file that cannot be read: "PATH: <system error>", e.g. "PATH: No such file or
// directory".
Result<Story> loadStory(const std::string& path);

struct SaveHooks {
    // Called after each chunk (at most kSaveChunkBytes) of the temporary file is written, with the bytes written
    // so far; returning true simulates a write failure at that point (tests).
    std::function<bool(std::size_t bytesWritten)> failAfter;
};
inline constexpr std::size_t kSaveChunkBytes = 1024;

// Saves atomically: checks the story reads back as itself, writes PATH.tmp-PID, fsyncs it, keeps the current
// PATH as PATH.bak (replacing an older .bak), renames the temporary file over PATH and fsyncs the folder. On any
// failure nothing changes: PATH and PATH.bak are as before and the temporary file is removed. Refuses when PATH
// exists but does not load as a story: "PATH: not saved: the existing file is not a readable story (<error>)".
Status saveStory(const Story& story, const std::string& path, const SaveHooks& hooks = {});

// NAME.story.json next to a scenario file, or inside a folder scenario. NAME is sanitised to [A-Za-z0-9._-]: each
// run of other characters becomes '_', leading '.' and '_' and trailing '_' are dropped, at most 100 bytes are
// kept, and an empty result becomes "story".
std::string storyPathFor(const std::string& scenarioPath, const std::string& name);

// Step editing for the Story panel. Indices are clamped to the steps; an empty story is left alone.
void moveStep(Story& story, std::size_t from, std::size_t to);
void deleteStep(Story& story, std::size_t index);  // out of range: nothing
// Inserts after `index` (at the end when index >= size) and returns the new step's index.
std::size_t insertStepAfter(Story& story, std::size_t index, StoryStep step);

}  // namespace sv
