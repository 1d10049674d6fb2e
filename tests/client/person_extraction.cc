#include "person_extraction.h"

#include <doctest/doctest.h>

#include "clienttest/models.instructor.h"

namespace instructor::testing {

Usage extract_person(const Client& client, Mode mode, const Request& request) {
  if (mode == Mode::parallel_tools) {
    auto result = client.create_parallel<clienttest::Person, clienttest::Weather>(request);
    REQUIRE_MESSAGE(result, result.error().to_text());
    REQUIRE(result->size() == 2);
    CHECK(std::get<clienttest::Person>((*result)[0]).name() == "Ann");
    CHECK(std::get<clienttest::Person>((*result)[0]).age() == 31);
    CHECK(std::get<clienttest::Weather>((*result)[1]).city() == "Oslo");
    return result.usage();
  }
  auto result = client.create<clienttest::Person>(request);
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->name() == "Ann");
  CHECK(result->age() == 31);
  return result.usage();
}

}  // namespace instructor::testing
