// sitview's entry point: everything happens in runApp (app/app.cpp).
#include "app/app.hpp"

#ifdef SITVIEW_MIMALLOC
#include <cstdlib>
#include <cstring>

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

// `--screenshot` of the built-in map is one frame in a short-lived process that touches ~50 MB of fresh memory,
// much of it in a few big blocks (the 8 MB render target, the read-back, the PNG's rows). On this VM a first touch
// costs ~2.5 µs per 4 KiB page (~0.65 ms per MB), and the default screenshot took ~14,500 page faults. With large
// OS pages mimalloc asks for transparent huge pages (madvise) for its segments, and with no eager-commit delay
// every thread's first segment is committed whole and may be huge too: ~4,000 faults, resident +22 MB, the PNG
// ~20 ms sooner (bench/README.md). A window keeps mimalloc's defaults, and so does a render of anything but the
// built-in data (commands.cpp calls memory::restoreDefaults(): a 1,600-day series peaked 47 MB higher with them),
// and any run whose environment sets either option.
//
// The options must be set before mimalloc commits its first segment, which happens before main (the first malloc
// comes from a library's constructor). So this runs from the executable's .preinit_array, which glibc calls
// before any library's initialiser, with (argc, argv, envp): environ is not set up yet, hence envp.
long gLargePages = 0, gEagerDelay = 1;  // mimalloc's values before oneShotMemory, for restoreDefaults
bool gOneShot = false;

void oneShotMemory(int argc, char** argv, char** envp) {
    for (char** e = envp; e && *e; ++e)
        if (std::strncmp(*e, "MIMALLOC_LARGE_OS_PAGES=", 24) == 0 || std::strncmp(*e, "MIMALLOC_EAGER_COMMIT_DELAY=", 28) == 0)
            return;
    bool screenshot = false;
    for (int i = 1; i < argc && argv[i]; ++i)
        if (std::strcmp(argv[i], "--screenshot") == 0) screenshot = true;
    if (!screenshot) return;
    gLargePages = mi_option_get(mi_option_large_os_pages);  // (neither is in the environment: the defaults)
    gEagerDelay = mi_option_get(mi_option_eager_commit_delay);
    mi_option_set(mi_option_large_os_pages, 1);
    mi_option_set(mi_option_eager_commit_delay, 0);
    gOneShot = true;
}

__attribute__((section(".preinit_array"), used)) void (*const gPreinit)(int, char**, char**) = oneShotMemory;

bool mimallocOneShot(bool restore) {
    if (restore && gOneShot) {
        mi_option_set(mi_option_large_os_pages, gLargePages);
        mi_option_set(mi_option_eager_commit_delay, gEagerDelay);
        gOneShot = false;
    }
    return mi_option_is_enabled(mi_option_large_os_pages);  // (also when the environment asked for them)
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
    sv::memory::setOneShotHook(mimallocOneShot);
#endif
    return sv::runApp(argc, argv);
}
