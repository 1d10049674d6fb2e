#include "instructor/violation.h"

#include <limits>

#include "../json/utf8.h"
#include "json_value_text.h"

namespace instructor {
namespace {

std::string JsonText(std::string_view text) {
  return utf8::ToJsonString(text, std::numeric_limits<std::size_t>::max());
}

}  // namespace

std::string Violations::to_text() const {
  std::string text;
  for (const Violation& violation : items_) {
    text += "- ";
    text += violation.path.empty() ? "(the whole message)" : violation.path;
    text += ": " + violation.message + " (" + violation.rule + ")\n";
  }
  return text;
}

std::string Violations::to_json() const {
  std::string json = "[";
  for (const Violation& violation : items_) {
    if (json.size() > 1) json += ",";
    json += "{\"path\":" + JsonText(violation.path) + ",\"rule\":" + JsonText(violation.rule) +
            ",\"message\":" + JsonText(violation.message) +
            ",\"value\":" + (violation.value.empty() ? std::string("null") : AsJsonValueText(violation.value)) + "}";
  }
  return json + "]";
}

}  // namespace instructor
