// Article linking (see reporting.hpp).
#include "reporting/reporting.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace sv {

Reporting linkArticles(ArticleSet set, Gazetteer gaz) {
    Reporting r;
    r.gazetteer = std::move(gaz);
    r.articles = std::move(set.articles);
    r.warnings = std::move(set.warnings);
    r.sentences.resize(r.articles.size());
    for (uint32_t ai = 0; ai < r.articles.size(); ++ai) {
        const Article& a = r.articles[ai];
        auto& spans = r.sentences[ai] = text::sentences(a.bodyText);
        auto suppressed = [&](int target) {
            const auto& id = r.gazetteer.targets()[static_cast<std::size_t>(target)].id;
            return std::find(a.unlinks.begin(), a.unlinks.end(), asciiLower(id)) != a.unlinks.end();
        };
        for (const auto& m : r.gazetteer.mentions(a.bodyText)) {
            if (suppressed(m.target)) continue;
            // The sentence holding the mention (spans are sorted; a mention never straddles two).
            auto it = std::upper_bound(spans.begin(), spans.end(), m.begin,
                                       [](uint32_t pos, const text::Span& s) { return pos < s.begin; });
            const uint32_t si = it == spans.begin() ? 0 : static_cast<uint32_t>(it - spans.begin() - 1);
            r.excerpts.push_back({ai, m.target, m.begin, m.end, si, false});
        }
        for (const auto& id : a.links) {
            const int t = r.gazetteer.find(id);
            if (t < 0) {
                r.warnings.push_back(a.path + ": links: no place or region with id '" + id + "'; ignored");
                continue;
            }
            const bool mentioned = std::any_of(r.excerpts.begin(), r.excerpts.end(),
                                               [&](const Excerpt& e) { return e.article == ai && e.target == t; });
            if (!mentioned) r.excerpts.push_back({ai, t, 0, 0, 0, true});
        }
        for (const auto& id : a.unlinks)
            if (r.gazetteer.find(id) < 0)
                r.warnings.push_back(a.path + ": unlinks: no place or region with id '" + id + "'; ignored");
    }
    return r;
}

std::string Reporting::matchedText(const Excerpt& e) const {
    const auto& t = articles[e.article].bodyText;
    return text::encode(std::u32string_view(t).substr(e.begin, e.end - e.begin));
}

std::string Reporting::sentenceText(uint32_t article, uint32_t sentence) const {
    const auto& spans = sentences[article];
    if (sentence >= spans.size()) return {};
    const auto& t = articles[article].bodyText;
    return text::encode(std::u32string_view(t).substr(spans[sentence].begin, spans[sentence].end - spans[sentence].begin));
}

std::string Reporting::passage(const Excerpt& e, int context) const {
    const auto& spans = sentences[e.article];
    if (spans.empty()) return {};
    const int lo = std::max(0, static_cast<int>(e.sentence) - context);
    const int hi = std::min(static_cast<int>(spans.size()) - 1, static_cast<int>(e.sentence) + context);
    const auto& t = articles[e.article].bodyText;
    const uint32_t b = spans[static_cast<std::size_t>(lo)].begin, en = spans[static_cast<std::size_t>(hi)].end;
    return text::encode(std::u32string_view(t).substr(b, en - b));
}

std::vector<const Excerpt*> Reporting::forTarget(int target) const {
    std::vector<const Excerpt*> out;
    for (const auto& e : excerpts)
        if (e.target == target) out.push_back(&e);
    std::stable_sort(out.begin(), out.end(), [&](const Excerpt* a, const Excerpt* b) {
        const auto& da = articles[a->article].date;
        const auto& db = articles[b->article].date;
        if (da.has_value() != db.has_value()) return da.has_value();  // unknown dates last
        if (da && *da != *db) return *da > *db;                       // newest first
        if (a->article != b->article) return a->article < b->article;
        return a->begin < b->begin;
    });
    return out;
}

std::vector<ExcerptRow> Reporting::rowsForTarget(int target, Date now) const {
    std::vector<ExcerptRow> rows;
    for (const Excerpt* e : forTarget(target)) {
        const auto& d = articles[e->article].date;
        rows.push_back({e, d && now < *d});
    }
    return rows;
}

std::vector<const Excerpt*> Reporting::ofArticle(uint32_t article) const {
    std::vector<const Excerpt*> out;
    for (const auto& e : excerpts)
        if (e.article == article) out.push_back(&e);
    return out;
}

std::vector<const Excerpt*> evidenceForChange(const Reporting& r, const Scenario& sc, int frame, bool gained, int slack) {
    std::vector<const Excerpt*> out;
    if (frame <= 0 || static_cast<std::size_t>(frame) >= sc.derived.size()) return out;
    const auto& frames = sc.frames();
    const Date from = frames[static_cast<std::size_t>(frame - 1)].from - slack;
    const Date to = frames[static_cast<std::size_t>(frame)].from + slack;
    const auto& area = gained ? sc.derived[static_cast<std::size_t>(frame)].gained
                              : sc.derived[static_cast<std::size_t>(frame)].lost;
    const Bbox box = bounds(area);
    for (const auto& e : r.excerpts) {
        const auto& t = r.gazetteer.targets()[static_cast<std::size_t>(e.target)];
        const auto& date = r.articles[e.article].date;
        if (t.kind != LinkTarget::Kind::Place || !date || *date < from || to < *date) continue;
        if (box.contains(t.pos) && pointInMultiPolygon(area, t.pos)) out.push_back(&e);
    }
    std::stable_sort(out.begin(), out.end(), [&](const Excerpt* a, const Excerpt* b) {
        return *r.articles[a->article].date > *r.articles[b->article].date;
    });
    return out;
}

}  // namespace sv
