// Shader loading (see shader.hpp).
#include "render/gl/shader.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "util/binary_io.hpp"
#include "util/cache_files.hpp"
#include "util/files.hpp"
#include "util/paths.hpp"

namespace sv::gl {
namespace {

std::optional<std::filesystem::path> gCacheDir;
std::string gCacheTag;  // "" for Mesa's DRI driver, so that the caches written before the tag existed still serve

// A cached program file: magic, the driver's binary format, the binary's size and FNV-1a, the binary.
constexpr char kMagic[8] = {'S', 'V', 'G', 'L', 'P', 'R', 'G', '1'};
constexpr std::size_t kHeader = 8 + 4 + 4 + 8;

bool binariesSupported() {
    GLint formats = 0;
    if (GLAD_GL_ARB_get_program_binary) glGetIntegerv(GL_NUM_PROGRAM_BINARY_FORMATS, &formats);
    return formats > 0;
}

std::string glString(GLenum e) {
    const auto* s = reinterpret_cast<const char*>(glGetString(e));
    return s ? s : "";
}

// The cache file for these sources on this driver.
std::optional<std::filesystem::path> cachePath(const std::string& vert, const std::string& frag) {
    if (!gCacheDir || !binariesSupported()) return std::nullopt;
    const std::string key = (gCacheTag.empty() ? "" : gCacheTag + '\n') + glString(GL_VENDOR) + '\n' +
                            glString(GL_RENDERER) + '\n' + glString(GL_VERSION) + '\n' +
                            glString(GL_SHADING_LANGUAGE_VERSION) + '\n' + vert + '\0' + frag;
    char name[48];
    std::snprintf(name, sizeof name, "program-%016llx.bin", static_cast<unsigned long long>(fnv1a(key.data(), key.size())));
    return *gCacheDir / name;
}

struct CacheHeader {
    char magic[8];
    uint32_t format, size;
    uint64_t check;
};
static_assert(sizeof(CacheHeader) == kHeader);

// The program linked from the cached binary, or 0 when there is none or the driver refuses it.
GLuint linkFromCache(const std::filesystem::path& path) {
    auto file = sv::readFile(path.string());  // (util/files.hpp; the readFile below reads shader sources)
    if (!file || file->size() < kHeader) return 0;
    CacheHeader h;
    std::memcpy(&h, file->data(), kHeader);
    const char* blob = file->data() + kHeader;
    if (std::memcmp(h.magic, kMagic, 8) != 0 || file->size() - kHeader != h.size || fnv1a(blob, h.size) != h.check)
        return 0;
    GLuint p = glCreateProgram();
    glProgramBinary(p, h.format, blob, static_cast<GLsizei>(h.size));
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) glDeleteProgram(p), p = 0;
    return p;
}

void storeInCache(const std::filesystem::path& path, GLuint program) {
    GLint length = 0;
    glGetProgramiv(program, GL_PROGRAM_BINARY_LENGTH, &length);
    if (length <= 0) return;
    std::string file(kHeader + static_cast<std::size_t>(length), '\0');
    CacheHeader h{};
    std::memcpy(h.magic, kMagic, 8);
    GLsizei written = 0;
    GLenum format = 0;
    glGetProgramBinary(program, length, &written, &format, file.data() + kHeader);
    if (written != length) return;
    h.format = format, h.size = static_cast<uint32_t>(length);
    h.check = fnv1a(file.data() + kHeader, h.size);
    std::memcpy(file.data(), &h, kHeader);
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (writeFileAtomic(path.string(), file.data(), file.size())) cache::afterWrite(path);
}

Result<std::string> readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return fail(p.string() + ": cannot read shader file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string infoLog(GLuint obj, bool program) {
    GLint len = 0;
    program ? glGetProgramiv(obj, GL_INFO_LOG_LENGTH, &len) : glGetShaderiv(obj, GL_INFO_LOG_LENGTH, &len);
    std::string log(static_cast<std::size_t>(std::max(len, 1)), '\0');
    program ? glGetProgramInfoLog(obj, len, nullptr, log.data()) : glGetShaderInfoLog(obj, len, nullptr, log.data());
    while (!log.empty() && (log.back() == '\0' || log.back() == '\n')) log.pop_back();
    return log;
}

Result<GLuint> compile(GLenum type, const std::string& name, const std::string& src) {
    GLuint s = glCreateShader(type);
    const char* text = src.c_str();
    glShaderSource(s, 1, &text, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        std::string log = infoLog(s, false);
        glDeleteShader(s);
        return fail(name + ": compile error: " + log);
    }
    return s;
}

}  // namespace

Result<std::filesystem::path> findShaderDir() {
    if (auto dir = findResourceDir("shaders")) return *dir;
    std::string where;
    for (const auto& c : resourceCandidates("shaders")) where += "\n  " + c.string();
    return fail("shader directory not found; looked in:" + where);
}

void setProgramCacheDir(std::optional<std::filesystem::path> dir) { gCacheDir = std::move(dir); }

void setProgramCacheTag(std::string tag) { gCacheTag = std::move(tag); }

Program& Program::operator=(Program&& o) noexcept {
    if (this != &o) {
        if (id_) glDeleteProgram(id_);
        id_ = o.id_;
        uniforms_ = std::move(o.uniforms_);
        o.id_ = 0;
    }
    return *this;
}

Program::~Program() {
    if (id_) glDeleteProgram(id_);
}

Result<Program> Program::load(const std::filesystem::path& dir, const std::string& name) {
    auto vert = readFile(dir / (name + ".vert"));
    if (!vert) return Error{vert.error()};
    auto frag = readFile(dir / (name + ".frag"));
    if (!frag) return Error{frag.error()};
    return fromSource((dir / name).string(), *vert, *frag);
}

Result<Program> Program::fromSource(const std::string& name, const std::string& vert, const std::string& frag) {
    const auto cached = cachePath(vert, frag);
    if (cached)
        if (const GLuint p = linkFromCache(*cached)) {
            cache::touch(*cached);
            return Program(p);
        }
    auto vs = compile(GL_VERTEX_SHADER, name + ".vert", vert);
    if (!vs) return Error{vs.error()};
    auto fs = compile(GL_FRAGMENT_SHADER, name + ".frag", frag);
    if (!fs) {
        glDeleteShader(*vs);
        return Error{fs.error()};
    }
    GLuint p = glCreateProgram();
    if (cached) glProgramParameteri(p, GL_PROGRAM_BINARY_RETRIEVABLE_HINT, GL_TRUE);
    glAttachShader(p, *vs);
    glAttachShader(p, *fs);
    glLinkProgram(p);
    glDeleteShader(*vs);
    glDeleteShader(*fs);
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) {
        std::string log = infoLog(p, true);
        glDeleteProgram(p);
        return fail(name + ": link error: " + log);
    }
    if (cached) storeInCache(*cached, p);
    return Program(p);
}

GLint Program::uniform(const char* name) {
    auto it = uniforms_.find(name);
    if (it != uniforms_.end()) return it->second;
    const GLint loc = glGetUniformLocation(id_, name);
    uniforms_.emplace(name, loc);
    return loc;
}

}  // namespace sv::gl
