// Gemini's older schema format (responseSchema, function `parameters`): a
// subset of the OpenAPI 3.0 Schema object. Types are upper-case (STRING,
// NUMBER, INTEGER, BOOLEAN, ARRAY, OBJECT), null is `nullable: true`, enums
// hold strings, and there are no references, no additionalProperties and no
// free-form values. Kept: type, format (date-time, int32/int64, float/double),
// title, description, nullable, enum, properties, required,
// propertyOrdering, items, minItems, maxItems, minimum, maximum, anyOf.
// Other keywords are ignored by Gemini, so they become words.
#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "keyword_sentences.h"
#include "provider_subsets.h"
#include "schema_walk.h"

namespace instructor::schema {
namespace {

constexpr std::array<std::string_view, 5> kOpenApiFormats = {"date-time", "int32", "int64", "float", "double"};

class OpenApiWriter {
 public:
  OpenApiWriter(JsonDocument& doc, std::string_view full_name) : doc_(doc), a_(doc.GetAllocator()), root_(full_name) {}

  std::string run() {
    erase_member(doc_, "$schema");
    JsonValue out;
    std::vector<std::string> inside = {"#"};
    if (!convert(doc_, out, std::string(root_), inside)) return error_;
    doc_.SetObject();
    for (auto& member : out.GetObject()) doc_.AddMember(member.name, member.value, a_);
    return {};
  }

 private:
  bool fail(const std::string& path, std::string_view what, std::string_view why = "") {
    error_ = path + ": " + std::string(what) + " cannot be written in Gemini's responseSchema (an OpenAPI subset" +
             std::string(why) + "); leave ClientOptions::gemini_openapi_schema off to send responseJsonSchema";
    return false;
  }

  const JsonValue* resolve(std::string_view ref) const {
    if (ref == "#") return &doc_;
    constexpr std::string_view prefix = "#/$defs/";
    if (ref.substr(0, prefix.size()) != prefix) return nullptr;
    auto defs = doc_.FindMember("$defs");
    if (defs == doc_.MemberEnd()) return nullptr;
    auto it = defs->value.FindMember(json_string(ref.substr(prefix.size()), a_));
    return it == defs->value.MemberEnd() ? nullptr : &it->value;
  }

  // `in` converted into `out`; `inside`: the references being inlined, outermost first.
  bool convert(const JsonValue& in, JsonValue& out, const std::string& path, std::vector<std::string>& inside) {
    if (std::string ref(string_member(in, "$ref")); !ref.empty()) return inline_reference(in, ref, out, path, inside);
    out.SetObject();
    const bool typed = in.HasMember("type") || in.HasMember("enum") || in.HasMember("const") || in.HasMember("anyOf");
    if (!typed) return fail(path, "a value of any type (google.protobuf.Value)");
    bool nullable = has_type(in, "null");
    std::vector<std::string> removed;
    for (const auto& member : in.GetObject()) {
      const std::string_view keyword = key_of(member.name);
      const JsonValue& value = member.value;
      if (keyword == "type") {
        if (!write_type(value, out, path)) return false;
      } else if (keyword == "title" || keyword == "description" || keyword == "minItems" || keyword == "maxItems") {
        out.AddMember(json_string(keyword, a_), JsonValue(value, a_), a_);
      } else if (keyword == "minimum" || keyword == "maximum") {
        out.AddMember(json_string(keyword, a_), JsonValue(value, a_), a_);
      } else if (keyword == "format") {
        const bool known = value.IsString() &&
                           std::find(kOpenApiFormats.begin(), kOpenApiFormats.end(), key_of(value)) != kOpenApiFormats.end();
        if (known) out.AddMember("format", JsonValue(value, a_), a_);
        else removed.emplace_back(keyword);
      } else if (keyword == "enum" || keyword == "const") {
        if (!write_enum(keyword, value, out, nullable)) removed.emplace_back(keyword);
      } else if (keyword == "anyOf") {
        if (!write_any_of(value, out, path, inside, nullable)) return false;
      } else if (keyword == "properties" || keyword == "required" || keyword == "items" ||
                 keyword == "additionalProperties" || keyword == "$defs") {
        continue;  // written with the type
      } else {
        removed.emplace_back(keyword);
      }
    }
    if (has_type(in, "object") && !object_body(in, out, path, inside, removed)) return false;
    if (has_type(in, "array")) {
      auto items = in.FindMember("items");
      if (items == in.MemberEnd()) return fail(path, "a list of any values (google.protobuf.ListValue)");
      JsonValue item;
      if (!convert(items->value, item, path + "[]", inside)) return false;
      out.AddMember("items", item, a_);
    }
    if (nullable) out.AddMember("nullable", true, a_);
    for (const std::string& sentence : keyword_sentences(in, removed)) append_description(out, sentence, a_);
    return true;
  }

  // The definition in place of the reference, the reference's own keywords (a description) winning.
  bool inline_reference(const JsonValue& in, const std::string& ref, JsonValue& out, const std::string& path,
                        std::vector<std::string>& inside) {
    if (std::find(inside.begin(), inside.end(), ref) != inside.end()) {
      return fail(path, "a message that contains itself (a recursive schema)", ", which has no references");
    }
    const JsonValue* target = resolve(ref);
    if (target == nullptr) return fail(path, "a reference to a missing definition " + ref);
    JsonValue merged(*target, a_);
    erase_member(merged, "$defs");
    for (const auto& member : in.GetObject()) {
      if (key_of(member.name) != "$ref") set_member(merged, key_of(member.name), JsonValue(member.value, a_), a_);
    }
    inside.push_back(ref);
    const bool ok = convert(merged, out, path, inside);
    inside.pop_back();
    return ok;
  }

