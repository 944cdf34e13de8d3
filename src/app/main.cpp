// sitview's entry point: everything happens in runApp (app/app.cpp).
#include "app/app.hpp"

#ifdef SITVIEW_MIMALLOC
#include <cstdlib>

#include <mimalloc.h>

#include "util/memory.hpp"

namespace {

// mimalloc gives a freed span back to the OS only after its decommit delay (25 ms unless the environment says
// otherwise), and then only when the thread that owns it next allocates there; pages that hold nothing any more
// stay with their heap until it is collected. With no delay, a freed span goes back at once, and a forced collection
// gives back the empty pages now. The delay is restored afterwards, so a later load keeps its speed.
long gDecommitDelay = 25;

void mimallocPrompt(bool prompt) {
    if (prompt) gDecommitDelay = mi_option_get(mi_option_decommit_delay);
    mi_option_set(mi_option_decommit_delay, prompt ? 0 : gDecommitDelay);
    if (prompt) mi_collect(true);
}

}  // namespace
#endif

int main(int argc, char** argv) {
#ifdef SITVIEW_MIMALLOC
    // A series is read by worker threads that end when the files are read. mimalloc leaves the free pages of an ended
    // thread inside its abandoned segments, resident (~15 MB after a 1,600-day load, bench/README.md); this gives them
    // back to the OS when the thread ends. The load's speed is unchanged. The environment variable still decides.
    if (!std::getenv("MIMALLOC_ABANDONED_PAGE_DECOMMIT")) mi_option_enable(mi_option_abandoned_page_decommit);
    sv::memory::setHook(mimallocPrompt);
#endif
    return sv::runApp(argc, argv);
}
