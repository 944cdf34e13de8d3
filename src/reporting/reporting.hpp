// Reporting linked to places: every article's mentions become excerpts (the sentence, the target, the article and
// its date, the offsets), indexed by target for the Reporting panel and by date for evidence of a change.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reporting/article.hpp"
#include "model/scenario.hpp"
#include "reporting/gazetteer.hpp"

namespace sv {

struct Excerpt {
    uint32_t article = 0;
    int target = -1;
    uint32_t begin = 0, end = 0;            // the mention, code points in the article's body
    uint32_t sentence = 0;                  // index into Reporting::sentences[article]
    bool forced = false;                    // from the header's `links`, not from a mention
};

// One row of the Reporting panel: the excerpt and whether its article is dated after the timeline's date.
struct ExcerptRow {
    const Excerpt* excerpt;
    bool later;
};

struct Reporting {
    Gazetteer gazetteer;
    std::vector<Article> articles;
    std::vector<std::vector<text::Span>> sentences;  // per article
    std::vector<Excerpt> excerpts;
    std::vector<std::string> warnings;

    std::string matchedText(const Excerpt& e) const;
    std::string sentenceText(uint32_t article, uint32_t sentence) const;
    // The sentence with `context` neighbours on each side.
    std::string passage(const Excerpt& e, int context) const;
    // Excerpts of a target, newest article first (unknown dates last), then in text order.
    std::vector<const Excerpt*> forTarget(int target) const;
    // The Reporting panel's rows for a target at the timeline's date `now` (order as forTarget).
    std::vector<ExcerptRow> rowsForTarget(int target, Date now) const;
    // Every excerpt of one article, in text order.
    std::vector<const Excerpt*> ofArticle(uint32_t article) const;
};

// The reporting behind a change: excerpts naming a place inside the frame's gained (or lost) area whose article
// is dated within the change's window — from the previous keyframe minus `slackDays` to this keyframe plus it —
// newest first.
std::vector<const Excerpt*> evidenceForChange(const Reporting& r, const Scenario& sc, int frame, bool gained,
                                              int slackDays = 3);

// Links every article against the gazetteer; `unlinks` drop mentions, `links` add forced excerpts.
Reporting linkArticles(ArticleSet set, Gazetteer gazetteer);

}  // namespace sv
