// The parser's unquoted values: {"name": Ann Lee}. A value ends at '}'. When
// the sink does not know which keys the object expects, it also ends at a
// comma or line break, as it always did. When it does, a comma or line break
// is only a boundary to look past: the value ends there if what follows
// (spaces, commas and line breaks aside) is the next member, one of those keys
// or a quoted key followed by ':', a comment, or a closing bracket or fence.
// Anything else (a word and a comma, "quotes" in the prose, another line) is
// more of the value.
//
// The bytes after a boundary are held in pending_ until that is known, then
// either read again as structure or added to the value; each byte is held
// once, so the cost stays linear.
#include "json_parser_state.h"

namespace instructor {

using json_text::is_identifier;
using json_text::is_identifier_start;
using json_text::is_space;

void JsonParser::State::begin_bare_string(std::string text) {
  token_ = Token::bare_string;
  buffer_ = std::move(text);
  bare_continued_ = false;
}

void JsonParser::State::bare_char(char c) {
  if (c == '}') {
    emit_bare_string();
    structural(c);
    return;
  }
  if (c == ',' || c == '\n' || c == '\r') {
    if (sink_.expected_keys() == nullptr) {
      emit_bare_string();
      structural(c);
      return;
    }
    token_ = Token::bare_boundary;
    bare_stage_ = BareStage::gap;
    pending_.assign(1, c);
    pending_position_ = position_;
    return;
  }
  buffer_ += c;
}

void JsonParser::State::emit_bare_string() {
  token_ = Token::none;
  while (!buffer_.empty() && is_space(buffer_.back())) buffer_.pop_back();
  repair(Repair::unquoted_string, token_offset_);
  sink_.string_value(buffer_, token_offset_);
  value_done();
}

void JsonParser::State::bare_boundary_char(char c) {
  switch (bare_stage_) {
    case BareStage::gap:
      bare_gap_char(c);
      return;
    case BareStage::slash:
      if (c == '/' || c == '*') {
        end_bare_at_boundary();
        process(c);
      } else {
        continue_bare_after_boundary(c);
      }
      return;
    case BareStage::quoted_key:
      if (c == '\n' || c == '\r') {
        continue_bare_after_boundary(c);  // keys are one line
        return;
      }
      pending_ += c;
      if (bare_escape_) {
        bare_escape_ = false;
      } else if (c == '\\') {
        bare_escape_ = true;
      } else if (c == pending_[word_start_]) {
        bare_stage_ = BareStage::after_key;
        bare_key_known_ = true;  // a quoted key is a key, known or not
      }
      return;
    case BareStage::word_key:
      if (is_identifier(c) || c == '-') {
        pending_ += c;
        return;
      }
      {
        const KeySet* keys = sink_.expected_keys();
        bare_key_known_ = keys != nullptr && keys->contains(std::string_view(pending_).substr(word_start_));
      }
      bare_stage_ = BareStage::after_key;
      bare_boundary_char(c);
      return;
    case BareStage::after_key:
      if (c == ' ' || c == '\t') {
        pending_ += c;
      } else if (c == ':' && bare_key_known_) {
        end_bare_at_boundary();
        process(c);
      } else {
        continue_bare_after_boundary(c);
      }
      return;
  }
}

// Right after a boundary: what starts here decides, or the wait goes on.
void JsonParser::State::bare_gap_char(char c) {
  if (is_space(c) || c == ',') {
    pending_ += c;
  } else if (c == '}' || c == ']' || c == '`') {
    end_bare_at_boundary();
    process(c);
  } else if (c == '/') {
    bare_stage_ = BareStage::slash;
    pending_ += c;
  } else if (c == '"' || c == '\'') {
    bare_stage_ = BareStage::quoted_key;
    bare_escape_ = false;
    word_start_ = pending_.size();
    pending_ += c;
  } else if (is_identifier_start(c)) {
    bare_stage_ = BareStage::word_key;
    word_start_ = pending_.size();
    pending_ += c;
  } else {
    continue_bare_after_boundary(c);
  }
}

// The value ended at the boundary: send it, then read the held bytes as
// structure (a comma, a line break, the next key).
void JsonParser::State::end_bare_at_boundary() {
  const Position here = position_;
  std::string replay = std::move(pending_);
  pending_.clear();
  emit_bare_string();
  position_ = pending_position_;
  for (char p : replay) step(p);
  position_ = here;
}

// The boundary was text: the held bytes join the value, and so does `c`.
void JsonParser::State::continue_bare_after_boundary(char c) {
  if (!bare_continued_) {
    bare_continued_ = true;
    repair(Repair::unquoted_string_continued, pending_position_.offset);
  }
  buffer_ += pending_;
  pending_.clear();
  token_ = Token::bare_string;
  bare_char(c);
}

}  // namespace instructor
