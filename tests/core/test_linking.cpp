// Linking reporting to places: the built-in article's excerpts (targets, matched text, sentences, code point
// offsets), the gazetteer's city/oblast rules and folding, article headers and files, excerpt order, and the
// evidence behind a change.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <ostream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include "geo/map_loader.hpp"
#include "reporting/article.hpp"
#include "reporting/gazetteer.hpp"
#include "reporting/reporting.hpp"
#include "reporting/text.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using sv::Date;

namespace {

// Dates compared as text, so a failed CHECK prints them ("none" for no date).
std::string iso(const std::optional<sv::Date>& d) { return d ? d->iso() : "none"; }

// A list of lines as one string, so a failed comparison prints both sides.
std::string lines(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& l : v) s += "\n  " + l;
    return s;
}

const fs::path kArticles = fs::path(SV_TEST_DATA).parent_path().parent_path() / "assets" / "articles";
const fs::path kIstanbul = kArticles / "2022-03-29-istanbul-talks.md";

using sv::test::TempDir;

void write(const fs::path& p, const std::string& bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
}

using sv::test::slurp;

Date day(const char* iso) { return *Date::parse(iso); }

// Regions and places of the built-in map (what the gazetteer is built from), loaded once per process.
const sv::MapData& builtinMap() {
    static const sv::LoadedMap m = [] {
        const sv::MapSources b = sv::builtinSources();
        sv::MapSources s;
        s.regions = b.regions;
        s.places = b.places;
        return sv::geo::loadMap(s);
    }();
    REQUIRE(m.errors.empty());
    return m.data;
}

const sv::Gazetteer& gazetteer() {
    static const sv::Gazetteer g = sv::Gazetteer::build(builtinMap());
    return g;
}

const sv::Reporting& istanbul() {
    static const sv::Reporting r = sv::linkArticles(sv::loadArticles({kArticles.string()}), gazetteer());
    return r;
}

std::string targetId(const sv::Reporting& r, const sv::Excerpt& e) {
    return r.gazetteer.targets()[static_cast<std::size_t>(e.target)].id;
}

// (matched text, target id) of every mention in some text; printable when a CHECK fails.
struct Links {
    std::vector<std::pair<std::string, std::string>> v;
    Links(std::initializer_list<std::pair<std::string, std::string>> l = {}) : v(l) {}
    bool operator==(const Links&) const = default;
    bool empty() const { return v.empty(); }
};
std::ostream& operator<<(std::ostream& os, const Links& l) {
    os << "{";
    for (const auto& [text, id] : l.v) os << " [" << text << " -> " << id << "]";
    return os << " }";
}

Links links(const std::string& text) {
    const std::u32string t = sv::text::decode(text);
    Links out;
    for (const auto& m : gazetteer().mentions(t))
        out.v.emplace_back(sv::text::encode(std::u32string_view(t).substr(m.begin, m.end - m.begin)),
                           gazetteer().targets()[static_cast<std::size_t>(m.target)].id);
    return out;
}

// Well-formed UTF-8 (RFC 3629), checked here rather than with the code under test.
bool validUtf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80                  ? 0
                      : c >= 0xC2 && c <= 0xDF ? 1
                      : c >= 0xE0 && c <= 0xEF ? 2
                      : c >= 0xF0 && c <= 0xF4 ? 3
                                               : -1;
        if (n < 0 || (n > 0 && i + static_cast<std::size_t>(n) >= s.size())) return false;
        uint32_t cp = n == 0 ? c : c & (0x3F >> n);
        for (int k = 1; k <= n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            if ((d & 0xC0) != 0x80) return false;
            cp = cp << 6 | (d & 0x3F);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        i += static_cast<std::size_t>(n) + 1;
    }
    return true;
}

// The sentences of `t` as UTF-8.
std::vector<std::string> sentencesOf(const std::u32string& t) {
    std::vector<std::string> out;
    for (const auto& s : sv::text::sentences(t)) out.push_back(sv::text::encode(std::u32string_view(t).substr(s.begin, s.end - s.begin)));
    return out;
}

// Code points in the first `bytes` bytes of valid UTF-8: every byte that is not a continuation byte starts one.
uint32_t codePoints(const std::string& utf8, std::size_t bytes) {
    uint32_t n = 0;
    for (std::size_t i = 0; i < bytes; ++i) n += (static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80;
    return n;
}

const std::string kNoHeader = ":1: no header (a '---' line with title, date, outlet …); date unknown";

}  // namespace

