// The answer every provider matrix asks for (tests/client/*_test.cc): a
// clienttest.Person "Ann", 31 or, in PARALLEL_TOOLS, a Person and a Weather in Oslo.
#pragma once

#include "instructor/instructor.h"

namespace instructor::testing {

// Asks `client` in `mode` and checks the typed answer; returns the call's usage
// for the caller's own checks (empty when a REQUIRE failed).
Usage extract_person(const Client& client, Mode mode, const Request& request);

}  // namespace instructor::testing
