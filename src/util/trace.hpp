// Start-up tracing: with SITVIEW_TRACE=1 set, traceMark prints milliseconds since process start (kernel start time,
// 10 ms resolution, plus a monotonic clock from main on), a label and the resident memory at that moment to stderr.
// Used to see where start-up time and the memory peak go.
#pragma once

namespace sv {

void traceInit();  // call first thing in main
void traceMark(const char* what);
bool tracing();

}  // namespace sv
