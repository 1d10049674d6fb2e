// Paths into nested messages, list items and map entries; oneofs; required
// fields with and without the presence record the JSON mapper fills.
#include "instructor/presence.h"
#include "validation/cases.instructor.h"
#include "validation_test_support.h"

using validation_test::Case;
using validation_test::RunCases;
using validation_test::Summary;

namespace {

vt::Collections ValidCollections() {
  vt::Collections m;
  m.add_tags("ab");
  m.add_tags("cd");
  m.add_scores(1);
  m.add_scores(2);
  m.add_items()->set_name("a");
  m.add_items()->set_name("b");
  (*m.mutable_counts())["a"] = 1;
  (*m.mutable_by_id())[1].set_name("x");
  m.mutable_single()->set_name("s");
  m.add_palette(vt::COLOR_RED);
  return m;
}

}  // namespace

TEST_CASE("list items: counts, uniqueness and each item's rules, at items[i]") {
  using M = vt::Collections;
  RunCases(ValidCollections(), std::vector<Case<M>>{
      {"no tags", [](M& m) { m.clear_tags(); }, "repeated.min_items", "tags"},
      {"four tags", [](M& m) { m.add_tags("ef"); m.add_tags("gh"); }, "repeated.max_items", "tags"},
      {"a repeated tag", [](M& m) { m.set_tags(1, "ab"); }, "repeated.unique", "tags[1]"},
      {"a short tag", [](M& m) { m.set_tags(1, "c"); }, "string.min_len", "tags[1]"},
      {"a score above 100", [](M& m) { m.set_scores(1, 101); }, "integer.lte", "scores[1]"},
      {"a repeated score", [](M& m) { m.set_scores(1, 1); }, "repeated.unique", "scores[1]"},
      {"two equal messages", [](M& m) { m.mutable_items(1)->set_name("a"); }, "repeated.unique", "items[1]"},
      {"a nested rule inside a list item", [](M& m) { m.mutable_items(1)->set_name(""); },
       "string.min_len", "items[1].name"},
      {"a refused enum item", [](M& m) { m.set_palette(0, vt::COLOR_BLUE); }, "enum.not_in", "palette[0]"},
  });
}

TEST_CASE("map entries: pair counts, key rules at map.keys.*, value rules, at field[\"key\"]") {
  using M = vt::Collections;
  RunCases(ValidCollections(), std::vector<Case<M>>{
      {"an empty map", [](M& m) { m.mutable_counts()->clear(); }, "map.min_pairs", "counts"},
      {"three pairs", [](M& m) { (*m.mutable_counts())["b"] = 2; (*m.mutable_counts())["c"] = 3; },
       "map.max_pairs", "counts"},
      {"a key that breaks the key pattern", [](M& m) { m.mutable_counts()->clear(); (*m.mutable_counts())["Bad"] = 1; },
       "map.keys.string.pattern", "counts[\"Bad\"]"},
      {"a value that breaks the value rule", [](M& m) { (*m.mutable_counts())["a"] = -1; },
       "integer.gte", "counts[\"a\"]"},
      {"an integer key that breaks the key rule", [](M& m) { (*m.mutable_by_id())[0].set_name("z"); },
       "map.keys.integer.gt", "by_id[0]"},
      {"a nested rule inside a map value", [](M& m) { (*m.mutable_by_id())[1].set_name(""); },
       "string.min_len", "by_id[1].name"},
      {"an undefined enum map value", [](M& m) { (*m.mutable_colors())["sky"] = static_cast<vt::Color>(9); },
       "enum.defined", "colors[\"sky\"]"},
      {"a key that is not UTF-8", [](M& m) { (*m.mutable_colors())["\xff"] = vt::COLOR_RED; },
       "map.keys.string.utf8", "colors[\"\xef\xbf\xbd\"]"},
      {"a nested message field", [](M& m) { m.mutable_single()->set_name(""); }, "string.min_len", "single.name"},
  });
}

TEST_CASE("several violations come in declaration order, each with its own path") {
  vt::Collections m = ValidCollections();
  m.set_tags(0, "x");
  m.mutable_items(0)->set_name("");
  (*m.mutable_by_id())[1].set_name("");
  CHECK(Summary(instructor::validate(m)) ==
        std::vector<std::string>{"tags[0] string.min_len", "items[0].name string.min_len", "by_id[1].name string.min_len"});
}

TEST_CASE("a required oneof needs one member, and a set member's own rules apply") {
  vt::Choice choice;
  CHECK(Summary(instructor::validate(choice)) == std::vector<std::string>{"pick oneof.required"});
  CHECK(instructor::validate(choice)[0].message == "exactly one of word, number must be set; got none");

  choice.set_word("a");
  CHECK(Summary(instructor::validate(choice)) == std::vector<std::string>{"word string.min_len"});
  choice.set_number(0);  // replaces word: a set member is checked even when it is 0
  CHECK(Summary(instructor::validate(choice)) == std::vector<std::string>{"number integer.gt"});
  choice.set_number(3);
  CHECK(instructor::validate(choice).empty());
}

TEST_CASE("without a presence record, only fields protobuf can see as missing are reported") {
  // A proto3 scalar cannot tell 0 from missing, a list cannot tell [] from
  // missing, and a null wrapper is an answer: none of those are reported.
  vt::Presence message;
  CHECK(Summary(instructor::validate(message)) == std::vector<std::string>{"item required"});
  message.mutable_item()->set_name("x");
  CHECK(instructor::validate(message).empty());
}

TEST_CASE("with the mapper's presence record, every required field the model left out is reported") {
  vt::Presence message;
  message.mutable_item();  // present, but the model supplied none of its fields
  instructor::Presence presence;
  presence.mark_supplied(message, vt::Presence::kItemFieldNumber);

  const auto violations = instructor::validate(message, {.presence = &presence});
  CHECK(Summary(violations) ==
        std::vector<std::string>{"count required", "item.name required", "forced required", "wrapped required"});
  CHECK(violations[0].message == "is required but missing");

  presence.mark_supplied(message, vt::Presence::kCountFieldNumber);
  presence.mark_supplied(message.item(), vt::Item::kNameFieldNumber);
  presence.mark_supplied(message, vt::Presence::kForcedFieldNumber);
  presence.mark_supplied(message, vt::Presence::kWrappedFieldNumber);  // null: an answer, though unset
  // count is 0 and forced is empty, but the model wrote them: that is an answer.
  // The name it wrote is empty, so now the name's own rule applies.
  CHECK(Summary(instructor::validate(message, {.presence = &presence})) ==
        std::vector<std::string>{"item.name string.min_len"});
}

TEST_CASE("an optional field the model did not supply is not checked, and a skipped field never is") {
  vt::Presence message;
  message.mutable_item()->set_name("x");
  message.set_ignored(std::string("\xff"));  // invalid UTF-8, but skipped
  CHECK(instructor::validate(message).empty());
  message.set_note(std::string("\xff"));
  CHECK(Summary(instructor::validate(message)) == std::vector<std::string>{"note string.utf8"});
}
