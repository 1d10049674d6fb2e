// The hand-written fixtures of tests/fixtures show every provider quirk a
// client must survive (the conformance suite checks the real recordings show
// them too).
#include <doctest/doctest.h>

#include "fixture_paths.h"
#include "recording_checks.h"

namespace t = instructor::testing;

TEST_CASE("the in-repo fixtures show every listed provider quirk") {
  const std::set<std::string> found = t::provider_quirks(t::repo_fixtures_dir());
  for (std::string_view quirk : t::kProviderQuirks) CHECK_MESSAGE(found.count(std::string(quirk)) == 1, quirk);
}
