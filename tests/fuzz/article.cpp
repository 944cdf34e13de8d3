// Fuzz target `article`: one article file's bytes through sv::parseArticle (front-matter header, UTF-8 repair,
// title fallback), then linked against the built-in gazetteer (sv::linkArticles: folding, tokens, sentences,
// city/oblast rules, links/unlinks), the Reporting panel's queries on the result, and the place search with the
// article's title as the query.
//
// The gazetteer is built once from geodata/places.geojson and geodata/ukraine_admin1.geojson, read with the core's
// own JSON parser (no GDAL): names, Ukrainian names and aliases are what linking needs; positions stay in lon/lat.
//
// Properties checked besides "no crash, leak or UB": everything the UI shows (title, body, warnings, excerpts,
// passages) is valid UTF-8; the body's code points are the decoded body; sentences are sorted, disjoint and inside
// the text; every linked mention lies inside its sentence; the two UTF-8 validators (text::decode and
// json::isValidUtf8) agree.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_support.hpp"
#include "model/map_data.hpp"
#include "reporting/article.hpp"
#include "reporting/gazetteer.hpp"
#include "reporting/reporting.hpp"
#include "reporting/search.hpp"
#include "reporting/text.hpp"
#include "util/files.hpp"
#include "util/json.hpp"
#include "util/strings.hpp"

namespace {

using sv::json::Value;

std::string prop(const Value& props, const char* key) {
    const Value* v = props.get(key);
    return v ? v->asString() : std::string();
}

std::vector<std::string> aliases(const Value& props) { return sv::split(prop(props, "aliases"), '|'); }

// Every position in a GeoJSON coordinates array, into a box.
void addCoordinates(const Value& v, sv::Bbox& box) {
    const auto& a = v.asArray();
    if (a.size() >= 2 && a[0].isNumber() && a[1].isNumber()) {
        box.add(sv::Vec2d{a[0].asNumber(), a[1].asNumber()});
        return;
    }
    for (const auto& e : a) addCoordinates(e, box);
}

Value readGeoJson(const char* name) {
    const std::string path = std::string(SITVIEW_SOURCE_DIR) + "/geodata/" + name;
    auto bytes = sv::readFile(path);
    SV_FUZZ_CHECK(bytes.ok(), "cannot read " + path);
    auto v = sv::json::parse(*bytes);
    SV_FUZZ_CHECK(v.ok(), path + ": " + (v.ok() ? std::string() : v.error()));
    return std::move(*v);
}

sv::MapData builtinMap() {
    sv::MapData map;
    map.crs = "EPSG:4326";
    const Value places = readGeoJson("places.geojson"), regions = readGeoJson("ukraine_admin1.geojson");
    for (const Value& f : places.get("features")->asArray()) {
        const Value& p = *f.get("properties");
        sv::Place place;
        place.id = prop(p, "id");
        place.name = prop(p, "name");
        place.nameUk = prop(p, "name_uk");
        place.aliases = aliases(p);
        place.kind = sv::parsePlaceKind(prop(p, "kind")).value_or(sv::PlaceKind::Town);
        if (const Value* pop = p.get("population"); pop && pop->isNumber())
            place.population = static_cast<int64_t>(pop->asNumber());
        place.admin = prop(p, "admin");
        sv::Bbox box;
        addCoordinates(*f.get("geometry")->get("coordinates"), box);
        place.lonlat = place.pos = box.center();
        map.places.push_back(std::move(place));
    }
    for (const Value& f : regions.get("features")->asArray()) {
        const Value& p = *f.get("properties");
        sv::Region r;
        r.id = prop(p, "id");
        r.name = prop(p, "name");
        r.nameUk = prop(p, "name_uk");
        r.type = prop(p, "type");
        r.aliases = aliases(p);
        addCoordinates(*f.get("geometry")->get("coordinates"), r.bbox);
        r.labelPos = r.bbox.center();
        map.regions.push_back(std::move(r));
    }
    SV_FUZZ_CHECK(map.places.size() > 50 && map.regions.size() == 27, "unexpected built-in geodata");
    return map;
}

sv::MapData& map() {
    static sv::MapData m = builtinMap();
    return m;
}

sv::Gazetteer& gazetteer() {
    static sv::Gazetteer g = sv::Gazetteer::build(map());
    return g;
}

bool utf8(const std::string& s) { return sv::text::validUtf8(s); }

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    gazetteer();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const std::string bytes(sv::fuzz::asText(data, size));
    sv::Article a = sv::parseArticle("fuzz/article.md", bytes);
    // parseArticle warns about invalid UTF-8 exactly when text::decode finds some; json:: has its own validator.
    const bool warnedUtf8 = std::any_of(a.warnings.begin(), a.warnings.end(), [](const std::string& w) {
        return w.rfind("fuzz/article.md: byte ", 0) == 0 && w.find(": not valid UTF-8 (") != std::string::npos;
    });
    SV_FUZZ_CHECK(warnedUtf8 == !sv::json::isValidUtf8(bytes), "the UTF-8 validators disagree");
    SV_FUZZ_CHECK(a.id == "article", a.id);
    SV_FUZZ_CHECK(utf8(a.body) && utf8(a.title) && utf8(a.outlet) && utf8(a.url), "article text not valid UTF-8");
    SV_FUZZ_CHECK(!a.title.empty(), "empty title");
    SV_FUZZ_CHECK(a.bodyText == sv::text::decode(a.body), "bodyText is not the decoded body");
    SV_FUZZ_CHECK(a.bodyLine >= 1, std::to_string(a.bodyLine));
    for (const auto& w : a.warnings) SV_FUZZ_CHECK(utf8(w), "warning not valid UTF-8: " + w);
    for (const auto& l : a.links) SV_FUZZ_CHECK(!l.empty() && l == sv::asciiLower(l), "links: '" + l + "'");
    for (const auto& l : a.unlinks) SV_FUZZ_CHECK(!l.empty() && l == sv::asciiLower(l), "unlinks: '" + l + "'");
    SV_FUZZ_CHECK(a.dateText() == (a.date ? a.date->iso() : std::string("unknown")), a.dateText());

