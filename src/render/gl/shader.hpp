// A linked GL program built from shaders/<name>.vert and .frag. Compile and link failures return the file and
// the driver's info log instead of aborting.
#pragma once
#include <filesystem>
#include <string>
#include <unordered_map>

#include "render/gl/gl.hpp"
#include "util/result.hpp"

namespace sv::gl {

class Program {
public:
    static Result<Program> load(const std::filesystem::path& dir, const std::string& name);
    static Result<Program> fromSource(const std::string& name, const std::string& vert, const std::string& frag);
    Program() = default;
    Program(Program&& o) noexcept : id_(o.id_), uniforms_(std::move(o.uniforms_)) { o.id_ = 0; }
    Program& operator=(Program&& o) noexcept;
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;
    ~Program();

    void use() const { glUseProgram(id_); }
    GLint uniform(const char* name);
    GLuint id() const { return id_; }

private:
    explicit Program(GLuint id) : id_(id) {}
    GLuint id_ = 0;
    std::unordered_map<std::string, GLint> uniforms_;
};

}  // namespace sv::gl