TEST_CASE("text::decode and validUtf8: a multi-byte or broken sequence at every offset within ASCII runs") {
    // The decoders skip ASCII eight bytes at a time: a sequence must be found wherever it falls in a word.
    struct Insert {
        const char* bytes;
        std::u32string decoded;
        std::vector<std::size_t> bad;  // offsets of invalid bytes within the insert
    };
    const std::vector<Insert> inserts = {
        {"\xC3\xA9", U"\u00E9", {}},                          // é
        {"\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", U"\u041A\u0438\u0457\u0432", {}},  // Київ
        {"\xF0\x9F\x98\x80", U"\U0001F600", {}},                // 4 bytes
        {"\xFF", U"\uFFFD", {0}},                             // never valid
        {"\xE2\x82", U"\uFFFD\uFFFD", {0, 1}},                // truncated: the lead and the stray continuation
        {"\xC0\xAF", U"\uFFFD\uFFFD", {0, 1}},                // overlong
        {"\xED\xA0\x80", U"\uFFFD\uFFFD\uFFFD", {0, 1, 2}},     // a surrogate
    };
    for (const auto& ins : inserts)
        for (std::size_t k = 0; k <= 24; ++k)
            for (std::size_t m = 0; m <= 9; ++m) {
                const std::string s = std::string(k, 'a') + ins.bytes + std::string(m, 'b');
                std::vector<std::size_t> bad;
                const std::u32string t = sv::text::decode(s, &bad);
                CAPTURE(k);
                CAPTURE(m);
                CHECK((t == std::u32string(k, U'a') + ins.decoded + std::u32string(m, U'b')));
                std::vector<std::size_t> expectedBad;
                for (std::size_t b : ins.bad) expectedBad.push_back(k + b);
                CHECK(bad == expectedBad);
                CHECK(sv::text::validUtf8(s) == ins.bad.empty());
                CHECK(validUtf8(s) == ins.bad.empty());  // the reference agrees with the expectation
                if (ins.bad.empty()) CHECK(sv::text::encode(t) == s);  // and back to the same bytes
                else CHECK(validUtf8(sv::text::encode(t)));             // U+FFFD in place of each bad byte
            }
    CHECK(sv::text::decode("").empty());
    CHECK(sv::text::validUtf8(""));
    CHECK(sv::text::decode(std::string(1000, 'x')) == std::u32string(1000, U'x'));
}

