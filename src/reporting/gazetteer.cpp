// Gazetteer and mention finding (see gazetteer.hpp).
#include "reporting/gazetteer.hpp"

#include <algorithm>
#include <map>

#include "util/strings.hpp"

namespace sv {
namespace {

std::vector<std::u32string> wordsOf(const std::string& s) {
    std::vector<std::u32string> out;
    for (auto& t : text::tokenize(text::fold(text::decode(s)))) out.push_back(std::move(t.text));
    return out;
}

bool isRegionNoun(const std::u32string& w) {
    static const std::u32string kNouns[] = {U"oblast", U"oblasts", U"region", U"regions", U"province", U"provinces",
                                            U"oblasti", U"область", U"області", U"области"};
    return std::find(std::begin(kNouns), std::end(kNouns), w) != std::end(kNouns);
}

// The oblast noun in any case and number, Ukrainian or Russian ("область", "областях", "областей"), or "обл."
bool isOblastNoun(const std::u32string& w) { return w.rfind(U"област", 0) == 0 || w == U"обл"; }

// Words that join a list of declined oblast adjectives ("Луганська і Донецька області").
bool isCyrillicConjunction(const std::u32string& w) {
    return w == U"і" || w == U"й" || w == U"та" || w == U"и" || w == U"або" || w == U"чи" || w == U"или";
}

// Case endings of a feminine adjective (Ukrainian -а -ої -ій -у -ою, Russian -ая -ой -ую -ою) and of a feminine
// noun in -а (Ukrainian -а -и -і -у -ою: "Харківщина", "Харківщини", "Харківщині"), longest first.
constexpr std::u32string_view kAdjectiveEndings[] = {U"ая", U"ої", U"ій", U"ой", U"ую", U"ою", U"а", U"у"};
constexpr std::u32string_view kNounEndings[] = {U"ою", U"а", U"и", U"і", U"у"};

// Regions the reporting names that are not admin units, with the units they cover.
struct ExtraArea {
    const char* id;
    const char* name;
    std::vector<const char*> regions;
    std::vector<const char*> names;
    double lon, lat;
};

const std::vector<ExtraArea>& extraAreas() {
    static const std::vector<ExtraArea> kAreas = {
        {"donbas", "Donbas", {"UA-14", "UA-09"}, {"Donbas", "Donbass", "Donets Basin", "Донбас", "Донбасс"}, 38.6, 48.2},
        {"sea-of-azov", "Sea of Azov", {}, {"Sea of Azov", "Azov Sea", "Azovian Sea", "Азовське море", "Азовское море"}, 36.6, 46.1},
    };
    return kAreas;
}

}  // namespace

void Gazetteer::add(const std::string& written, int target, bool primary) {
    auto tokens = wordsOf(written);
    if (tokens.empty()) return;
    for (const auto& n : names_)
        if (n.target == target && n.tokens == tokens) return;  // a spelling that folds to one already there
    std::u32string text;
    for (const auto& t : tokens) text += (text.empty() ? U"" : U" ") + t;
    names_.push_back({std::move(tokens), std::move(text), written, target, -1, primary});
}

Gazetteer Gazetteer::build(const MapData& map) {
    Gazetteer g;
    for (const auto& p : map.places) {
        const int t = static_cast<int>(g.targets_.size());
        g.targets_.push_back({LinkTarget::Kind::Place, p.id, p.name, {}, p.pos, true});
        g.add(p.name, t, true);
        if (!p.nameUk.empty()) g.add(p.nameUk, t, false);
        for (const auto& a : p.aliases) g.add(a, t, false);
    }
    // Short names of oblasts ("Kherson" from "Kherson Oblast" / "Kherson region") mark the bare city names that
    // are ambiguous, and which region they would mean.
    std::map<std::vector<std::u32string>, int> shortNames;
    for (const auto& r : map.regions) {
        const int t = static_cast<int>(g.targets_.size());
        g.targets_.push_back({LinkTarget::Kind::Region, r.id, r.name, {r.id}, r.labelPos, true});
        g.add(r.name, t, true);
        if (!r.nameUk.empty()) g.add(r.nameUk, t, false);
        for (const auto& a : r.aliases) g.add(a, t, false);
        for (const auto& n : g.names_)
            if (n.target == t && n.tokens.size() >= 2 && isRegionNoun(n.tokens.back()))
                shortNames[{n.tokens.begin(), n.tokens.end() - 1}] = t;
        if (r.id == "UA-43") g.add("Crimean peninsula", t, false);
        // Stems for the declined forms: "херсонська область" → "херсонськ", "херсонская область" → "херсонск",
        // "харківщина" → "харківщин".
        for (const auto& n : g.names_) {
            if (n.target != t || !text::isCyrillic(n.tokens[0].front())) continue;
            const std::u32string& w = n.tokens[0];
            auto ends = [&](std::u32string_view e) { return w.size() > e.size() + 2 && w.ends_with(e); };
            if (n.tokens.size() == 2 && n.tokens[1] == U"область") {
                if (ends(U"ая")) g.stems_.emplace(w.substr(0, w.size() - 2), Stem{t, true});
                else if (ends(U"а")) g.stems_.emplace(w.substr(0, w.size() - 1), Stem{t, true});
            } else if (n.tokens.size() == 1 && (ends(U"щина") || ends(U"чина"))) {
                g.stems_.emplace(w.substr(0, w.size() - 1), Stem{t, false});
            }
        }
    }
    for (const auto& a : extraAreas()) {
        const int t = static_cast<int>(g.targets_.size());
        LinkTarget lt{LinkTarget::Kind::Area, a.id, a.name, {}, {}, false};
        Bbox box;
        for (const char* rid : a.regions)
            if (const Region* r = map.findRegion(rid)) {
                lt.regions.push_back(rid);
                box.add(r->bbox);
            }
        if (!box.empty()) lt.pos = box.center(), lt.hasPos = true;
        g.targets_.push_back(std::move(lt));
        for (size_t i = 0; i < a.names.size(); ++i) g.add(a.names[i], t, i == 0);
    }
    for (auto& n : g.names_)
        if (g.targets_[static_cast<std::size_t>(n.target)].kind == LinkTarget::Kind::Place)
            if (auto it = shortNames.find(n.tokens); it != shortNames.end()) n.ambiguousRegion = it->second;
    for (int i = 0; i < static_cast<int>(g.names_.size()); ++i) g.byFirst_[g.names_[static_cast<std::size_t>(i)].tokens[0]].push_back(i);
    for (auto& [first, list] : g.byFirst_)
        std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
            return g.names_[static_cast<std::size_t>(a)].tokens.size() > g.names_[static_cast<std::size_t>(b)].tokens.size();
        });
    for (int i = 0; i < static_cast<int>(g.targets_.size()); ++i) g.byId_.emplace(g.targets_[static_cast<std::size_t>(i)].id, i);
    return g;
}

