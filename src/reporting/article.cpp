// Article parsing (see article.hpp).
#include "reporting/article.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "reporting/text.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace fs = std::filesystem;

namespace sv {
namespace {

std::vector<std::string> idList(const std::string& v) {
    std::vector<std::string> out;
    for (auto& s : split(v, ',')) out.push_back(asciiLower(s));
    return out;
}

}  // namespace

Article parseArticle(const std::string& path, const std::string& bytes) {
    Article a;
    a.path = path;
    a.id = fs::path(path).stem().string();
    std::vector<std::size_t> bad;
    const std::u32string all = text::decode(bytes, &bad);
    if (!bad.empty())
        a.warnings.push_back(path + ": byte " + std::to_string(bad.front()) + ": not valid UTF-8 (" +
                             std::to_string(bad.size()) + " invalid byte(s) replaced with U+FFFD)");
    std::string utf8 = text::encode(all);
    // Strip a byte-order mark.
    if (utf8.compare(0, 3, "\xEF\xBB\xBF") == 0) utf8.erase(0, 3);

    std::size_t bodyStart = 0;
    bool dateLine = false;  // the header had a date line (a malformed one already warned)
    if (utf8.compare(0, 4, "---\n") == 0 || utf8.compare(0, 5, "---\r\n") == 0) {
        std::size_t pos = utf8.find('\n') + 1;
        int line = 2;
        bool closed = false;
        const std::size_t warningsBefore = a.warnings.size();
        while (pos < utf8.size()) {
            std::size_t eol = utf8.find('\n', pos);
            if (eol == std::string::npos) eol = utf8.size();
            const std::string raw = utf8.substr(pos, eol - pos);
            const std::string l = trim(raw);
            pos = std::min(eol + 1, utf8.size());
            if (l == "---") {
                closed = true;
                bodyStart = pos;
                a.bodyLine = line + 1;
                break;
            }
            const auto colon = l.find(':');
            if (!l.empty() && colon == std::string::npos)
                a.warnings.push_back(path + ":" + std::to_string(line) + ": header line without 'key: value'; ignored");
            if (colon != std::string::npos) {
                const std::string key = asciiLower(trim(l.substr(0, colon))), value = trim(l.substr(colon + 1));
                if (key == "title") a.title = value;
                else if (key == "date") {
                    dateLine = true;
                    if (auto d = Date::parse(value)) a.date = *d;
                    else
                        a.warnings.push_back(path + ":" + std::to_string(line) + ": date '" + value + "': " + d.error() +
                                             "; the article's date is unknown");
                }
                else if (key == "outlet") a.outlet = value;
                else if (key == "url") a.url = value;
                else if (key == "language") a.language = value;
                else if (key == "source") a.source = value;
                else if (key == "links") a.links = idList(value);
                else if (key == "unlinks") a.unlinks = idList(value);
                else a.warnings.push_back(path + ":" + std::to_string(line) + ": unknown header key '" + key + "'; ignored");
            }
            ++line;
        }
        if (!closed) {
            // The lines were not a header after all: their complaints would only confuse.
            a.warnings.resize(warningsBefore);
            dateLine = false;
            a.warnings.push_back(path + ":1: header opened with '---' is never closed; the whole file is read as text");
            bodyStart = 0;
            a.title.clear(), a.date.reset(), a.links.clear(), a.unlinks.clear();
            a.bodyLine = 1;
        }
    } else {
        a.warnings.push_back(path + ":1: no header (a '---' line with title, date, outlet …); date unknown");
    }
    a.body = utf8.substr(bodyStart);
    a.bodyText = text::decode(a.body);
    if (a.title.empty()) {
        // The first non-empty line of the text, else the file name.
        for (const auto& line : split(a.body, '\n'))
            if (!trim(line).empty() && trim(line) != "---") {
                a.title = shortenUtf8(line, 120, 117);
                break;
            }
        if (a.title.empty()) a.title = a.id;
    }
    if (bodyStart != 0 && !dateLine)
        a.warnings.push_back(path + ": header has no date; the article's date is unknown");
    return a;
}

ArticleSet loadArticles(const std::vector<std::string>& folders) {
    ArticleSet set;
    std::set<std::string> seen;
    for (const auto& folder : folders) {
        std::error_code ec;
        if (!fs::is_directory(folder, ec)) {
            // Say why when the path is not there at all (missing, a symlink loop, no permission).
            std::string why;
            if (ec) why = " (" + ec.message() + ")";
            else if (!fs::exists(fs::symlink_status(folder, ec))) why = " (No such file or directory)";
            set.warnings.push_back(folder + ": not a folder of articles" + why + "; skipped");
            continue;
        }
        std::vector<fs::path> files;
        fs::directory_iterator it(folder, ec);
        if (ec) {
            set.warnings.push_back(folder + ": cannot list the folder of articles (" + ec.message() + "); skipped");
            continue;
        }
        for (const auto& e : it) {
            const auto ext = asciiLower(e.path().extension().string());
            if (ext == ".txt" || ext == ".md") files.push_back(e.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            // An entry named like an article that is not a readable file is reported, never silently left out.
            std::error_code fec;
            const auto st = fs::status(f, fec);
            if (fec) {
                set.warnings.push_back(f.string() + ": " + fec.message() + "; article skipped");
                continue;
            }
            if (fs::is_directory(st) || !fs::is_regular_file(st)) {
                set.warnings.push_back(f.string() + (fs::is_directory(st) ? ": is a directory, not an article file; skipped"
                                                                          : ": not a regular file; article skipped"));
                continue;
            }
            std::error_code sec;
            if (const auto size = fs::file_size(f, sec); !sec && size > kMaxArticleBytes) {
                set.warnings.push_back(f.string() + ": " + std::to_string(size) + " bytes is more than an article may have (" +
                                       std::to_string(kMaxArticleBytes / (1024 * 1024)) + " MiB); article skipped");
                continue;
            }
            auto bytes = readFile(f.string());
            if (!bytes) {
                set.warnings.push_back(bytes.error() + "; article skipped");
                continue;
            }
            if (bytes->empty()) {
                set.warnings.push_back(f.string() + ": empty file (0 bytes); article skipped");
                continue;
            }
            Article a = parseArticle(f.string(), *bytes);
            for (auto& w : a.warnings) set.warnings.push_back(w);
            if (!seen.insert(a.id).second) {
                set.warnings.push_back(f.string() + ": duplicate article id '" + a.id + "' (same file name in another folder); skipped");
                continue;
            }
            set.articles.push_back(std::move(a));
        }
    }
    return set;
}

}  // namespace sv