TEST_CASE("linking the built-in article: every expected place and region with its matched text and sentence") {
    const sv::Reporting& r = istanbul();
    REQUIRE(r.articles.size() == 1);
    CHECK(r.warnings.empty());
    const sv::Article& a = r.articles[0];
    CHECK(a.id == "2022-03-29-istanbul-talks");
    CHECK(iso(a.date) == "2022-03-29");
    CHECK(a.title == "Istanbul clears the stage for Russia-Ukraine negotiations");

    struct Want {
        const char* target;
        const char* matched;
        const char* sentence;  // a distinctive part of the sentence holding it
    };
    const Want wants[] = {
        {"kherson", "Kherson", "with only one oblast capital, Kherson, under control"},
        {"mariupol", "Mariupol", "The devastating siege of Mariupol is about to take effect"},
        {"kyiv", "Kiev", "Moscow agrees to \"de-escalation\" of hostilities and Kiev renounces NATO membership"},
        {"kyiv", "Kiev", "Moscow's reduction of military activities in Ukraine and Kiev's definitive renunciation"},
        {"kyiv", "Kiev", "and in the capital, Kiev, which is heavily besieged"},
        {"kyiv", "Kiev", "The Kiev government would henceforth be able to count on military assistance"},
        {"chornobyl", "Chernobyl", "in the northern city of Chernobyl, close to the border with Belarus"},
        {"istanbul", "Istanbul", "Istanbul clears the stage for Russia-Ukraine negotiations"},
        {"istanbul", "Istanbul", "has been partially justified at the negotiating table in Istanbul."},
        {"istanbul", "Istanbul", "continues, Istanbul, Turkey 29 March 2022"},
        {"UA-43", "Crimean peninsula", "becomes the territorial status of the Crimean peninsula, annexed by Russia"},
        {"UA-43", "Crimean peninsula", "establishing a corridor between the Crimean peninsula and the Donbass"},
        {"donbas", "Donbass", "and the Donbass, which is partially occupied by separatist militias"},
        {"donbas", "Donbass", "establishing a corridor between the Crimean peninsula and the Donbass"},
        {"UA-09", "Lugansk", "would focus its military action on the Lugansk and Donetsk oblasts"},
        {"UA-14", "Donetsk", "would focus its military action on the Lugansk and Donetsk oblasts"},
        {"sea-of-azov", "Sea of Azov", "cut off the exit to the Sea of Azov"},
    };
    for (const auto& w : wants) {
        INFO(w.target << " '" << w.matched << "' in: " << w.sentence);
        int found = 0;
        for (const auto& e : r.excerpts)
            if (targetId(r, e) == w.target && r.matchedText(e) == w.matched &&
                r.sentenceText(e.article, e.sentence).find(w.sentence) != std::string::npos)
                ++found;
        CHECK(found == 1);
    }
    auto count = [&](const char* id) {
        return std::count_if(r.excerpts.begin(), r.excerpts.end(), [&](const sv::Excerpt& e) { return targetId(r, e) == id; });
    };
    CHECK(count("kyiv") == 4);
    CHECK(count("istanbul") == 4);
    CHECK(count("UA-43") == 2);
    CHECK(count("donbas") == 2);
    CHECK(count("chernihiv") == 0);  // "Chernobyl" is not Chernihiv (Chernigov)
    CHECK(count("donetsk") == 0);    // here Donetsk and Lugansk are the oblasts, not the cities
    CHECK(count("luhansk") == 0);
    CHECK(count("UA-30") == 0);      // "Kiev" alone is the city as a place
    CHECK(count("UA-32") == 0);
    for (const auto& e : r.excerpts) CHECK_FALSE(e.forced);
}

TEST_CASE("linking the built-in article: offsets are code points into the body, sentences are whole") {
    const sv::Reporting& r = istanbul();
    REQUIRE(r.articles.size() == 1);
    const sv::Article& a = r.articles[0];
    for (const auto& e : r.excerpts) {
        REQUIRE(e.end <= a.bodyText.size());
        REQUIRE(e.begin < e.end);
        const std::u32string piece = a.bodyText.substr(e.begin, e.end - e.begin);
        CHECK(sv::text::encode(piece) == r.matchedText(e));
        // The mention lies inside its sentence.
        const auto& s = r.sentences[e.article][e.sentence];
        CHECK(s.begin <= e.begin);
        CHECK(e.end <= s.end);
    }
    // "Kiev's" comes after "Erdoğan" (ğ is two bytes): code point and byte offsets differ, and the excerpt uses
    // code points. Computed here from the UTF-8 body by counting lead bytes.
    const std::size_t byte = a.body.find("Kiev's definitive");
    REQUIRE(byte != std::string::npos);
    REQUIRE(a.body.find("Erdoğan") < byte);
    const uint32_t cp = codePoints(a.body, byte);
    CHECK(cp < byte);
    bool found = false;
    for (const auto& e : r.excerpts) found |= e.begin == cp && e.end == cp + 4 && targetId(r, e) == "kyiv";
    CHECK(found);
    CHECK(a.bodyText.substr(cp, 6) == U"Kiev's");

    // Whole sentences: the Kherson one exactly, and the title line (no full stop) on its own.
    for (const auto& e : r.excerpts) {
        if (targetId(r, e) == "kherson")
            CHECK(r.sentenceText(e.article, e.sentence) ==
                  "The full-scale Russian offensive has failed miserably, with only one oblast capital, Kherson, under "
                  "control and even losing positions in recent days.");
        if (targetId(r, e) == "kyiv" && e.begin < 100)
            CHECK(r.sentenceText(e.article, e.sentence) ==
                  "Moscow agrees to \"de-escalation\" of hostilities and Kiev renounces NATO membership in first "
                  "face-to-face contact in three weeks");
    }
    REQUIRE_FALSE(r.sentences[0].empty());
    CHECK(r.sentenceText(0, 1) == "Istanbul clears the stage for Russia-Ukraine negotiations");
}

