// `sitview links [--articles DIR] [--json]`: every excerpt the linker found — article file, place or region id and
// name, the matched text, the sentence, character offsets and the article's date — so the linking can be checked
// and reused by other tools.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "reporting/reporting.hpp"

namespace sv {

struct LinksQuery {
    bool json = false;
};

// Takes the links options out of `args` (the rest are data and --articles options).
LinksQuery parseLinksQuery(std::vector<std::string>& args);
void printLinks(const Reporting& r, const LinksQuery& q, std::ostream& out);
std::string linksUsage();

}  // namespace sv
