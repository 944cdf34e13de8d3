// File helpers: whole-file reads and atomic writes (temporary file next to the target, flush, fsync, rename), so a
// failed or interrupted write never leaves a half-written file in place of a good one.
#pragma once
#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace sv {

Status writeFileAtomic(const std::string& path, const void* data, std::size_t size);
// The same with the content written by `write` into the open temporary file; its false (or a failed write, seen by
// ferror) leaves the target as it was.
Status writeFileAtomic(const std::string& path, const std::function<bool(std::FILE*)>& write);
Result<std::string> readFile(const std::string& path);

}  // namespace sv
