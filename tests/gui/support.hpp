// Helpers for the GUI tests: run the sitview executable, read back PNGs, compare colours.
#pragma once

#include <sys/stat.h>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stb_image.h>

#include "geo/projection.hpp"
#include "view/style.hpp"

namespace svtest {

struct RunResult {
    int status = -1;
    std::string out, err;
};

inline std::string readText(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::filesystem::path tempDir() {
    auto d = std::filesystem::temp_directory_path() / ("sitview-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
}

// Runs sitview with `args` (already shell-quoted where needed); stdout and stderr are captured separately.
inline RunResult runSitview(const std::string& args, const std::string& env = "") {
    const auto dir = tempDir();
    const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
    const std::string cmd = env + " " + std::string(SV_SITVIEW_EXE) + " " + args + " >" + out.string() + " 2>" + err.string();
    const int raw = std::system(cmd.c_str());
    RunResult r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = readText(out);
    r.err = readText(err);
    return r;
}

// How runSitviewBounded runs the process.
struct RunLimits {
    double timeoutSeconds = 20;    // wall clock; past it the process group is killed (SIGKILL)
    std::vector<std::string> env;  // extra NAME=VALUE entries
    bool asNobody = false;         // when root: drop to uid/gid 65534 (nobody) in the child before exec
};

struct BoundedRun : RunResult {
    bool timedOut = false;
    int signal = 0;          // the signal that ended the process, 0 if it exited
    double seconds = 0;      // wall clock
    std::string setupError;  // the child could not be started as asked (capture files, privileges, exec)
};

// Runs sitview with `args` (no shell: each argument is passed as is, empty ones too) in its own process group,
// with a wall-clock bound; stdout and stderr are captured separately. `status` is -1 after a signal or a timeout.
// Safe to call from several threads at once (the child only makes system calls between fork and exec).
inline BoundedRun runSitviewBounded(const std::vector<std::string>& args, const RunLimits& limits = {}) {
    static std::atomic<int> serial{0};
    const auto dir = tempDir();
    const std::string tag = "bounded-" + std::to_string(serial++);
    const std::string outPath = (dir / (tag + ".out")).string(), errPath = (dir / (tag + ".err")).string(),
                      setupPath = (dir / (tag + ".setup")).string();
    std::vector<std::string> argStore = {SV_SITVIEW_EXE};
    argStore.insert(argStore.end(), args.begin(), args.end());
    std::vector<char*> argv, envp;
    for (auto& a : argStore) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> envStore;
    for (char** e = environ; *e; ++e) envStore.emplace_back(*e);
    envStore.insert(envStore.end(), limits.env.begin(), limits.env.end());
    for (auto& e : envStore) envp.push_back(e.data());
    envp.push_back(nullptr);
    const bool drop = limits.asNobody && ::geteuid() == 0;

    BoundedRun r;
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid < 0) {
        r.setupError = "fork failed";
        return r;
    }
    if (pid == 0) {
        ::setpgid(0, 0);
        auto setup = [&](const char* what) {
            const int f = ::open(setupPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (f >= 0) (void)!::write(f, what, std::strlen(what)), ::close(f);
            ::_exit(127);
        };
        const int out = ::open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        const int err = ::open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        const int nul = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (out < 0 || err < 0 || nul < 0) setup("cannot open the capture files");
        if (::dup2(nul, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) setup("dup2 failed");
        if (drop) {
            if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) setup("cannot drop privileges");
            if (::setuid(0) == 0) setup("privileges were not dropped");
        }
        ::execve(argv[0], argv.data(), envp.data());
        setup("exec failed");
    }
    ::setpgid(pid, pid);  // as in the child; whichever runs first
    int raw = 0;
    const auto deadline = start + std::chrono::duration<double>(limits.timeoutSeconds);
    for (;;) {
        const pid_t w = ::waitpid(pid, &raw, WNOHANG);
        if (w == pid) break;
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(-pid, SIGKILL);
            ::waitpid(pid, &raw, 0);
            r.timedOut = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(-pid, SIGKILL);  // anything the process left behind in its group
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.status = !r.timedOut && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.signal = !r.timedOut && WIFSIGNALED(raw) ? WTERMSIG(raw) : 0;
    r.out = readText(outPath);
    r.err = readText(errPath);
    r.setupError = readText(setupPath);
    std::error_code ec;
    for (const auto& p : {outPath, errPath, setupPath}) std::filesystem::remove(p, ec);
    return r;
}

// A 64-bit FNV-1a hash of a file's bytes (empty for a file that cannot be read), for "the input is unchanged".
// The file's inode: a file replaced (written to a temporary file and renamed over it) gets a new one.
inline unsigned long long inodeOf(const std::filesystem::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? static_cast<unsigned long long>(st.st_ino) : 0;
}

inline std::string fileHash(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return {};
    uint64_t h = 1469598103934665603ULL;
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        for (std::size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(buf[i])) * 1099511628211ULL;
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
    return text;
}

struct Image {
    int w = 0, h = 0;
    std::vector<uint8_t> px;  // RGBA, top row first
    sv::Rgba at(int x, int y) const {
        if (x < 0 || y < 0 || x >= w || y >= h) return {0, 0, 0, 0};  // outside: matches no map colour
        const auto* p = &px[(static_cast<std::size_t>(y) * w + x) * 4];
        return {p[0], p[1], p[2], p[3]};
    }
};

inline Image loadPng(const std::string& path) {
    Image img;
    int n = 0;
    unsigned char* data = stbi_load(path.c_str(), &img.w, &img.h, &n, 4);
    if (data) {
        img.px.assign(data, data + static_cast<std::size_t>(img.w) * img.h * 4);
        stbi_image_free(data);
    }
    return img;
}

// lon/lat (EPSG:4326) to the default map CRS (EPSG:3857), through PROJ independently of the renderer.
inline sv::Vec2d project(double lon, double lat) {
    static const auto p = sv::geo::Projector::create("EPSG:4326", "EPSG:3857");
    if (!p.ok()) throw std::runtime_error("EPSG:4326 -> EPSG:3857: " + p.error());
    return p->forward(sv::Vec2d{lon, lat});
}

inline bool near(sv::Rgba a, sv::Rgba b, int tol = 6) {
    return std::abs(a.r - b.r) <= tol && std::abs(a.g - b.g) <= tol && std::abs(a.b - b.b) <= tol;
}

inline std::string str(sv::Rgba c) {
    return "(" + std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + ")";
}

}  // namespace svtest
