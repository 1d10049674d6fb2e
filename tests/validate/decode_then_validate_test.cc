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
  REQUIRE_MESSAGE(decoded.parsed(), decoded.error->to_string());
  return Summary(instructor::validate(message, {.presence = &decoded.presence}));
}

}  // namespace

TEST_CASE("fields the model left out are required violations, while zeros and empty lists it wrote are answers") {
  vt::Presence message;
  CHECK(DecodeAndValidate(R"({"item": {}})", message) ==
        std::vector<std::string>{"count required", "item.name required", "forced required", "wrapped required"});
  CHECK(DecodeAndValidate(R"({"count": 0, "item": {"name": "x"}, "forced": [], "wrapped": 0})", message).empty());
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

namespace {

// "path rule" for each of the mapper's violations.
std::vector<std::string> MappingSummary(const instructor::DecodeResult& decoded) {
  std::vector<std::string> lines;
  for (const auto& violation : decoded.violations) lines.push_back(violation.path + " " + violation.rule);
  return lines;
}

}  // namespace

TEST_CASE("two members of a oneof: the conflict is reported at the oneof and the dropped one is not validated") {
  vt::Choice choice;
  // "x" would break word's min_len 2, but number (given last) is the one kept.
  const std::string answer = R"({"word": "x", "number": 5})";
  const instructor::DecodeResult decoded = instructor::decode_json(answer, choice);
  REQUIRE(decoded.parsed());
  CHECK(MappingSummary(decoded) == std::vector<std::string>{"pick oneof.conflict"});
  CHECK(decoded.violations[0].message == "at most one of word, number may be set; got word and number");
  CHECK(decoded.violations[0].offset == answer.find("\"number\""));
  CHECK(choice.number() == 5);
  CHECK_FALSE(decoded.presence.supplied(choice, vt::Choice::kWordFieldNumber));
  CHECK(instructor::validate(choice, {.presence = &decoded.presence}).empty());

  // Streamed byte by byte, the same.
  vt::Choice streamed;
  instructor::MessageDecoder decoder(streamed);
  for (char c : answer) REQUIRE(decoder.feed(std::string_view(&c, 1)));
  REQUIRE(decoder.finish());
  REQUIRE(decoder.violations().size() == 1);
  CHECK(decoder.violations()[0].rule == "oneof.conflict");
  CHECK(instructor::validate(streamed, {.presence = &decoder.presence()}).empty());
}

TEST_CASE("a oneof member given as null next to the one set is no conflict") {
  vt::Choice choice;
  CHECK(DecodeAndValidate(R"({"word": null, "number": 5})", choice).empty());
  CHECK(DecodeAndValidate(R"({"word": "hello", "number": null})", choice).empty());
  CHECK(choice.word() == "hello");
}

TEST_CASE("each switch between oneof members is reported, and the last member given is kept") {
  vt::Choice choice;
  const auto decoded = instructor::decode_json(R"({"word": "ok", "number": 7, "word": "again"})", choice);
  CHECK(MappingSummary(decoded) == std::vector<std::string>{"pick oneof.conflict", "pick oneof.conflict"});
  CHECK(choice.word() == "again");
  CHECK(instructor::validate(choice, {.presence = &decoded.presence}).empty());
}

TEST_CASE("a oneof member that is a message, dropped for another member, is not validated") {
  vt::Choice choice;
  const auto decoded = instructor::decode_json(R"({"number": 1, "pet": {"name": ""}, "note": "n"})", choice);
  CHECK(MappingSummary(decoded) == std::vector<std::string>{"maybe oneof.conflict"});
  CHECK(choice.note() == "n");
  CHECK(instructor::validate(choice, {.presence = &decoded.presence}).empty());
}

TEST_CASE("a value the mapper refused is reported once, by the mapper") {
  vt::Numbers numbers;
  auto decoded = instructor::decode_json(
      R"({"gt0": "excellent", "gte_half": 1, "lt1": 0.5, "lte10": 1, "finite": 1})", numbers);
  CHECK(MappingSummary(decoded) == std::vector<std::string>{"gt0 type.number"});
  CHECK(decoded.presence.refused(numbers, vt::Numbers::kGt0FieldNumber));
  CHECK(Summary(instructor::validate(numbers, {.presence = &decoded.presence})).empty());

  vt::Enums enums;
  decoded = instructor::decode_json(R"({"any": "purple", "warm": "red", "not_blue": "red"})", enums);
  CHECK(MappingSummary(decoded) == std::vector<std::string>{"any enum.defined"});
  CHECK(Summary(instructor::validate(enums, {.presence = &decoded.presence})).empty());

  // A required field whose value was refused is not also missing; a later good value counts.
  vt::Presence message;
  decoded = instructor::decode_json(R"({"count": "many", "item": {"name": "x"}, "forced": [], "wrapped": 1})", message);
  CHECK(MappingSummary(decoded) == std::vector<std::string>{"count type.integer"});
  CHECK(Summary(instructor::validate(message, {.presence = &decoded.presence})).empty());
}

TEST_CASE("a refused value followed by a good one for the same key is validated as the good one") {
  vt::Numbers numbers;
  CHECK(DecodeAndValidate(R"({"gt0": "excellent", "gt0": -1, "gte_half": 1, "lt1": 0.5, "lte10": 1, "finite": 1})",
                          numbers) == std::vector<std::string>{"gt0 number.gt"});
}

TEST_CASE("a list or map whose one value was refused is not also checked for its size") {
  vt::Collections message;
  const auto decoded =
      instructor::decode_json(R"({"tags": {"a": 1}, "counts": [1], "single": {"name": "s"}})", message);
  // [1] for a map: a list of entries whose item is not a {"key", "value"} object.
  CHECK(MappingSummary(decoded) == std::vector<std::string>{"tags type.mismatch", "counts[0] type.mismatch"});
  CHECK(Summary(instructor::validate(message, {.presence = &decoded.presence})).empty());
}

TEST_CASE("a wrapper field the model left out is required, while null and a value are answers") {
  vt::Presence message;
  CHECK(DecodeAndValidate(R"({"count": 1, "item": {"name": "x"}, "forced": []})", message) ==
        std::vector<std::string>{"wrapped required"});
  CHECK(DecodeAndValidate(R"({"count": 1, "item": {"name": "x"}, "forced": [], "wrapped": null})", message).empty());
  CHECK(DecodeAndValidate(R"({"count": 1, "item": {"name": "x"}, "forced": [], "wrapped": 4})", message).empty());
}

TEST_CASE("a map key given twice keeps its last value, and only that value is validated") {
  vt::Collections message;
  CHECK(DecodeAndValidate(R"({"tags": ["ab"], "counts": {"a": -1, "a": 5}, "single": {"name": "s"},
                              "by_id": {"5": {"name": ""}, "05": {"name": "ok"}}})",
                          message)
            .empty());
  CHECK(message.counts().size() == 1);
  CHECK(message.counts().at("a") == 5);
  CHECK(message.by_id().at(5).name() == "ok");
}