TEST_CASE("sentences: abbreviations and initials do not split, a line without a full stop is its own sentence") {
    const std::u32string t =
        U"The U.S. Secretary met Mr. Smith in Kyiv. Then he left.\nA title without a full stop\nDr. Who? Yes. "
        U"“Quoted.” Next one.";
    CHECK(lines(sentencesOf(t)) == lines({"The U.S. Secretary met Mr. Smith in Kyiv.", "Then he left.",
                                          "A title without a full stop", "Dr. Who?", "Yes.", "“Quoted.”", "Next one."}));
}

TEST_CASE("sentences: abbreviated month names before a day do not end a sentence") {
    // text.hpp: "Common abbreviations do not end a sentence" — Jan. and Feb. are handled; so must the others be.
    const std::u32string t = U"The offensive began on Feb. 24 and stalled by Mar. 25 near Kyiv. By Aug. 24 and Sept. 6 "
                             U"it had turned, and on Nov. 11 Kherson was freed. Then winter came.";
    CHECK(lines(sentencesOf(t)) == lines({"The offensive began on Feb. 24 and stalled by Mar. 25 near Kyiv.",
                                          "By Aug. 24 and Sept. 6 it had turned, and on Nov. 11 Kherson was freed.",
                                          "Then winter came."}));
}

TEST_CASE("gazetteer: a name shared by a city and its oblast means the city unless the text says region") {
    using L = Links;
    CHECK(links("Kherson was quiet.") == L{{"Kherson", "kherson"}});
    CHECK(links("Fighting in Kherson Oblast.") == L{{"Kherson Oblast", "UA-65"}});
    CHECK(links("Fighting in the Kherson region.") == L{{"Kherson region", "UA-65"}});
    CHECK(links("Херсонська область") == L{{"Херсонська область", "UA-65"}});
    CHECK(links("They turned to the Luhansk and Donetsk oblasts.") == L{{"Luhansk", "UA-09"}, {"Donetsk", "UA-14"}});
    CHECK(links("Donetsk, Luhansk and Kherson regions voted.") ==
          L{{"Donetsk", "UA-14"}, {"Luhansk", "UA-09"}, {"Kherson", "UA-65"}});
    CHECK(links("the self-proclaimed republics of Donetsk and Lugansk") == L{{"Donetsk", "UA-14"}, {"Lugansk", "UA-09"}});
    CHECK(links("the Donetsk People's Republic") == L{{"Donetsk", "UA-14"}});
    CHECK(links("Donetsk and Kharkiv came under fire.") == L{{"Donetsk", "donetsk"}, {"Kharkiv", "kharkiv"}});
    // A list ends at a word that is not "and"/"or": only its own names become regions.
    CHECK(links("Kharkiv was shelled while Donetsk and Luhansk oblasts were not.") ==
          L{{"Kharkiv", "kharkiv"}, {"Donetsk", "UA-14"}, {"Luhansk", "UA-09"}});
}

TEST_CASE("gazetteer: declined Ukrainian and Russian oblast names link the oblast") {
    using L = Links;
    // Ukrainian cases of "Херсонська область".
    CHECK(links("Бої у Херсонській області.") == L{{"Херсонській області", "UA-65"}});
    CHECK(links("жителі Херсонської області") == L{{"Херсонської області", "UA-65"}});
    CHECK(links("над Херсонською областю") == L{{"Херсонською областю", "UA-65"}});
    CHECK(links("Херсонська обл.") == L{{"Херсонська обл", "UA-65"}});
    // Russian cases of "Херсонская область".
    CHECK(links("в Херсонской области") == L{{"Херсонской области", "UA-65"}});
    CHECK(links("на Херсонскую область") == L{{"Херсонскую область", "UA-65"}});
    // Lists ending in the plural noun: every adjective is its oblast.
    CHECK(links("Луганська і Донецька області") == L{{"Луганська", "UA-09"}, {"Донецька області", "UA-14"}});
    CHECK(links("у Луганській та Донецькій областях") == L{{"Луганській", "UA-09"}, {"Донецькій областях", "UA-14"}});
    CHECK(links("в Донецкой и Луганской областях") == L{{"Донецкой", "UA-14"}, {"Луганской областях", "UA-09"}});
    CHECK(links("Запорізька, Херсонська та Миколаївська області") ==
          L{{"Запорізька", "UA-23"}, {"Херсонська", "UA-65"}, {"Миколаївська області", "UA-48"}});
    // Declined regional names need no noun.
    CHECK(links("на Харківщині") == L{{"Харківщині", "UA-63"}});
    CHECK(links("з Донеччини") == L{{"Донеччини", "UA-14"}});
    // An oblast adjective without the noun is not a mention (a "Херсонська вулиця" is a street), nor is a list
    // whose noun is in the next sentence.
    CHECK(links("Херсонська вулиця").empty());
    CHECK(links("Луганська і Донецька. Області мовчать.").empty());
    // Mixed with an English mention and a nominative Ukrainian one, in text order.
    CHECK(links("Kherson and Херсонська область and у Херсонській області") ==
          L{{"Kherson", "kherson"}, {"Херсонська область", "UA-65"}, {"Херсонській області", "UA-65"}});
}

