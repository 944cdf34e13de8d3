// Cached map layers (see layer_cache.hpp).
#include "render/layer_cache.hpp"

namespace sv {

bool LayerCache::begin(uint64_t key, int w, int h) {
    if (holds(key, w, h)) return false;
    if (!colour_ || w != w_ || h != h_) {
        colour_ = gl::Renderbuffer::create();
        glBindRenderbuffer(GL_RENDERBUFFER, colour_.id());
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
        glBindRenderbuffer(GL_RENDERBUFFER, 0);
        fbo_ = gl::Framebuffer::create();
        glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour_.id());
        w_ = w, h_ = h;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glViewport(0, 0, w, h);
    key_ = key;
    valid_ = true;
    return true;
}

void LayerCache::done(GLint previous) { glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous)); }

void LayerCache::copyTo(GLuint framebuffer, int w, int h) const {
    if (!valid_) return;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, framebuffer);
    glDisable(GL_SCISSOR_TEST);
    glBlitFramebuffer(0, 0, w_, h_, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
}

}  // namespace sv
