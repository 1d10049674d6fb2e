#include "scalar_coercion.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "../json/json_text.h"
#include "../json/utf8.h"

namespace instructor::mapping {

bool read_plain_integer(std::string_view text, bool& negative, std::uint64_t& magnitude) {
  negative = !text.empty() && text[0] == '-';
  std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty() || digits.size() > 19 || (digits[0] == '0' && digits.size() > 1)) return false;
  magnitude = 0;
  for (char c : digits) {
    if (!json_text::is_digit(c)) return false;
    magnitude = magnitude * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

std::string_view trim(std::string_view text) {
  while (!text.empty() && json_text::is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && json_text::is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// A number read from JSON text: exactly, as an integer, when it is written as one.
struct Number {
  bool valid = false;
  bool is_integer_text = false;
  bool negative = false;
  std::uint64_t magnitude = 0;  // when is_integer_text and it fits
  bool magnitude_overflow = false;
  double value = 0;
};

// Whether JSON number text reads as a finite double (no overflow or underflow).
bool fits_double(std::string_view text) {
  double number = 0;
  return std::from_chars(text.data(), text.data() + text.size(), number).ec == std::errc();
}

// The common case, a plain integer, read without from_chars.
bool read_plain_number(std::string_view text, Number& n) {
  bool negative = false;
  std::uint64_t magnitude = 0;
  if (!mapping::read_plain_integer(text, negative, magnitude)) return false;
  n.valid = true;
  n.is_integer_text = true;
  n.negative = negative;
  n.magnitude = magnitude;
  n.value = negative ? -static_cast<double>(magnitude) : static_cast<double>(magnitude);
  return true;
}

Number read_number(std::string_view text) {
  Number n;
  if (read_plain_number(text, n)) return n;
  if (text == "nan" || text == "NaN") {
    n.valid = true;
    n.value = std::numeric_limits<double>::quiet_NaN();
    return n;
  }
  if (text == "inf" || text == "Infinity") {
    n.valid = true;
    n.value = std::numeric_limits<double>::infinity();
    return n;
  }
  if (text == "-inf" || text == "-Infinity") {
    n.valid = true;
    n.value = -std::numeric_limits<double>::infinity();
    return n;
  }
  // The parser's numbers are already in JSON syntax; text from a string may not be.
  std::string normalized;
  std::string_view s = text;
  if (!json_text::is_strict_number(text)) {
    bool nonstandard = false;
    std::optional<std::string> normal = json_text::normalize_number(text, nonstandard);
    if (!normal) return n;
    normalized = std::move(*normal);
    s = normalized;
  }
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n.value);
  if (ec == std::errc::result_out_of_range) {
    n.value = s[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  } else if (ec != std::errc() || end != s.data() + s.size()) {
    return n;
  }
  n.valid = true;
  n.negative = s[0] == '-';
  n.is_integer_text = s.find_first_of(".eE") == std::string_view::npos;
  if (n.is_integer_text) {
    std::string_view digits(s);
    if (n.negative) digits.remove_prefix(1);
    auto [e2, ec2] = std::from_chars(digits.data(), digits.data() + digits.size(), n.magnitude);
    n.magnitude_overflow = ec2 == std::errc::result_out_of_range;
  }
  return n;
}

struct IntegerRange {
  const char* type;
  std::int64_t min;  // as signed; uint64 uses max_unsigned
  std::uint64_t max;
};

IntegerRange range_of(const FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return {"int32", std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max()};
    case FieldDescriptor::CPPTYPE_UINT32:
      return {"uint32", 0, std::numeric_limits<std::uint32_t>::max()};
    case FieldDescriptor::CPPTYPE_INT64:
      return {"int64", std::numeric_limits<std::int64_t>::min(),
              static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())};
    default:
      return {"uint64", 0, std::numeric_limits<std::uint64_t>::max()};
  }
}

// The integer a number names, if it names one that fits the field.
Coercion to_integer(const Number& n, const Scalar& value, const FieldDescriptor* field,
                    std::int64_t& signed_out, std::uint64_t& unsigned_out, bool& from_float) {
  const IntegerRange range = range_of(field);
  // Messages are written only for a refusal: this runs for every integer in the answer.
  auto out_of_range = [&] {
    return Coercion::refused("integer.range", "must be between " + std::to_string(range.min) + " and " +
                                                  std::to_string(range.max) + " (" + range.type + "); got " +
                                                  json_text_of(value));
  };
  from_float = false;
  bool negative = n.negative;
  std::uint64_t magnitude = n.magnitude;
  if (!n.is_integer_text || n.magnitude_overflow) {
    if (!std::isfinite(n.value) || std::trunc(n.value) != n.value) {
      return Coercion::refused("type.integer", "must be an integer; got " + json_text_of(value));
    }
    if (std::fabs(n.value) >= 18446744073709551616.0) return out_of_range();
    from_float = !n.is_integer_text;
    negative = n.value < 0;
    magnitude = static_cast<std::uint64_t>(std::fabs(n.value));
  }
  if (negative && magnitude != 0) {
    const std::uint64_t min_magnitude = range.min == 0 ? 0 : static_cast<std::uint64_t>(-(range.min + 1)) + 1;
    if (magnitude > min_magnitude) return out_of_range();
    signed_out = magnitude == min_magnitude && range.min != 0 ? range.min : -static_cast<std::int64_t>(magnitude);
    unsigned_out = 0;
  } else {
    if (magnitude > range.max) return out_of_range();
    signed_out = static_cast<std::int64_t>(magnitude);
    unsigned_out = magnitude;
  }
  return Coercion::ok();
}

// Where a value goes: kept aside (captured), the field's generated setter
// when there is one, else reflection.
struct Target {
  Message* message;  // null when captured
  const Reflection* r;
  const FieldDescriptor* field;
  const detail::FieldAccess* access;
  CapturedValue* captured;

  // Captures the value or stores it through the generated setter; false
  // when reflection has to store it. `text`: value.text points at the text.
  bool hand_over(detail::FieldValue value, bool text = false) const {
    if (captured != nullptr) {
      if (text) captured->text = std::move(*value.text);  // value.text is pointed at it when used (for_setter)
      else captured->value = value;
      return true;
    }
    if (access == nullptr || access->put == nullptr) return false;
    access->put(*message, value);
    return true;
  }
};

void put_integer(const Target& target, std::int64_t s, std::uint64_t u) {
  const FieldDescriptor* field = target.field;
  const auto cpp_type = field->cpp_type();
  const bool is_signed = cpp_type == FieldDescriptor::CPPTYPE_INT32 || cpp_type == FieldDescriptor::CPPTYPE_INT64;
  if (target.hand_over(is_signed ? detail::FieldValue{.int64 = s} : detail::FieldValue{.uint64 = u})) return;
  Message& message = *target.message;
  const Reflection* r = target.r;
  const bool add = field->is_repeated();
  switch (cpp_type) {
    case FieldDescriptor::CPPTYPE_INT32:
      add ? r->AddInt32(&message, field, static_cast<std::int32_t>(s))
          : r->SetInt32(&message, field, static_cast<std::int32_t>(s));
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      add ? r->AddInt64(&message, field, s) : r->SetInt64(&message, field, s);
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      add ? r->AddUInt32(&message, field, static_cast<std::uint32_t>(u))
          : r->SetUInt32(&message, field, static_cast<std::uint32_t>(u));
      break;
    default:
      add ? r->AddUInt64(&message, field, u) : r->SetUInt64(&message, field, u);
      break;
  }
}

Coercion store_integer(const Target& target, const Scalar& value) {
  if (value.kind == Scalar::Kind::boolean) {
    return Coercion::refused("type.integer", std::string("must be an integer; got ") +
                                                 (value.boolean ? "true" : "false"));
  }
  std::string_view text = value.kind == Scalar::Kind::string ? trim(value.text) : value.text;
  Number n = read_number(text);
  if (!n.valid) return Coercion::refused("type.integer", "must be an integer; got " + json_text_of(value));
  std::int64_t s = 0;
  std::uint64_t u = 0;
  bool from_float = false;
  Coercion result = to_integer(n, value, target.field, s, u, from_float);
  if (!result.stored) return result;
  put_integer(target, s, u);
  if (value.kind == Scalar::Kind::string) return Coercion::ok(Repair::number_from_string);
  if (from_float) return Coercion::ok(Repair::integer_from_float);
  return Coercion::ok();
}

Coercion store_floating(const Target& target, const Scalar& value) {
  const FieldDescriptor* field = target.field;
  if (value.kind == Scalar::Kind::boolean) {
    return Coercion::refused("type.number", std::string("must be a number; got ") +
                                                (value.boolean ? "true" : "false"));
  }
  std::string_view text = value.kind == Scalar::Kind::string ? trim(value.text) : value.text;
  Number n = read_number(text);
  if (!n.valid) return Coercion::refused("type.number", "must be a number; got " + json_text_of(value));
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
    if (std::isfinite(n.value) && std::fabs(n.value) > std::numeric_limits<float>::max()) {
      return Coercion::refused("number.range", "must fit in a float; got " + json_text_of(value));
    }
  }
  if (!target.hand_over({.real = n.value})) {
    Message& message = *target.message;
    const Reflection* r = target.r;
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
      const auto f = static_cast<float>(n.value);
      field->is_repeated() ? r->AddFloat(&message, field, f) : r->SetFloat(&message, field, f);
    } else {
      field->is_repeated() ? r->AddDouble(&message, field, n.value) : r->SetDouble(&message, field, n.value);
    }
  }
  // "NaN" and "Infinity" are protobuf's own JSON spellings; other strings are a coercion.
  bool canonical_string = text == "NaN" || text == "Infinity" || text == "-Infinity";
  if (value.kind == Scalar::Kind::string && !canonical_string) return Coercion::ok(Repair::number_from_string);
  return Coercion::ok();
}

