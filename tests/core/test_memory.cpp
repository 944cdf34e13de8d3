// util/memory.hpp: what trim() and Prompt ask of the allocator's hook, and that nothing happens without one.
#include <doctest/doctest.h>

#include <vector>

#include "util/memory.hpp"

namespace {
std::vector<bool> gCalls;
void record(bool prompt) { gCalls.push_back(prompt); }
}  // namespace

TEST_CASE("memory: trim and Prompt call the allocator's hook, on and then off, without a hook nothing runs") {
    sv::memory::setHook(nullptr);
    CHECK_FALSE(sv::memory::trim());
    { sv::memory::Prompt p; }

    gCalls.clear();
    sv::memory::setHook(record);
    CHECK(sv::memory::trim());
    CHECK(gCalls == std::vector<bool>{true, false});
    {
        sv::memory::Prompt p;
        CHECK(gCalls == std::vector<bool>{true, false, true});  // on for as long as it lives
    }
    CHECK(gCalls == std::vector<bool>{true, false, true, false});
    sv::memory::setHook(nullptr);
    CHECK_FALSE(sv::memory::trim());
    CHECK(gCalls.size() == 4);
}
