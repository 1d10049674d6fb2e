// Shared by the validation tests: run one case and compare what it reports.
#pragma once

#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "instructor/validate.h"

namespace validation_test {

// One row of a table: a change to a valid message and the single violation it
// must cause ("" for none).
template <typename Message>
struct Case {
  std::string name;
  std::function<void(Message&)> change;
  std::string rule;
  std::string path;
};

template <typename Message>
void RunCases(const Message& valid, const std::vector<Case<Message>>& cases) {
  REQUIRE_MESSAGE(instructor::validate(valid).empty(), instructor::validate(valid).to_text());
  for (const auto& row : cases) {
    CAPTURE(row.name);
    Message message = valid;
    row.change(message);
    const instructor::Violations violations = instructor::validate(message);
    if (row.rule.empty()) {
      CHECK_MESSAGE(violations.empty(), violations.to_text());
      continue;
    }
    REQUIRE_MESSAGE(violations.size() == 1, violations.to_text());
    CHECK(violations[0].rule == row.rule);
    CHECK(violations[0].path == row.path);
  }
}

// "path rule" for each violation, to compare whole lists.
inline std::vector<std::string> Summary(const instructor::Violations& violations) {
  std::vector<std::string> lines;
  for (const auto& violation : violations) lines.push_back(violation.path + " " + violation.rule);
  return lines;
}

// Whether `text` is one strict JSON value (RFC 8259, valid UTF-8), as another program would read it.
inline bool IsJson(std::string_view text) {
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  return !document.HasParseError();
}

}  // namespace validation_test
