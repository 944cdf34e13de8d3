// Articles: plain-text or Markdown files with a short front-matter header
//     ---
//     title: …
//     date: YYYY-MM-DD
//     outlet: …
//     url: …
//     language: en
//     links: kherson, mariupol      (optional: place/region ids to link even without a mention)
//     unlinks: kyiv                 (optional: ids never to link from this article)
//     ---
// followed by the text, kept exactly as given. Files are only read. A missing header, a malformed date or invalid
// UTF-8 still loads, with a warning naming the file and the place in it.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "util/date.hpp"

namespace sv {

struct Article {
    std::string id;    // file name without extension; unique within a session
    std::string path;
    std::string title;
    std::optional<Date> date;  // none: "unknown"
    std::string outlet, url, language, source;
    std::vector<std::string> links, unlinks;
    std::string body;           // UTF-8 (invalid bytes replaced with U+FFFD)
    std::u32string bodyText;    // the body as code points: excerpt offsets index this
    int bodyLine = 1;           // line of the file where the body starts
    std::vector<std::string> warnings;

    std::string dateText() const { return date ? date->iso() : "unknown"; }
};

// Parses one file's bytes (`path` only names it in messages).
Article parseArticle(const std::string& path, const std::string& bytes);

struct ArticleSet {
    std::vector<Article> articles;
    std::vector<std::string> warnings;  // per file, plus duplicate ids and unreadable files
};

// Larger files are skipped with a warning: linking scans every word, and no report is this long.
inline constexpr std::size_t kMaxArticleBytes = 8u * 1024 * 1024;

// Every *.txt and *.md file in each folder (not recursive), sorted by name within a folder. Entries with those
// extensions that are not readable regular files (folders, symlink loops, unreadable, empty, larger than
// kMaxArticleBytes) are skipped with a warning naming the file and the reason.
ArticleSet loadArticles(const std::vector<std::string>& folders);

}  // namespace sv
