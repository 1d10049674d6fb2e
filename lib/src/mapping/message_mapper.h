// Maps the events of one JSON document onto one protobuf message through
// reflection: a stack of frames (message, list, map, skipped value) mirrors
// the open JSON containers, and each scalar goes into the slot the innermost
// frame offers.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <google/protobuf/message.h>

#include "field_index.h"
#include "frame_stack.h"
#include "instructor/completeness.h"
#include "instructor/field_number_set.h"
#include "instructor/mapper.h"
#include "instructor/presence.h"
#include "instructor/repairs.h"
#include "path_segment.h"
#include "scalar_coercion.h"

namespace instructor::mapping {

// Where the mapper writes what it learns about the document it maps.
struct MappingRecords {
  Presence* presence = nullptr;
  Completeness* completeness = nullptr;  // null: not kept (a whole decode's result has none)
  Repairs* repairs = nullptr;
  std::vector<MappingViolation>* violations = nullptr;
  const std::function<void(const Completion&)>* on_complete = nullptr;  // may be null
};

class MessageMapper {
 public:
  explicit MessageMapper(bool partial_strings) : partial_strings_(partial_strings) {}
  ~MessageMapper();

  // Starts a document to be mapped into `root`.
  void start(google::protobuf::Message& root, MappingRecords records);
  // Ends it: anything still open (only after a truncation) is dropped.
  void stop();

  void begin_object(std::size_t offset);
  void end_object(std::size_t offset);
  void begin_array(std::size_t offset);
  void end_array(std::size_t offset);
  void key(std::string_view name, std::size_t offset);
  void string_value(std::string_view value, std::size_t offset);
  void partial_string(std::string_view so_far, std::size_t offset);
  void number(std::string_view text, std::size_t offset);
  void boolean(bool value, std::size_t offset);
  void null(std::size_t offset);

  // The keys the innermost open object expects: its message's fields; null
  // inside maps, Structs and skipped values.
  const KeySet* expected_keys() const;
  // Whether a lone value may be the whole answer for a message of this type:
  // one with a single field that takes it, a wrapper, a Value...
  bool accepts_lone_value(const google::protobuf::Descriptor* descriptor) { return accepts_scalar(descriptor); }

  // How well the document fits the message: fields matched, minus unknown
  // keys, minus twice the violations.
  long score() const { return matched_ - unknown_ - 2 * violation_count_; }