TEST_CASE("gazetteer: names and lists do not run across the end of a sentence") {
    using L = Links;
    // "Kharkiv." ends a sentence: it is not part of the next sentence's list of oblasts.
    CHECK(links("Russian forces shelled Kharkiv. Donetsk and Luhansk oblasts saw heavy fighting.") ==
          L{{"Kharkiv", "kharkiv"}, {"Donetsk", "UA-14"}, {"Luhansk", "UA-09"}});
    // A two-word name ("Kyiv City") is not made of the last word of one sentence and the first of the next.
    CHECK(links("A missile struck Kyiv. City officials said nobody was hurt.") == L{{"Kyiv", "kyiv"}});
    // Within a sentence a comma still joins a list.
    CHECK(links("Kharkiv, Donetsk and Luhansk oblasts") == L{{"Kharkiv", "UA-63"}, {"Donetsk", "UA-14"}, {"Luhansk", "UA-09"}});
}

TEST_CASE("gazetteer: Cyrillic names, case and diacritics fold, only whole words match") {
    using L = Links;
    CHECK(links("Київ") == L{{"Київ", "kyiv"}});
    CHECK(links("в Киеве… Киев") == L{{"Киев", "kyiv"}});  // "Киеве" (an inflected form) is another word
    CHECK(links("Маріуполь") == L{{"Маріуполь", "mariupol"}});
    CHECK(links("KYÏV and kyïv") == L{{"KYÏV", "kyiv"}, {"kyïv", "kyiv"}});
    CHECK(links("KHARKOV") == L{{"KHARKOV", "kharkiv"}});
    CHECK(sv::text::foldUtf8("Erdoğan") == "erdogan");
    CHECK(sv::text::foldUtf8("KYÏV") == "kyiv");
    CHECK(sv::text::foldUtf8("Київ") == "київ");
    CHECK(sv::text::foldUtf8("Чорнобиль") == "чорнобиль");
    CHECK(sv::text::foldUtf8("Ёлка") == "елка");
    CHECK(links("Kyivstar and Kyivan customers").empty());
    CHECK(links("Mariupolitan").empty());
    CHECK(links("Kiev's mayor") == L{{"Kiev", "kyiv"}});
    CHECK(links("L'viv") == L{{"L'viv", "lviv"}});
    // The apostrophe inside a Ukrainian word, ASCII or typographic, keeps the word whole.
    CHECK(links("Слов'янськ") == L{{"Слов'янськ", "sloviansk"}});
    CHECK(links("Слов’янськ") == L{{"Слов’янськ", "sloviansk"}});
    CHECK(links("Куп’янськ") == L{{"Куп’янськ", "kupiansk"}});
    const auto tokens = sv::text::tokenize(sv::text::fold(U"Слов’янськ"));
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].text == U"слов'янськ");
    CHECK(sv::text::tokenize(sv::text::fold(U"Kiev's")).size() == 2);
}

