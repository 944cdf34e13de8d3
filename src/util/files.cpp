// File helpers (see files.hpp).
#include "util/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sv {

Status writeFileAtomic(const std::string& path, const std::function<bool(std::FILE*)>& write) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path tmp = target.parent_path() / (target.filename().string() + ".tmp-" + std::to_string(getpid()));
    FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return fail(path + ": cannot write: " + std::strerror(errno));
    errno = 0;
    const bool ok = write(f) && !std::ferror(f) && std::fflush(f) == 0 && fsync(fileno(f)) == 0;
    const int err = errno;  // of the step that failed: the ones after it did not run
    std::fclose(f);
    if (!ok) {
        std::remove(tmp.c_str());
        return fail(path + ": cannot write: " + std::strerror(err ? err : EIO));
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
        std::remove(tmp.c_str());
        return fail(path + ": cannot write: " + ec.message());
    }
    return Ok{};
}

Status writeFileAtomic(const std::string& path, const void* data, std::size_t size) {
    return writeFileAtomic(path, [&](std::FILE* f) { return std::fwrite(data, 1, size, f) == size; });
}

Result<std::string> readFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(path + ": cannot read: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        return fail(path + ": is a directory, not a file");
    }
    // One buffer of the file's size (and a byte for the read that finds the end), filled by read(2). Streaming through
    // an ostringstream touched about three times the file's size (its buffer doubling, then the copy out): ~60 MB more
    // for a 33 MB prepared-data cache. A file without a size (a pipe, /proc) grows the buffer as it goes.
    std::string out;
    out.resize(st.st_size > 0 ? static_cast<std::size_t>(st.st_size) + 1 : 4096);
    std::size_t got = 0;
    for (;;) {
        if (got == out.size()) out.resize(out.size() * 2);
        const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            return fail(path + ": read error: " + std::strerror(err));
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    out.resize(got);
    return out;
}

}  // namespace sv