 private:
  // Where the next value goes: field `field` of `holder` (one more item when
  // `item`), or `holder` itself when `field` is null (the root).
  struct Slot {
    google::protobuf::Message* holder = nullptr;
    const google::protobuf::FieldDescriptor* field = nullptr;
    bool item = false;
    bool skip = false;
    bool in_map_entry = false;
    bool entry_list = false;  // an item of a map given as [{"key":..., "value":...}]
    bool entry_key = false;   // the "key" of such an item
    bool entry_value = false; // the "value" of such an item
    const google::protobuf::Reflection* reflection = nullptr;  // the holder's, filled by take_slot
    const detail::FieldAccess* access = nullptr;  // the field's generated access, when the holder's class has it
    bool direct_pair = false;  // the value of a pair of a map filled through its generated access (see commit_pair)
  };
  // map_entry: one {"key":..., "value":...} object of a map given as a list.
  enum class FrameKind { message, list, map, map_entry, skip, unwrap };
  // A frame's plain state (trivially copyable): all of it goes back to a new
  // frame's values in one assignment (Frame::reset).
  struct FrameState {
    FrameKind kind = FrameKind::message;
    Slot slot;                                          // where this container sits
    google::protobuf::Message* message = nullptr;       // the message, or the holder of `field`
    const google::protobuf::Reflection* reflection = nullptr;  // message's (asked once per frame, not per value)
    Presence::Fields* presence = nullptr;               // message's records, once looked up
    Completeness::Record* completeness = nullptr;
    const MessageInfo* info = nullptr;                  // message frames: the message's lookup table
    const detail::FieldAccess* fields = nullptr;        // message frames: generated access, by field index
    const detail::FieldAccess* list_access = nullptr;   // list frames: the list field's generated access
    const ValueLane* lanes = nullptr;      // message frames with generated access: by field index
    ValueLane list_lane = ValueLane::none;  // list frames with generated access: the items'
    ValueLane pair_lane = ValueLane::none;  // map frames with pair_access: the values'
    // map frames of a map of scalars with generated access: it, and the map's key and value fields.
    const detail::FieldAccess* pair_access = nullptr;
    const google::protobuf::FieldDescriptor* map_key_field = nullptr;
    const google::protobuf::FieldDescriptor* map_value_field = nullptr;
    const google::protobuf::FieldDescriptor* field = nullptr;  // list and map: the field
    google::protobuf::Message* completes[2] = {nullptr, nullptr};  // messages complete with it
    bool has_key = false;  // message: a key awaits its value; unwrap: the first item was taken
    bool pending_extra = false;  // unwrap: more items than one were reported
    const google::protobuf::FieldDescriptor* pending = nullptr;
    ValueLane pending_lane = ValueLane::none;  // message: the lane of `pending`, when it takes a single value
    std::size_t key_offset = 0;  // message: where the pending key starts
    google::protobuf::Message* entry = nullptr;  // map: the pair being read
    const google::protobuf::Message* entry_prototype = nullptr;  // map: what new pairs are made from
    const google::protobuf::Reflection* entry_reflection = nullptr;  // map: the pairs' reflection
    bool entry_owned = false;
    bool entries = false;  // map: given as a list of {"key", "value"} objects (the strict dialect's form)
    bool has_entry_key = false;  // map_entry: its "key" was stored
    bool entry_refused = false;  // map_entry: its key or value was refused (reported) or null (recorded): dropped
    int entries_read = 0;        // map given as a list: items begun so far, for paths
  };
  static_assert(std::is_trivially_copyable_v<FrameState>);
  // A frame: its plain state and the members that own memory, each reset by name below.
  struct Frame : FrameState {
    FieldNumberSet seen;  // message: the fields whose keys were read, to spot a key given twice
    // map of many pairs: each key read so far, and its entry's index (made on first use: frames stay small)
    std::unique_ptr<NameTable<int>> entry_index;
    PathSegment child;  // path segment of the value being filled

    // Back to a new frame's values. A reused frame is reset, not rebuilt:
    // its path segment keeps its text's capacity.
    void reset() {
      static_cast<FrameState&>(*this) = FrameState{};
      seen = FieldNumberSet{};
      entry_index.reset();
      child.clear();
    }
  };