TEST_CASE("article headers: links and unlinks") {
    const std::string path = "/articles/l.md";
    sv::ArticleSet set;
    set.articles.push_back(sv::parseArticle(path, "---\ntitle: L\ndate: 2022-03-02\nlinks: Mariupol, UA-65, atlantis\n"
                                                  "unlinks: KYIV, nowhere\n---\nKherson and Kyiv were quiet.\n"));
    CHECK(set.articles[0].warnings.empty());
    const sv::Reporting r = sv::linkArticles(set, gazetteer());
    std::vector<std::pair<std::string, bool>> got;  // (target, forced)
    for (const auto& e : r.excerpts) got.emplace_back(targetId(r, e), e.forced);
    CHECK(got == std::vector<std::pair<std::string, bool>>{{"kherson", false}, {"mariupol", true}, {"UA-65", true}});
    for (const auto& e : r.excerpts)
        if (e.forced) CHECK(e.begin == e.end);
    CHECK(lines(r.warnings) == lines({path + ": links: no place or region with id 'atlantis'; ignored",
                                                 path + ": unlinks: no place or region with id 'nowhere'; ignored"}));
    // A link to something the text mentions anyway adds nothing.
    sv::ArticleSet again;
    again.articles.push_back(sv::parseArticle(path, "---\ntitle: L\ndate: 2022-03-02\nlinks: kherson\n---\nKherson.\n"));
    const sv::Reporting r2 = sv::linkArticles(again, gazetteer());
    REQUIRE(r2.excerpts.size() == 1);
    CHECK_FALSE(r2.excerpts[0].forced);
}

TEST_CASE("article headers: missing, unclosed, malformed date, bad UTF-8 — loaded with an exact warning") {
    sv::Article a = sv::parseArticle("/a/plain.txt", "\nKherson fell on 2 March.\nMore text.\n");
    CHECK(lines(a.warnings) == lines({"/a/plain.txt" + kNoHeader}));
    CHECK_FALSE(a.date.has_value());
    CHECK(a.dateText() == "unknown");
    CHECK(a.id == "plain");
    CHECK(a.title == "Kherson fell on 2 March.");
    CHECK(a.body == "\nKherson fell on 2 March.\nMore text.\n");  // kept exactly

    a = sv::parseArticle("/a/bad-date.md", "---\ntitle: T\ndate: 2022-02-30\n---\nBody.\n");
    CHECK(lines(a.warnings) == lines({
                            "/a/bad-date.md:3: date '2022-02-30': day 30 does not exist in 2022-02; the article's date is unknown"}));
    CHECK_FALSE(a.date.has_value());
    CHECK(a.title == "T");
    CHECK(a.body == "Body.\n");
    CHECK(a.bodyLine == 5);
    a = sv::parseArticle("/a/words.md", "---\ntitle: T\ndate: 3 March 2022\n---\nBody.\n");
    CHECK(lines(a.warnings) == lines({
                            "/a/words.md:3: date '3 March 2022': expected a date as YYYY-MM-DD; the article's date is unknown"}));

    a = sv::parseArticle("/a/open.md", "---\ntitle: T\nKherson fell.\n");
    REQUIRE_FALSE(a.warnings.empty());
    CHECK(a.warnings.back() == "/a/open.md:1: header opened with '---' is never closed; the whole file is read as text");
    CHECK(a.body == "---\ntitle: T\nKherson fell.\n");
    CHECK_FALSE(a.date.has_value());

    a = sv::parseArticle("/a/nodate.md", "---\ntitle: T\n---\nBody.\n");
    CHECK(lines(a.warnings) == lines({"/a/nodate.md: header has no date; the article's date is unknown"}));

    const std::string bytes = "---\ntitle: Bad bytes\ndate: 2022-03-01\n---\nKherson \xff fell.\n";
    const std::size_t at = bytes.find('\xff');
    a = sv::parseArticle("/a/bytes.md", bytes);
    CHECK(lines(a.warnings) == lines({"/a/bytes.md: byte " + std::to_string(at) +
                                                 ": not valid UTF-8 (1 invalid byte(s) replaced with U+FFFD)"}));
    CHECK(iso(a.date) == "2022-03-01");
    CHECK(a.body == "Kherson \xEF\xBF\xBD fell.\n");
    CHECK(a.bodyText == U"Kherson \uFFFD fell.\n");
    CHECK(validUtf8(a.body));
    sv::ArticleSet set;
    set.articles.push_back(a);
    const sv::Reporting r = sv::linkArticles(set, gazetteer());
    REQUIRE(r.excerpts.size() == 1);
    CHECK(r.matchedText(r.excerpts[0]) == "Kherson");
}

