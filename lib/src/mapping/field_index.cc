#include "field_index.h"

#include <cctype>
#include <cstdint>
#include <mutex>
#include <shared_mutex>

#include "instructor/options.pb.h"

namespace instructor::mapping {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;

MessageShape shape_of(const Descriptor* descriptor) {
  const std::string& name = descriptor->full_name();
  if (name.rfind("google.protobuf.", 0) != 0) return MessageShape::plain;
  std::string_view type = std::string_view(name).substr(16);
  if (type == "Value") return MessageShape::value;
  if (type == "Struct") return MessageShape::struct_;
  if (type == "ListValue") return MessageShape::list_value;
  if (type == "Timestamp") return MessageShape::timestamp;
  if (type == "Duration") return MessageShape::duration;
  if (type == "FieldMask") return MessageShape::field_mask;
  if (type == "DoubleValue" || type == "FloatValue" || type == "Int64Value" || type == "UInt64Value" ||
      type == "Int32Value" || type == "UInt32Value" || type == "BoolValue" || type == "StringValue" ||
      type == "BytesValue") {
    return MessageShape::wrapper;
  }
  return MessageShape::plain;
}

// The zero value named *_UNSPECIFIED or *_UNKNOWN: protobuf's "not set",
// which the schema does not offer (the same rule as compiler/enum_values.cc).
bool is_unset_placeholder(const google::protobuf::EnumValueDescriptor* value) {
  const std::string_view name = value->name();
  return value->number() == 0 && (name == "UNSPECIFIED" || name == "UNKNOWN" || name.ends_with("_UNSPECIFIED") ||
                                  name.ends_with("_UNKNOWN"));
}

// "PRIORITY_" for enum Priority: the prefix protobuf style puts on values.
std::string enum_prefix(const EnumDescriptor* descriptor) {
  std::string prefix;
  const std::string& name = descriptor->name();
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (i > 0 && std::isupper(static_cast<unsigned char>(c)) &&
        !std::isupper(static_cast<unsigned char>(name[i - 1]))) {
      prefix += '_';
    }
    prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  prefix += '_';
  return prefix;
}

}  // namespace

std::string loose_form(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '_' || c == '-' || c == ' ' || c == '.') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool is_parsed(const FieldDescriptor* field) {
  return !field->options().GetExtension(instructor::field).skip();
}

ValueLane lane_of(const FieldDescriptor* field) {
  if (field->real_containing_oneof() != nullptr || field->is_map()) return ValueLane::none;
  switch (field->type()) {
    case FieldDescriptor::TYPE_STRING: return ValueLane::text;
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_SINT32:
    case FieldDescriptor::TYPE_SFIXED32: return ValueLane::int32;
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_SINT64:
    case FieldDescriptor::TYPE_SFIXED64: return ValueLane::int64;
    case FieldDescriptor::TYPE_UINT32:
    case FieldDescriptor::TYPE_FIXED32: return ValueLane::uint32;
    case FieldDescriptor::TYPE_UINT64:
    case FieldDescriptor::TYPE_FIXED64: return ValueLane::uint64;
    case FieldDescriptor::TYPE_DOUBLE: return ValueLane::real;
    case FieldDescriptor::TYPE_BOOL: return ValueLane::boolean;
    case FieldDescriptor::TYPE_ENUM: return ValueLane::enumeration;
    default: return ValueLane::none;
  }
}

FieldMatch MessageInfo::find(std::string_view key) const {
  if (field_of_key != nullptr) {
    if (const int index = field_of_key(key); index >= 0) return {descriptor->field(index), false};
  } else if (const auto* field = exact.find(key)) {
    return {*field, false};
  }
  if (const auto* field = loose.find(loose_form(key))) return {*field, true};
  return {};
}

EnumMatch EnumInfo::find(std::string_view word) const {
  std::string_view text = word;
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  const bool trimmed = text.size() != word.size();
  if (const auto* value = exact.find(text)) return {*value, trimmed};
  if (const auto* value = loose.find(loose_form(text))) return {*value, true};
  return {};
}