const Gazetteer::Stem* Gazetteer::declined(const std::u32string& word) const {
    if (stems_.empty() || word.empty() || !text::isCyrillic(word.front())) return nullptr;
    auto look = [&](const auto& endings, bool adjective) -> const Stem* {
        for (std::u32string_view e : endings) {
            if (word.size() <= e.size() || !word.ends_with(e)) continue;
            auto it = stems_.find(word.substr(0, word.size() - e.size()));
            if (it != stems_.end() && it->second.adjective == adjective) return &it->second;
        }
        return nullptr;
    };
    const Stem* st = look(kAdjectiveEndings, true);
    return st ? st : look(kNounEndings, false);
}

int Gazetteer::find(const std::string& id) const {
    auto it = byId_.find(id);
    if (it != byId_.end()) return it->second;
    for (int i = 0; i < static_cast<int>(targets_.size()); ++i)
        if (equalsAsciiNoCase(targets_[static_cast<std::size_t>(i)].id, id)) return i;
    return -1;
}

std::vector<Mention> Gazetteer::mentions(std::u32string_view original) const {
    const std::u32string folded = text::fold(original);
    const auto tokens = text::tokenize(folded);
    // The sentence of each token: a name or a list never runs across the end of a sentence ("…shelled Kharkiv.
    // Donetsk and Luhansk oblasts…", "…struck Kyiv. City officials…").
    const auto spans = text::sentences(original);
    std::vector<uint32_t> sentenceOf(tokens.size(), 0);
    for (std::size_t t = 0, sp = 0; t < tokens.size(); ++t) {
        while (sp + 1 < spans.size() && tokens[t].begin >= spans[sp + 1].begin) ++sp;
        sentenceOf[t] = static_cast<uint32_t>(sp);
    }
    auto sameSentence = [&](uint32_t a, uint32_t b) {
        return a < tokens.size() && b < tokens.size() && sentenceOf[a] == sentenceOf[b];
    };
    std::vector<Mention> out;
    std::vector<int> nameOf;  // the name each mention matched
    for (uint32_t i = 0; i < tokens.size();) {
        auto it = byFirst_.find(tokens[i].text);
        int matched = -1;
        if (it != byFirst_.end())
            for (int ni : it->second) {
                const auto& n = names_[static_cast<std::size_t>(ni)];
                if (i + n.tokens.size() > tokens.size()) continue;
                bool ok = true;
                for (std::size_t k = 1; ok && k < n.tokens.size(); ++k)
                    ok = tokens[i + k].text == n.tokens[k] && sameSentence(i, i + static_cast<uint32_t>(k));
                if (ok) {
                    matched = ni;
                    break;
                }
            }
        if (matched < 0) {
            ++i;
            continue;
        }
        const auto& n = names_[static_cast<std::size_t>(matched)];
        const auto count = static_cast<uint32_t>(n.tokens.size());
        out.push_back({n.target, tokens[i].begin, tokens[i + count - 1].end, i, count});
        nameOf.push_back(matched);
        i += count;
    }
    // Declined oblast names among the words no name matched (see the header).
    if (!stems_.empty()) {
        std::vector<bool> taken(tokens.size(), false);
        for (const auto& m : out)
            for (uint32_t k = m.firstToken; k < m.firstToken + m.tokenCount; ++k) taken[k] = true;
        std::vector<std::pair<Mention, int>> found;
        for (uint32_t i = 0; i < tokens.size();) {
            const Stem* st = taken[i] ? nullptr : declined(tokens[i].text);
            if (!st) {
                ++i;
                continue;
            }
            if (!st->adjective) {
                found.push_back({{st->target, tokens[i].begin, tokens[i].end, i, 1}, -1});
                ++i;
                continue;
            }
            // A list of adjectives joined by conjunctions or only punctuation ("Запорізька, Херсонська та
            // Миколаївська області"), ending in the oblast noun, all in one sentence.
            std::vector<std::pair<uint32_t, int>> list{{i, st->target}};
            uint32_t j = i + 1;
            for (;;) {
                const uint32_t at = j < tokens.size() && isCyrillicConjunction(tokens[j].text) ? j + 1 : j;
                if (at >= tokens.size() || taken[at] || (at > j && taken[j]) || !sameSentence(i, at)) break;
                const Stem* next = declined(tokens[at].text);
                if (!next || !next->adjective) break;
                list.emplace_back(at, next->target);
                j = at + 1;
            }
            if (j < tokens.size() && !taken[j] && sameSentence(i, j) && isOblastNoun(tokens[j].text)) {
                for (std::size_t k = 0; k < list.size(); ++k) {
                    const uint32_t at = list[k].first;
                    const bool last = k + 1 == list.size();  // the last adjective takes the noun with it
                    found.push_back({{list[k].second, tokens[at].begin, last ? tokens[j].end : tokens[at].end, at,
                                      last ? j - at + 1 : 1u},
                                     -1});
                }
                i = j + 1;
            } else {
                ++i;
            }
        }
        if (!found.empty()) {
            for (std::size_t k = 0; k < out.size(); ++k) found.push_back({out[k], nameOf[k]});
            std::sort(found.begin(), found.end(),
                      [](const auto& a, const auto& b) { return a.first.firstToken < b.first.firstToken; });
            out.clear(), nameOf.clear();
            for (const auto& [m, n] : found) out.push_back(m), nameOf.push_back(n);
        }
    }
    // City or oblast. Mentions joined by "and"/"or" (or only punctuation) form a list; a list followed by
    // oblast(s)/region(s)/province(s) or "People's Republic", or preceded by "republic(s) of", means regions.
    uint32_t anchor = 0;  // the sentence words are looked up in; words of other sentences do not count
    auto word = [&](uint32_t t) -> const std::u32string& {
        static const std::u32string none;
        return t < tokens.size() && sentenceOf[t] == sentenceOf[anchor] ? tokens[t].text : none;
    };
    for (std::size_t first = 0; first < out.size();) {
        std::size_t last = first;
        anchor = out[first].firstToken;
        while (last + 1 < out.size()) {
            const uint32_t after = out[last].firstToken + out[last].tokenCount, next = out[last + 1].firstToken;
            if (!sameSentence(anchor, next)) break;
            if (next == after || (next == after + 1 && (word(after) == U"and" || word(after) == U"or"))) ++last;
            else break;
        }
        const uint32_t after = out[last].firstToken + out[last].tokenCount, before = out[first].firstToken;
        const bool regionList =
            isRegionNoun(word(after)) ||
            (word(after) == U"people" && word(after + 1) == U"s" && word(after + 2) == U"republic") ||
            (before >= 2 && word(before - 1) == U"of" && (word(before - 2) == U"republic" || word(before - 2) == U"republics"));
        if (regionList)
            for (std::size_t m = first; m <= last; ++m) {
                if (nameOf[m] < 0) continue;  // a declined oblast name: already the region
                const auto& n = names_[static_cast<std::size_t>(nameOf[m])];
                if (n.ambiguousRegion >= 0) out[m].target = n.ambiguousRegion;
            }
        first = last + 1;
    }
    return out;
}

}  // namespace sv
