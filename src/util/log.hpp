// The application log: warnings and errors from loading and rendering, shown in the log panel and echoed to
// stderr on the command line. Thread-safe: loader threads add to it while the UI reads it.
#pragma once
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace sv {

enum class LogLevel { Info, Warning, Error };

struct LogEntry {
    LogLevel level;
    std::string text;
};

// Keeps the newest kMaxEntries entries (a week-long session cannot grow it without bound); indices count every
// entry ever added, so `since` stays valid across the trimming, and `count` counts every entry ever added.
class Log {
public:
    static constexpr std::size_t kMaxEntries = 10000;
    void add(LogLevel level, std::string text);
    // Entries from index `from` on (so a panel can append only what is new).
    std::vector<LogEntry> since(std::size_t from) const;
    std::size_t size() const;
    std::size_t count(LogLevel level) const;
    void clear();
    // When set, every entry at or above `level` is also printed to stderr as "sitview: warning: …".
    void setEcho(bool echo, LogLevel level = LogLevel::Warning);

private:
    mutable std::mutex mutex_;
    std::deque<LogEntry> entries_;
    std::size_t dropped_ = 0;
    std::size_t counts_[3] = {0, 0, 0};
    bool echo_ = false;
    LogLevel echoLevel_ = LogLevel::Warning;
};

Log& appLog();
inline void logInfo(std::string text) { appLog().add(LogLevel::Info, std::move(text)); }
inline void logWarning(std::string text) { appLog().add(LogLevel::Warning, std::move(text)); }
inline void logError(std::string text) { appLog().add(LogLevel::Error, std::move(text)); }

}  // namespace sv