namespace {

std::unique_ptr<MessageInfo> build_message_info(const Descriptor* descriptor) {
  auto info = std::make_unique<MessageInfo>();
  info->shape = shape_of(descriptor);
  int parsed = 0;
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    if (!is_parsed(field)) continue;
    ++parsed;
    info->single_field = field;
    info->exact.insert(field->name(), field);
    info->exact.insert(field->json_name(), field);
    info->loose.insert(loose_form(field->name()), field);
  }
  if (parsed != 1) info->single_field = nullptr;
  // Registered by the generated code of this very type (not of a namesake in another pool).
  const detail::MessageAccess* access = detail::find_field_access(descriptor->full_name());
  if (access != nullptr && access->field_count == descriptor->field_count() &&
      access->prototype().GetDescriptor() == descriptor) {
    info->access = access->fields;
    info->access_reflection = access->prototype().GetReflection();
    info->field_of_key = access->field_of_key;
    info->descriptor = descriptor;
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const FieldDescriptor* field = descriptor->field(i);
      info->lanes.push_back(access->fields[i].put != nullptr && is_parsed(field) ? lane_of(field) : ValueLane::none);
    }
  }
  return info;
}

std::unique_ptr<EnumInfo> build_enum_info(const EnumDescriptor* descriptor) {
  auto info = std::make_unique<EnumInfo>();
  const std::string prefix = enum_prefix(descriptor);
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const auto* value = descriptor->value(i);
    const auto& options = value->options().GetExtension(instructor::enum_value);
    info->exact.insert(value->name(), value);
    std::string shown = value->name();
    if (options.has_name()) {
      info->exact.insert(options.name(), value);
      info->loose.insert(loose_form(options.name()), value);
      shown = options.name();
    }
    info->loose.insert(loose_form(value->name()), value);
    if (value->name().rfind(prefix, 0) == 0 && value->name().size() > prefix.size()) {
      info->loose.insert(loose_form(value->name().substr(prefix.size())), value);
    }
    for (const std::string& alias : options.aliases()) info->loose.insert(loose_form(alias), value);
    if (is_unset_placeholder(value)) continue;
    if (!info->choices.empty()) info->choices += ", ";
    info->choices += shown;
  }
  return info;
}

// Tables of generated types, built once and never freed (like the descriptors).
template <typename Descriptor_, typename Info>
class SharedTables {
 public:
  template <typename Build>
  const Info& get(const Descriptor_* descriptor, Build build) {
    {
      std::shared_lock lock(mutex_);
      if (auto it = tables_.find(descriptor); it != tables_.end()) return *it->second;
    }
    std::unique_ptr<Info> info = build(descriptor);
    std::unique_lock lock(mutex_);
    auto [it, inserted] = tables_.emplace(descriptor, std::move(info));
    return *it->second;
  }

 private:
  std::shared_mutex mutex_;
  std::unordered_map<const Descriptor_*, std::unique_ptr<Info>> tables_;
};

template <typename Descriptor_>
bool is_generated(const Descriptor_* descriptor) {
  return descriptor->file()->pool() == google::protobuf::DescriptorPool::generated_pool();
}

// The table of `descriptor` from `tables`, built (or taken from the
// process-wide `shared` tables, for a generated type) the first time.
template <typename Tables, typename Descriptor_, typename Shared, typename Build>
const auto& table_of(Tables& tables, const Descriptor_* descriptor, Shared& shared, Build build) {
  auto& recent = tables.recent[(reinterpret_cast<std::uintptr_t>(descriptor) >> 4) % tables.recent.size()];
  if (recent.descriptor == descriptor) return *recent.info;
  auto& slot = tables.known[descriptor];
  if (slot == nullptr) {
    slot = is_generated(descriptor) ? &shared.get(descriptor, build)
                                    : tables.own.emplace_back(build(descriptor)).get();
  }
  recent = {descriptor, slot};
  return *slot;
}

}  // namespace

const MessageInfo& FieldIndex::message(const Descriptor* descriptor) {
  static auto* shared = new SharedTables<Descriptor, MessageInfo>;
  return table_of(messages_, descriptor, *shared, build_message_info);
}

const EnumInfo& FieldIndex::enumeration(const EnumDescriptor* descriptor) {
  static auto* shared = new SharedTables<EnumDescriptor, EnumInfo>;
  return table_of(enums_, descriptor, *shared, build_enum_info);
}

}  // namespace instructor::mapping
