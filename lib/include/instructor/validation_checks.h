// The checks generated validators call, one per rule of options.proto. Each
// reports at the context's current path and returns nothing, except where a
// later check depends on it (UTF-8, enum definedness). Comparisons are inline;
// building a violation's text happens only when a check fails.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <google/protobuf/message.h>
#include <google/protobuf/repeated_field.h>

#include "instructor/validation_context.h"

namespace instructor::check {

namespace detail {
// Reports "<requirement>; got <value>" with `value_json` as the offending value.
[[gnu::cold]] void Fail(ValidationContext& context, std::string_view rule, std::string requirement,
                        std::string value_json);
// Reports "<requirement>; got <shown>" with `value_json` as the offending value.
[[gnu::cold]] void Fail(ValidationContext& context, std::string_view rule, std::string requirement,
                        std::string_view shown, std::string value_json);
// `value` as a JSON string literal (long values are cut, saying so).
std::string JsonString(std::string_view value);
// A number as JSON: NaN and the infinities, which JSON has no numbers for, as "NaN", "Infinity", "-Infinity".
std::string JsonNumber(double value);
// A number for a message: NaN, Infinity, -Infinity as plain words.
std::string NumberText(double value);
// Bytes as JSON: their base64 text (as protobuf's JSON writes bytes), a JSON string.
std::string JsonBytes(std::string_view bytes);
template <typename Int>
std::string JsonInteger(Int value) {
  return std::to_string(value);
}
template <typename Scalar>
std::string JsonScalar(Scalar value) {
  if constexpr (std::is_same_v<Scalar, bool>) return value ? "true" : "false";
  else if constexpr (std::is_floating_point_v<Scalar>) return JsonNumber(value);
  else return std::to_string(value);
}
// Reports repeated.unique for the item at the current path, a repeat of item `earlier`.
[[gnu::cold]] void FailDuplicate(ValidationContext& context, int earlier, std::string value_json);
std::string Plural(uint64_t count, std::string_view one, std::string_view many);
}  // namespace detail

// ---- strings (lengths count Unicode code points) ----

// Reports string.utf8 and returns false when `value` is not valid UTF-8.
bool Utf8(ValidationContext& context, std::string_view value);
// Code points in valid UTF-8.
uint64_t CodePoints(std::string_view value);

void StringMinLen(ValidationContext& context, std::string_view value, uint64_t length, uint64_t min);
void StringMaxLen(ValidationContext& context, std::string_view value, uint64_t length, uint64_t max);
void StringLen(ValidationContext& context, std::string_view value, uint64_t length, uint64_t exact);

// A regular expression compiled once (RE2 syntax; unanchored search like JSON Schema's `pattern`).
class Pattern {
 public:
  explicit Pattern(std::string_view pattern);
  ~Pattern();
  bool matches(std::string_view value) const;
  std::string_view text() const { return text_; }

