// Start-up tracing (see trace.hpp).
#include "util/trace.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include <sys/resource.h>
#include <unistd.h>

#include "util/stopwatch.hpp"

namespace sv {
namespace {

bool gOn = false;
long gPageKb = 4;
double gMainAt = 0;  // seconds after process start when main began
std::chrono::steady_clock::time_point gMainClock;

}  // namespace

void traceInit() {
    const char* v = std::getenv("SITVIEW_TRACE");
    gOn = v && *v && *v != '0';
    if (!gOn) return;
    gMainClock = std::chrono::steady_clock::now();
    gPageKb = sysconf(_SC_PAGESIZE) / 1024;
    gMainAt = secondsSinceProcessStart();
    traceMark("main");
}

void traceMark(const char* what) {
    if (!gOn) return;
    const double since = std::chrono::duration<double>(std::chrono::steady_clock::now() - gMainClock).count();
    // Resident memory now (second field of /proc/self/statm, in pages): where the peak is reached.
    // Its third field counts the file-backed part (mapped libraries); the rest is the heap and other anonymous memory.
    long pages = 0, resident = 0, fileBacked = 0;
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld %ld", &pages, &resident, &fileBacked) != 3) resident = fileBacked = 0;
        std::fclose(f);
    }
    // And the peak so far (the kernel's high-water mark): a peak between two marks shows as a jump in it.
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::fprintf(stderr, "[trace] %7.1f ms  %s  (rss %.1f MB = %.1f anon + %.1f files, peak %.1f MB)\n",
                 (gMainAt + since) * 1e3, what, static_cast<double>(resident * gPageKb) / 1024.0,
                 static_cast<double>((resident - fileBacked) * gPageKb) / 1024.0,
                 static_cast<double>(fileBacked * gPageKb) / 1024.0, static_cast<double>(usage.ru_maxrss) / 1024.0);
}

bool tracing() { return gOn; }

}  // namespace sv
