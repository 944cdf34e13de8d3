// A linked GL program built from shaders/<name>.vert and .frag. Compile and link failures return the file and
// the driver's info log instead of aborting.
//
// With a program cache set, a linked program is also kept as the driver's binary (GL_ARB_get_program_binary) and the
// next start links from it: with llvmpipe, compiling our programs and ImGui's from GLSL took ~7 ms and left ~7 MB
// of compiler state resident for the life of the process; from binaries, ~1.5 ms and none. A binary the driver
// refuses (another driver or version: the key names both, and Mesa checks its own build) or a file that fails its
// check is compiled from source again and rewritten; a cache that cannot be written only costs the compile.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

#include "render/gl/gl.hpp"
#include "util/result.hpp"

namespace sv::gl {

// The shader folder found at run time (util/paths.hpp), or an error listing every place looked in.
Result<std::filesystem::path> findShaderDir();

// Where linked programs are kept (nothing: compile every time, the default).
void setProgramCacheDir(std::optional<std::filesystem::path> dir);
// Names the GL library in the cache's key besides the driver's strings: OSMesa and Mesa's DRI driver report the same
// vendor, renderer and version but refuse each other's binaries (each would recompile and overwrite the other's).
void setProgramCacheTag(std::string tag);

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
