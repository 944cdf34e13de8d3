// Shader loading (see shader.hpp).
#include "render/gl/shader.hpp"

#include <fstream>
#include <sstream>

namespace sv::gl {
namespace {

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
    auto vs = compile(GL_VERTEX_SHADER, name + ".vert", vert);
    if (!vs) return Error{vs.error()};
    auto fs = compile(GL_FRAGMENT_SHADER, name + ".frag", frag);
    if (!fs) {
        glDeleteShader(*vs);
        return Error{fs.error()};
    }
    GLuint p = glCreateProgram();
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
