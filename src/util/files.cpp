// File helpers (see files.hpp).
#include "util/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace sv {

Status writeFileAtomic(const std::string& path, const void* data, std::size_t size) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path tmp = target.parent_path() / (target.filename().string() + ".tmp-" + std::to_string(getpid()));
    FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return fail(path + ": cannot write: " + std::strerror(errno));
    const bool wrote = std::fwrite(data, 1, size, f) == size;
    const bool flushed = std::fflush(f) == 0 && fsync(fileno(f)) == 0;
    const int err = errno;
    std::fclose(f);
    if (!wrote || !flushed) {
        std::remove(tmp.c_str());
        return fail(path + ": cannot write: " + std::strerror(err));
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
        std::remove(tmp.c_str());
        return fail(path + ": cannot write: " + ec.message());
    }
    return Ok{};
}

Result<std::string> readFile(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return fail(path + ": is a directory, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(path + ": cannot read: " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return fail(path + ": read error");
    return ss.str();
}

}  // namespace sv
