// A minimal parallel for: runs fn(i, worker) for i in [0, n) on up to hardware_concurrency threads, each worker
// taking the next index from a shared counter (so uneven items balance). `worker` lets callers keep per-thread
// state such as a GEOS context.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace sv {

inline unsigned workerCount(std::size_t items) {
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::min<std::size_t>(hw, std::max<std::size_t>(items, 1)));
}

template <class Fn>
void parallelFor(std::size_t n, Fn fn) {
    const unsigned workers = workerCount(n);
    std::atomic<std::size_t> next{0};
    auto run = [&](unsigned w) {
        for (std::size_t i; (i = next.fetch_add(1)) < n;) fn(i, w);
    };
    std::vector<std::thread> threads;
    for (unsigned w = 1; w < workers; ++w) threads.emplace_back(run, w);
    run(0);
    for (auto& t : threads) t.join();
}

}  // namespace sv
