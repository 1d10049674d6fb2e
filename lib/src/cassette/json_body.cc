#include "json_body.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <set>
#include <vector>

namespace instructor::cassette {
namespace {

using rapidjson::Value;

constexpr unsigned kParseFlags = rapidjson::kParseFullPrecisionFlag;

bool parse(std::string_view text, rapidjson::Document& document) {
  document.Parse<kParseFlags>(text.data(), text.size());
  return !document.HasParseError();
}

void write_sorted(const Value& value, rapidjson::Writer<rapidjson::StringBuffer>& writer) {
  if (value.IsObject()) {
    std::vector<const Value::Member*> members;
    for (const auto& member : value.GetObject()) members.push_back(&member);
    std::sort(members.begin(), members.end(), [](const auto* a, const auto* b) {
      return std::string_view(a->name.GetString(), a->name.GetStringLength()) <
             std::string_view(b->name.GetString(), b->name.GetStringLength());
    });
    writer.StartObject();
    for (const auto* member : members) {
      writer.Key(member->name.GetString(), member->name.GetStringLength());
      write_sorted(member->value, writer);
    }
    writer.EndObject();
  } else if (value.IsArray()) {
    writer.StartArray();
    for (const auto& item : value.GetArray()) write_sorted(item, writer);
    writer.EndArray();
  } else {
    value.Accept(writer);
  }
}

std::string sorted_text(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  write_sorted(value, writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// A value as shown in a difference: compact JSON, long ones cut.
std::string shown(const Value* value) {
  if (value == nullptr) return "nothing";
  std::string text = sorted_text(*value);
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

void note(BodyDifference& difference, const std::string& path, const Value* recorded, const Value* sent) {
  if (difference.count++ == 0) difference.first = path + ": recorded " + shown(recorded) + ", sent " + shown(sent);
}

void compare(const Value* recorded, const Value* sent, const std::string& path, BodyDifference& difference) {
  if (recorded != nullptr && sent != nullptr && recorded->IsObject() && sent->IsObject()) {
    std::set<std::string> keys;
    for (const auto& m : recorded->GetObject()) keys.emplace(m.name.GetString(), m.name.GetStringLength());
    for (const auto& m : sent->GetObject()) keys.emplace(m.name.GetString(), m.name.GetStringLength());
    for (const std::string& key : keys) {
      auto r = recorded->FindMember(key.c_str());
      auto s = sent->FindMember(key.c_str());
      compare(r == recorded->MemberEnd() ? nullptr : &r->value, s == sent->MemberEnd() ? nullptr : &s->value,
              path + "." + key, difference);
    }
  } else if (recorded != nullptr && sent != nullptr && recorded->IsArray() && sent->IsArray()) {
    const rapidjson::SizeType n = std::max(recorded->Size(), sent->Size());
    for (rapidjson::SizeType i = 0; i < n; ++i) {
      compare(i < recorded->Size() ? &(*recorded)[i] : nullptr, i < sent->Size() ? &(*sent)[i] : nullptr,
              path + "[" + std::to_string(i) + "]", difference);
    }
  } else if (recorded == nullptr || sent == nullptr || sorted_text(*recorded) != sorted_text(*sent)) {
    note(difference, path, recorded, sent);
  }
}

BodyDifference byte_difference(std::string_view recorded, std::string_view sent) {
  BodyDifference difference;
  if (recorded == sent) return difference;
  const auto mismatch = std::mismatch(recorded.begin(), recorded.end(), sent.begin(), sent.end());
  difference.count = 1;
  difference.first = "the body (not JSON on both sides): recorded " + std::to_string(recorded.size()) +
                     " bytes, sent " + std::to_string(sent.size()) + ", first different at byte " +
                     std::to_string(mismatch.first - recorded.begin());
  return difference;
}

}  // namespace

std::string normalized_body(std::string_view body) {
  rapidjson::Document document;
  if (body.empty() || !parse(body, document)) return std::string(body);
  return sorted_text(document);
}

BodyDifference body_difference(std::string_view recorded, std::string_view sent) {
  rapidjson::Document recorded_json, sent_json;
  if (recorded.empty() || sent.empty() || !parse(recorded, recorded_json) || !parse(sent, sent_json)) {
    return byte_difference(recorded, sent);
  }
  BodyDifference difference;
  compare(&recorded_json, &sent_json, "$", difference);
  return difference;
}

}  // namespace instructor::cassette
