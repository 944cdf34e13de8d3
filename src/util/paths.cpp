// Resource lookup relative to the executable (see paths.hpp).
#include "util/paths.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <system_error>

namespace fs = std::filesystem;

namespace sv {

fs::path executableDir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::current_path() : exe.parent_path();
}

std::vector<fs::path> resourceCandidates(const std::string& name) {
    std::vector<fs::path> out;
    std::string env = "SITVIEW_" + name + "_DIR";
    std::transform(env.begin(), env.end(), env.begin(), [](unsigned char c) { return std::toupper(c); });
    if (const char* v = std::getenv(env.c_str()); v && *v) out.emplace_back(v);
    const fs::path exe = executableDir();
    out.push_back(exe / name);
    out.push_back(exe.parent_path() / name);
    out.push_back(exe.parent_path() / "share" / "sitview" / name);
#ifdef SITVIEW_SOURCE_DIR
    out.push_back(fs::path(SITVIEW_SOURCE_DIR) / name);
#endif
    return out;
}

std::optional<fs::path> findResourceDir(const std::string& name) {
    std::error_code ec;
    for (const auto& p : resourceCandidates(name))
        if (fs::is_directory(p, ec)) return p.lexically_normal();
    return std::nullopt;
}

std::optional<fs::path> findUiFont(bool bold) {
    const char* file = bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
    const fs::path candidates[] = {
        fs::path("/usr/share/fonts/truetype/dejavu") / file,
        fs::path("/usr/share/fonts/dejavu") / file,
    };
    std::error_code ec;
    for (const auto& p : candidates)
        if (fs::is_regular_file(p, ec)) return p;
    return std::nullopt;
}

InputClash clashWithInput(const std::string& out, const std::string& in) {
    if (out.empty() || in.empty() || in.rfind("/vsi", 0) == 0) return InputClash::None;
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(out, ec);
    if (ec) return InputClash::None;
    const fs::path source = fs::weakly_canonical(in, ec);
    if (ec) return InputClash::None;
    // weakly_canonical keeps a trailing separator ("dir/" → ".../dir/"): compare without it.
    auto bare = [](fs::path p) { return p.has_filename() ? p : p.parent_path(); };
    const fs::path t = bare(target), s = bare(source);
    if (t == s) return InputClash::Same;
    if (!fs::is_directory(s, ec)) return InputClash::None;
    for (fs::path p = t.parent_path(); !p.empty(); p = p.parent_path()) {
        if (p == s) return InputClash::InsideFolder;
        if (p == p.root_path()) break;
    }
    return InputClash::None;
}

}  // namespace sv
