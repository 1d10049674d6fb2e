// The mapper on several threads at once: its lookup tables of generated types
// are built once per process, on first use, here by all threads together.
// Alone in its binary so that first use is concurrent; the ThreadSanitizer
// run (preset tsan) takes it.
#include <doctest/doctest.h>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

#include "instructor/mapper.h"
#include "jsontest/models.instructor.h"  // also registers the models' field access

namespace jsontest {
namespace {

TEST_CASE("decoders on several threads share the lookup tables safely") {
  constexpr int kThreads = 4;
  std::atomic<int> good{0};
  std::latch start(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&good, &start] {
        start.arrive_and_wait();  // all first decodes at once
        for (int i = 0; i < 200; ++i) {
          Catalog catalog;
          auto result = instructor::decode_json(
              R"({"users": [{"name": "a", "priority": "HIGH", "home": {"city": "x"}}], "name": "c"})", catalog);
          if (result.succeeded() && catalog.users(0).priority() == PRIORITY_HIGH && catalog.users(0).home().city() == "x") {
            ++good;
          }
        }
      });
    }
  }  // joined
  CHECK(good == kThreads * 200);
}

}  // namespace
}  // namespace jsontest
