// sitview's entry point: everything happens in runApp (app/app.cpp).
#include "app/app.hpp"

#ifdef SITVIEW_MIMALLOC
#include <cstdlib>

#include <mimalloc.h>
#endif

int main(int argc, char** argv) {
#ifdef SITVIEW_MIMALLOC
    // A series is read by worker threads that end when the files are read. mimalloc leaves the free pages of an ended
    // thread inside its abandoned segments, resident (~15 MB after a 1,600-day load, bench/README.md); this gives them
    // back to the OS when the thread ends. The load's speed is unchanged. The environment variable still decides.
    if (!std::getenv("MIMALLOC_ABANDONED_PAGE_DECOMMIT")) mi_option_enable(mi_option_abandoned_page_decommit);
#endif
    return sv::runApp(argc, argv);
}
