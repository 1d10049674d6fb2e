// The mapper: presence, violations with paths and messages, well-known
// types, the choice between several documents, arenas.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include <google/protobuf/arena.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/text_format.h>

#include "instructor/mapper.h"
#include "jsontest/models.pb.h"

namespace jsontest {
namespace {

TEST_CASE("presence records the fields the model supplied, zero values included") {
  User user;
  auto result = instructor::decode_json(R"({"name": "", "age": 0, "home": {"city": "Paris"}, "nickname": null,
                                           "addresses": [{"street": "1 Main"}, {}], "level": null})",
                                        user);
  REQUIRE(result.succeeded());
  const auto& presence = result.presence;
  CHECK(presence.supplied(user, User::kNameFieldNumber));
  CHECK(presence.supplied(user, User::kAgeFieldNumber));
  CHECK(presence.supplied(user, User::kHomeFieldNumber));
  CHECK(presence.supplied(user, User::kAddressesFieldNumber));
  CHECK_FALSE(presence.supplied(user, User::kNicknameFieldNumber));  // null: unset
  CHECK_FALSE(presence.supplied(user, User::kLevelFieldNumber));
  CHECK_FALSE(presence.supplied(user, User::kScoreFieldNumber));  // never mentioned
  CHECK(presence.supplied(user.home(), Address::kCityFieldNumber));
  CHECK_FALSE(presence.supplied(user.home(), Address::kStreetFieldNumber));
  REQUIRE(user.addresses_size() == 2);
  CHECK(presence.supplied(user.addresses(0), Address::kStreetFieldNumber));
  CHECK_FALSE(presence.supplied(user.addresses(1), Address::kStreetFieldNumber));
  CHECK_FALSE(user.has_nickname());
}

TEST_CASE("a value that cannot be coerced is supplied and reported, not missing") {
  User user;
  auto result = instructor::decode_json(R"({"age": 25.5, "level": 70000000000})", user);
  REQUIRE(result.parsed());
  CHECK_FALSE(result.succeeded());
  CHECK(result.presence.supplied(user, User::kAgeFieldNumber));
  CHECK(result.presence.refused(user, User::kAgeFieldNumber));  // so validation leaves it alone
  CHECK_FALSE(result.presence.kept(user, User::kAgeFieldNumber));
  REQUIRE(result.violations.size() == 2);
  CHECK(result.violations[0].path == "age");
  CHECK(result.violations[0].rule == "type.integer");
  CHECK(result.violations[0].message == "must be an integer; got 25.5");
  CHECK(result.violations[0].value == "25.5");
  CHECK(result.violations[0].offset == 8);
  CHECK(result.violations[1].message == "must be between 0 and 4294967295 (uint32); got 70000000000");
  CHECK(user.age() == 0);
}

TEST_CASE("an unknown enum name is reported with the names the model may use") {
  User user;
  auto result = instructor::decode_json(R"({"priority": "extreme"})", user);
  REQUIRE(result.violations.size() == 1);
  CHECK(result.violations[0].message ==
        "must be one of low, medium, high; got \"extreme\"");
  CHECK(result.violations[0].value == "\"extreme\"");
}

TEST_CASE("a violation's value is JSON text, NaN and infinities as protobuf's JSON strings") {
  User user;
  auto result = instructor::decode_json(R"({"age": NaN, "level": -Infinity, "name": "x", "huge": 1e3000})", user);
  REQUIRE(result.violations.size() == 3);
  CHECK(result.violations[0].value == "\"NaN\"");
  CHECK(result.violations[1].value == "\"-Infinity\"");
  CHECK(result.violations[2].value == "\"1e3000\"");  // beyond a double, many JSON readers refuse the number

  // An object or array in the wrong place has no value of its own to show: the message says what it was.
  result = instructor::decode_json(R"({"name": {"first": "Ann"}, "age": [31]})", user);
  REQUIRE(result.violations.size() == 2);
  CHECK(result.violations[0].message == "must be a string; got an object");
  CHECK(result.violations[0].value.empty());
  CHECK(result.violations[1].message == "must be an integer; got an array");
  CHECK(result.violations[1].value.empty());
}

TEST_CASE("presence inside message map values is recorded on the reflection entries") {
  Event event;
  auto result = instructor::decode_json(R"({"places": {"home": {"city": "Paris"}}})", event);
  REQUIRE(result.succeeded());
  const auto* field = Event::descriptor()->FindFieldByName("places");
  const auto& entry = event.GetReflection()->GetRepeatedMessage(event, field, 0);
  const auto& value = entry.GetReflection()->GetMessage(entry, entry.GetDescriptor()->FindFieldByNumber(2));
  CHECK(result.presence.supplied(value, Address::kCityFieldNumber));
  CHECK_FALSE(result.presence.supplied(value, Address::kStreetFieldNumber));
  CHECK(event.places().at("home").city() == "Paris");
}

