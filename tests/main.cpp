// doctest's main, compiled once in its own library (it is slow to compile).
//
// ctest runs one test case per process by name (`--test-case=NAME`, from doctest_discover_tests). A name the filter
// does not match runs nothing and doctest still exits 0: a test that cannot fail. That happened to every test case
// with a ';' in its name (CMake's list separator cut the registered name short: nine cases ran nothing until this
// check). So a run with a test-case filter that matches no test case fails here.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>

namespace {

int gStarted = 0;

struct CountStarts : doctest::IReporter {
    explicit CountStarts(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats&) override {}
    void test_case_start(const doctest::TestCaseData&) override { ++gStarted; }
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};

}  // namespace

REGISTER_LISTENER("count-starts", 1, CountStarts);

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int result = context.run();
    if (context.shouldExit()) return result;
    bool filtered = false, listing = false;
    for (int i = 1; i < argc; ++i) {
        filtered = filtered || std::strncmp(argv[i], "--test-case=", 12) == 0 || std::strncmp(argv[i], "-tc=", 4) == 0;
        listing = listing || std::strncmp(argv[i], "--list", 6) == 0 || std::strncmp(argv[i], "-ltc", 4) == 0;
    }
    if (filtered && !listing && gStarted == 0) {
        std::fprintf(stderr, "no test case matches the --test-case filter: nothing ran\n");
        return result ? result : 1;
    }
    return result;
}
