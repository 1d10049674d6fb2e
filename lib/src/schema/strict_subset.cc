// OpenAI strict mode (structured outputs) accepts a subset of JSON Schema:
// every property listed in "required" (optional ones nullable instead),
// "additionalProperties": false on every object, no schema without a type,
// no "$ref" next to other keywords, and a short list of keywords. Anthropic's
// structured outputs accept a similar subset with "required" as written, no
// numeric or length bounds, minItems 0 or 1 only, and no recursion. Anything
// else is refused with a 400, so it is rewritten here: kept where the subset
// can say it, moved into the description in plain words where it cannot.
#include "strict_subset.h"

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <vector>

#include "keyword_sentences.h"
#include "schema_walk.h"

namespace instructor::schema {
namespace {

// What one provider's subset accepts.
struct StrictProfile {
  std::string_view subset_name;                // for errors: "OpenAI's strict schema subset"
  std::span<const std::string_view> kept;      // keywords accepted (besides the structural ones handled apart)
  std::span<const std::string_view> formats;   // string formats accepted
  bool all_required;                           // every property required, the optional ones nullable
  std::optional<int> largest_min_items;        // minItems above it moves into the description
  bool recursion;                              // a schema may contain itself
};

constexpr std::array<std::string_view, 14> kOpenAiKept = {
    "type",    "description", "title",   "enum",          "pattern",          "minimum",  "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "items", "properties"};

constexpr std::array<std::string_view, 9> kOpenAiFormats = {"date-time", "time", "date",  "duration", "email",
                                                            "hostname",  "ipv4", "ipv6", "uuid"};

constexpr std::array<std::string_view, 8> kAnthropicKept = {"type",    "description", "title", "enum",
                                                            "pattern", "minItems",    "items", "properties"};

constexpr std::array<std::string_view, 10> kAnthropicFormats = {"date-time", "time", "date", "duration", "email",
                                                                "hostname",  "uri",  "ipv4", "ipv6",     "uuid"};

constexpr StrictProfile kOpenAiStrict{"OpenAI's strict schema subset", kOpenAiKept, kOpenAiFormats, true,
                                      std::nullopt, true};
constexpr StrictProfile kAnthropicStrict{"Anthropic's structured output schema subset", kAnthropicKept,
                                         kAnthropicFormats, false, 1, false};

bool listed(std::span<const std::string_view> list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

class StrictWriter {
 public:
  StrictWriter(JsonDocument& doc, std::string_view full_name, const StrictProfile& profile)
      : doc_(doc), a_(doc.GetAllocator()), root_name_(full_name), profile_(profile) {}

  std::string run() {
    erase_member(doc_, "$schema");
    if (!profile_.recursion) {
      std::vector<std::string> inside = {"#"};
      if (std::string at; contains_itself(doc_, std::string(root_name_), inside, at)) {
        fail(at, "a message that contains itself (a recursive schema)");
        return error_;
      }
    }
    if (auto defs = doc_.FindMember("$defs"); defs != doc_.MemberEnd()) {
      for (auto& def : defs->value.GetObject()) {
        if (!node(def.value, std::string(key_of(def.name)))) return error_;
      }
    }
    // The root's own keywords, with $defs left alone (already done).
    if (!object_schema(doc_, std::string(root_name_))) return error_;
    return {};
  }

 private:
  bool fail(const std::string& path, std::string_view what) {
    error_ = path + ": " + std::string(what) + " cannot be written in " + std::string(profile_.subset_name) +
             "; use mode TOOLS or JSON for this model";
    return false;
  }

  // True when a "$ref" below `v` leads back into a schema it is inside
  // (`inside`: the references followed so far); `at` is then the field.
  bool contains_itself(const JsonValue& v, const std::string& path, std::vector<std::string>& inside, std::string& at) {
    if (v.IsArray()) {
      for (const auto& item : v.GetArray())
        if (contains_itself(item, path, inside, at)) return true;
      return false;
    }
    if (!v.IsObject()) return false;
    if (std::string target(string_member(v, "$ref")); !target.empty()) {
      if (std::find(inside.begin(), inside.end(), target) != inside.end()) {
        at = path;
        return true;
      }
      const JsonValue* def = target == "#" ? &doc_ : definition(target.substr(std::min(target.size(), std::size_t{8})));
      if (def == nullptr) return false;
      inside.push_back(target);
      const bool found = contains_itself(*def, path, inside, at);
      inside.pop_back();
      if (found) return true;
    }
    for (const auto& member : v.GetObject()) {
      const std::string_view keyword = key_of(member.name);
      if (keyword == "$defs" || keyword == "$ref") continue;
      if (keyword == "properties" && member.value.IsObject()) {
        for (const auto& property : member.value.GetObject())
          if (contains_itself(property.value, path + "." + std::string(key_of(property.name)), inside, at)) return true;
      } else if (contains_itself(member.value, keyword == "items" ? path + "[]" : path, inside, at)) {
        return true;
      }
    }
    return false;
  }

  // Any schema node.
  bool node(JsonValue& v, const std::string& path) {
    if (!v.IsObject()) return true;
    if (v.HasMember("$ref")) return reference(v, path);
    if (auto any = v.FindMember("anyOf"); any != v.MemberEnd()) {
      for (auto& option : any->value.GetArray())
        if (!node(option, path)) return false;
      return true;
    }
    if (!v.HasMember("type") && !v.HasMember("enum") && !v.HasMember("const")) {
      return fail(path, "a value of any type (google.protobuf.Value)");
    }
    if (has_type(v, "object")) {
      if (v.HasMember("properties")) return object_schema(v, path);
      auto extra = v.FindMember("additionalProperties");
      if (extra != v.MemberEnd() && extra->value.IsObject()) return map_schema(v, path);
      return fail(path, "a free-form object (google.protobuf.Struct)");
    }
    if (has_type(v, "array")) {
      auto items = v.FindMember("items");
      if (items == v.MemberEnd()) return fail(path, "a list of any values (google.protobuf.ListValue)");
      if (!node(items->value, path + "[]")) return false;
    }
    rewrite_keywords(v);
    return true;
  }

  // A "$ref", alone or (where strict mode refuses it) with siblings.
  bool reference(JsonValue& v, const std::string& path) {
    if (v.MemberCount() == 1) return true;
    std::string target(string_member(v, "$ref"));
    const std::string prefix = "#/$defs/";
    if (target.rfind(prefix, 0) != 0 || std::find(inlining_.begin(), inlining_.end(), target) != inlining_.end()) {
      // The root itself, or a definition already being inlined: the reference stays alone.
      JsonValue ref(v["$ref"], a_);
      v.SetObject();
      v.AddMember("$ref", ref, a_);
      return true;
    }
    const JsonValue* def = definition(target.substr(prefix.size()));
    if (def == nullptr) return fail(path, "a reference to a missing definition " + target);
    JsonValue merged(*def, a_);
    for (auto& member : v.GetObject()) {
      if (key_of(member.name) == "$ref") continue;
      set_member(merged, key_of(member.name), JsonValue(member.value, a_), a_);
    }
    v = merged;
    inlining_.push_back(target);
    bool ok = node(v, path);
    inlining_.pop_back();
    return ok;
  }

  const JsonValue* definition(const std::string& name) const {
    auto defs = doc_.FindMember("$defs");
    if (defs == doc_.MemberEnd()) return nullptr;
    auto it = defs->value.FindMember(name.c_str());
    return it == defs->value.MemberEnd() ? nullptr : &it->value;
  }

  // A message: every property required, the optional ones nullable.
  bool object_schema(JsonValue& v, const std::string& path) {
    std::vector<std::string> required;
    if (auto it = v.FindMember("required"); it != v.MemberEnd()) {
      for (const auto& name : it->value.GetArray()) required.emplace_back(key_of(name));
    }
    JsonValue all(rapidjson::kArrayType);
    for (auto& property : v["properties"].GetObject()) {
      std::string name(key_of(property.name));
      if (!node(property.value, path + "." + name)) return false;
      if (!profile_.all_required) continue;
      if (std::find(required.begin(), required.end(), name) == required.end()) make_nullable(property.value);
      all.PushBack(json_string(name, a_), a_);
    }
    if (profile_.all_required) set_member(v, "required", std::move(all), a_);
    set_member(v, "additionalProperties", JsonValue(false), a_);
    rewrite_keywords(v);
    return true;
  }

  // A map: a list of {"key", "value"} entries (strict mode has no free keys).
  bool map_schema(JsonValue& v, const std::string& path) {
    JsonValue key(rapidjson::kObjectType);
    key.AddMember("type", "string", a_);
    if (auto names = v.FindMember("propertyNames"); names != v.MemberEnd()) {
      for (auto& rule : names->value.GetObject()) key.AddMember(JsonValue(rule.name, a_), JsonValue(rule.value, a_), a_);
    }
    JsonValue value(v["additionalProperties"], a_);
    if (!node(key, path + "{key}") || !node(value, path + "{}")) return false;

    JsonValue entry(rapidjson::kObjectType);
    entry.AddMember("type", "object", a_);
    JsonValue properties(rapidjson::kObjectType);
    properties.AddMember("key", key, a_);
    properties.AddMember("value", value, a_);
    entry.AddMember("properties", properties, a_);
    JsonValue required(rapidjson::kArrayType);
    required.PushBack("key", a_).PushBack("value", a_);
    entry.AddMember("required", required, a_);
    entry.AddMember("additionalProperties", false, a_);

    JsonValue list(rapidjson::kObjectType);
    if (auto d = v.FindMember("description"); d != v.MemberEnd()) list.AddMember("description", JsonValue(d->value, a_), a_);
    append_description(list, "A list of key/value entries, each key at most once.", a_);
    list.AddMember("type", "array", a_);
    list.AddMember("items", entry, a_);
    if (auto n = v.FindMember("minProperties"); n != v.MemberEnd()) list.AddMember("minItems", JsonValue(n->value, a_), a_);
    if (auto n = v.FindMember("maxProperties"); n != v.MemberEnd()) list.AddMember("maxItems", JsonValue(n->value, a_), a_);
    v = list;
    return true;
  }

  // Keeps the keywords strict mode accepts; turns the rest into sentences.
  void rewrite_keywords(JsonValue& v) {
    if (auto c = v.FindMember("const"); c != v.MemberEnd()) {
      JsonValue one(rapidjson::kArrayType);
      one.PushBack(JsonValue(c->value, a_), a_);
      c->name = json_string("enum", a_);
      c->value = one;
    }
    std::vector<std::string> sentences;
    std::vector<std::string> removed;
    for (auto& member : v.GetObject()) {
      std::string_view keyword = key_of(member.name);
      if (keyword == "additionalProperties" || keyword == "required" || keyword == "$defs") continue;
      if (keyword == "minItems" && profile_.largest_min_items && member.value.IsNumber() &&
          member.value.GetDouble() > *profile_.largest_min_items) {
        removed.emplace_back(keyword);
        continue;
      }
      if (listed(profile_.kept, keyword)) continue;
      if (keyword == "format" && member.value.IsString() && listed(profile_.formats, key_of(member.value))) continue;
      removed.emplace_back(keyword);
    }
    if (removed.empty()) return;
    for (const std::string& sentence : keyword_sentences(v, removed)) sentences.push_back(sentence);
    for (const std::string& keyword : removed) erase_member(v, keyword);
    for (const std::string& sentence : sentences) append_description(v, sentence, a_);
  }

  // Lets null stand for "not given".
  void make_nullable(JsonValue& v) {
    if (v.HasMember("$ref") || v.HasMember("anyOf")) {
      if (auto any = v.FindMember("anyOf"); any != v.MemberEnd()) {
        JsonValue null_type(rapidjson::kObjectType);
        null_type.AddMember("type", "null", a_);
        any->value.PushBack(null_type, a_);
        return;
      }
      JsonValue options(rapidjson::kArrayType);
      JsonValue ref(rapidjson::kObjectType);
      ref.AddMember("$ref", JsonValue(v["$ref"], a_), a_);
      options.PushBack(ref, a_);
      JsonValue null_type(rapidjson::kObjectType);
      null_type.AddMember("type", "null", a_);
      options.PushBack(null_type, a_);
      auto ref_member = v.FindMember("$ref");
      ref_member->name = json_string("anyOf", a_);
      ref_member->value = options;
      return;
    }
    if (auto type = v.FindMember("type"); type != v.MemberEnd()) {
      if (type->value.IsString()) {
        JsonValue types(rapidjson::kArrayType);
        types.PushBack(JsonValue(type->value, a_), a_).PushBack("null", a_);
        type->value = types;
      } else if (type->value.IsArray() && !has_type(v, "null")) {
        type->value.PushBack("null", a_);
      }
    }
    if (auto e = v.FindMember("enum"); e != v.MemberEnd()) {
      bool has_null = std::any_of(e->value.Begin(), e->value.End(), [](const JsonValue& x) { return x.IsNull(); });
      if (!has_null) e->value.PushBack(JsonValue(), a_);
    }
  }

  JsonDocument& doc_;
  JsonAllocator& a_;
  std::string_view root_name_;
  const StrictProfile& profile_;
  std::vector<std::string> inlining_;  // definitions being inlined, innermost last
  std::string error_;
};

}  // namespace

std::string to_openai_strict(JsonDocument& schema, std::string_view full_name) {
  return StrictWriter(schema, full_name, kOpenAiStrict).run();
}

std::string to_anthropic_strict(JsonDocument& schema, std::string_view full_name) {
  return StrictWriter(schema, full_name, kAnthropicStrict).run();
}

}  // namespace instructor::schema