Coercion store_bool(const Target& target, const Scalar& value) {
  const FieldDescriptor* field = target.field;
  bool b = false;
  std::optional<Repair> repair;
  if (value.kind == Scalar::Kind::boolean) {
    b = value.boolean;
  } else if (value.kind == Scalar::Kind::string) {
    std::string_view text = trim(value.text);
    if (equals_ignoring_case(text, "true")) b = true;
    else if (equals_ignoring_case(text, "false")) b = false;
    else return Coercion::refused("type.bool", "must be true or false; got " + json_text_of(value));
    repair = Repair::bool_from_string;
  } else {
    Number n = read_number(value.text);
    if (!n.valid || (n.value != 0 && n.value != 1)) {
      return Coercion::refused("type.bool", "must be true or false; got " + std::string(value.text));
    }
    b = n.value == 1;
    repair = Repair::bool_from_number;
  }
  if (!target.hand_over({.boolean = b})) {
    field->is_repeated() ? target.r->AddBool(target.message, field, b) : target.r->SetBool(target.message, field, b);
  }
  return Coercion::ok(repair);
}

std::optional<std::string> decode_base64(std::string_view text) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+' || c == '-') v = 62;
    else if (c == '/' || c == '_') v = 63;
    else if (c == '=') break;
    else if (json_text::is_space(c)) continue;
    else return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

