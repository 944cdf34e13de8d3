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
    ++counts_[static_cast<int>(level)];
    entries_.push_back({level, std::move(text)});
    if (entries_.size() > kMaxEntries) entries_.pop_front(), ++dropped_;
}

std::vector<LogEntry> Log::since(std::size_t from) const {
    std::lock_guard lock(mutex_);
    from = from > dropped_ ? from - dropped_ : 0;
    if (from >= entries_.size()) return {};
    return {entries_.begin() + static_cast<std::ptrdiff_t>(from), entries_.end()};
}

std::size_t Log::size() const {
    std::lock_guard lock(mutex_);
    return dropped_ + entries_.size();
}

std::size_t Log::count(LogLevel level) const {
    std::lock_guard lock(mutex_);
    return counts_[static_cast<int>(level)];
}

void Log::clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
    dropped_ = 0;
    counts_[0] = counts_[1] = counts_[2] = 0;
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
