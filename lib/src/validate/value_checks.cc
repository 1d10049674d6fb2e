// Checks of numbers, bytes, enums, and the sizes and uniqueness of lists and maps.
#include <map>
#include <string>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "instructor/validation_checks.h"

namespace instructor::check {
namespace {

using detail::Fail;
using detail::JsonNumber;
using detail::Plural;

std::string_view NameOf(int value, std::span<const EnumName> offered) {
  for (const EnumName& name : offered) {
    if (name.number == value) return name.name;
  }
  return {};
}

// An enum value as JSON: its word, or its number when it has none.
std::string EnumJson(int value, std::span<const EnumName> offered) {
  const std::string_view name = NameOf(value, offered);
  return name.empty() ? std::to_string(value) : detail::JsonString(name);
}

std::string EnumNames(std::initializer_list<int> numbers, std::span<const EnumName> offered) {
  std::string names;
  for (int number : numbers) {
    if (!names.empty()) names += ", ";
    names += NameOf(number, offered);
  }
  return names;
}

// "must be greater than 0; got NaN", with "\"NaN\"" as the value.
void FailNumber(ValidationContext& context, std::string_view rule, std::string requirement, double value) {
  Fail(context, rule, std::move(requirement), detail::NumberText(value), JsonNumber(value));
}

}  // namespace

std::string IntegerList(std::initializer_list<int64_t> values) {
  std::string list;
  for (int64_t value : values) {
    if (!list.empty()) list += ", ";
    list += std::to_string(value);
  }
  return list;
}

void NumberGt(ValidationContext& context, double value, double bound) {
  if (!(value > bound)) FailNumber(context, "number.gt", "must be greater than " + detail::NumberText(bound), value);
}

void NumberGte(ValidationContext& context, double value, double bound) {
  if (!(value >= bound)) FailNumber(context, "number.gte", "must be at least " + detail::NumberText(bound), value);
}

void NumberLt(ValidationContext& context, double value, double bound) {
  if (!(value < bound)) FailNumber(context, "number.lt", "must be less than " + detail::NumberText(bound), value);
}

void NumberLte(ValidationContext& context, double value, double bound) {
  if (!(value <= bound)) FailNumber(context, "number.lte", "must be at most " + detail::NumberText(bound), value);
}

void NumberFinite(ValidationContext& context, double value) {
  if (!std::isfinite(value)) FailNumber(context, "number.finite", "must be a finite number", value);
}

void BytesMinLen(ValidationContext& context, std::string_view value, uint64_t min) {
  if (value.size() < min) {
    Fail(context, "bytes.min_len", "must be at least " + Plural(min, "byte", "bytes"),
         Plural(value.size(), "byte", "bytes"), detail::JsonBytes(value));
  }
}

void BytesMaxLen(ValidationContext& context, std::string_view value, uint64_t max) {
  if (value.size() > max) {
    Fail(context, "bytes.max_len", "must be at most " + Plural(max, "byte", "bytes"),
         Plural(value.size(), "byte", "bytes"), detail::JsonBytes(value));
  }
}

bool EnumDefined(ValidationContext& context, int value, std::span<const EnumName> offered) {
  if (!NameOf(value, offered).empty()) return true;
  std::string names;
  for (const EnumName& name : offered) names += (names.empty() ? "" : ", ") + std::string(name.name);
  Fail(context, "enum.defined", "must be one of " + names, std::to_string(value));
  return false;
}

void EnumIn(ValidationContext& context, int value, std::initializer_list<int> allowed,
            std::span<const EnumName> offered) {
  for (int number : allowed) {
    if (number == value) return;
  }
  Fail(context, "enum.in", "must be one of " + EnumNames(allowed, offered), EnumJson(value, offered));
}

void EnumNotIn(ValidationContext& context, int value, std::initializer_list<int> refused,
               std::span<const EnumName> offered) {
  for (int number : refused) {
    if (number == value) {
      Fail(context, "enum.not_in", "must not be any of " + EnumNames(refused, offered), EnumJson(value, offered));
      return;
    }
  }
}

void MinItems(ValidationContext& context, int size, uint64_t min) {
  if (static_cast<uint64_t>(size) < min) {
    context.report("repeated.min_items",
                   "must have at least " + Plural(min, "item", "items") + "; got " + std::to_string(size));
  }
}

void MaxItems(ValidationContext& context, int size, uint64_t max) {
  if (static_cast<uint64_t>(size) > max) {
    context.report("repeated.max_items",
                   "must have at most " + Plural(max, "item", "items") + "; got " + std::to_string(size));
  }
}

void MinPairs(ValidationContext& context, int size, uint64_t min) {
  if (static_cast<uint64_t>(size) < min) {
    context.report("map.min_pairs", "must have at least " + Plural(min, "entry", "entries") + "; got " +
                                        std::to_string(size));
  }
}

void MaxPairs(ValidationContext& context, int size, uint64_t max) {
  if (static_cast<uint64_t>(size) > max) {
    context.report("map.max_pairs", "must have at most " + Plural(max, "entry", "entries") + "; got " +
                                        std::to_string(size));
  }
}

void UniqueItems(ValidationContext& context, const google::protobuf::RepeatedPtrField<std::string>& items) {
  std::map<std::string_view, int> first_seen;
  for (int i = 0; i < items.size(); ++i) {
    const auto [seen, inserted] = first_seen.emplace(items[i], i);
    if (inserted) continue;
    const auto at = context.index(i);
    detail::FailDuplicate(context, seen->second, detail::JsonString(items[i]));
  }
}

// Messages are equal when their deterministic serializations are.
void UniqueMessages(ValidationContext& context, std::span<const google::protobuf::Message* const> items) {
  std::map<std::string, int> first_seen;
  for (int i = 0; i < static_cast<int>(items.size()); ++i) {
    std::string bytes;
    {
      google::protobuf::io::StringOutputStream stream(&bytes);
      google::protobuf::io::CodedOutputStream output(&stream);
      output.SetSerializationDeterministic(true);
      items[i]->SerializeToCodedStream(&output);
    }
    const auto [seen, inserted] = first_seen.emplace(std::move(bytes), i);
    if (inserted) continue;
    const auto at = context.index(i);
    detail::FailDuplicate(context, seen->second, "");
  }
}

}  // namespace instructor::check
