// Progress of a long job shared between a worker and the UI (or stderr): counters and a cancel flag, all atomic.
#pragma once
#include <atomic>
#include <cstddef>
#include <string>

namespace sv {

struct Progress {
    std::atomic<std::size_t> done{0}, total{0};
    std::atomic<bool> cancel{false};
    std::atomic<int> stage{0};  // job-defined (e.g. 0 reading, 1 preparing)
    double fraction() const {
        const auto t = total.load();
        return t ? static_cast<double>(done.load()) / static_cast<double>(t) : 0.0;
    }
};

}  // namespace sv
