// libFuzzer target: a random answer decoded into a message with rules, then
// validated with the decoder's presence record and rendered. Failures:
// crashes and sanitizer reports; to_json() or a mapping violation's value that
// is not strict JSON; and different outcomes between the answer fed whole,
// fed in chunks, and decoded into a DynamicMessage of the same type (validated
// through validate(const google::protobuf::Message&) as a copy).
// scripts/fuzz builds and runs it (see the README's "Fuzzing").
//
// The first byte picks the message type (low 3 bits) and the chunk size; the
// rest is the answer.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/dynamic_message.h>
#include <rapidjson/document.h>

#include "instructor/mapper.h"
#include "instructor/validate.h"
#include "validation/cases.instructor.h"

namespace {

using google::protobuf::Message;

[[noreturn]] void Fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "%s: %.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// One strict JSON value in valid UTF-8 (RapidJSON checks the encoding), with
// numbers a double holds: 1e3000 fits the grammar, but many readers refuse it.
bool IsJson(std::string_view text) {
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(text.data(), text.size());
  return !document.HasParseError();
}

// The mapping violations and validation violations, one line each, sorted:
// protobuf lists the entries of a copied map in its own order.
std::string Outcome(Message& message, std::string_view answer, std::size_t chunk) {
  instructor::MessageDecoder decoder(message);
  bool ok = true;
  if (chunk == 0) {
    ok = decoder.feed(answer);
  } else {
    for (std::size_t at = 0; ok && at < answer.size(); at += chunk) ok = decoder.feed(answer.substr(at, chunk));
  }
  if (ok) (void)decoder.finish();

  std::vector<std::string> lines;
  for (const auto& violation : decoder.violations()) {
    if (!violation.value.empty() && !IsJson(violation.value)) Fail("a mapping violation's value is not JSON", violation.value);
    lines.push_back("mapping " + violation.path + " " + violation.rule + " " + violation.message + " " + violation.value);
  }
  const Message& erased = message;
  const instructor::Violations violations = instructor::validate(erased, {.presence = &decoder.presence()});
  const std::string json = violations.to_json();
  if (!IsJson(json)) Fail("to_json() is not JSON", json);
  (void)violations.to_text();
  for (const auto& violation : violations) {
    lines.push_back("rule " + violation.path + " " + violation.rule + " " + violation.message + " " + violation.value);
  }
  std::sort(lines.begin(), lines.end());
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const kTypes[] = {"vt.Strings",     "vt.Integers", "vt.Numbers", "vt.Blobs",
                                       "vt.Collections", "vt.Enums",    "vt.Choice",  "vt.Presence"};
  const auto* type = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(kTypes[data[0] & 7]);
  const std::size_t chunk = 1 + (data[0] >> 3);
  const std::string_view answer(reinterpret_cast<const char*>(data + 1), size - 1);

  const Message& prototype = *google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  std::unique_ptr<Message> whole_message(prototype.New());
  std::unique_ptr<Message> chunked_message(prototype.New());
  static google::protobuf::DynamicMessageFactory dynamic_factory;
  std::unique_ptr<Message> dynamic_message(dynamic_factory.GetPrototype(type)->New());

  const std::string whole = Outcome(*whole_message, answer, 0);
  const std::string chunked = Outcome(*chunked_message, answer, chunk);
  const std::string dynamic = Outcome(*dynamic_message, answer, 0);
  if (whole != chunked || whole != dynamic) {
    std::fprintf(stderr, "outcomes differ (chunk %zu)\n--- whole\n%s--- chunked\n%s--- dynamic\n%s", chunk,
                 whole.c_str(), chunked.c_str(), dynamic.c_str());
    std::abort();
  }
  return 0;
}
