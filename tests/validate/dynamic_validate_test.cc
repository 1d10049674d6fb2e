// validate(const google::protobuf::Message&): the generated validator of any
// message type linked into the program, found by type name, for messages known
// only at run time (a DynamicMessage, a type picked by name in a CLI).
#include <algorithm>
#include <memory>

#include <google/protobuf/dynamic_message.h>

#include "instructor/mapper.h"
#include "validation/cases.instructor.h"
#include "validation_test_support.h"

using validation_test::Summary;

namespace {

using google::protobuf::Message;

// A message of the type named `full_name`, as a run-time tool would make one.
std::unique_ptr<Message> NewGenerated(const std::string& full_name) {
  const auto* descriptor = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(full_name);
  REQUIRE(descriptor != nullptr);
  return std::unique_ptr<Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(descriptor)->New());
}

}  // namespace

TEST_CASE("validate of a Message reference runs the generated validator of its type") {
  vt::Collections collections;
  collections.add_tags("x");
  (*collections.mutable_counts())["a"] = 1;
  collections.mutable_single();
  const Message& erased = collections;
  CHECK(Summary(instructor::validate(erased)) == Summary(instructor::validate(collections)));
  CHECK(Summary(instructor::validate(erased)) ==
        std::vector<std::string>{"tags[0] string.min_len", "single.name string.min_len"});
  CHECK(instructor::has_validator(vt::Collections::descriptor()));
}

TEST_CASE("a type chosen by name at run time is decoded and validated with its presence record") {
  auto message = NewGenerated("vt.Presence");
  const auto decoded = instructor::decode_json(R"({"item": {}, "wrapped": null})", *message);
  REQUIRE(decoded.parsed());
  CHECK(Summary(instructor::validate(*message, {.presence = &decoded.presence})) ==
        std::vector<std::string>{"count required", "item.name required", "forced required"});
}

TEST_CASE("a DynamicMessage is validated by its type's generated validator, presence record included") {
  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<Message> message(factory.GetPrototype(vt::Collections::descriptor())->New());
  const auto decoded = instructor::decode_json(
      R"({"tags": ["ab", "x"], "counts": {"Bad": 1}, "by_id": {"5": {}, "6": {"name": "ok"}},
          "single": {"name": "s"}, "palette": ["blue"]})",
      *message);
  REQUIRE(decoded.parsed());
  CHECK(Summary(instructor::validate(*message, {.presence = &decoded.presence})) ==
        std::vector<std::string>{"tags[1] string.min_len", "counts[\"Bad\"] map.keys.string.pattern",
                                 "by_id[5].name required", "palette[0] enum.not_in"});
  // Without the record only what protobuf itself can tell is checked.
  CHECK(Summary(instructor::validate(*message)) ==
        std::vector<std::string>{"tags[1] string.min_len", "counts[\"Bad\"] map.keys.string.pattern",
                                 "by_id[5].name string.min_len", "palette[0] enum.not_in"});
}

TEST_CASE("a DynamicMessage with text that is not UTF-8 is copied as it is, so the violation is reported") {
  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<Message> message(factory.GetPrototype(vt::Strings::descriptor())->New());
  const auto decoded = instructor::decode_json("{\"plain\": \"ok \xff\", \"min3\": \"abc\"}", *message);
  REQUIRE(decoded.parsed());
  const auto violations = instructor::validate(*message, {.presence = &decoded.presence});
  CHECK(std::count_if(violations.begin(), violations.end(), [](const auto& v) {
          return v.path == "plain" && v.rule == "string.utf8";
        }) == 1);
  CHECK(std::none_of(violations.begin(), violations.end(), [](const auto& v) { return v.path == "min3"; }));
}

TEST_CASE("a message type without a generated validator is a clear error") {
  google::protobuf::DescriptorProto unrelated;  // descriptor.proto's own message: no instructor code
  CHECK_FALSE(instructor::has_validator(unrelated.GetDescriptor()));
  CHECK_THROWS_WITH_AS(instructor::validate(static_cast<const Message&>(unrelated)),
                       doctest::Contains("no validator for google.protobuf.DescriptorProto"),
                       std::invalid_argument);
}
