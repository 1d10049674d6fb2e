// Violations render as text for a re-ask prompt and as JSON.
#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "validation/cases.instructor.h"
#include "validation_test_support.h"

using validation_test::IsJson;

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

TEST_CASE("NaN and infinities are JSON strings in a violation's value and plain words in its message") {
  vt::Numbers numbers;
  numbers.set_gt0(std::numeric_limits<double>::quiet_NaN());
  numbers.set_gte_half(1);
  numbers.set_lt1(-std::numeric_limits<double>::infinity());
  numbers.set_lte10(5);
  numbers.set_finite(std::numeric_limits<double>::infinity());
  const auto violations = instructor::validate(numbers);
  REQUIRE(violations.size() == 2);
  CHECK(violations[0].message == "must be greater than 0; got NaN");
  CHECK(violations[0].value == "\"NaN\"");
  CHECK(violations[1].message == "must be a finite number; got Infinity");
  CHECK(violations[1].value == "\"Infinity\"");
  CHECK(IsJson(violations.to_json()));
}

TEST_CASE("a bytes length violation's value is the bytes as base64 text") {
  vt::Blobs blobs;
  blobs.set_min2("a");
  blobs.set_max4(std::string("\xff\x00\x01\x02\x03", 5));
  const auto violations = instructor::validate(blobs);
  REQUIRE(violations.size() == 2);
  CHECK(violations[0].message == "must be at least 2 bytes; got 1 byte");
  CHECK(violations[0].value == "\"YQ==\"");
  CHECK(violations[1].message == "must be at most 4 bytes; got 5 bytes");
  CHECK(violations[1].value == "\"/wABAgM=\"");
  CHECK(IsJson(violations.to_json()));
}

TEST_CASE("to_json stays JSON when a violation's value was added as plain text") {
  instructor::Violations violations;
  violations.add({"name", "user.reserved", "must not be reserved", "admin"});
  violations.add({"age", "user.odd", "must be even", "31"});
  violations.add({"tags", "user.tags", "must differ", "[\"a\", \"a\"]"});
  violations.add({"bad", "user.utf8", "must be text", "\"\xff\""});
  const std::string json = violations.to_json();
  CHECK(IsJson(json));
  CHECK(json.find("\"value\":\"admin\"") != std::string::npos);
  CHECK(json.find("\"value\":31}") != std::string::npos);
  CHECK(json.find("\"value\":[\"a\", \"a\"]}") != std::string::npos);
}

TEST_CASE("a value is kept when it is strict JSON and quoted as a JSON string otherwise") {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"{\"a\": [1, -0.5, 2e10, true, null]}", "{\"a\": [1, -0.5, 2e10, true, null]}"},
      {"\"\\ud83d\\ude00\"", "\"\\ud83d\\ude00\""},
      {" 7 ", " 7 "},
      {"[1,]", "\"[1,]\""},
      {"01", "\"01\""},
      {"NaN", "\"NaN\""},
      {"{'a': 1}", "\"{'a': 1}\""},
      {"\"\\ud800\"", "\"\\\"\\\\ud800\\\"\""},
      {"1 2", "\"1 2\""},
      {"\"a\tb\"", "\"\\\"a\\tb\\\"\""},
  };
  for (const auto& [value, json] : rows) {
    CAPTURE(value);
    instructor::Violations violations;
    violations.add({"x", "custom.rule", "is wrong", value});
    const std::string rendered = violations.to_json();
    CHECK(IsJson(rendered));
    CHECK(rendered == "[{\"path\":\"x\",\"rule\":\"custom.rule\",\"message\":\"is wrong\",\"value\":" + json + "}]");
  }
}
