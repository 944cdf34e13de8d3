// `sitview status` in process (cli/status_command.hpp) on the built-in map and scenario: who held Kherson, Hostomel,
// a lon/lat point and a point in Belarus; exact errors; the --json output checked by a strict JSON parser.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/status_command.hpp"
#include "geo/geo_api.hpp"
#include "geo/map_loader.hpp"

namespace {

// A strict RFC 8259 parser, written here so the command's output is checked by code that is not the project's:
// rejects trailing commas, bad escapes, raw control characters, leading zeros, duplicate keys, trailing text.
struct Json {
    enum class T { Null, Bool, Number, String, Array, Object } t = T::Null;
    bool b = false;
    double n = 0;
    std::string s;
    std::vector<Json> a;
    std::vector<std::pair<std::string, Json>> o;

    const Json* get(std::string_view key) const {
        for (const auto& [k, v] : o)
            if (k == key) return &v;
        return nullptr;
    }
    // Member `key` as a string ("<absent>" / "<not a string>" otherwise, so a CHECK shows what was wrong).
    std::string str(std::string_view key) const {
        const Json* v = get(key);
        if (!v) return "<absent>";
        return v->t == T::String ? v->s : "<not a string>";
    }
    bool isNull(std::string_view key) const {
        const Json* v = get(key);
        return v && v->t == T::Null;
    }
};

class JsonParser {
public:
    explicit JsonParser(std::string_view text) : in_(text) {}
    // The document, or an error "at byte N: reason".
    bool parse(Json& out, std::string& error) {
        out = Json{};
        ws();
        if (!value(out, 0)) {
            error = "at byte " + std::to_string(i_) + ": " + err_;
            return false;
        }
        ws();
        if (i_ != in_.size()) {
            error = "at byte " + std::to_string(i_) + ": text after the value";
            return false;
        }
        return true;
    }

private:
    std::string_view in_;
    std::size_t i_ = 0;
    std::string err_;

