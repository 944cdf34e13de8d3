// The process-wide log (see log.hpp).
#include "util/log.hpp"

#include <cstdio>

namespace sv {

void Log::add(LogLevel level, std::string text) {
    std::lock_guard lock(mutex_);
    if (echo_ && level >= echoLevel_) {
        const char* tag = level == LogLevel::Error ? "error" : level == LogLevel::Warning ? "warning" : "info";
        std::fprintf(stderr, "sitview: %s: %s\n", tag, text.c_str());
    }
    entries_.push_back({level, std::move(text)});
}

std::vector<LogEntry> Log::since(std::size_t from) const {
    std::lock_guard lock(mutex_);
    if (from >= entries_.size()) return {};
    return {entries_.begin() + static_cast<std::ptrdiff_t>(from), entries_.end()};
}

std::size_t Log::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

std::size_t Log::count(LogLevel level) const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& e : entries_) n += e.level == level;
    return n;
}

void Log::clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
}

void Log::setEcho(bool echo, LogLevel level) {
    std::lock_guard lock(mutex_);
    echo_ = echo;
    echoLevel_ = level;
}

Log& appLog() {
    static Log log;
    return log;
}

}  // namespace sv
