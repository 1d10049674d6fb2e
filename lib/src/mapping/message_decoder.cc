// The public face of parsing into a message: a JsonParser whose events go to
// a MessageMapper, one document at a time, keeping the best-fitting document.
#include <algorithm>
#include <iterator>

#include "instructor/mapper.h"
#include "message_mapper.h"

namespace instructor {

using google::protobuf::Message;

// Each document found in the text is a candidate. The first one is mapped
// straight into the target, so that streaming shows it as it grows; later
// ones are mapped into a scratch message and swapped in if they fit better.
class MessageDecoder::Impl final : public JsonSink {
 public:
  // keep_completeness false: no completeness record is kept (decode_json returns none).
  Impl(Message& target, DecodeOptions options, bool keep_completeness)
      : target_(target), options_(std::move(options)), keep_completeness_(keep_completeness),
        mapper_(options_.partial_strings), parser_(*this, options_.parser) {
    target_.Clear();
    presence_.cover(target_);
  }

  bool feed(std::string_view chunk) { return parser_.feed(chunk); }
  bool finish() { return parser_.finish(); }
  const std::optional<ParseError>& error() const { return parser_.error(); }
  const std::vector<MappingViolation>& violations() const { return violations_; }
  const Presence& presence() const { return presence_; }
  Presence take_presence() { return std::move(presence_); }
  std::vector<MappingViolation> take_violations() { return std::move(violations_); }
  const Completeness& completeness() const { return completeness_; }
  std::uint64_t updates() const { return updates_; }

  Repairs repairs() const {
    Repairs outside = outside_;
    Repairs inside = have_winner_ ? winner_repairs_ : candidate_repairs_;
    return merged(std::move(outside), std::move(inside));
  }
  // The same, moved out: the decoder is done.
  Repairs take_repairs() {
    return merged(std::move(outside_), std::move(have_winner_ ? winner_repairs_ : candidate_repairs_));
  }

  void begin_document(std::size_t offset) override {
    in_document_ = true;
    candidate_repairs_.clear();
    if (!have_winner_) {
      into_target_ = true;
      target_.Clear();
      presence_.clear();
      presence_.cover(target_);
      completeness_.clear();
      violations_.clear();
      mapper_.start(target_, {&presence_, kept(completeness_), &candidate_repairs_, &violations_, &options_.on_complete});
      return;
    }
    document_offset_ = offset;
    into_target_ = false;
    if (!scratch_) scratch_.reset(target_.New());
    scratch_->Clear();
    scratch_presence_.clear();
    scratch_completeness_.clear();
    scratch_violations_.clear();
    mapper_.start(*scratch_, {&scratch_presence_, kept(scratch_completeness_), &candidate_repairs_,
                              &scratch_violations_, nullptr});
  }

  void end_document(bool repaired_at_end) override {
    in_document_ = false;
    mapper_.stop();
    const long score = mapper_.score();
    if (into_target_) {
      have_winner_ = true;
      winner_score_ = score;
      winner_truncated_ = repaired_at_end;
      winner_repairs_ = std::move(candidate_repairs_);
      candidate_repairs_.clear();
      return;
    }
    outside_.push_back(RepairRecord{Repair::multiple_documents, document_offset_, {}});
    // Ties go to the later document, unless it was cut short and the winner was not.
    const bool better = score > winner_score_ || (score == winner_score_ && (!repaired_at_end || winner_truncated_));
    if (better) {
      target_.GetReflection()->Swap(&target_, scratch_.get());
      presence_ = std::move(scratch_presence_);
      presence_.rekey(*scratch_, target_);
      presence_.cover(target_);
      completeness_ = std::move(scratch_completeness_);
      completeness_.rekey(*scratch_, target_);
      violations_ = std::move(scratch_violations_);
      winner_repairs_ = std::move(candidate_repairs_);
      ++updates_;
      winner_score_ = score;
      winner_truncated_ = repaired_at_end;
    }
    candidate_repairs_.clear();
  }

  void abandon_document() override {
    in_document_ = false;
    mapper_.stop();
    candidate_repairs_.clear();
    if (into_target_) {
      target_.Clear();
      presence_.clear();
      presence_.cover(target_);
      completeness_.clear();
      violations_.clear();
    }
  }