    bool fail(const char* why) {
        err_ = why;
        return false;
    }
    void ws() {
        while (i_ < in_.size() && (in_[i_] == ' ' || in_[i_] == '\t' || in_[i_] == '\n' || in_[i_] == '\r')) ++i_;
    }
    bool literal(std::string_view word) {
        if (in_.substr(i_, word.size()) != word) return fail("bad literal");
        i_ += word.size();
        return true;
    }
    bool value(Json& v, int depth) {
        if (depth > 64) return fail("nested too deeply");
        if (i_ >= in_.size()) return fail("unexpected end");
        const char c = in_[i_];
        if (c == '{') return object(v, depth);
        if (c == '[') return array(v, depth);
        if (c == '"') {
            v.t = Json::T::String;
            return string(v.s);
        }
        if (c == 't') return v.t = Json::T::Bool, v.b = true, literal("true");
        if (c == 'f') return v.t = Json::T::Bool, v.b = false, literal("false");
        if (c == 'n') return v.t = Json::T::Null, literal("null");
        if (c == '-' || (c >= '0' && c <= '9')) return number(v);
        return fail("not a value");
    }
    bool digits() {
        const std::size_t b = i_;
        while (i_ < in_.size() && in_[i_] >= '0' && in_[i_] <= '9') ++i_;
        return i_ > b;
    }
    bool number(Json& v) {
        const std::size_t b = i_;
        if (in_[i_] == '-') ++i_;
        if (i_ < in_.size() && in_[i_] == '0') ++i_;
        else if (!digits()) return fail("bad number");
        if (i_ < in_.size() && in_[i_] == '.') {
            ++i_;
            if (!digits()) return fail("bad fraction");
        }
        if (i_ < in_.size() && (in_[i_] == 'e' || in_[i_] == 'E')) {
            ++i_;
            if (i_ < in_.size() && (in_[i_] == '+' || in_[i_] == '-')) ++i_;
            if (!digits()) return fail("bad exponent");
        }
        v.t = Json::T::Number;
        v.n = std::stod(std::string(in_.substr(b, i_ - b)));
        return true;
    }
    bool hex4(uint32_t& u) {
        if (i_ + 4 > in_.size()) return fail("short \\u escape");
        u = 0;
        for (int k = 0; k < 4; ++k) {
            const char h = in_[i_++];
            u <<= 4;
            if (h >= '0' && h <= '9') u |= static_cast<uint32_t>(h - '0');
            else if (h >= 'a' && h <= 'f') u |= static_cast<uint32_t>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') u |= static_cast<uint32_t>(h - 'A' + 10);
            else return fail("bad hex digit");
        }
        return true;
    }
    static void utf8(uint32_t cp, std::string& out) {
        if (cp < 0x80) out += static_cast<char>(cp);
        else if (cp < 0x800) out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
        else if (cp < 0x10000)
            out += static_cast<char>(0xE0 | (cp >> 12)), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                out += static_cast<char>(0x80 | (cp & 0x3F));
        else
            out += static_cast<char>(0xF0 | (cp >> 18)), out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    bool string(std::string& out) {
        ++i_;  // the opening quote
        out.clear();
        while (true) {
            if (i_ >= in_.size()) return fail("unterminated string");
            const auto c = static_cast<unsigned char>(in_[i_++]);
            if (c == '"') return true;
            if (c < 0x20) return fail("raw control character in a string");
            if (c != '\\') {
                out += static_cast<char>(c);
                continue;
            }
            if (i_ >= in_.size()) return fail("unterminated escape");
            const char e = in_[i_++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    uint32_t u = 0;
                    if (!hex4(u)) return false;
                    if (u >= 0xD800 && u <= 0xDBFF) {
                        uint32_t lo = 0;
                        if (in_.substr(i_, 2) != "\\u") return fail("lone high surrogate");
                        i_ += 2;
                        if (!hex4(lo)) return false;
                        if (lo < 0xDC00 || lo > 0xDFFF) return fail("bad low surrogate");
                        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (u >= 0xDC00 && u <= 0xDFFF) {
                        return fail("lone low surrogate");
                    }
                    utf8(u, out);
                    break;
                }
                default: return fail("bad escape");
            }
        }
    }
    bool array(Json& v, int depth) {
        v.t = Json::T::Array;
        ++i_;
        ws();
        if (i_ < in_.size() && in_[i_] == ']') return ++i_, true;
        while (true) {
            Json item;
            ws();
            if (!value(item, depth + 1)) return false;
            v.a.push_back(std::move(item));
            ws();
            if (i_ >= in_.size()) return fail("unterminated array");
            if (in_[i_] == ',') {
                ++i_;
                continue;
            }
            if (in_[i_] == ']') return ++i_, true;
            return fail("expected , or ]");
        }
    }
    bool object(Json& v, int depth) {
        v.t = Json::T::Object;
        ++i_;
        ws();
        if (i_ < in_.size() && in_[i_] == '}') return ++i_, true;
        while (true) {
            ws();
            if (i_ >= in_.size() || in_[i_] != '"') return fail("expected a key");
            std::string key;
            if (!string(key)) return false;
            if (v.get(key)) return fail("duplicate key");
            ws();
            if (i_ >= in_.size() || in_[i_] != ':') return fail("expected :");
            ++i_;
            ws();
            Json item;
            if (!value(item, depth + 1)) return false;
            v.o.emplace_back(std::move(key), std::move(item));
            ws();
            if (i_ >= in_.size()) return fail("unterminated object");
            if (in_[i_] == ',') {
                ++i_;
                continue;
            }
            if (in_[i_] == '}') return ++i_, true;
            return fail("expected , or }");
        }
    }
};

Json parseJson(const std::string& text) {
    Json j;
    std::string error;
    const bool ok = JsonParser(text).parse(j, error);
    INFO("JSON: " << text);
    REQUIRE_MESSAGE(ok, error);
    REQUIRE(j.t == Json::T::Object);
    return j;
}

// The built-in regions, places and scenario (the neighbouring countries play no part in the answer).
const sv::LoadedMap& builtin() {
    static const sv::LoadedMap m = [] {
        sv::MapSources s = sv::builtinSources();
        s.context.clear();
        return sv::geo::loadMap(s);
    }();
    REQUIRE(m.errors.empty());
    REQUIRE(m.hasScenario);
    return m;
}

const sv::CoordTransform* fromLonLat() {
    static std::unique_ptr<sv::CoordTransform> t = [] {
        auto r = sv::geo::api().transform("EPSG:4326", builtin().data.crs);
        REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error()));
        return std::move(*r);
    }();
    return t.get();
}

