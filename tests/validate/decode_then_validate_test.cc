// The real path of a model's answer: the lenient JSON mapper fills the message
// and the presence record, then the generated validator reads both.
#include "instructor/mapper.h"
#include "validation/cases.instructor.h"
#include "validation_test_support.h"

using validation_test::Summary;

namespace {

template <typename Message>
std::vector<std::string> DecodeAndValidate(std::string_view answer, Message& message) {
  const instructor::DecodeResult decoded = instructor::decode_json(answer, message);
  REQUIRE_MESSAGE(decoded.ok(), decoded.error->to_string());
  return Summary(instructor::validate(message, {.presence = &decoded.presence}));
}

}  // namespace

TEST_CASE("fields the model left out are required violations, while zeros and empty lists it wrote are answers") {
  vt::Presence message;
  CHECK(DecodeAndValidate(R"({"item": {}})", message) ==
        std::vector<std::string>{"count required", "item.name required", "forced required"});
  CHECK(DecodeAndValidate(R"({"count": 0, "item": {"name": "x"}, "forced": []})", message).empty());
}

TEST_CASE("a null wrapper is an answer, a null message is a missing one") {
  vt::Presence message;
  CHECK(DecodeAndValidate(R"({"count": 1, "item": null, "forced": [], "wrapped": null})", message) ==
        std::vector<std::string>{"item required"});
}

TEST_CASE("presence inside message-typed map values reaches the validator") {
  vt::Collections message;
  const auto violations = DecodeAndValidate(
      R"({"tags": ["ab"], "counts": {"a": 1}, "by_id": {"5": {}, "6": {"name": "ok"}}, "single": {"name": "s"}})",
      message);
  CHECK(violations == std::vector<std::string>{"by_id[5].name required"});
}

TEST_CASE("a repaired answer in a fenced block is validated like any other") {
  vt::Collections message;
  const auto violations = DecodeAndValidate(
      "Here you go:\n```json\n{'tags': ['ab', 'ab',], counts: {\"Bad\": -1}, single: {name: 's'}}\n```\n", message);
  CHECK(violations == std::vector<std::string>{"tags[1] repeated.unique", "counts[\"Bad\"] map.keys.string.pattern",
                                               "counts[\"Bad\"] integer.gte"});
}
