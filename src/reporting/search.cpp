// Place search (see search.hpp).
#include "reporting/search.hpp"

#include <algorithm>
#include <map>

namespace sv {
namespace {

std::u32string joined(const std::vector<std::u32string>& tokens) {
    std::u32string s;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (i) s += U' ';
        s += tokens[i];
    }
    return s;
}

int kindRank(const Gazetteer& g, const MapData& map, int target, int64_t& population) {
    const auto& t = g.targets()[static_cast<std::size_t>(target)];
    population = 0;
    if (t.kind != LinkTarget::Kind::Place) return 1;
    const Place* p = map.findPlace(t.id);
    if (!p) return 1;
    population = p->population.value_or(0);
    return 6 - static_cast<int>(p->kind);  // capital 6 … site 2
}

}  // namespace

std::vector<SearchHit> searchPlaces(const Gazetteer& g, const MapData& map, std::string_view query, std::size_t limit) {
    std::vector<std::u32string> words;
    for (auto& t : text::tokenize(text::fold(text::decode(query)))) words.push_back(std::move(t.text));
    if (words.empty()) return {};
    const std::u32string q = joined(words), spaceQ = U" " + q;
    std::map<int, SearchHit> best;
    for (const auto& n : g.names()) {
        const std::u32string& name = n.text;
        if (name.size() < q.size()) continue;  // cannot contain the query
        int score = 0;
        if (name == q) score = n.primary ? 100 : 95;
        else if (name.compare(0, q.size(), q) == 0) score = n.primary ? 80 : 75;
        else if (name.find(spaceQ) != std::u32string::npos) score = 60;
        else if (name.find(q) != std::u32string::npos) score = 40;
        if (!score) continue;
        auto it = best.find(n.target);
        if (it == best.end() || it->second.score < score) best[n.target] = {n.target, n.written, score};
    }
    // Rank and population looked up once per hit, not in every comparison (a one-letter query matches hundreds).
    struct Ranked {
        SearchHit hit;
        int kind;
        int64_t population;
    };
    std::vector<Ranked> ranked;
    ranked.reserve(best.size());
    for (auto& [t, h] : best) {
        Ranked r{h, 0, 0};
        r.kind = kindRank(g, map, t, r.population);
        ranked.push_back(r);
    }
    std::sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) {
        if (a.hit.score != b.hit.score) return a.hit.score > b.hit.score;
        if (a.kind != b.kind) return a.kind > b.kind;
        if (a.population != b.population) return a.population > b.population;
        return g.targets()[static_cast<std::size_t>(a.hit.target)].name <
               g.targets()[static_cast<std::size_t>(b.hit.target)].name;
    });
    std::vector<SearchHit> hits;
    hits.reserve(std::min(limit, ranked.size()));
    for (std::size_t k = 0; k < ranked.size() && k < limit; ++k) hits.push_back(ranked[k].hit);
    return hits;
}

}  // namespace sv