Coercion store_string(const Target& target, const Scalar& value) {
  const FieldDescriptor* field = target.field;
  std::string text;
  std::optional<Repair> repair;
  if (field->type() == FieldDescriptor::TYPE_BYTES) {
    if (value.kind != Scalar::Kind::string) {
      return Coercion::refused("type.bytes", "must be base64 text; got " + json_text_of(value));
    }
    std::optional<std::string> bytes = decode_base64(value.text);
    if (!bytes) return Coercion::refused("type.bytes", "must be base64 text; got " + json_text_of(value));
    text = std::move(*bytes);
  } else if (value.kind == Scalar::Kind::string) {
    text = std::string(value.text);
  } else {
    text = value.kind == Scalar::Kind::boolean ? (value.boolean ? "true" : "false") : std::string(value.text);
    repair = Repair::string_from_scalar;
  }
  if (!target.hand_over({.text = &text}, true)) {
    field->is_repeated() ? target.r->AddString(target.message, field, std::move(text))
                         : target.r->SetString(target.message, field, std::move(text));
  }
  return Coercion::ok(repair);
}

Coercion store_enum(const Target& target, const Scalar& value, FieldIndex& index) {
  const FieldDescriptor* field = target.field;
  const EnumInfo& info = index.enumeration(field->enum_type());
  const google::protobuf::EnumValueDescriptor* chosen = nullptr;
  std::optional<Repair> repair;
  if (value.kind == Scalar::Kind::string) {
    EnumMatch match = info.find(value.text);
    chosen = match.value;
    if (match.loose) repair = Repair::enum_loose_match;
  }
  if (chosen == nullptr && value.kind != Scalar::Kind::boolean) {
    // 2 or "2": the value's number.
    Number n = read_number(value.kind == Scalar::Kind::string ? trim(value.text) : value.text);
    if (n.valid && std::isfinite(n.value) && std::trunc(n.value) == n.value &&
        std::fabs(n.value) <= std::numeric_limits<std::int32_t>::max()) {
      chosen = field->enum_type()->FindValueByNumber(static_cast<int>(n.value));
      repair = Repair::enum_from_number;
    }
  }
  if (chosen == nullptr) {
    return Coercion::refused("enum.defined", "must be one of " + info.choices + "; got " + json_text_of(value));
  }
  if (!target.hand_over({.enum_number = chosen->number()})) {
    field->is_repeated() ? target.r->AddEnum(target.message, field, chosen) : target.r->SetEnum(target.message, field, chosen);
  }
  return Coercion::ok(repair);
}

