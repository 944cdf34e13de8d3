// The links command (see links_command.hpp). Offsets are code points of the article's text (after its header), so
// `body[begin:end]` in Python gives the matched text.
#include "cli/links_command.hpp"

#include <ostream>

#include "util/strings.hpp"

namespace sv {

std::string linksUsage() {
    return "Usage: sitview links [--articles DIR]... [--no-builtin-articles] [--json] [--places FILE] [--regions FILE]\n"
           "Prints every excerpt: article, place/region, matched text, sentence, offsets, date.\n";
}

LinksQuery parseLinksQuery(std::vector<std::string>& args) {
    LinksQuery q;
    std::vector<std::string> rest;
    for (const auto& a : args) {
        if (a == "--json") q.json = true;
        else rest.push_back(a);
    }
    args = std::move(rest);
    return q;
}

void printLinks(const Reporting& r, const LinksQuery& q, std::ostream& out) {
    const auto& targets = r.gazetteer.targets();
    auto kind = [](LinkTarget::Kind k) {
        return k == LinkTarget::Kind::Place ? "place" : k == LinkTarget::Kind::Region ? "region" : "area";
    };
    if (!q.json) {
        for (const auto& e : r.excerpts) {
            const Article& a = r.articles[e.article];
            const auto& t = targets[static_cast<std::size_t>(e.target)];
            out << a.dateText() << "  " << a.id << "  [" << e.begin << "," << e.end << ")  '" << r.matchedText(e)
                << "' -> " << t.id << " (" << t.name << ")" << (e.forced ? "  [header link]" : "") << "\n";
        }
        out << r.excerpts.size() << " excerpt(s) in " << r.articles.size() << " article(s)\n";
        return;
    }
    out << "{\"articles\":[";
    for (std::size_t i = 0; i < r.articles.size(); ++i) {
        const Article& a = r.articles[i];
        out << (i ? "," : "") << "{\"id\":" << jsonQuote(a.id) << ",\"file\":" << jsonQuote(a.path)
            << ",\"title\":" << jsonQuote(a.title) << ",\"date\":" << (a.date ? jsonQuote(a.date->iso()) : "null")
            << ",\"outlet\":" << jsonQuote(a.outlet) << ",\"url\":" << jsonQuote(a.url) << "}";
    }
    out << "],\n\"excerpts\":[";
    for (std::size_t i = 0; i < r.excerpts.size(); ++i) {
        const Excerpt& e = r.excerpts[i];
        const Article& a = r.articles[e.article];
        const auto& t = targets[static_cast<std::size_t>(e.target)];
        const auto& spans = r.sentences[e.article];
        const bool hasSentence = !e.forced && e.sentence < spans.size();
        out << (i ? ",\n" : "\n") << "{\"article\":" << jsonQuote(a.id) << ",\"file\":" << jsonQuote(a.path)
            << ",\"date\":" << (a.date ? jsonQuote(a.date->iso()) : "null") << ",\"kind\":\"" << kind(t.kind)
            << "\",\"id\":" << jsonQuote(t.id) << ",\"name\":" << jsonQuote(t.name)
            << ",\"matched\":" << jsonQuote(r.matchedText(e)) << ",\"begin\":" << e.begin << ",\"end\":" << e.end
            << ",\"sentence\":" << (hasSentence ? jsonQuote(r.sentenceText(e.article, e.sentence)) : "null")
            << ",\"sentence_begin\":" << (hasSentence ? std::to_string(spans[e.sentence].begin) : "null")
            << ",\"sentence_end\":" << (hasSentence ? std::to_string(spans[e.sentence].end) : "null")
            << ",\"forced\":" << (e.forced ? "true" : "false") << "}";
    }
    out << "\n]}\n";
}

}  // namespace sv