  Slot take_slot(bool consume, bool is_null);
  Slot find_slot(bool consume, bool is_null);
  const google::protobuf::Reflection* reflection_of(const google::protobuf::Message* holder) const;
  void scalar(const Scalar& value, std::size_t offset);
  // The lane of the innermost frame's pending field, when the frame is a
  // message with generated access and a key awaits a single value; none else.
  ValueLane pending_lane() const {
    const Frame& frame = frames_.back();
    return frame.kind == FrameKind::message && frame.has_key ? frame.pending_lane : ValueLane::none;
  }
  void pending_field_done(Frame& frame);
  bool fast_lane(const Scalar& value);
  bool completes_in_lane(const Scalar& value);
  bool partial_in_lane(std::string_view so_far);
  void grow_in_place(std::string* text, std::string_view so_far, bool item);
  bool value_in_lane(ValueLane lane, const google::protobuf::FieldDescriptor* field, const Scalar& value,
                     CapturedValue& out);
  bool put_in_lane(google::protobuf::Message& holder, const detail::FieldAccess& access, ValueLane lane,
                   const google::protobuf::FieldDescriptor* field, const Scalar& value);
  bool lone_value(const Scalar& value, std::size_t offset);
  bool completes_partial_text(const Slot& slot, const Scalar& value);
  bool put_scalar(const Slot& slot, const Scalar& value, std::size_t offset);
  bool scalar_into_message(google::protobuf::Message& message, const Scalar& value, std::size_t offset);
  bool accepts_scalar(const google::protobuf::Descriptor* descriptor, int depth = 0);
  google::protobuf::Message* materialize(const Slot& slot);
  void open_message(google::protobuf::Message* message, const Slot& slot);
  bool can_open_list(const google::protobuf::Descriptor* descriptor);
  void open_list(google::protobuf::Message* message, const Slot& slot, std::size_t offset);
  void push(FrameKind kind, const Slot& slot, google::protobuf::Message* message = nullptr,
            const google::protobuf::FieldDescriptor* field = nullptr,
            const google::protobuf::Reflection* known_reflection = nullptr);
  void close_container(const Frame& frame);
  void finish_value(const Slot& slot, bool stored);
  void commit_entry();
  void read_pair_key(Frame& frame, std::string_view name, std::size_t offset);
  void commit_pair();
  int earlier_entry_with_key(Frame& frame, const google::protobuf::Reflection& entry_reflection);
  void open_entry(const Slot& slot);
  void close_entry(Frame& entry_frame, std::size_t offset);
  void entry_key(Frame& frame, std::string_view name, std::size_t offset);
  void drop_other_oneof_member(Frame& frame);
  void mark_refused(const Slot& slot);
  bool null_is_answer(const google::protobuf::FieldDescriptor* field);
  void forget_value(Frame& frame);
  void forget_records(const google::protobuf::Message& message);
  void discard_entry(Frame& frame);
  // Inline: it runs for every value read.
  void field_complete(const google::protobuf::Message& holder, const google::protobuf::FieldDescriptor* field) {
    if (records_.completeness != nullptr) completeness_of(holder).fields.insert(field->number());
    if (records_.on_complete != nullptr && *records_.on_complete) report_item(holder, field, -1);
  }
  void item_complete(const google::protobuf::Message& holder, const google::protobuf::FieldDescriptor* field);
  void report_item(const google::protobuf::Message& holder, const google::protobuf::FieldDescriptor* field,
                   int index);
  // The records of a message: those the innermost frames keep for their own
  // message, else through a one-entry cache (see record_of).
  template <typename Record>
  struct RecordCache;
  template <typename Record, typename Find>
  Record& record_of(const google::protobuf::Message& message, Record* FrameState::*in_frame, RecordCache<Record>& cache,
                    Find find);
  // Inline for the common case: the innermost frame's own message, its record at hand.
  template <typename Record>
  Record* at_hand(const google::protobuf::Message& message, Record* FrameState::*in_frame) const {
    return !frames_.empty() && frames_.back().message == &message ? frames_.back().*in_frame : nullptr;
  }
  Presence::Fields& presence_of(const google::protobuf::Message& message) {
    Presence::Fields* record = at_hand(message, &Frame::presence);
    return record != nullptr ? *record : find_presence(message);
  }
  Completeness::Record& completeness_of(const google::protobuf::Message& message) {
    Completeness::Record* record = at_hand(message, &Frame::completeness);
    return record != nullptr ? *record : find_completeness(message);
  }
  Presence::Fields& find_presence(const google::protobuf::Message& message);
  Completeness::Record& find_completeness(const google::protobuf::Message& message);
  void refuse(std::size_t offset, std::string rule, std::string message, std::string value);
  void record(Repair kind, std::size_t offset);
  std::string path() const;

  bool partial_strings_;
  FieldIndex index_;
  google::protobuf::Message* root_ = nullptr;
  const google::protobuf::Reflection* root_reflection_ = nullptr;
  MappingRecords records_;
  FrameStack<Frame> frames_;
  template <typename Record>
  struct RecordCache {
    const google::protobuf::Message* message = nullptr;
    Record* record = nullptr;
  };
  RecordCache<Presence::Fields> presence_cache_;
  RecordCache<Completeness::Record> completeness_cache_;
  // Where completeness goes when it is not kept: written, never read.
  Completeness::Record untracked_completeness_;
  bool partial_item_ = false;      // a partial string was added as a list item
  bool partial_singular_ = false;  // a partial string was set into a singular field
  std::string* partial_text_ = nullptr;  // that string in the message, extended in place (see partial_string)
  // The pair being read in a map of scalars filled through its generated
  // access (the innermost map frame: such maps hold no containers).
  bool has_pair_key_ = false;
  CapturedValue pair_key_;
  CapturedValue pair_value_;
  long matched_ = 0;
  long unknown_ = 0;
  long violation_count_ = 0;
};

}  // namespace instructor::mapping