  void begin_object(std::size_t offset) override {
    count_update();
    mapper_.begin_object(offset);
  }
  void end_object(std::size_t offset) override {
    count_update();
    mapper_.end_object(offset);
  }
  void begin_array(std::size_t offset) override {
    count_update();
    mapper_.begin_array(offset);
  }
  void end_array(std::size_t offset) override {
    count_update();
    mapper_.end_array(offset);
  }
  void key(std::string_view name, std::size_t offset) override { mapper_.key(name, offset); }
  void string_value(std::string_view value, std::size_t offset) override {
    count_update();
    mapper_.string_value(value, offset);
  }
  void partial_string(std::string_view so_far, std::size_t offset) override {
    if (!into_target_) return;
    count_update();
    mapper_.partial_string(so_far, offset);
  }
  void number(std::string_view text, std::size_t offset) override {
    count_update();
    mapper_.number(text, offset);
  }
  void boolean(bool value, std::size_t offset) override {
    count_update();
    mapper_.boolean(value, offset);
  }
  void null(std::size_t offset) override {
    count_update();
    mapper_.null(offset);
  }
  void repair(Repair kind, std::size_t offset) override {
    (in_document_ ? candidate_repairs_ : outside_).push_back(RepairRecord{kind, offset, {}});
  }
  const KeySet* expected_keys() override { return mapper_.expected_keys(); }
  bool accepts_lone_value() override { return mapper_.accepts_lone_value(target_.GetDescriptor()); }

 private:
  Message& target_;
  DecodeOptions options_;
  bool keep_completeness_;
  mapping::MessageMapper mapper_;
  JsonParser parser_;

  bool in_document_ = false;
  bool into_target_ = false;
  bool have_winner_ = false;
  long winner_score_ = 0;
  bool winner_truncated_ = false;
  std::size_t document_offset_ = 0;
  Repairs outside_;          // repairs outside any document: prose, fences
  Repairs candidate_repairs_;
  Repairs winner_repairs_;
  Presence presence_;
  Completeness completeness_;
  std::vector<MappingViolation> violations_;

  // All repairs in input order: those outside the documents, then the kept document's.
  static Repairs merged(Repairs outside, Repairs inside) {
    outside.insert(outside.end(), std::make_move_iterator(inside.begin()), std::make_move_iterator(inside.end()));
    std::stable_sort(outside.begin(), outside.end(),
                     [](const RepairRecord& a, const RepairRecord& b) { return a.offset < b.offset; });
    return outside;
  }

  Completeness* kept(Completeness& completeness) { return keep_completeness_ ? &completeness : nullptr; }

  // Only events that reach the target count: a later document mapped into
  // the scratch message changes nothing the caller sees until it is swapped in.
  void count_update() {
    if (into_target_) ++updates_;
  }
  std::uint64_t updates_ = 0;

  std::unique_ptr<Message> scratch_;
  Presence scratch_presence_;
  Completeness scratch_completeness_;
  std::vector<MappingViolation> scratch_violations_;
};

MessageDecoder::MessageDecoder(Message& target, DecodeOptions options)
    : impl_(std::make_unique<Impl>(target, std::move(options), true)) {}
MessageDecoder::MessageDecoder(Message& target, DecodeOptions options, WithoutCompleteness)
    : impl_(std::make_unique<Impl>(target, std::move(options), false)) {}
MessageDecoder::~MessageDecoder() = default;
bool MessageDecoder::feed(std::string_view chunk) { return impl_->feed(chunk); }
bool MessageDecoder::finish() { return impl_->finish(); }
const std::optional<ParseError>& MessageDecoder::error() const { return impl_->error(); }
Repairs MessageDecoder::repairs() const { return impl_->repairs(); }
const std::vector<MappingViolation>& MessageDecoder::violations() const { return impl_->violations(); }
const Presence& MessageDecoder::presence() const { return impl_->presence(); }
const Completeness& MessageDecoder::completeness() const { return impl_->completeness(); }
std::uint64_t MessageDecoder::updates() const { return impl_->updates(); }

DecodeResult decode_json(std::string_view text, Message& target, DecodeOptions options) {
  MessageDecoder decoder(target, std::move(options), MessageDecoder::WithoutCompleteness{});
  bool ok = decoder.feed(text) && decoder.finish();
  DecodeResult result;
  if (!ok) result.error = decoder.error();
  result.repairs = decoder.impl_->take_repairs();
  result.violations = decoder.impl_->take_violations();
  result.presence = decoder.impl_->take_presence();
  return result;
}

}  // namespace instructor