TEST_CASE("a list given twice forgets the presence of the items it replaced") {
  User user;
  auto result = instructor::decode_json(
      R"({"addresses": [{"city": "A", "street": "S"}], "addresses": [{"city": "B"}]})", user);
  REQUIRE(user.addresses_size() == 1);
  CHECK(user.addresses(0).city() == "B");
  CHECK(result.presence.supplied(user.addresses(0), Address::kCityFieldNumber));
  CHECK_FALSE(result.presence.supplied(user.addresses(0), Address::kStreetFieldNumber));
}

TEST_CASE("a scalar that does not fit a one-field message leaves no trace in a list") {
  User user;
  auto result = instructor::decode_json(R"({"extra_tags": [{"name": "x"}, {}, 5]})", user);
  REQUIRE(user.extra_tags_size() == 3);
  CHECK(result.presence.supplied(user.extra_tags(0), Tag::kNameFieldNumber));
  CHECK_FALSE(result.presence.supplied(user.extra_tags(1), Tag::kNameFieldNumber));
  CHECK(user.extra_tags(2).name() == "5");
}

TEST_CASE("a lone value as the whole answer fills the one field, supplied and complete") {
  Count count;
  instructor::MessageDecoder decoder(count);
  REQUIRE(decoder.feed(" 12"));
  CHECK(count.value() == 0);  // a lone value is known only at the end
  REQUIRE(decoder.feed("14\n"));
  REQUIRE(decoder.finish());
  CHECK(count.value() == 1214);
  CHECK(decoder.presence().supplied(count, Count::kValueFieldNumber));
  CHECK(decoder.completeness().message_complete(count));
  CHECK(instructor::to_string(decoder.repairs()) == "value_to_single_field@1");
}

TEST_CASE("a lone value that does not fit the one field is a violation") {
  Count count;
  auto result = instructor::decode_json("\"many\"", count);
  REQUIRE(result.parsed());
  REQUIRE(result.violations.size() == 1);
  CHECK(result.violations[0].path == "");  // as for any scalar standing for a message: the message's path
  CHECK(result.violations[0].rule == "type.integer");
  CHECK(result.violations[0].message == "must be an integer; got \"many\"");
}

TEST_CASE("NaN for a double") {
  User user;
  auto result = instructor::decode_json(R"({"score": NaN, "ratio": "NaN"})", user);
  REQUIRE(result.succeeded());
  CHECK(std::isnan(user.score()));
  CHECK(std::isnan(user.ratio()));
}

TEST_CASE("a later document that fits better replaces the first, with its presence and repairs") {
  User user;
  auto result = instructor::decode_json(
      "Example: {\"foo\": 1, \"bar\": 2}\nAnswer: {\"name\": \"Ann\", \"home\": {\"city\": \"Rome\"}, \"age\": \"3\"}",
      user);
  REQUIRE(result.succeeded());
  CHECK(user.name() == "Ann");
  CHECK(user.age() == 3);
  CHECK(result.presence.supplied(user, User::kNameFieldNumber));
  CHECK(result.presence.supplied(user.home(), Address::kCityFieldNumber));
  CHECK(instructor::to_string(result.repairs) ==
        "prose_skipped@0, prose_skipped@30, multiple_documents@38, number_from_string@87(age)");
}

TEST_CASE("a later document that fits worse is dropped with its repairs and violations") {
  User user;
  auto result = instructor::decode_json("{\"name\": \"Ann\"} or {\"name\": 5, \"age\": 1.5, \"x\": 1}", user);
  REQUIRE(result.parsed());
  CHECK(user.name() == "Ann");
  CHECK(user.age() == 0);
  CHECK(result.violations.empty());
  CHECK(instructor::to_string(result.repairs) == "prose_skipped@16, multiple_documents@19");
}

TEST_CASE("maps and nested messages work in a message on an arena") {
  google::protobuf::Arena arena;
  auto* event = google::protobuf::Arena::CreateMessage<Event>(&arena);
  auto result = instructor::decode_json(
      R"({"places": {"a": {"city": "X"}, "b": {"city": "Y"}}, "data": {"k": [1]}, "by_number": {"7": "seven"}})",
      *event);
  REQUIRE(result.succeeded());
  CHECK(event->places().at("a").city() == "X");
  CHECK(event->places().at("b").city() == "Y");
  CHECK(event->by_number().at(7) == "seven");
  CHECK(event->data().fields().at("k").list_value().values(0).number_value() == 1);
}

