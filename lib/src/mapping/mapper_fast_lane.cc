// The mapper's common case, taken without its general path: a plain JSON
// value of the field's own type (a string for a string field, an integer
// that fits for an integer field, a number for a double, true or false for
// a bool, an enum's word as declared) into a field of a generated class:
// a keyed value, a list item or a map pair's value. It keeps the same
// records as the general path; anything else (coercions, repairs,
// refusals, oneofs) goes the general way.
#include <charconv>
#include <cstdint>
#include <limits>
#include <string>

#include "../json/json_text.h"
#include "message_mapper.h"

namespace instructor::mapping {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

namespace {

// An integer of the parser's plain form that fits the lane's type, or false.
bool integer_in_lane(ValueLane lane, std::string_view text, detail::FieldValue& out) {
  bool negative = false;
  std::uint64_t magnitude = 0;
  if (!read_plain_integer(text, negative, magnitude)) return false;
  switch (lane) {
    case ValueLane::int32:
      if (magnitude > (negative ? std::uint64_t{1} << 31 : (std::uint64_t{1} << 31) - 1)) return false;
      break;
    case ValueLane::int64:
      if (magnitude > (negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1)) return false;
      break;
    case ValueLane::uint32:
      if (negative || magnitude > std::numeric_limits<std::uint32_t>::max()) return false;
      break;
    default:
      if (negative) return false;
      break;
  }
  if (lane == ValueLane::uint32 || lane == ValueLane::uint64) out.uint64 = magnitude;
  else out.int64 = negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
  return true;
}

// A strict JSON number that reads as a finite double, or false.
bool real_in_lane(std::string_view text, detail::FieldValue& out) {
  if (!json_text::is_strict_number(text)) return false;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return false;
  out.real = value;
  return true;
}

}  // namespace

// `value` as the lane's type, when it is the lane's own kind and fits (an
// enum: one of its words as declared); a string's text goes to `out.text`.
bool MessageMapper::value_in_lane(ValueLane lane, const FieldDescriptor* field, const Scalar& value,
                                  CapturedValue& out) {
  switch (lane) {
    case ValueLane::none:
      return false;
    case ValueLane::enumeration: {
      if (value.kind != Scalar::Kind::string) return false;
      const EnumMatch match = index_.enumeration(field->enum_type()).find(value.text);
      if (match.value == nullptr || match.loose) return false;
      out.value.enum_number = match.value->number();
      return true;
    }
    case ValueLane::text:
      if (value.kind != Scalar::Kind::string) return false;
      out.text.assign(value.text);
      return true;
    case ValueLane::boolean:
      if (value.kind != Scalar::Kind::boolean) return false;
      out.value.boolean = value.boolean;
      return true;
    case ValueLane::real:
      return value.kind == Scalar::Kind::number && real_in_lane(value.text, out.value);
    default:
      return value.kind == Scalar::Kind::number && integer_in_lane(lane, value.text, out.value);
  }
}

// Stores `value` through the field's generated setter when the value is the
// lane's own kind and fits; false (nothing changed) otherwise.
bool MessageMapper::put_in_lane(Message& holder, const detail::FieldAccess& access, ValueLane lane,
                                const FieldDescriptor* field, const Scalar& value) {
  if (lane == ValueLane::text) {
    if (value.kind != Scalar::Kind::string) return false;
    std::string text(value.text);
    access.put(holder, {.text = &text});
    return true;
  }
  CapturedValue out;
  if (!value_in_lane(lane, field, value, out)) return false;
  access.put(holder, out.value);
  return true;
}

// The pending field got its value: what find_slot and finish_value record for it.
inline void MessageMapper::pending_field_done(Frame& frame) {
  frame.has_key = false;
  ++matched_;
  presence_of(*frame.message).mark_supplied(frame.pending->number());
  field_complete(*frame.message, frame.pending);
}

// The value goes into the innermost frame's pending field, or is the next
// item of its list or the value of its map's pair, in a lane: what
// find_slot, put_scalar and finish_value would do for it, without the steps
// that cannot apply.
bool MessageMapper::fast_lane(const Scalar& value) {
  if (frames_.empty()) return false;
  if (partial_text_ != nullptr) return completes_in_lane(value);
  if (partial_item_) return false;
  Frame& frame = frames_.back();
  if (const ValueLane lane = pending_lane(); lane != ValueLane::none) {
    if (!put_in_lane(*frame.message, frame.fields[frame.pending->index()], lane, frame.pending, value)) return false;
    partial_singular_ = false;
    pending_field_done(frame);
    return true;
  }
  if (frame.kind == FrameKind::map && frame.pair_lane != ValueLane::none && has_pair_key_) {
    if (!value_in_lane(frame.pair_lane, frame.map_value_field, value, pair_value_)) return false;
    partial_singular_ = false;
    commit_pair();
    return true;
  }
  if (frame.kind == FrameKind::list && frame.list_lane != ValueLane::none) {
    const int size = frame.list_access->size(*frame.message);
    if (!put_in_lane(*frame.message, *frame.list_access, frame.list_lane, frame.field, value)) return false;
    frame.child.set_index(size);
    partial_singular_ = false;
    item_complete(*frame.message, frame.field);
    return true;
  }
  return false;
}

// The string shown while it streamed in ends as it began, in a text lane:
// what is missing is appended in place (see completes_partial_text).
bool MessageMapper::completes_in_lane(const Scalar& value) {
  Frame& frame = frames_.back();
  if (value.kind != Scalar::Kind::string || !value.text.starts_with(*partial_text_)) return false;
  const bool field_lane = pending_lane() == ValueLane::text;
  const bool item_lane = frame.kind == FrameKind::list && frame.list_lane == ValueLane::text && partial_item_;
  if (!field_lane && !item_lane) return false;
  partial_text_->append(value.text.substr(partial_text_->size()));
  partial_text_ = nullptr;
  partial_singular_ = partial_item_ = false;
  if (field_lane) {
    pending_field_done(frame);
  } else {
    frame.child.set_index(frame.list_access->size(*frame.message) - 1);
    item_complete(*frame.message, frame.field);
  }
  return true;
}

// A string starts streaming in for a text lane: it grows in the field's own
// string, as partial_string would make it.
bool MessageMapper::partial_in_lane(std::string_view so_far) {
  if (frames_.empty()) return false;
  Frame& frame = frames_.back();
  if (pending_lane() == ValueLane::text) {
    grow_in_place(frame.fields[frame.pending->index()].open_text(*frame.message), so_far, false);
    return true;
  }
  if (frame.kind == FrameKind::list && frame.list_lane == ValueLane::text && !partial_item_) {
    grow_in_place(frame.list_access->open_text(*frame.message), so_far, true);
    return true;
  }
  return false;
}

}  // namespace instructor::mapping