    const std::string title = a.title;
    sv::ArticleSet set;
    set.articles.push_back(std::move(a));
    // linkArticles takes the gazetteer by value: lend it and take it back, instead of copying it every run.
    sv::Reporting r = sv::linkArticles(std::move(set), std::move(gazetteer()));
    const sv::Article& art = r.articles.at(0);
    const auto& spans = r.sentences.at(0);
    const auto textSize = static_cast<uint32_t>(art.bodyText.size());
    for (std::size_t k = 0; k < spans.size(); ++k) {
        SV_FUZZ_CHECK(spans[k].begin < spans[k].end && spans[k].end <= textSize, "sentence outside the text");
        SV_FUZZ_CHECK(k == 0 || spans[k - 1].end <= spans[k].begin, "sentences overlap or are out of order");
    }
    const int targets = static_cast<int>(r.gazetteer.targets().size());
    std::vector<bool> passageChecked(spans.size(), false);
    for (const auto& e : r.excerpts) {
        SV_FUZZ_CHECK(e.article == 0 && e.target >= 0 && e.target < targets, "excerpt points nowhere");
        const std::string id = sv::asciiLower(r.gazetteer.targets()[static_cast<std::size_t>(e.target)].id);
        if (!e.forced) {
            SV_FUZZ_CHECK(std::find(art.unlinks.begin(), art.unlinks.end(), id) == art.unlinks.end(),
                          "an unlinked target was linked: " + id);
            SV_FUZZ_CHECK(e.begin < e.end && e.end <= textSize, "mention outside the text");
            SV_FUZZ_CHECK(e.sentence < spans.size(), "mention without a sentence");
            const auto& s = spans[e.sentence];
            SV_FUZZ_CHECK(s.begin <= e.begin && e.end <= s.end,
                          "mention [" + std::to_string(e.begin) + "," + std::to_string(e.end) + ") of '" + id +
                              "' is not inside its sentence [" + std::to_string(s.begin) + "," +
                              std::to_string(s.end) + ")");
            SV_FUZZ_CHECK(!r.matchedText(e).empty() && utf8(r.matchedText(e)), "matched text");
        } else {
            SV_FUZZ_CHECK(std::find(art.links.begin(), art.links.end(), id) != art.links.end() ||
                              std::any_of(art.links.begin(), art.links.end(),
                                          [&](const std::string& l) { return r.gazetteer.find(l) == e.target; }),
                          "a forced excerpt without a links entry: " + id);
        }
        // A passage depends only on the sentence and the context: checked once per sentence (checking it for every
        // excerpt made inputs with many mentions in one long sentence quadratic).
        if (e.sentence >= spans.size() || !passageChecked[e.sentence]) {
            if (e.sentence < spans.size()) passageChecked[e.sentence] = true;
            SV_FUZZ_CHECK(utf8(r.sentenceText(e.article, e.sentence)), "sentence text");
            for (int context = 0; context <= 2; ++context) SV_FUZZ_CHECK(utf8(r.passage(e, context)), "passage");
        }
    }
    // Every linked target's rows (the others have none), newest first with unknown dates last.
    std::vector<int> linked;
    for (const auto& e : r.excerpts) linked.push_back(e.target);
    std::sort(linked.begin(), linked.end());
    linked.erase(std::unique(linked.begin(), linked.end()), linked.end());
    std::size_t listed = 0;
    for (int t : linked) {
        const auto rows = r.rowsForTarget(t, sv::Date::fromCivil(2022, 3, 29).value());
        SV_FUZZ_CHECK(rows.size() == r.forTarget(t).size() && !rows.empty(), "rows and excerpts differ");
        listed += rows.size();
    }
    SV_FUZZ_CHECK(listed == r.excerpts.size() && r.ofArticle(0).size() == r.excerpts.size(), "excerpts lost");
    for (const auto& w : r.warnings) SV_FUZZ_CHECK(utf8(w), "warning not valid UTF-8: " + w);

    for (const auto& hit : sv::searchPlaces(r.gazetteer, map(), title))
        SV_FUZZ_CHECK(hit.target >= 0 && hit.target < targets && hit.score > 0, "search hit points nowhere");

    gazetteer() = std::move(r.gazetteer);
    return 0;
}