// The strict dialect cannot say "any key", so it asks for maps as lists of
// {"key", "value"} entries; the mapper takes both forms.
TEST_CASE("a map given as a list of key/value entries, as the strict dialect asks") {
  Event event;
  auto result = instructor::decode_json(
      R"({"places": [{"key": "a", "value": {"city": "X"}}, {"value": {"city": "Y"}, "key": "b"}],
          "by_number": [{"key": 7, "value": "seven"}, {"key": "8", "value": "eight"}],
          "by_flag": [{"key": true, "value": "yes"}]})",
      event);
  REQUIRE(result.succeeded());
  CHECK(result.violations.empty());
  CHECK(event.places().at("a").city() == "X");
  CHECK(event.places().at("b").city() == "Y");
  CHECK(event.by_number().at(7) == "seven");
  CHECK(event.by_number().at(8) == "eight");
  CHECK(event.by_flag().at(true) == "yes");
  const auto* field = Event::descriptor()->FindFieldByName("places");
  const auto& entry = event.GetReflection()->GetRepeatedMessage(event, field, 1);
  const auto& value = entry.GetReflection()->GetMessage(entry, entry.GetDescriptor()->FindFieldByNumber(2));
  CHECK(result.presence.supplied(value, Address::kCityFieldNumber));
}

TEST_CASE("map entries: a key given twice keeps the last value, once, and bad items are reported at their index") {
  User user;
  auto result = instructor::decode_json(
      R"({"counts": [{"key": "apples", "value": -1}, {"key": "apples", "value": 5}, {"value": 3},
                     {"key": "pears", "value": 2, "note": "x"}, 4, null]})",
      user);
  REQUIRE(result.parsed());
  CHECK(user.counts_size() == 2);
  CHECK(user.counts().at("apples") == 5);
  CHECK(user.counts().at("pears") == 2);
  REQUIRE(result.violations.size() == 2);
  CHECK(result.violations[0].path == "counts[2]");
  CHECK(result.violations[0].rule == "map.keys.required");
  CHECK(result.violations[1].path == "counts[4]");
  CHECK(result.violations[1].rule == "type.mismatch");
  CHECK(instructor::to_string(result.repairs).find("unknown_key") != std::string::npos);
}

TEST_CASE("a null map value drops its pair in either form of the map, and says so") {
  struct Case {
    std::string_view text;
    std::string_view path;  // of the repair
  };
  for (const Case& c : {Case{R"({"counts": {"a": null, "b": 2}})", R"(counts["a"])"},
                        Case{R"({"counts": [{"key": "a", "value": null}, {"key": "b", "value": 2}]})", "counts[0].value"},
                        Case{R"({"counts": [{"value": null, "key": "a"}, {"key": "b", "value": 2}]})", "counts[0].value"}}) {
    CAPTURE(c.text);
    User user;
    auto result = instructor::decode_json(c.text, user);
    REQUIRE(result.parsed());
    CHECK(result.violations.empty());
    CHECK(user.counts_size() == 1);
    CHECK(user.counts().count("a") == 0);  // never a 0 the model did not write
    CHECK(user.counts().at("b") == 2);
    REQUIRE(result.repairs.size() == 1);
    CHECK(result.repairs[0].kind == instructor::Repair::null_item_dropped);
    CHECK(c.text.substr(result.repairs[0].offset, 4) == "null");
    CHECK(result.repairs[0].detail == c.path);
  }
  // A null Value is a value: the pair stays.
  Event event;
  auto result = instructor::decode_json(R"({"data": {"a": null}})", event);
  REQUIRE(result.succeeded());
  CHECK(event.data().fields().at("a").has_null_value());
}

