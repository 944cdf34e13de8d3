// Helpers for the GUI tests: run the sitview executable, read back PNGs, compare colours.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <stb_image.h>

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

inline bool near(sv::Rgba a, sv::Rgba b, int tol = 6) {
    return std::abs(a.r - b.r) <= tol && std::abs(a.g - b.g) <= tol && std::abs(a.b - b.b) <= tol;
}

inline std::string str(sv::Rgba c) {
    return "(" + std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + ")";
}

}  // namespace svtest
