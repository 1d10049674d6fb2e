// libFuzzer target: random bytes through the parser and the mapper, whole and
// in random chunk splits. Crashes, sanitizer reports, and any difference
// between the whole and the chunked outcome are failures.
//
//   scripts/fuzz --time 60 json   # builds it in build/fuzz and runs it from the seeds
//
// By hand, name a scratch folder first: libFuzzer writes new inputs into the
// first corpus folder, and the checked-in seeds must stay as they are:
//   build/fuzz/tests/json/json_fuzzer build/fuzz/corpus/json tests/json/fuzz/corpus -max_total_time=60
//
// The first byte picks the target message and the chunk sizes; the rest is the text.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../chunked_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const kTargets[] = {"User", "Event", "Catalog", "TagList"};
  const std::string target = kTargets[data[0] % 4];
  const std::size_t chunk = 1 + (data[0] >> 2) % 17;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  const std::string whole = jsontest::decode_in_chunks(target, text, 0).describe();
  const std::string chunked = jsontest::decode_in_chunks(target, text, chunk).describe();
  if (whole != chunked) {
    std::fprintf(stderr, "whole and %zu-byte chunks differ\n--- whole\n%s\n--- chunked\n%s\n", chunk,
                 whole.c_str(), chunked.c_str());
    std::abort();
  }
  return 0;
}