TEST_CASE("article without a header: a long first line becomes a shortened title that is still valid UTF-8") {
    // 70 Cyrillic letters (2 bytes each): the title is cut, and must not be cut inside a letter.
    std::string line;
    for (int i = 0; i < 70; ++i) line += "ї";
    const sv::Article a = sv::parseArticle("/a/uk.txt", line + "\nТекст.\n");
    INFO("title: " << a.title);
    CHECK(validUtf8(a.title));
    REQUIRE(a.title.size() > 3);
    CHECK(a.title.size() < line.size());
    CHECK(a.title.compare(a.title.size() - 3, 3, "…") == 0);
    const std::string kept = a.title.substr(0, a.title.size() - 3);
    CHECK(line.compare(0, kept.size(), kept) == 0);
    // A short first line is the title as it is.
    CHECK(sv::parseArticle("/a/short.txt", "Київ вистояв\nТекст.\n").title == "Київ вистояв");
}

TEST_CASE("article headers: a header without a date warns even when another header line warned too") {
    const sv::Article a = sv::parseArticle("/a/typo.md", "---\ntitle: T\noutlett: The Paper\n---\nBody.\n");
    CHECK(lines(a.warnings) == lines({"/a/typo.md:3: unknown header key 'outlett'; ignored",
                                                 "/a/typo.md: header has no date; the article's date is unknown"}));
}

TEST_CASE("article folders: duplicates, missing folders, other files, nothing is ever written") {
    TempDir dir("articles");
    const fs::path one = dir.path / "one", two = dir.path / "two";
    write(one / "report.md", "---\ntitle: First\ndate: 2022-03-01\n---\nKherson.\n");
    write(one / "b.txt", "Mariupol.\n");
    write(one / "notes.pdf", "%PDF-1.4 not an article");
    write(one / "sub" / "deep.md", "---\ntitle: Deep\ndate: 2022-03-01\n---\nKyiv.\n");
    write(two / "report.md", "---\ntitle: Second\ndate: 2022-03-02\n---\nOdesa.\n");
    write(two / "a.MD", "---\ntitle: Upper-case extension\ndate: 2022-03-03\n---\nLviv.\n");

    // Every file's bytes and modification time, before and after.
    auto snapshot = [&] {
        std::map<fs::path, std::pair<std::string, fs::file_time_type>> files;
        for (const auto& p : fs::recursive_directory_iterator(dir.path))
            if (p.is_regular_file()) files[p.path()] = {slurp(p.path()), p.last_write_time()};
        return files;
    };
    const auto before = snapshot();
    REQUIRE(before.size() == 6);
    const std::string builtinBytes = slurp(kIstanbul);
    const auto builtinTime = fs::last_write_time(kIstanbul);

    const fs::path missing = dir.path / "missing";
    const sv::ArticleSet set =
        sv::loadArticles({one.string(), two.string(), missing.string(), (one / "b.txt").string(), kArticles.string()});
    std::vector<std::string> ids;
    for (const auto& a : set.articles) ids.push_back(a.id);
    // Sorted by name within a folder; not recursive; .md/.txt only (any case); the second report.md is dropped.
    CHECK(lines(ids) == lines({"b", "report", "a", "2022-03-29-istanbul-talks"}));
    CHECK(set.articles[1].title == "First");
    CHECK(lines(set.warnings) == lines({
                              (one / "b.txt").string() + kNoHeader,
                              (two / "report.md").string() +
                                  ": duplicate article id 'report' (same file name in another folder); skipped",
                              missing.string() + ": not a folder of articles (No such file or directory); skipped",
                              (one / "b.txt").string() + ": not a folder of articles; skipped"}));
    CHECK_FALSE(fs::exists(missing));

    CHECK(snapshot() == before);
    CHECK(slurp(kIstanbul) == builtinBytes);
    CHECK(fs::last_write_time(kIstanbul) == builtinTime);
}

