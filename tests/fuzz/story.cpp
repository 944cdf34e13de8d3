// Fuzz target `story`: bytes through the strict JSON parser (sv::json::parse) and the story schema reader
// (sv::parseStory), with round trips:
//   - a value that parses writes (indented and compact) to text that parses back to an equal value, and writing
//     that again gives the same text;
//   - a story that parses writes (sv::storyToJson) to text that parses back to an equal story, and writes the
//     same text again.
// Errors must carry a position inside the text (line and column from 1) and, like every message, be valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "util/json.hpp"
#include "view/story.hpp"

namespace {

bool utf8(const std::string& s) { return sv::json::isValidUtf8(s); }

void checkJson(std::string_view text) {
    sv::json::ParseError error;
    auto v = sv::json::parse(text, &error);
    if (!v) {
        SV_FUZZ_CHECK(error.offset <= text.size(), "error offset past the end");
        SV_FUZZ_CHECK(error.line >= 1 && error.column >= 1, error.message());
        SV_FUZZ_CHECK(!error.reason.empty() && v.error() == error.message(), v.error());
        SV_FUZZ_CHECK(utf8(v.error()), "error message not valid UTF-8");
        return;
    }
    for (int indent : {2, 0}) {
        const std::string written = sv::json::write(*v, indent);
        SV_FUZZ_CHECK(utf8(written), "written JSON not valid UTF-8");
        auto back = sv::json::parse(written);
        SV_FUZZ_CHECK(back.ok(), "written JSON does not parse: " + back.error() + "\n" + written);
        SV_FUZZ_CHECK(*back == *v, "written JSON parses to a different value:\n" + written);
        SV_FUZZ_CHECK(sv::json::write(*back, indent) == written, "writing is not stable:\n" + written);
    }
}

void checkStory(std::string_view text) {
    auto story = sv::parseStory(text, "fuzz.story.json");
    if (!story) {
        SV_FUZZ_CHECK(story.error().rfind("fuzz.story.json:", 0) == 0, story.error());
        SV_FUZZ_CHECK(utf8(story.error()), "story error not valid UTF-8");
        return;
    }
    SV_FUZZ_CHECK(story->version == sv::kStoryVersion, "version");
    const std::string written = sv::storyToJson(*story);
    auto back = sv::parseStory(written, "written.story.json");
    SV_FUZZ_CHECK(back.ok(), "written story does not parse: " + back.error() + "\n" + written);
    SV_FUZZ_CHECK(*back == *story, "written story parses to a different story:\n" + written);
    SV_FUZZ_CHECK(sv::storyToJson(*back) == written, "story writing is not stable:\n" + written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const std::string_view text = sv::fuzz::asText(data, size);
    checkJson(text);
    checkStory(text);
    return 0;
}
