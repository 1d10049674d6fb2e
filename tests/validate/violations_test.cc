// Violations render as text for a re-ask prompt and as JSON.
#include <algorithm>

#include "validation/cases.instructor.h"
#include "validation_test_support.h"

TEST_CASE("violations render as one line each for a re-ask prompt") {
  vt::Collections m;
  m.add_tags("x");
  m.mutable_single();
  (*m.mutable_counts())["a"] = 1;
  CHECK(instructor::validate(m).to_text() ==
        "- tags[0]: must be at least 2 characters; got \"x\" (1 character) (string.min_len)\n"
        "- single.name: must be at least 1 character; got an empty string (string.min_len)\n");
}

TEST_CASE("violations render as a JSON array with the offending values as JSON") {
  instructor::Violations violations;
  violations.add({"a[\"k\"]", "string.max_len", "must be at most 1 character; got \"\xff\"", "\"\\\"q\\\"\""});
  violations.add({"", "required", "is required but missing", ""});
  CHECK(violations.to_json() ==
        "[{\"path\":\"a[\\\"k\\\"]\",\"rule\":\"string.max_len\","
        "\"message\":\"must be at most 1 character; got \\\"\xef\xbf\xbd\\\"\",\"value\":\"\\\"q\\\"\"},"
        "{\"path\":\"\",\"rule\":\"required\",\"message\":\"is required but missing\",\"value\":null}]");
  CHECK(violations.to_text() ==
        "- a[\"k\"]: must be at most 1 character; got \"\xff\" (string.max_len)\n"
        "- (the whole message): is required but missing (required)\n");
}

TEST_CASE("a long offending value is cut in the violation, saying so") {
  vt::Strings strings;
  strings.set_min3("ab");
  strings.set_in(std::string(500, 'z'));
  const auto violations = instructor::validate(strings);
  const auto in = std::find_if(violations.begin(), violations.end(), [](const auto& v) { return v.rule == "string.in"; });
  REQUIRE(in != violations.end());
  CHECK(in->value.size() < 250);
  CHECK(in->value.ends_with("\xe2\x80\xa6\""));
}
