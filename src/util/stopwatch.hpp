// Wall-clock phase timing for --timings and the benchmarks.
#pragma once
#include <chrono>

namespace sv {

class Stopwatch {
public:
    Stopwatch() : start_(std::chrono::steady_clock::now()) {}
    double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }
    double lap() {
        const auto now = std::chrono::steady_clock::now();
        const double s = std::chrono::duration<double>(now - start_).count();
        start_ = now;
        return s;
    }

private:
    std::chrono::steady_clock::time_point start_;
};

// Seconds since this process was started by the kernel (from /proc/self/stat), for "first frame after start".
double secondsSinceProcessStart();

}  // namespace sv
