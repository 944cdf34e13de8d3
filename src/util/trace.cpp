// Start-up tracing (see trace.hpp).
#include "util/trace.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "util/stopwatch.hpp"

namespace sv {
namespace {

bool gOn = false;
double gMainAt = 0;  // seconds after process start when main began
std::chrono::steady_clock::time_point gMainClock;

}  // namespace

void traceInit() {
    const char* v = std::getenv("SITVIEW_TRACE");
    gOn = v && *v && *v != '0';
    if (!gOn) return;
    gMainClock = std::chrono::steady_clock::now();
    gMainAt = secondsSinceProcessStart();
    traceMark("main");
}

void traceMark(const char* what) {
    if (!gOn) return;
    const double since = std::chrono::duration<double>(std::chrono::steady_clock::now() - gMainClock).count();
    std::fprintf(stderr, "[trace] %7.1f ms  %s\n", (gMainAt + since) * 1e3, what);
}

bool tracing() { return gOn; }

}  // namespace sv
