#include "keyword_sentences.h"

#include <algorithm>

namespace instructor::schema {
namespace {

bool listed(const std::vector<std::string>& keywords, std::string_view keyword) {
  return std::find(keywords.begin(), keywords.end(), keyword) != keywords.end();
}

const JsonValue* member(const JsonValue& node, const char* name) {
  auto it = node.FindMember(name);
  return it == node.MemberEnd() ? nullptr : &it->value;
}

std::string number_text(const JsonValue& value) { return to_compact_json(value); }

std::string plural(const JsonValue& count, std::string_view noun) {
  std::string n = number_text(count);
  if (n == "1") return n + " " + std::string(noun);
  if (noun.back() == 'y') return n + " " + std::string(noun.substr(0, noun.size() - 1)) + "ies";  // entry -> entries
  return n + " " + std::string(noun) + "s";
}

// A lower and upper count as one sentence: "Between 1 and 3 items.", "At least 1 item."...
std::string count_sentence(const JsonValue* low, const JsonValue* high, std::string_view noun) {
  if (low && high && number_text(*low) == number_text(*high)) return "Exactly " + plural(*low, noun) + ".";
  if (low && high) return "Between " + number_text(*low) + " and " + plural(*high, noun) + ".";
  if (low) return "At least " + plural(*low, noun) + ".";
  return "At most " + plural(*high, noun) + ".";
}

// "\"a\", \"b\"" or "1, 2": the values of an array, comma-separated.
std::string value_list(const JsonValue& values) {
  std::string text;
  for (const auto& value : values.GetArray()) text += (text.empty() ? "" : ", ") + to_compact_json(value);
  return text;
}

// The rules of a map's keys: "Keys must match the regular expression \"^[a-z]+$\".".
std::string key_sentence(const JsonValue& rules) {
  if (!rules.IsObject()) return "Keys: " + to_compact_json(rules) + ".";
  std::string text;
  for (const auto& rule : rules.GetObject()) {
    const std::string_view name(rule.name.GetString(), rule.name.GetStringLength());
    std::string part;
    if (name == "pattern") part = "Keys must match the regular expression " + to_compact_json(rule.value) + ".";
    else if (name == "enum" && rule.value.IsArray()) part = "Keys must be one of: " + value_list(rule.value) + ".";
    else if (name == "description" && rule.value.IsString()) part = "Keys: " + std::string(rule.value.GetString());
    else part = "Keys: " + std::string(name) + " " + to_compact_json(rule.value) + ".";
    text += (text.empty() ? "" : " ") + part;
  }
  return text;
}

std::string format_sentence(std::string_view format) {
  if (format == "uri") return "Must be an absolute URI (RFC 3986).";
  if (format == "date-time") return "An RFC 3339 date-time.";
  if (format == "email") return "Must be an email address.";
  return "Format: " + std::string(format) + ".";
}

}  // namespace

std::vector<std::string> keyword_sentences(const JsonValue& node, const std::vector<std::string>& keywords) {
  std::vector<std::string> out;
  auto pair = [&](const char* low, const char* high, std::string_view noun) {
    const JsonValue* l = listed(keywords, low) ? member(node, low) : nullptr;
    const JsonValue* h = listed(keywords, high) ? member(node, high) : nullptr;
    if (l || h) out.push_back(count_sentence(l, h, noun));
  };
  pair("minLength", "maxLength", "character");
  pair("minItems", "maxItems", "item");
  pair("minProperties", "maxProperties", "entry");

  for (const std::string& keyword : keywords) {
    const JsonValue* value = member(node, keyword.c_str());
    if (value == nullptr) continue;
    if (keyword == "minLength" || keyword == "maxLength" || keyword == "minItems" || keyword == "maxItems" ||
        keyword == "minProperties" || keyword == "maxProperties") {
      continue;  // said above
    } else if (keyword == "uniqueItems") {
      if (value->IsTrue()) out.emplace_back("Items must be unique.");
    } else if (keyword == "contentEncoding") {
      out.push_back(value->IsString() && std::string_view(value->GetString()) == "base64"
                        ? "Base64-encoded."
                        : "Encoded as " + to_compact_json(*value) + ".");
    } else if (keyword == "format" && value->IsString()) {
      out.push_back(format_sentence(value->GetString()));
    } else if (keyword == "pattern" && value->IsString()) {
      out.push_back("Must match the regular expression " + to_compact_json(*value) + ".");
    } else if (keyword == "minimum") {
      out.push_back("At least " + number_text(*value) + ".");
    } else if (keyword == "maximum") {
      out.push_back("At most " + number_text(*value) + ".");
    } else if (keyword == "exclusiveMinimum") {
      out.push_back("Greater than " + number_text(*value) + ".");
    } else if (keyword == "exclusiveMaximum") {
      out.push_back("Less than " + number_text(*value) + ".");
    } else if (keyword == "multipleOf") {
      out.push_back("A multiple of " + number_text(*value) + ".");
    } else if (keyword == "enum" && value->IsArray()) {
      out.push_back("One of: " + value_list(*value) + ".");
    } else if (keyword == "const") {
      out.push_back("Always " + to_compact_json(*value) + ".");
    } else if (keyword == "propertyNames") {
      out.push_back(key_sentence(*value));
    } else if (keyword == "examples" && value->IsArray()) {
      std::string text = "Examples: ";
      bool first = true;
      for (const auto& example : value->GetArray()) {
        text += (first ? "" : ", ") + to_compact_json(example);
        first = false;
      }
      out.push_back(text + ".");
    } else {
      out.push_back(keyword + ": " + to_compact_json(*value) + ".");
    }
  }
  return out;
}

void move_into_description(JsonValue& node, const std::vector<std::string>& keywords, JsonAllocator& allocator) {
  if (keywords.empty()) return;
  const std::vector<std::string> sentences = keyword_sentences(node, keywords);
  for (const std::string& keyword : keywords) erase_member(node, keyword);
  for (const std::string& sentence : sentences) append_description(node, sentence, allocator);
}

}  // namespace instructor::schema