  // "string" -> "STRING"; ["integer", "null"] -> "INTEGER" (nullable is added by the caller).
  bool write_type(const JsonValue& type, JsonValue& out, const std::string& path) {
    std::vector<std::string> types;
    if (type.IsString()) types.emplace_back(key_of(type));
    if (type.IsArray()) {
      for (const auto& t : type.GetArray())
        if (t.IsString() && key_of(t) != "null") types.emplace_back(key_of(t));
    }
    if (types.size() != 1) return fail(path, "a value of several types");
    std::string upper = types.front();
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    set_member(out, "type", json_string(upper, a_), a_);
    return true;
  }

  // Enums of strings are kept (a constant is an enum of one); null marks the value nullable.
  bool write_enum(std::string_view keyword, const JsonValue& value, JsonValue& out, bool& nullable) {
    JsonValue strings(rapidjson::kArrayType);
    auto add = [&](const JsonValue& v) {
      if (v.IsNull()) {
        nullable = true;
        return true;
      }
      if (!v.IsString()) return false;
      strings.PushBack(JsonValue(v, a_), a_);
      return true;
    };
    if (keyword == "const") {
      if (!add(value)) return false;
    } else {
      for (const auto& v : value.GetArray())
        if (!add(v)) return false;
    }
    out.AddMember("enum", strings, a_);
    if (!out.HasMember("type")) out.AddMember("type", "STRING", a_);
    return true;
  }

  // Options converted; a {"type": "null"} option makes the value nullable instead.
  bool write_any_of(const JsonValue& options, JsonValue& out, const std::string& path, std::vector<std::string>& inside,
                    bool& nullable) {
    JsonValue converted(rapidjson::kArrayType);
    for (const auto& option : options.GetArray()) {
      if (option.IsObject() && option.MemberCount() == 1 && string_member(option, "type") == "null") {
        nullable = true;
        continue;
      }
      JsonValue one;
      if (!convert(option, one, path, inside)) return false;
      converted.PushBack(one, a_);
    }
    out.AddMember("anyOf", converted, a_);
    return true;
  }

  // A message's properties in order (propertyOrdering keeps Gemini from sorting them), or a map as entries.
  bool object_body(const JsonValue& in, JsonValue& out, const std::string& path, std::vector<std::string>& inside,
                   std::vector<std::string>& removed) {
    auto properties = in.FindMember("properties");
    if (properties == in.MemberEnd()) {
      auto extra = in.FindMember("additionalProperties");
      if (extra != in.MemberEnd() && extra->value.IsObject()) return map_entries(in, extra->value, out, path, inside, removed);
      return fail(path, "a free-form object (google.protobuf.Struct)");
    }
    if (properties->value.MemberCount() == 0) return fail(path, "a message without fields", ", whose OBJECT needs properties");
    JsonValue converted(rapidjson::kObjectType);
    JsonValue order(rapidjson::kArrayType);
    for (const auto& property : properties->value.GetObject()) {
      JsonValue one;
      if (!convert(property.value, one, path + "." + std::string(key_of(property.name)), inside)) return false;
      converted.AddMember(JsonValue(property.name, a_), one, a_);
      order.PushBack(JsonValue(property.name, a_), a_);
    }
    out.AddMember("properties", converted, a_);
    if (auto required = in.FindMember("required"); required != in.MemberEnd() && !required->value.Empty()) {
      out.AddMember("required", JsonValue(required->value, a_), a_);
    }
    out.AddMember("propertyOrdering", order, a_);
    return true;
  }

  // A map has no OpenAPI form without additionalProperties: a list of {"key", "value"} entries.
  bool map_entries(const JsonValue& in, const JsonValue& value_schema, JsonValue& out, const std::string& path,
                   std::vector<std::string>& inside, std::vector<std::string>& removed) {
    JsonValue key(rapidjson::kObjectType);
    key.AddMember("type", "STRING", a_);
    if (auto names = in.FindMember("propertyNames"); names != in.MemberEnd()) {
      std::vector<std::string> rule = {"propertyNames"};
      for (const std::string& sentence : keyword_sentences(in, rule)) append_description(key, sentence, a_);
    }
    JsonValue value;
    if (!convert(value_schema, value, path + "{}", inside)) return false;
    JsonValue entry(rapidjson::kObjectType);
    entry.AddMember("type", "OBJECT", a_);
    JsonValue properties(rapidjson::kObjectType);
    properties.AddMember("key", key, a_);
    properties.AddMember("value", value, a_);
    entry.AddMember("properties", properties, a_);
    JsonValue required(rapidjson::kArrayType);
    required.PushBack("key", a_).PushBack("value", a_);
    entry.AddMember("required", JsonValue(required, a_), a_);
    entry.AddMember("propertyOrdering", required, a_);

    set_member(out, "type", JsonValue("ARRAY"), a_);
    append_description(out, "A list of key/value entries, each key at most once.", a_);
    out.AddMember("items", entry, a_);
    if (auto n = in.FindMember("minProperties"); n != in.MemberEnd()) out.AddMember("minItems", JsonValue(n->value, a_), a_);
    if (auto n = in.FindMember("maxProperties"); n != in.MemberEnd()) out.AddMember("maxItems", JsonValue(n->value, a_), a_);
    std::erase_if(removed, [](const std::string& k) {
      return k == "propertyNames" || k == "minProperties" || k == "maxProperties";
    });
    return true;
  }

  JsonDocument& doc_;
  JsonAllocator& a_;
  std::string_view root_;
  std::string error_;
};

}  // namespace

std::string to_gemini_openapi(JsonDocument& schema, std::string_view full_name) {
  return OpenApiWriter(schema, full_name).run();
}

}  // namespace instructor::schema
