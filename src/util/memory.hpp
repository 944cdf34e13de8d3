// Giving free memory back to the OS. The allocator keeps freed memory committed for a while so that the next
// allocations reuse it without page faults: right while a series loads (with no delay at all, loading a 1,600-day
// series takes ~40 % longer), wrong once a big piece of work is over, when what it freed stays resident under
// whatever comes next. trim() gives back what is free now, like glibc's malloc_trim; while a Prompt lives, whatever
// is freed goes back at once (memory freed earlier and still waiting out the delay is not reached by trim()).
//
// The core does not know the allocator: the executable installs the hook for its allocator (src/app/main.cpp, for
// mimalloc). Without one (the tests, the sanitizer builds) both do nothing.
#pragma once

namespace sv::memory {

// hook(true): give back what is free now and, until hook(false), whatever is freed.
using Hook = void (*)(bool prompt);

void setHook(Hook hook);
// Returns whether an allocator hook ran.
bool trim();

// A one-frame render may start with the allocator set for a small, short-lived working set (src/app/main.cpp: large
// pages for `--screenshot`). Once the options show that the run reads more than the built-in data, restoreDefaults()
// gives the allocator its defaults back for what is allocated from then on. The hook does that when called with
// true, and returns whether large pages are (still) in use. Without a hook: nothing, and false.
using OneShotHook = bool (*)(bool restore);
void setOneShotHook(OneShotHook hook);
void restoreDefaults();
bool largePages();

class Prompt {
public:
    Prompt();
    ~Prompt();
    Prompt(const Prompt&) = delete;
    Prompt& operator=(const Prompt&) = delete;
};

}  // namespace sv::memory