TEST_CASE("excerpt order: newest article first, unknown dates last, rows mark what is later than the timeline") {
    sv::ArticleSet set;
    set.articles.push_back(sv::parseArticle("/x/a.md", "---\ntitle: A\ndate: 2022-03-01\n---\nKherson was shelled. Later Kherson fell.\n"));
    set.articles.push_back(sv::parseArticle("/x/b.md", "---\ntitle: B\ndate: 2022-03-10\n---\nIn Kherson, protests.\n"));
    set.articles.push_back(sv::parseArticle("/x/c.md", "No header. Kherson again.\n"));
    set.articles.push_back(sv::parseArticle("/x/d.md", "---\ntitle: D\ndate: 2022-03-05\n---\nNothing about it.\n"));
    set.articles.push_back(sv::parseArticle("/x/e.md", "---\ntitle: E\ndate: 2022-02-27\n---\nKherson is encircled.\n"));
    const sv::Reporting r = sv::linkArticles(set, gazetteer());
    const int kherson = r.gazetteer.find("kherson");
    REQUIRE(kherson >= 0);
    const auto list = r.forTarget(kherson);
    std::vector<std::pair<std::string, uint32_t>> got;  // (article id, offset)
    for (const auto* e : list) got.emplace_back(r.articles[e->article].id, e->begin);
    CHECK(got == std::vector<std::pair<std::string, uint32_t>>{{"b", 3}, {"a", 0}, {"a", 27}, {"e", 0}, {"c", 11}});

    const auto rows = r.rowsForTarget(kherson, day("2022-03-05"));
    REQUIRE(rows.size() == 5);
    std::vector<bool> later;
    for (const auto& row : rows) later.push_back(row.later);
    CHECK(later == std::vector<bool>{true, false, false, false, false});  // an unknown date is never "later"
    CHECK(rows[0].excerpt == list[0]);
    const auto onTheDay = r.rowsForTarget(kherson, day("2022-03-10"));
    CHECK_FALSE(onTheDay[0].later);
    CHECK(r.forTarget(r.gazetteer.find("odesa")).empty());
    CHECK(r.ofArticle(0).size() == 2);
}

TEST_CASE("evidence for a change: excerpts naming a place in the gained area, dated in the change's window") {
    // A hand-made world: Oldtown inside the area held before, Newtown in the area gained on 03-10.
    sv::MapData map;
    sv::Place oldtown, newtown;
    oldtown.id = "oldtown", oldtown.name = "Oldtown", oldtown.kind = sv::PlaceKind::Town, oldtown.pos = {5, 5};
    newtown.id = "newtown", newtown.name = "Newtown", newtown.kind = sv::PlaceKind::Town, newtown.pos = {15, 5};
    map.places = {oldtown, newtown};

    sv::Scenario sc;
    sv::ControlZone a, b;
    a.id = "before", a.validFrom = day("2022-03-01"), a.validTo = day("2022-03-10");
    a.shape = {sv::Polygon{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {}}};
    b.id = "after", b.validFrom = day("2022-03-10");
    b.shape = {sv::Polygon{{{0, 0}, {20, 0}, {20, 10}, {0, 10}}, {}}};
    a.bbox = sv::bounds(a.shape), b.bbox = sv::bounds(b.shape);
    sc.zones = {a, b};
    sc.buildIndex();
    REQUIRE(sc.frames().size() == 2);
    sc.derived.resize(2);
    sc.derived[1].gained = {sv::Polygon{{{10, 0}, {20, 0}, {20, 10}, {10, 10}}, {}}};

    sv::ArticleSet set;
    auto article = [&](const char* id, const char* date, const char* text) {
        set.articles.push_back(sv::parseArticle(std::string("/e/") + id + ".md",
                                                std::string("---\ntitle: ") + id + "\ndate: " + date + "\n---\n" + text));
    };
    article("in-window", "2022-03-09", "Newtown was taken.\n");       // in the gained area, in the window
    article("too-late", "2022-04-20", "Newtown remembers.\n");        // in the area, long after
    article("elsewhere", "2022-03-09", "Oldtown was quiet.\n");       // in the window, not in the area
    article("edge", "2022-03-13", "Newtown, three days on.\n");       // the window's last day (03-10 + 3)
    article("too-early", "2022-02-25", "Newtown before it all.\n");   // before 03-01 − 3
    set.articles.push_back(sv::parseArticle("/e/undated.md", "Newtown, some day.\n"));
    const sv::Reporting r = sv::linkArticles(set, sv::Gazetteer::build(map));

    const auto ev = sv::evidenceForChange(r, sc, 1, true);
    std::vector<std::string> ids;
    for (const auto* e : ev) ids.push_back(r.articles[e->article].id);
    CHECK(lines(ids) == lines({"edge", "in-window"}));  // newest first
    CHECK(sv::evidenceForChange(r, sc, 1, true, 0) == std::vector<const sv::Excerpt*>{ev[1]});
    CHECK(sv::evidenceForChange(r, sc, 1, false).empty());  // nothing was lost
    CHECK(sv::evidenceForChange(r, sc, 0, true).empty());   // the first frame has no change
    CHECK(sv::evidenceForChange(r, sc, 2, true).empty());
}
