#include "json_value_text.h"

#include <rapidjson/document.h>

#include "../json/utf8.h"

namespace instructor {
namespace {

bool IsJsonValue(const std::string& text) {
  if (!utf8::IsValid(text)) return false;
  rapidjson::Document document;
  // Iterative: a deeply nested value cannot exhaust the stack.
  document.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  return !document.HasParseError();
}

}  // namespace

std::string AsJsonValueText(std::string text) {
  if (text.empty() || IsJsonValue(text)) return text;
  return utf8::ToJsonString(text);
}

}  // namespace instructor