TEST_CASE("a large map with keys given twice keeps each key once, with its last value") {
  // Past 16 pairs the mapper keeps an index of the keys instead of comparing with each pair.
  std::string counts = "{";
  std::string by_number = "{";
  for (int i = 0; i < 40; ++i) {
    counts += "\"k" + std::to_string(i % 30) + "\": " + std::to_string(i) + (i < 39 ? ", " : "}");
    by_number += "\"" + std::to_string(i % 25) + "\": \"v" + std::to_string(i) + (i < 39 ? "\", " : "\"}");
  }
  User user;
  REQUIRE(instructor::decode_json("{\"counts\": " + counts + "}", user).succeeded());
  REQUIRE(user.counts_size() == 30);
  CHECK(user.counts().at("k3") == 33);   // given at 3 and 33
  CHECK(user.counts().at("k29") == 29);  // given once
  // Through reflection (a DynamicMessage), pairs are entries of a list: the
  // new value takes the first one's place, so the entries hold each key once.
  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<google::protobuf::Message> dynamic(factory.GetPrototype(User::descriptor())->New());
  REQUIRE(instructor::decode_json("{\"counts\": " + counts + "}", *dynamic).succeeded());
  const auto* field = User::descriptor()->FindFieldByName("counts");
  REQUIRE(dynamic->GetReflection()->FieldSize(*dynamic, field) == 30);
  const auto& fourth = dynamic->GetReflection()->GetRepeatedMessage(*dynamic, field, 3);
  CHECK(fourth.GetReflection()->GetString(fourth, fourth.GetDescriptor()->map_key()) == "k3");
  CHECK(fourth.GetReflection()->GetInt32(fourth, fourth.GetDescriptor()->map_value()) == 33);
  Event event;
  REQUIRE(instructor::decode_json("{\"by_number\": " + by_number + "}", event).succeeded());
  REQUIRE(event.by_number_size() == 25);
  CHECK(event.by_number().at(0) == "v25");
  CHECK(event.by_number().at(14) == "v39");
  CHECK(event.by_number().at(24) == "v24");
}

TEST_CASE("map entries: a key that does not parse is refused with the map.keys prefix") {
  Event event;
  auto result = instructor::decode_json(R"({"by_number": [{"key": "seven", "value": "7"}]})", event);
  REQUIRE(result.violations.size() == 1);
  CHECK(result.violations[0].path == "by_number[0].key");
  CHECK(result.violations[0].rule == "map.keys.type.integer");
  CHECK(event.by_number().empty());
}

TEST_CASE("the decoder clears the target first") {
  User user;
  user.set_name("old");
  user.set_age(9);
  auto result = instructor::decode_json(R"({"age": 1})", user);
  CHECK(user.name().empty());
  CHECK(user.age() == 1);
}

TEST_CASE("repairs name the field path they happened at") {
  Catalog catalog;
  auto result = instructor::decode_json(R"({"users": [{"tags": "a", "priority": "HIGH"}]})", catalog);
  CHECK(instructor::to_string(result.repairs) ==
        "single_value_to_list@20(users[0].tags), enum_loose_match@37(users[0].priority)");
}

TEST_CASE("dynamic messages from a runtime descriptor pool decode too") {
  google::protobuf::FileDescriptorProto file;
  REQUIRE(google::protobuf::TextFormat::ParseFromString(R"pb(
    name: "dynamic.proto" package: "dyn" syntax: "proto3"
    message_type {
      name: "Point"
      field { name: "x_value" number: 1 type: TYPE_INT32 label: LABEL_OPTIONAL json_name: "xValue" }
      field { name: "labels" number: 2 type: TYPE_STRING label: LABEL_REPEATED json_name: "labels" }
    })pb", &file));
  google::protobuf::DescriptorPool pool;
  const auto* built = pool.BuildFile(file);
  REQUIRE(built != nullptr);
  google::protobuf::DynamicMessageFactory factory(&pool);
  std::unique_ptr<google::protobuf::Message> point(factory.GetPrototype(built->message_type(0))->New());
  auto result = instructor::decode_json(R"({"xValue": "7", "labels": "one"})", *point);
  REQUIRE(result.succeeded());
  CHECK(point->ShortDebugString() == "x_value: 7 labels: \"one\"");
  CHECK(result.presence.supplied(*point, 1));
  CHECK(instructor::to_string(result.repairs) == "number_from_string@11(x_value), single_value_to_list@26(labels)");
}

TEST_CASE("timestamps and durations in their documented forms") {
  Event event;
  auto result = instructor::decode_json(
      R"({"at": "1970-01-02T00:00:01.000000001Z", "length": -2.25})", event);
  REQUIRE(result.succeeded());
  CHECK(event.at().seconds() == 86401);
  CHECK(event.at().nanos() == 1);
  CHECK(event.length().seconds() == -2);
  CHECK(event.length().nanos() == -250000000);
  Event bad;
  auto refused = instructor::decode_json(R"({"at": "yesterday", "length": "5 minutes"})", bad);
  REQUIRE(refused.violations.size() == 2);
  CHECK(refused.violations[0].rule == "format.timestamp");
  CHECK(refused.violations[1].rule == "format.duration");
  CHECK_FALSE(bad.has_at());
}

}  // namespace
}  // namespace jsontest
