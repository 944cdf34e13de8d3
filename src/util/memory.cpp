// Giving free memory back (see memory.hpp).
#include "util/memory.hpp"

#include <atomic>

namespace sv::memory {

namespace {
std::atomic<Hook> gHook{nullptr};
std::atomic<OneShotHook> gOneShot{nullptr};

bool call(bool prompt) {
    const Hook h = gHook.load();
    if (h) h(prompt);
    return h != nullptr;
}
}  // namespace

void setHook(Hook hook) { gHook = hook; }

void setOneShotHook(OneShotHook hook) { gOneShot = hook; }

void restoreDefaults() {
    if (const OneShotHook h = gOneShot.load()) h(true);
}

bool largePages() {
    const OneShotHook h = gOneShot.load();
    return h && h(false);
}

bool trim() { return call(true) && call(false); }

Prompt::Prompt() { call(true); }
Prompt::~Prompt() { call(false); }

}  // namespace sv::memory
