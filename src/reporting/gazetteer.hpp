// The gazetteer: every name a place or region goes by (English, Ukrainian, Russian, old spellings) in folded form,
// plus the regions the reporting uses that are not admin units (Donbas, the Sea of Azov), and the linker that
// finds their mentions in article text.
//
// A name shared by a city and its oblast (Donetsk, Luhansk, Kherson, Kharkiv…) means the city, unless the text
// says region: "Kherson Oblast", "Kherson region" (longer names win), "the Luhansk and Donetsk oblasts" (a list
// ending in oblasts/regions/provinces makes every name in it the region), "republics of Donetsk and Lugansk" /
// "Donetsk People's Republic" (the self-proclaimed republics lie in those oblasts: linked to the oblast).
//
// Ukrainian and Russian decline the oblast names, which are adjectives: "у Херсонській області", "Луганська і
// Донецька області", "в Донецкой и Луганской областях". An adjective whose stem is an oblast's ("херсонськ-",
// "донецк-") with a feminine case ending links that oblast when the oblast noun follows it, directly or at the end
// of a list joined by і/й/та/и/або/чи/или; so does a declined regional name ("на Харківщині", "Донеччини"), which
// needs no noun. Declined city names ("у Херсоні", "Києва") are not recognised.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/map_data.hpp"
#include "reporting/text.hpp"

namespace sv {

struct LinkTarget {
    enum class Kind { Place, Region, Area };
    Kind kind = Kind::Place;
    std::string id;    // place id, region id (ISO 3166-2), or area id ("donbas", "sea-of-azov")
    std::string name;  // display name
    std::vector<std::string> regions;  // regions an area consists of (for highlighting); a region: itself
    Vec2d pos;         // map CRS: the place, or a point inside the region/area
    bool hasPos = false;
};

struct Mention {
    int target = -1;
    uint32_t begin = 0, end = 0;  // code point offsets in the text
    uint32_t firstToken = 0, tokenCount = 0;
};

class Gazetteer {
public:
    static Gazetteer build(const MapData& map);
    const std::vector<LinkTarget>& targets() const { return targets_; }
    int find(const std::string& id) const;  // index of the target with that id, or -1

    // Every mention in `text` (its folded form), longest names first, city/oblast ambiguity resolved as above.
    std::vector<Mention> mentions(std::u32string_view text) const;

    // All names of a target (for search), folded and as written.
    struct Name {
        std::vector<std::u32string> tokens;
        std::u32string text;  // the tokens joined by single spaces (what search compares against)
        std::string written;
        int target;
        int ambiguousRegion = -1;  // this bare name is also an oblast's short name: that region's target
        bool primary = false;      // the target's own name (not an alias)
    };
    const std::vector<Name>& names() const { return names_; }

private:
    void add(const std::string& written, int target, bool primary);
    std::vector<LinkTarget> targets_;
    std::vector<Name> names_;
    std::unordered_map<std::u32string, std::vector<int>> byFirst_;  // first token → names, longest first
    std::unordered_map<std::string, int> byId_;
    // Stems of the Cyrillic oblast adjectives and regional names (see above) → region target; `adjective`: an
    // oblast noun must follow.
    struct Stem {
        int target;
        bool adjective;
    };
    std::unordered_map<std::u32string, Stem> stems_;
    const Stem* declined(const std::u32string& word) const;
};

}  // namespace sv