// protobuf seeds each map's hash afresh, so a map's own order changes from
// run to run (and from map to map): the violations of its pairs must not.
TEST_CASE("the violations of a map's pairs come in the order of their keys, whatever order the map holds them in") {
  const std::string answer = R"({"tags": ["ab"], "single": {"name": "s"},
                                 "counts": {"q": -1, "c": -2, "x": -3, "a": -4, "m": -5, "b": 1, "z": -6},
                                 "by_id": {"9": {}, "3": {}, "7": {}}})";
  const std::vector<std::string> expected{"counts map.max_pairs",   "counts[\"a\"] integer.gte",
                                          "counts[\"c\"] integer.gte", "counts[\"m\"] integer.gte",
                                          "counts[\"q\"] integer.gte", "counts[\"x\"] integer.gte",
                                          "counts[\"z\"] integer.gte", "by_id[3].name required",
                                          "by_id[7].name required",      "by_id[9].name required"};
  for (int run = 0; run < 20; ++run) {
    vt::Collections message;
    CHECK(DecodeAndValidate(answer, message) == expected);
  }
}

TEST_CASE("a list with min_items or a map with min_pairs that the model left out is required") {
  vt::Collections message;
  CHECK(DecodeAndValidate(R"({"single": {"name": "s"}})", message) ==
        std::vector<std::string>{"tags required", "counts required"});
  CHECK(DecodeAndValidate(R"({"tags": [], "counts": {}, "single": {"name": "s"}})", message) ==
        std::vector<std::string>{"tags repeated.min_items", "counts map.min_pairs"});
}

TEST_CASE("validating a copy of the decoded message with its presence record is a clear error") {
  vt::Presence message;
  const auto decoded = instructor::decode_json(R"({"count": 1, "item": {"name": "x"}, "forced": [], "wrapped": 2})",
                                               message);
  REQUIRE(instructor::validate(message, {.presence = &decoded.presence}).empty());
  const vt::Presence copy = message;
  CHECK_THROWS_WITH_AS(instructor::validate(copy, {.presence = &decoded.presence}),
                       doctest::Contains("the presence record was filled for another vt.Presence"),
                       std::invalid_argument);
  // A message inside the decoded one is covered by the same record.
  CHECK(instructor::validate(message.item(), {.presence = &decoded.presence}).empty());
}

TEST_CASE("an answer that was no JSON at all still leaves a record that covers the message") {
  vt::Presence message;
  const auto decoded = instructor::decode_json("no JSON here", message);
  CHECK_FALSE(decoded.parsed());
  CHECK(Summary(instructor::validate(message, {.presence = &decoded.presence})) ==
        std::vector<std::string>{"count required", "item required", "forced required", "wrapped required"});
}