// Stores (or captures) one scalar as the target field's type takes it.
Coercion store(const Target& target, const Scalar& value, FieldIndex& index) {
  switch (target.field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64: return store_integer(target, value);
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: return store_floating(target, value);
    case FieldDescriptor::CPPTYPE_BOOL: return store_bool(target, value);
    case FieldDescriptor::CPPTYPE_STRING: return store_string(target, value);
    case FieldDescriptor::CPPTYPE_ENUM: return store_enum(target, value, index);
    case FieldDescriptor::CPPTYPE_MESSAGE: break;
  }
  return Coercion::refused("type.mismatch", "must be an object; got " + json_text_of(value));
}

}  // namespace

std::string quote_json(std::string_view text) {
  return utf8::ToJsonString(text, std::numeric_limits<std::size_t>::max());
}

std::string json_text_of(const Scalar& value) {
  switch (value.kind) {
    case Scalar::Kind::string: return quote_json(value.text);
    case Scalar::Kind::boolean: return value.boolean ? "true" : "false";
    case Scalar::Kind::number:
      // Past a double's range (1e3000) many JSON readers refuse the number: then it is a string.
      if (json_text::is_strict_number(value.text) && fits_double(value.text)) return std::string(value.text);
      // NaN and the infinities have no JSON number: protobuf's JSON spells them as strings.
      if (value.text == "nan") return "\"NaN\"";
      if (value.text == "inf") return "\"Infinity\"";
      if (value.text == "-inf") return "\"-Infinity\"";
      return quote_json(value.text);
  }
  return {};
}

std::string expected_kind(const FieldDescriptor* field) {
  if (field->is_map()) return "an object";
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64: return "an integer";
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: return "a number";
    case FieldDescriptor::CPPTYPE_BOOL: return "true or false";
    case FieldDescriptor::CPPTYPE_ENUM: return "one of the enum's names";
    case FieldDescriptor::CPPTYPE_STRING: return "a string";
    case FieldDescriptor::CPPTYPE_MESSAGE: return "an object";
  }
  return "a value";
}

Coercion store_scalar(Message& message, const FieldDescriptor* field, const Scalar& value, FieldIndex& index) {
  return store_scalar(message, *message.GetReflection(), field, value, index);
}

Coercion store_scalar(Message& message, const Reflection& reflection, const FieldDescriptor* field,
                      const Scalar& value, FieldIndex& index, const detail::FieldAccess* access) {
  return store(Target{&message, &reflection, field, access, nullptr}, value, index);
}

Coercion capture_scalar(const FieldDescriptor* field, const Scalar& value, FieldIndex& index, CapturedValue& out) {
  return store(Target{nullptr, nullptr, field, nullptr, &out}, value, index);
}

}  // namespace instructor::mapping
