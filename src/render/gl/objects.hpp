// RAII handles for GL buffers and vertex arrays: created with a live context, deleted with it.
#pragma once
#include <utility>

#include "render/gl/gl.hpp"

namespace sv::gl {

template <void (*Gen)(GLsizei, GLuint*), void (*Del)(GLsizei, const GLuint*)>
class Handle {
public:
    Handle() = default;
    static Handle create() {
        Handle h;
        Gen(1, &h.id_);
        return h;
    }
    Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, 0)) {}
    Handle& operator=(Handle&& o) noexcept {
        if (this != &o) {
            reset();
            id_ = std::exchange(o.id_, 0);
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { reset(); }
    void reset() {
        if (id_) Del(1, &id_);
        id_ = 0;
    }
    GLuint id() const { return id_; }
    explicit operator bool() const { return id_ != 0; }

private:
    GLuint id_ = 0;
};

// glad exposes GL entry points as function-pointer variables; wrap them so they can be template arguments.
inline void genBuffers(GLsizei n, GLuint* ids) { glGenBuffers(n, ids); }
inline void delBuffers(GLsizei n, const GLuint* ids) { glDeleteBuffers(n, ids); }
inline void genVertexArrays(GLsizei n, GLuint* ids) { glGenVertexArrays(n, ids); }
inline void delVertexArrays(GLsizei n, const GLuint* ids) { glDeleteVertexArrays(n, ids); }
inline void genFramebuffers(GLsizei n, GLuint* ids) { glGenFramebuffers(n, ids); }
inline void delFramebuffers(GLsizei n, const GLuint* ids) { glDeleteFramebuffers(n, ids); }
inline void genRenderbuffers(GLsizei n, GLuint* ids) { glGenRenderbuffers(n, ids); }
inline void delRenderbuffers(GLsizei n, const GLuint* ids) { glDeleteRenderbuffers(n, ids); }
inline void genTextures(GLsizei n, GLuint* ids) { glGenTextures(n, ids); }
inline void delTextures(GLsizei n, const GLuint* ids) { glDeleteTextures(n, ids); }

using Buffer = Handle<genBuffers, delBuffers>;
using VertexArray = Handle<genVertexArrays, delVertexArrays>;
using Framebuffer = Handle<genFramebuffers, delFramebuffers>;
using Renderbuffer = Handle<genRenderbuffers, delRenderbuffers>;
using Texture = Handle<genTextures, delTextures>;

}  // namespace sv::gl
