// Process age from /proc (see stopwatch.hpp).
#include "util/stopwatch.hpp"

#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace sv {

double secondsSinceProcessStart() {
    std::ifstream in("/proc/self/stat");
    std::string line;
    if (!std::getline(in, line)) return 0.0;
    // Field 22 (starttime, in clock ticks since boot) follows the ")" that closes the command name.
    const auto close = line.rfind(')');
    if (close == std::string::npos) return 0.0;
    std::istringstream fields(line.substr(close + 2));
    std::string f;
    unsigned long long start = 0;
    for (int i = 3; i <= 22 && fields >> f; ++i)
        if (i == 22) start = std::stoull(f);
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    return now.tv_sec + now.tv_nsec * 1e-9 - static_cast<double>(start) / ticks;
}

}  // namespace sv
