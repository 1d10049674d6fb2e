// The main() of conformance test binaries, which replay the real provider
// recordings: without them every case is skipped (exit 77, with the reason),
// or fails when INSTRUCTOR_REQUIRE_SHARED_FIXTURES=1 (CI, which always has them).
#include <cstdlib>
#include <string_view>

#include "doctest_runner.h"
#include "fixture_paths.h"

namespace t = instructor::testing;

int main(int argc, char** argv) {
  return t::run_doctest(argc, argv, [] {
    std::optional<std::string> missing = t::shared_fixtures_missing();
    if (!missing) return t::RunCondition{};
    const char* required = std::getenv("INSTRUCTOR_REQUIRE_SHARED_FIXTURES");
    if (required != nullptr && std::string_view(required) == "1") {
      return t::RunCondition{t::RunCondition::Verdict::fail, "INSTRUCTOR_REQUIRE_SHARED_FIXTURES=1, but " + *missing};
    }
    return t::RunCondition{t::RunCondition::Verdict::skip, *missing};
  });
}
