// Runs the doctest cases of a test binary, and refuses a run that runs none.
#pragma once

#include <functional>
#include <string>

namespace instructor::testing {

// The exit code of a test binary that skipped its cases (CTest's SKIP_RETURN_CODE).
inline constexpr int kSkipExitCode = 77;

// Whether a binary can run its cases now; `reason` says why not.
struct RunCondition {
  enum class Verdict { run, skip, fail };
  Verdict verdict = Verdict::run;
  std::string reason;
};

// Runs doctest with this command line and returns the process exit code.
// A run that starts no test case fails: a CTest test whose filter matches no
// case (a name CTest split at ';') must not pass. `condition`, when given, is
// asked first: a skip prints the reason and returns kSkipExitCode, a failure
// prints it and returns 1, without running anything. Queries
// (--list-test-cases, --help, ...) always run.
int run_doctest(int argc, char** argv, const std::function<RunCondition()>& condition = {});

}  // namespace instructor::testing