struct Run {
    int status = -1;
    std::string out, err;
};

sv::StatusQuery query(std::vector<std::string> args) {
    auto q = sv::parseStatusQuery(args);
    REQUIRE_MESSAGE(q.ok(), (q.ok() ? "" : q.error()));
    CHECK(args.empty());
    return *q;
}

Run status(std::vector<std::string> args, const sv::LoadedMap& map = builtin()) {
    const sv::StatusQuery q = query(std::move(args));
    std::ostringstream out, err;
    Run r;
    r.status = sv::runStatus(q, map, fromLonLat(), out, err);
    r.out = out.str(), r.err = err.str();
    return r;
}

Json statusJson(std::vector<std::string> args) {
    args.push_back("--json");
    const Run r = status(std::move(args));
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.empty());
    REQUIRE_FALSE(r.out.empty());
    CHECK(r.out.back() == '\n');  // one line
    CHECK(r.out.find('\n') == r.out.size() - 1);
    return parseJson(r.out);
}

std::string parseError(std::vector<std::string> args) {
    auto q = sv::parseStatusQuery(args);
    return q.ok() ? std::string("(parsed)") : q.error();
}

}  // namespace

TEST_CASE("the JSON checker of this file rejects what is not JSON") {
    Json j;
    std::string e;
    for (const char* bad : {"{\"a\":1,}", "{\"a\":01}", "{\"a\":\"x\ty\"}", "{\"a\":\"\\q\"}", "{\"a\":1} x",
                            "{\"a\":1,\"a\":2}", "{a:1}", "[1,2", "{\"a\":.5}", "{\"a\":\"\\ud800\"}", "nul"}) {
        INFO(bad);
        CHECK_FALSE(JsonParser(bad).parse(j, e));
    }
    REQUIRE(JsonParser("{\"a\":[1,-2.5e3,true,null,{\"b\":\"\\u00e9\\ud83d\\ude00\\n\"}]}").parse(j, e));
    CHECK(j.get("a")->a.size() == 5);
    CHECK(j.get("a")->a[1].n == -2500);
    CHECK(j.get("a")->a[4].str("b") == "\xC3\xA9\xF0\x9F\x98\x80\n");
}

TEST_CASE("status: Kherson before the invasion is Ukrainian by default") {
    const Run r = status({"--date", "2022-02-23", "--place", "Kherson"});
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    INFO(r.out);
    CHECK(r.out.rfind("Kherson on 2022-02-23: held by Ukraine", 0) == 0);
    CHECK(r.out.find("by default") != std::string::npos);

    const Json j = statusJson({"--date", "2022-02-23", "--place", "Kherson"});
    CHECK(j.str("date") == "2022-02-23");
    CHECK(j.str("side") == "ua");
    CHECK(j.str("basis") == "default");
    CHECK(j.isNull("feature"));
    CHECK(j.isNull("status"));
    REQUIRE(j.get("all_features"));
    CHECK(j.get("all_features")->t == Json::T::Array);
    CHECK(j.get("all_features")->a.empty());
    REQUIRE(j.get("place"));
    CHECK(j.get("place")->str("id") == "kherson");
    CHECK(j.get("place")->str("name") == "Kherson");
    REQUIRE(j.get("query"));
    CHECK(j.get("query")->str("place") == "Kherson");
    REQUIRE(j.get("query")->get("lon"));
    CHECK(j.get("query")->get("lon")->n == doctest::Approx(32.61).epsilon(0.001));
    CHECK(j.get("query")->get("lat")->n == doctest::Approx(46.64).epsilon(0.001));
    CHECK(j.str("scenario") == "Spring 2022");
}

TEST_CASE("status: --place ignores case in Cyrillic as in Latin script, and Latin diacritics") {
    // The place table has "Kherson" / "Херсон"; people type the name as it comes.
    for (const char* typed : {"херсон", "ХЕРСОН", "KHERSON", " Kherson ", "Khérson"}) {
        INFO(typed);
        const Run r = status({"--date", "2022-03-29", "--place", typed});
        CHECK(r.status == 0);
        CHECK(r.out.rfind("Kherson on 2022-03-29: held by Russia", 0) == 0);
    }
    // Folding does not make different names equal: a near miss is still unknown.
    const Run miss = status({"--date", "2022-03-29", "--place", "Херсонь"});
    CHECK(miss.status == 2);
    CHECK(miss.out.empty());
    CHECK(miss.err == "sitview: status: no place named 'Херсонь' (ids, names and aliases of the places layer)\n");
}

