// C++ validators, the equivalent of Pydantic's field and model validators.
#include <vector>

#include "validation/cases.instructor.h"
#include "validation_test_support.h"

using validation_test::Summary;

namespace {

vt::Collections TwoItems(const std::string& first, const std::string& second) {
  vt::Collections m;
  m.add_tags("ab");
  m.add_items()->set_name(first);
  m.add_items()->set_name(second);
  (*m.mutable_counts())["a"] = 1;
  m.mutable_single()->set_name("s");
  return m;
}

// Removes the global validators of the test's types when it ends.
struct GlobalValidatorsCleanup {
  ~GlobalValidatorsCleanup() {
    instructor::remove_validators<vt::Item>();
    instructor::remove_validators<vt::Collections>();
  }
};

}  // namespace

TEST_CASE("a field-level validator reports at a field, wherever its message type occurs") {
  GlobalValidatorsCleanup cleanup;
  instructor::add_validator<vt::Item>([](const vt::Item& item, instructor::ViolationSink& sink) {
    if (item.name() == "admin") sink.report_at("name", "item.reserved_name", "must not be a reserved name", "\"admin\"");
  });
  const auto violations = instructor::validate(TwoItems("bob", "admin"));
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].path == "items[1].name");
  CHECK(violations[0].rule == "item.reserved_name");
  CHECK(violations[0].value == "\"admin\"");
}

TEST_CASE("a validator's plain-text value becomes a JSON string, JSON text stays as it is") {
  GlobalValidatorsCleanup cleanup;
  instructor::add_validator<vt::Item>([](const vt::Item& item, instructor::ViolationSink& sink) {
    if (item.name() == "admin") sink.report_at("name", "item.reserved_name", "must not be a reserved name", "admin");
    if (item.name() == "bob") sink.report("item.bob", "must not be bob", "{\"name\": \"bob\"}");
  });
  const auto violations = instructor::validate(TwoItems("bob", "admin"));
  REQUIRE(violations.size() == 2);
  CHECK(violations[0].value == "{\"name\": \"bob\"}");
  CHECK(violations[1].value == "\"admin\"");
  CHECK(validation_test::IsJson(violations.to_json()));
}

TEST_CASE("a whole-message validator reports at the message's own path") {
  GlobalValidatorsCleanup cleanup;
  instructor::add_validator<vt::Collections>([](const vt::Collections& m, instructor::ViolationSink& sink) {
    if (m.items_size() > m.tags_size()) sink.report("collections.more_items_than_tags", "must not have more items than tags");
  });
  CHECK(Summary(instructor::validate(TwoItems("a", "b"))) ==
        std::vector<std::string>{" collections.more_items_than_tags"});
}

TEST_CASE("custom validators run after the declarative rules, in the order they were added, global before per-call") {
  GlobalValidatorsCleanup cleanup;
  std::vector<std::string> order;
  instructor::add_validator<vt::Item>([&](const vt::Item&, instructor::ViolationSink& sink) {
    order.push_back("first");
    sink.report("custom.first", "first");
  });
  instructor::add_validator<vt::Item>([&](const vt::Item&, instructor::ViolationSink& sink) {
    order.push_back("second");
    sink.report("custom.second", "second");
  });
  instructor::CustomValidators per_call;
  per_call.add<vt::Item>([&](const vt::Item&, instructor::ViolationSink& sink) {
    order.push_back("per call");
    sink.report("custom.per_call", "per call");
  });

  vt::Item item;  // empty name: the declarative min_len fails first
  const auto violations = instructor::validate(item, {.validators = &per_call});
  CHECK(Summary(violations) == std::vector<std::string>{"name string.min_len", " custom.first", " custom.second",
                                                        " custom.per_call"});
  CHECK(order == std::vector<std::string>{"first", "second", "per call"});
}

TEST_CASE("a nested message's validators run before its parent's") {
  GlobalValidatorsCleanup cleanup;
  instructor::add_validator<vt::Collections>([](const vt::Collections&, instructor::ViolationSink& sink) {
    sink.report("custom.parent", "parent");
  });
  instructor::add_validator<vt::Item>([](const vt::Item& item, instructor::ViolationSink& sink) {
    sink.report("custom.item", "item " + item.name());
  });
  CHECK(Summary(instructor::validate(TwoItems("a", "b"))) ==
        std::vector<std::string>{"items[0] custom.item", "items[1] custom.item", "single custom.item",
                                 " custom.parent"});
}

TEST_CASE("removed validators no longer run, and per-call validators touch only their call") {
  GlobalValidatorsCleanup cleanup;
  instructor::add_validator<vt::Item>([](const vt::Item&, instructor::ViolationSink& sink) {
    sink.report("custom.always", "always");
  });
  CHECK(instructor::validate(vt::Item()).size() == 2);
  instructor::remove_validators<vt::Item>();
  CHECK(instructor::validate(vt::Item()).size() == 1);

  instructor::CustomValidators per_call;
  per_call.add<vt::Item>([](const vt::Item&, instructor::ViolationSink& sink) { sink.report("custom.once", "once"); });
  CHECK(instructor::validate(vt::Item(), {.validators = &per_call}).size() == 2);
  CHECK(instructor::validate(vt::Item()).size() == 1);
}