 private:
  struct Compiled;
  std::string text_;
  std::unique_ptr<Compiled> compiled_;
};

void StringPattern(ValidationContext& context, std::string_view value, const Pattern& pattern);
void StringPrefix(ValidationContext& context, std::string_view value, std::string_view prefix);
void StringSuffix(ValidationContext& context, std::string_view value, std::string_view suffix);
void StringContains(ValidationContext& context, std::string_view value, std::string_view part);
void StringNotContains(ValidationContext& context, std::string_view value, std::string_view part);
void StringIn(ValidationContext& context, std::string_view value, std::initializer_list<std::string_view> allowed);
void StringNotIn(ValidationContext& context, std::string_view value, std::initializer_list<std::string_view> refused);
void StringConst(ValidationContext& context, std::string_view value, std::string_view expected);

enum class Format { kEmail, kHostname, kUri, kUuid, kIpv4, kIpv6, kDate, kDateTime, kTime };
// Reports string.<format> ("string.email", ...) when `value` does not have `format`.
void StringFormat(ValidationContext& context, std::string_view value, Format format);
// Whether `value` has `format` (exposed for tests and custom validators).
bool HasFormat(std::string_view value, Format format);

// ---- integers (any integer field kind against int64 bounds) ----

template <typename Int>
void IntegerGt(ValidationContext& context, Int value, int64_t bound) {
  if (!std::cmp_greater(value, bound))
    detail::Fail(context, "integer.gt", "must be greater than " + std::to_string(bound), detail::JsonInteger(value));
}
template <typename Int>
void IntegerGte(ValidationContext& context, Int value, int64_t bound) {
  if (std::cmp_less(value, bound))
    detail::Fail(context, "integer.gte", "must be at least " + std::to_string(bound), detail::JsonInteger(value));
}
template <typename Int>
void IntegerLt(ValidationContext& context, Int value, int64_t bound) {
  if (!std::cmp_less(value, bound))
    detail::Fail(context, "integer.lt", "must be less than " + std::to_string(bound), detail::JsonInteger(value));
}
template <typename Int>
void IntegerLte(ValidationContext& context, Int value, int64_t bound) {
  if (std::cmp_greater(value, bound))
    detail::Fail(context, "integer.lte", "must be at most " + std::to_string(bound), detail::JsonInteger(value));
}
template <typename Int>
void IntegerConst(ValidationContext& context, Int value, int64_t expected) {
  if (!std::cmp_equal(value, expected))
    detail::Fail(context, "integer.const", "must be " + std::to_string(expected), detail::JsonInteger(value));
}
std::string IntegerList(std::initializer_list<int64_t> values);
template <typename Int>
void IntegerIn(ValidationContext& context, Int value, std::initializer_list<int64_t> allowed) {
  for (int64_t candidate : allowed) {
    if (std::cmp_equal(value, candidate)) return;
  }
  detail::Fail(context, "integer.in", "must be one of " + IntegerList(allowed), detail::JsonInteger(value));
}
template <typename Int>
void IntegerNotIn(ValidationContext& context, Int value, std::initializer_list<int64_t> refused) {
  for (int64_t candidate : refused) {
    if (std::cmp_equal(value, candidate)) {
      detail::Fail(context, "integer.not_in", "must not be any of " + IntegerList(refused), detail::JsonInteger(value));
      return;
    }
  }
}

// ---- numbers (float and double; NaN fails every bound) ----

void NumberGt(ValidationContext& context, double value, double bound);
void NumberGte(ValidationContext& context, double value, double bound);
void NumberLt(ValidationContext& context, double value, double bound);
void NumberLte(ValidationContext& context, double value, double bound);
void NumberFinite(ValidationContext& context, double value);

// ---- bytes (lengths count bytes) ----

void BytesMinLen(ValidationContext& context, std::string_view value, uint64_t min);
void BytesMaxLen(ValidationContext& context, std::string_view value, uint64_t max);

// ---- enums ----

// One value the model may write: its number and its word.
struct EnumName {
  int number;
  std::string_view name;
};
// Reports enum.defined and returns false when `value` is none of `offered`.
bool EnumDefined(ValidationContext& context, int value, std::span<const EnumName> offered);
void EnumIn(ValidationContext& context, int value, std::initializer_list<int> allowed,
            std::span<const EnumName> offered);
void EnumNotIn(ValidationContext& context, int value, std::initializer_list<int> refused,
               std::span<const EnumName> offered);

// ---- repeated fields and maps ----

void MinItems(ValidationContext& context, int size, uint64_t min);
void MaxItems(ValidationContext& context, int size, uint64_t max);
void MinPairs(ValidationContext& context, int size, uint64_t min);
void MaxPairs(ValidationContext& context, int size, uint64_t max);

// Reports repeated.unique at each item that equals an earlier one.
void UniqueItems(ValidationContext& context, const google::protobuf::RepeatedPtrField<std::string>& items);
void UniqueMessages(ValidationContext& context, std::span<const google::protobuf::Message* const> items);
template <typename Scalar>
void UniqueItems(ValidationContext& context, const google::protobuf::RepeatedField<Scalar>& items) {
  for (int i = 1; i < items.size(); ++i) {
    for (int j = 0; j < i; ++j) {
      // Same bits, so two NaNs are equal and 0.0 differs from -0.0 as JSON would print them.
      if (std::memcmp(&items[i], &items[j], sizeof(Scalar)) == 0) {
        const auto at = context.index(i);
        detail::FailDuplicate(context, j, detail::JsonScalar(items[i]));
        break;
      }
    }
  }
}
template <typename Message>
void UniqueItems(ValidationContext& context, const google::protobuf::RepeatedPtrField<Message>& items) {
  std::vector<const google::protobuf::Message*> pointers;
  pointers.reserve(items.size());
  for (const Message& item : items) pointers.push_back(&item);
  UniqueMessages(context, pointers);
}

// A key or value of a map entry, read through reflection as type T.
template <typename T>
decltype(auto) ReadEntryField(const google::protobuf::Message& entry, const google::protobuf::FieldDescriptor* f) {
  const auto* reflection = entry.GetReflection();
  if constexpr (std::is_base_of_v<google::protobuf::Message, T>) {
    return static_cast<const T&>(reflection->GetMessage(entry, f));
  } else if constexpr (std::is_same_v<T, std::string>) {
    return reflection->GetString(entry, f);
  } else if constexpr (std::is_same_v<T, bool>) {
    return reflection->GetBool(entry, f);
  } else if constexpr (std::is_same_v<T, double>) {
    return reflection->GetDouble(entry, f);
  } else if constexpr (std::is_same_v<T, float>) {
    return reflection->GetFloat(entry, f);
  } else if constexpr (std::is_enum_v<T>) {
    return reflection->GetEnumValue(entry, f);
  } else if constexpr (std::is_same_v<T, int32_t>) {
    return reflection->GetInt32(entry, f);
  } else if constexpr (std::is_same_v<T, int64_t>) {
    return reflection->GetInt64(entry, f);
  } else if constexpr (std::is_same_v<T, uint32_t>) {
    return reflection->GetUInt32(entry, f);
  } else {
    static_assert(std::is_same_v<T, uint64_t>);
    return reflection->GetUInt64(entry, f);
  }
}

// Calls visit(key, value) for each entry of the map field `field_number` of
// `msg`, in the order of their keys: a map's own order follows its hash,
// which protobuf seeds differently on each run. It walks the map's entries
// as reflection stores them, where the JSON mapper recorded presence for
// message values.
template <typename Key, typename Value, typename Visit>
void ForEachMapEntry(const google::protobuf::Message& msg, int field_number, Visit visit) {
  const auto* map_field = msg.GetDescriptor()->FindFieldByNumber(field_number);
  const auto* reflection = msg.GetReflection();
  const int size = reflection->FieldSize(msg, map_field);
  std::vector<std::pair<Key, const google::protobuf::Message*>> by_key;
  by_key.reserve(static_cast<std::size_t>(size));
  for (int i = 0; i < size; ++i) {
    const google::protobuf::Message& entry = reflection->GetRepeatedMessage(msg, map_field, i);
    by_key.emplace_back(ReadEntryField<Key>(entry, entry.GetDescriptor()->map_key()), &entry);
  }
  std::sort(by_key.begin(), by_key.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [key, entry] : by_key) visit(key, ReadEntryField<Value>(*entry, entry->GetDescriptor()->map_value()));
}

}  // namespace instructor::check
