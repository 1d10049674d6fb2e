#define DOCTEST_CONFIG_IMPLEMENT
#include "doctest_runner.h"

#include <doctest/doctest.h>

#include <atomic>
#include <iostream>

namespace instructor::testing {
namespace {

// A doctest listener that counts the test cases started.
class StartedCases : public doctest::IReporter {
 public:
  explicit StartedCases(const doctest::ContextOptions&) {}

  static int count() { return started_.load(); }

  void test_case_start(const doctest::TestCaseData&) override { ++started_; }
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}

 private:
  static inline std::atomic<int> started_{0};
};

DOCTEST_REGISTER_LISTENER("started_cases", 1, StartedCases);

}  // namespace

int run_doctest(int argc, char** argv, const std::function<RunCondition()>& condition) {
  doctest::Context context(argc, argv);
  const bool query = context.shouldExit();  // set while parsing --list-test-cases, --help, --count...
  if (!query && condition) {
    const RunCondition now = condition();
    if (now.verdict == RunCondition::Verdict::skip) {
      std::cout << "SKIPPED: " << now.reason << std::endl;
      return kSkipExitCode;
    }
    if (now.verdict == RunCondition::Verdict::fail) {
      std::cerr << "FAILED: " << now.reason << std::endl;
      return 1;
    }
  }
  const int result = context.run();
  if (query) return result;
  if (StartedCases::count() == 0) {
    std::cerr << "FAILED: no test case ran. The test-case filter on the command line matches none of this "
                 "binary's cases (CTest splits a test name at ';': a case name must not contain one)."
              << std::endl;
    return 1;
  }
  return result;
}

}  // namespace instructor::testing