TEST_CASE("status: Kherson on 2022-03-29 is held by Russia, by a kherson zone with its source") {
    const Run r = status({"--date", "2022-03-29", "--place", "kherson"});
    CHECK(r.status == 0);
    INFO(r.out);
    CHECK(r.out.rfind("Kherson on 2022-03-29: held by Russia", 0) == 0);
    CHECK(r.out.find("\n  feature: control 'kherson") != std::string::npos);
    CHECK(r.out.find("\n  source: ") != std::string::npos);

    const Json j = statusJson({"--date", "2022-03-29", "--place", "Херсон"});  // the Ukrainian name works too
    CHECK(j.str("side") == "ru");
    CHECK(j.str("basis") == "zone");
    CHECK(j.str("status") == "occupied");
    const Json* f = j.get("feature");
    REQUIRE(f);
    REQUIRE(f->t == Json::T::Object);
    const std::string id = f->str("id");
    CHECK(id.rfind("kherson", 0) == 0);
    CHECK(f->str("layer") == "control");
    CHECK(f->str("side") == "ru");
    CHECK(f->str("file") == builtin().scenario.meta.source);
    CHECK(f->str("valid_from") <= "2022-03-29");
    CHECK((f->isNull("valid_to") || f->str("valid_to") > "2022-03-29"));
    CHECK_FALSE(f->str("source").empty());
    CHECK(f->str("source") != "<absent>");
    // The JSON carries the zone's source and note exactly (escaping round-trips).
    const sv::ControlZone* z = nullptr;
    for (const auto& zz : builtin().scenario.zones)
        if (zz.id == id) z = &zz;
    REQUIRE(z);
    CHECK(f->str("source") == z->source);
    CHECK(f->str("note") == z->note);
    REQUIRE(f->get("fid"));
    CHECK(f->get("fid")->n == double(z->fid));
    const Json* all = j.get("all_features");
    REQUIRE(all);
    REQUIRE_FALSE(all->a.empty());
    bool listed = false;
    for (const auto& x : all->a) listed |= x.str("id") == id;
    CHECK(listed);
}

TEST_CASE("status: Hostomel occupied on 2022-03-20, Ukrainian again on 2022-04-05") {
    const Json held = statusJson({"--date", "2022-03-20", "--place", "Hostomel"});
    CHECK(held.str("side") == "ru");
    CHECK(held.str("basis") == "zone");
    const Json freed = statusJson({"--date", "2022-04-05", "--place", "hostomel"});
    CHECK(freed.str("side") == "ua");
    CHECK(freed.str("basis") == "default");
    const Run r = status({"--date", "2022-04-05", "--place", "Gostomel"});  // an alias
    CHECK(r.out.rfind("Hostomel on 2022-04-05: held by Ukraine", 0) == 0);
}

TEST_CASE("status: --lonlat 32.62,46.64 answers as for Kherson") {
    const Json byPlace = statusJson({"--date", "2022-03-29", "--place", "Kherson"});
    const Json byPoint = statusJson({"--date", "2022-03-29", "--lonlat", "32.62,46.64"});
    CHECK(byPoint.str("side") == "ru");
    CHECK(byPoint.str("basis") == "zone");
    CHECK(byPoint.isNull("place"));
    REQUIRE(byPoint.get("feature"));
    REQUIRE(byPlace.get("feature"));
    CHECK(byPoint.get("feature")->str("id") == byPlace.get("feature")->str("id"));
    CHECK(byPoint.get("query")->get("lon")->n == 32.62);
    CHECK(byPoint.get("query")->get("lat")->n == 46.64);
    CHECK_FALSE(byPoint.get("query")->get("place"));

    const Run r = status({"--date", "2022-03-29", "--lonlat", "32.62,46.64"});
    CHECK(r.out.rfind("32.6200° E, 46.6400° N on 2022-03-29: held by Russia", 0) == 0);
    // Before the invasion, a point of the city is Ukrainian by default. (Not 32.62,46.64 itself: the built-in
    // Natural Earth 1:10m regions leave the Dnipro's bank there out of Ukraine; 32.60,46.66 is 2 km inland.)
    const Run north = status({"--date", "2022-02-23", "--lonlat", "32.60,46.66"});
    CHECK(north.out.rfind("32.6000° E, 46.6600° N on 2022-02-23: held by Ukraine", 0) == 0);
}

