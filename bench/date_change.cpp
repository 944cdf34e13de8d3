// Date-change latency: builds a scenario with N daily keyframes (each day one zone replacing the previous one, plus
// a few long-lived zones), then times what a date change costs the viewer — finding the frame and walking its
// active zones — for random dates. Prints one figure per line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "model/scenario.hpp"

using namespace sv;

int main(int argc, char** argv) {
    const int days = argc > 1 ? std::atoi(argv[1]) : 1600;
    const int queries = argc > 2 ? std::atoi(argv[2]) : 200000;
    Scenario sc;
    const Date start = *Date::parse("2022-02-24");
    auto square = [](double x) {
        return MultiPolygon{Polygon{{{x, 0}, {x + 1, 0}, {x + 1, 1}, {x, 1}}, {}}};
    };
    for (int i = 0; i < 5; ++i) {  // long-lived zones (like pre-2022 areas)
        ControlZone z;
        z.id = "long" + std::to_string(i);
        z.validFrom = start - 1000;
        z.shape = square(-10.0 - i);
        z.bbox = bounds(z.shape);
        sc.zones.push_back(z);
    }
    for (int d = 0; d < days; ++d) {
        ControlZone z;
        z.id = "day" + std::to_string(d);
        z.validFrom = start + d;
        z.validTo = start + d + 1;
        z.shape = square(d);
        z.bbox = bounds(z.shape);
        sc.zones.push_back(z);
    }
    sc.buildIndex();
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> pick(0, days - 1);
    std::vector<double> ns;
    ns.reserve(static_cast<std::size_t>(queries));
    volatile std::size_t sink = 0;
    for (int i = 0; i < queries; ++i) {
        const Date d = start + pick(rng);
        const auto t0 = std::chrono::steady_clock::now();
        const int f = sc.frameAt(d);
        std::size_t n = 0;
        for (uint32_t z : sc.frames()[static_cast<std::size_t>(f)].zones) n += sc.zones[z].id.size();
        const auto t1 = std::chrono::steady_clock::now();
        sink = sink + n;
        ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
    }
    std::sort(ns.begin(), ns.end());
    std::printf("keyframes %zu\n", sc.frames().size());
    std::printf("date_change_median_ms %.6f\n", ns[ns.size() / 2] * 1e-6);
    std::printf("date_change_p99_ms %.6f\n", ns[static_cast<std::size_t>(ns.size() * 0.99)] * 1e-6);
    return 0;
}
