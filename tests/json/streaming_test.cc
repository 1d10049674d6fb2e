// Streaming: the partial message after every feed, and what is complete.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <google/protobuf/dynamic_message.h>

#include "instructor/mapper.h"
#include "jsontest/models.pb.h"

namespace jsontest {
namespace {

TEST_CASE("after each feed the message holds everything parsed so far") {
  User user;
  instructor::MessageDecoder decoder(user);
  REQUIRE(decoder.feed(R"({"name": "An)"));
  CHECK(user.name() == "An");
  CHECK_FALSE(decoder.completeness().field_complete(user, User::kNameFieldNumber));
  REQUIRE(decoder.feed(R"(n", "age": 4)"));
  CHECK(user.name() == "Ann");
  CHECK(decoder.completeness().field_complete(user, User::kNameFieldNumber));
  CHECK(user.age() == 0);  // 4 may become 42
  REQUIRE(decoder.feed(R"(2, "tags": ["x", "y)"));
  CHECK(user.age() == 42);
  REQUIRE(user.tags_size() == 2);
  CHECK(user.tags(1) == "y");
  CHECK(decoder.completeness().complete_items(user, User::kTagsFieldNumber) == 1);
  REQUIRE(decoder.feed(R"(z"])"));
  REQUIRE(user.tags_size() == 2);
  CHECK(user.tags(1) == "yz");
  CHECK(decoder.completeness().complete_items(user, User::kTagsFieldNumber) == 2);
  CHECK(decoder.completeness().field_complete(user, User::kTagsFieldNumber));
  CHECK_FALSE(decoder.completeness().message_complete(user));
  REQUIRE(decoder.feed("}"));
  CHECK(decoder.completeness().message_complete(user));
  REQUIRE(decoder.finish());
}

TEST_CASE("a string streamed in many pieces grows in place, in singular and repeated fields") {
  User user;
  instructor::MessageDecoder decoder(user);
  std::string expected_name;
  REQUIRE(decoder.feed(R"({"tags": ["x", ")"));
  for (int i = 0; i < 50; ++i) {
    REQUIRE(decoder.feed("ab\\\\"));
    CHECK(user.tags(1).size() == static_cast<std::size_t>(3 * (i + 1)));
  }
  REQUIRE(decoder.feed(R"("], "name": ")"));
  for (int i = 0; i < 50; ++i) {
    REQUIRE(decoder.feed("xy\\u00e9"));
    expected_name += "xy\xC3\xA9";
    CHECK(user.name() == expected_name);
  }
  REQUIRE(decoder.feed(R"(", "nickname": "n"})"));
  REQUIRE(decoder.finish());
  CHECK(user.tags_size() == 2);
  CHECK(user.tags(1).size() == 150);
  CHECK(user.name() == expected_name);
  CHECK(user.nickname() == "n");
}

TEST_CASE("a list key given again while its new value streams in") {
  User user;
  instructor::MessageDecoder decoder(user);
  REQUIRE(decoder.feed(R"({"tags": "a", "tags": "n)"));
  CHECK(user.tags_size() == 1);
  CHECK(user.tags(0) == "n");
  REQUIRE(decoder.feed(R"(h"})"));
  REQUIRE(decoder.finish());
  REQUIRE(user.tags_size() == 1);
  CHECK(user.tags(0) == "nh");
}

TEST_CASE("with partial strings off, a string appears only once closed") {
  User user;
  instructor::DecodeOptions options;
  options.partial_strings = false;
  instructor::MessageDecoder decoder(user, options);
  REQUIRE(decoder.feed(R"({"name": "An)"));
  CHECK(user.name().empty());
  REQUIRE(decoder.feed(R"(n", "tags": ["a)"));
  CHECK(user.name() == "Ann");
  CHECK(user.tags_size() == 0);
  REQUIRE(decoder.feed(R"("]})"));
  CHECK(user.tags_size() == 1);
  REQUIRE(decoder.finish());
}

TEST_CASE("an item is complete when its closing brace is read, not a brace inside a string") {
  Catalog catalog;
  instructor::MessageDecoder decoder(catalog);
  REQUIRE(decoder.feed(R"({"users": [{"name": "a}b", "tags": ["}"])"));
  REQUIRE(catalog.users_size() == 1);
  CHECK(catalog.users(0).name() == "a}b");
  CHECK_FALSE(decoder.completeness().message_complete(catalog.users(0)));
  CHECK_FALSE(decoder.completeness().item_complete(catalog, Catalog::kUsersFieldNumber, 0));
  REQUIRE(decoder.feed(R"(}, {"name": "c")"));
  CHECK(decoder.completeness().message_complete(catalog.users(0)));
  CHECK(decoder.completeness().item_complete(catalog, Catalog::kUsersFieldNumber, 0));
  CHECK_FALSE(decoder.completeness().item_complete(catalog, Catalog::kUsersFieldNumber, 1));
  REQUIRE(decoder.feed("}]}"));
  CHECK(decoder.completeness().item_complete(catalog, Catalog::kUsersFieldNumber, 1));
  REQUIRE(decoder.finish());
}

TEST_CASE("each list item is handed out once, the moment it closes, whatever the chunking") {
  const std::string text =
      R"({"name": "c", "users": [{"name": "a", "addresses": [{"city": "}"}]}, {"name": "b"}, {"name": "x)";
  for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, text.size()}) {
    Catalog catalog;
    std::vector<std::string> handed_out;
    instructor::DecodeOptions options;
    options.on_complete = [&](const instructor::Completion& done) {
      if (done.message == &catalog && done.field->number() == Catalog::kUsersFieldNumber && done.index >= 0) {
        const User& user = catalog.users(done.index);
        handed_out.push_back(std::to_string(done.index) + ":" + user.name() + ":" +
                             std::to_string(user.addresses_size()));
      }
    };
    instructor::MessageDecoder decoder(catalog, options);
    for (std::size_t at = 0; at < text.size(); at += chunk) REQUIRE(decoder.feed(text.substr(at, chunk)));
    CHECK(handed_out == std::vector<std::string>{"0:a:1", "1:b:0"});
    REQUIRE(decoder.finish());  // the truncated third item is closed by the repair
    CHECK(handed_out == std::vector<std::string>{"0:a:1", "1:b:0", "2:x:0"});
  }
}

// Pairs are reported by their place in the order their keys were first
// read (a map's own order follows its hash), through generated field access
// (User) and through reflection (a DynamicMessage of User) alike.
TEST_CASE("a map's pairs are reported complete as they end, a key given again at its first place") {
  const std::string text = R"({"counts": {"b": 1, "a": 2, "b": 3, "c": 4, "a": null, "d": "x", "e": 5}})";
  google::protobuf::DynamicMessageFactory factory;
  User generated;
  std::unique_ptr<google::protobuf::Message> dynamic(factory.GetPrototype(User::descriptor())->New());
  for (google::protobuf::Message* user : {static_cast<google::protobuf::Message*>(&generated), dynamic.get()}) {
    for (std::size_t chunk : {std::size_t{1}, text.size()}) {
      std::vector<int> indexes;
      instructor::DecodeOptions options;
      options.on_complete = [&](const instructor::Completion& done) {
        if (done.message == user && done.field->number() == User::kCountsFieldNumber) indexes.push_back(done.index);
      };
      instructor::MessageDecoder decoder(*user, options);
      for (std::size_t at = 0; at < text.size(); at += chunk) REQUIRE(decoder.feed(text.substr(at, chunk)));
      REQUIRE(decoder.finish());
      // b, a, b again (replaced at 0), c; the null and "x" pairs are dropped; e; then the whole field.
      CHECK(indexes == std::vector<int>{0, 1, 0, 2, 3, -1});
      CHECK(decoder.completeness().complete_items(*user, User::kCountsFieldNumber) == 4);
      CHECK(user->GetReflection()->FieldSize(*user, User::descriptor()->FindFieldByName("counts")) == 4);
    }
  }
  CHECK(generated.counts().at("b") == 3);
  CHECK(generated.counts().at("e") == 5);
}

TEST_CASE("completions report fields as they end") {
  User user;
  std::vector<std::string> fields;
  instructor::DecodeOptions options;
  options.on_complete = [&](const instructor::Completion& done) {
    if (done.index < 0) fields.push_back(done.field->name());
  };
  auto result = instructor::decode_json(R"({"name": "a", "home": {"city": "b"}, "tags": ["t"], "age": 1})", user,
                                        options);
  REQUIRE(result.succeeded());
  CHECK(fields == std::vector<std::string>{"name", "city", "home", "tags", "age"});
}

TEST_CASE("a truncated stream is completed at finish: strings closed, a cut number dropped") {
  User user;
  instructor::MessageDecoder decoder(user);
  REQUIRE(decoder.feed(R"({"name": "Ann", "nickname": "an", "age": 4)"));
  CHECK(user.nickname() == "an");
  CHECK(decoder.completeness().field_complete(user, User::kNicknameFieldNumber));
  REQUIRE(decoder.feed(R"(1, "tags": ["a", "b)"));
  REQUIRE(decoder.finish());
  CHECK(user.age() == 41);
  REQUIRE(user.tags_size() == 2);
  CHECK(user.tags(1) == "b");
  CHECK(decoder.completeness().item_complete(user, User::kTagsFieldNumber, 1));
  CHECK(decoder.completeness().message_complete(user));

  User cut;
  instructor::MessageDecoder number_decoder(cut);
  REQUIRE(number_decoder.feed(R"({"name": "Ann", "level": 7)"));
  CHECK(cut.level() == 0);  // 7 may become 75
  REQUIRE(number_decoder.finish());
  CHECK(cut.name() == "Ann");
  CHECK(cut.level() == 0);  // dropped, never guessed
  CHECK_FALSE(number_decoder.presence().supplied(cut, User::kLevelFieldNumber));
  CHECK(number_decoder.completeness().message_complete(cut));
}

TEST_CASE("a fragment abandoned mid-stream leaves the message empty again") {
  User user;
  instructor::MessageDecoder decoder(user);
  REQUIRE(decoder.feed(R"(Try {"name": "a", "age": @@ )"));
  CHECK(user.name().empty());
  CHECK(decoder.presence().empty());
  REQUIRE(decoder.feed(R"(then {"name": "b"})"));
  REQUIRE(decoder.finish());
  CHECK(user.name() == "b");
}

TEST_CASE("a code block value shows as it streams and is dedented once it closes") {
  Snippet snippet;
  instructor::MessageDecoder decoder(snippet);
  REQUIRE(decoder.feed("{\"type\": \"code\", \"code\": ```python\n    def f():"));
  CHECK(snippet.code() == "    def f():");
  REQUIRE(decoder.feed("\n        return \"}\"\n"));
  CHECK(snippet.code() == "    def f():\n        return \"}\"\n");
  CHECK_FALSE(decoder.completeness().field_complete(snippet, Snippet::kCodeFieldNumber));
  REQUIRE(decoder.feed("```\n}"));
  CHECK(snippet.code() == "def f():\n    return \"}\"");
  CHECK(decoder.completeness().field_complete(snippet, Snippet::kCodeFieldNumber));
  REQUIRE(decoder.finish());
}

TEST_CASE("an unquoted value waits for the next key before it is set") {
  Snippet snippet;
  instructor::MessageDecoder decoder(snippet);
  REQUIRE(decoder.feed("{summary: one, two,\n  three\n"));
  CHECK(snippet.summary().empty());  // more may follow, or the next key
  REQUIRE(decoder.feed("  type: x}"));
  CHECK(snippet.summary() == "one, two,\n  three");
  CHECK(snippet.type() == "x");
  REQUIRE(decoder.finish());
}

}  // namespace
}  // namespace jsontest