TEST_CASE("status: a point in Belarus is outside Ukraine") {
    const Run r = status({"--date", "2022-03-29", "--lonlat", "27.56,53.90"});
    CHECK(r.status == 0);
    CHECK(r.out.rfind("27.5600° E, 53.9000° N on 2022-03-29: outside Ukraine's borders", 0) == 0);
    const Json j = statusJson({"--date", "2022-03-29", "--lonlat", "27.56,53.90"});
    CHECK(j.isNull("side"));
    CHECK(j.str("basis") == "outside");
    CHECK(j.isNull("feature"));
}

TEST_CASE("status: an unknown place, no scenario, an unprojectable point: exit status 2 and the exact error") {
    Run r = status({"--date", "2022-03-29", "--place", "Atlantis"});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "sitview: status: no place named 'Atlantis' (ids, names and aliases of the places layer)\n");
    r = status({"--date", "2022-03-29", "--place", "Atlantis", "--json"});
    CHECK(r.status == 2);
    CHECK(r.out.empty());

    const sv::LoadedMap noScenario;
    r = status({"--date", "2022-03-29", "--place", "Kherson"}, noScenario);
    CHECK(r.status == 2);
    CHECK(r.err == "sitview: status: no scenario loaded (give --scenario PATH)\n");

    std::vector<std::string> args = {"--date", "2022-03-29", "--lonlat", "32.62,46.64"};
    const sv::StatusQuery q = query(args);
    std::ostringstream out, err;
    CHECK(sv::runStatus(q, builtin(), nullptr, out, err) == 2);
    CHECK(err.str() == "sitview: status: 32.6200,46.6400 cannot be projected to the map CRS EPSG:3857\n");
}

TEST_CASE("parseStatusQuery: options taken out, the rest left, errors name the option exactly") {
    std::vector<std::string> args = {"--scenario", "x.gpkg", "--date", "2022-03-29", "--json", "--place", "Kherson", "--crs", "EPSG:3035"};
    auto q = sv::parseStatusQuery(args);
    REQUIRE(q.ok());
    CHECK(q->date.iso() == "2022-03-29");
    CHECK(q->place == "Kherson");
    CHECK(q->json);
    CHECK_FALSE(q->lonlat.has_value());
    CHECK(args == std::vector<std::string>{"--scenario", "x.gpkg", "--crs", "EPSG:3035"});

    CHECK(parseError({"--place", "Kherson"}) == "status: --date YYYY-MM-DD is required");
    CHECK(parseError({"--date", "2022-03-29"}) == "status: give exactly one of --place NAME or --lonlat LON,LAT");
    CHECK(parseError({"--date", "2022-03-29", "--place", "Kherson", "--lonlat", "32.6,46.6"}) ==
          "status: give exactly one of --place NAME or --lonlat LON,LAT");
    CHECK(parseError({"--date", "2022-02-30", "--place", "Kherson"}) ==
          "--date: '2022-02-30': day 30 does not exist in 2022-02");
    CHECK(parseError({"--date", "29.03.2022", "--place", "Kherson"}) ==
          "--date: '29.03.2022': expected a date as YYYY-MM-DD");
    CHECK(parseError({"--place", "Kherson", "--date"}) == "--date: missing value");
    CHECK(parseError({"--date", "2022-03-29", "--place"}) == "--place: missing value");
    for (const char* bad : {"32.6", "32.6,abc", "32.6;46.6", "200,46.6", "32.6,95", "32.6x,46.6", "32.6,46.6,1", "nan,46.6", ","}) {
        INFO(bad);
        CHECK(parseError({"--date", "2022-03-29", "--lonlat", bad}) ==
              std::string("--lonlat: expected LON,LAT in degrees (e.g. 32.6,46.6), got '") + bad + "'");
    }
    CHECK(parseError({"--date", "2022-03-29", "--lonlat", "-180,-90"}) == "(parsed)");
}
