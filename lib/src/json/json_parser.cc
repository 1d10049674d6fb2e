// The lenient incremental JSON parser: a byte-at-a-time state machine whose
// whole state lives in JsonParser::State, so that a chunk boundary may fall
// anywhere (inside a string, an escape, a number, a comment, a fence).
#include "instructor/json_parser.h"

#include <string>
#include <vector>

#include "json_text.h"

namespace instructor {

using json_text::describe_byte;
using json_text::is_digit;
using json_text::is_identifier;
using json_text::is_identifier_start;
using json_text::is_space;

std::string ParseError::to_string() const {
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + " (byte " +
         std::to_string(offset) + "): " + message;
}

namespace {

struct Position {
  std::size_t offset = 0;
  std::size_t line = 1;
  std::size_t column = 1;

  void advance(char c) {
    ++offset;
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
};

enum class Mode { prose, document, failed };

// What the document expects next, outside of any token.
enum class Expect { first_item, item_after_comma, member_value, first_key, key_after_comma, colon, comma_or_close };

// The token being read, when a chunk may end in the middle of it.
enum class Token {
  none,
  string,
  escape,
  unicode,
  pending_quote,  // a quote that may close the string or be an unescaped inner quote
  number,
  word,
  bare_string,
  slash,
  line_comment,
  block_comment,
  block_comment_star,
};

// What an ambiguous quote inside a string turned out to be.
enum class QuoteVerdict { closes, literal, undecided };

}  // namespace

class JsonParser::State {
 public:
  State(JsonSink& sink, ParserOptions options) : sink_(sink), options_(options) {}

  bool feed(std::string_view chunk);
  bool finish();

  const std::optional<ParseError>& error() const { return error_; }
  std::size_t bytes_consumed() const { return consumed_; }

 private:
  void step(char c) {
    process(c);
    position_.advance(c);
  }
  void process(char c);
  void prose(char c);
  void document(char c);
  void structural(char c);
  void array_item(char c);
  void member_value(char c);
  void key_start(char c);
  void colon(char c);
  void after_value(char c);
  bool start_value(char c, bool in_object);

  void begin_document(char c);
  void end_document(bool repaired_at_end);
  void open_container(char c);
  void close_container(char c);
  void pop_container();
  void value_done() { expect_ = Expect::comma_or_close; }
  void close_truncated_document();

  void begin_string(char quote, bool is_key);
  void string_char(char c);
  void escape_char(char c);
  void unicode_char(char c);
  void code_unit(std::uint32_t unit);
  void append_to_string(char c);
  void flush_lone_surrogate();
  void pending_quote_char(char c);
  QuoteVerdict judge_quote(char c);
  void close_string_and_replay(char c);
  void keep_quote_as_text(char c);
  void end_string();

  bool end_number();
  void word_char(char c);
  void end_word(char c);
  void emit_bare_string();
  void bare_char(char c);

  void repair(Repair kind, std::size_t offset) { sink_.repair(kind, offset); }
  void repair(Repair kind) { sink_.repair(kind, position_.offset); }
  void fail(std::string message);
  void fail_hard(std::string message);
  ParseError make_error(std::string message) const {
    return ParseError{std::move(message), position_.offset, position_.line, position_.column};
  }
  bool in_object() const { return !stack_.empty() && stack_.back() == '{'; }
  void send_partial_string();

  JsonSink& sink_;
  ParserOptions options_;
  Mode mode_ = Mode::prose;
  Position position_;
  std::size_t consumed_ = 0;
  std::optional<ParseError> error_;
  std::optional<ParseError> first_soft_error_;
  bool resume_in_prose_ = false;

  // Prose: the text around documents.
  int backticks_ = 0;
  bool in_fence_ = false;
  bool in_fence_tag_ = false;
  bool seen_text_ = false;
  std::optional<std::size_t> prose_offset_;
  std::size_t documents_ = 0;

  // The document being read.
  bool committed_ = false;  // began at the first byte of the input: errors in it are final
  std::size_t document_offset_ = 0;
  std::vector<char> stack_;
  Expect expect_ = Expect::first_key;

  // The token being read.
  Token token_ = Token::none;
  std::size_t token_offset_ = 0;
  std::string buffer_;
  char quote_ = '"';
  bool string_is_key_ = false;
  bool reported_control_ = false;
  std::size_t partial_sent_ = 0;
  std::uint32_t unicode_ = 0;
  int unicode_digits_ = 0;
  std::uint32_t high_surrogate_ = 0;
  bool word_is_key_ = false;
  bool word_in_object_ = false;
  std::string pending_;
  Position pending_position_;
  int pending_stage_ = 0;  // 0: after the quote, 1: after a comma, 2: after a '/', 3: in a word after a comma
  std::size_t word_start_ = 0;
  bool pending_newline_ = false;
};

// ---- Driving -------------------------------------------------------------

bool JsonParser::State::feed(std::string_view chunk) {
  if (mode_ == Mode::failed) return false;
  if (chunk.size() > options_.max_size - consumed_) {
    position_.offset = options_.max_size;
    fail_hard("the input is larger than the limit of " + std::to_string(options_.max_size) + " bytes");
    return false;
  }
  consumed_ += chunk.size();
  const char* data = chunk.data();
  const std::size_t size = chunk.size();
  std::size_t i = 0;
  while (i < size) {
    if (token_ == Token::string && high_surrogate_ == 0 && mode_ == Mode::document) {
      // Fast path: a run of plain string bytes.
      std::size_t j = i;
      while (j < size) {
        char c = data[j];
        if (c == quote_ || c == '\\' || static_cast<unsigned char>(c) < 0x20) break;
        ++j;
      }
      if (j > i) {
        buffer_.append(data + i, j - i);
        position_.offset += j - i;
        position_.column += j - i;
        i = j;
        continue;
      }
    }
    step(data[i]);
    ++i;
    if (mode_ == Mode::failed) return false;
  }
  send_partial_string();
  return true;
}

void JsonParser::State::send_partial_string() {
  if (mode_ != Mode::document || string_is_key_) return;
  bool in_string = token_ == Token::string || token_ == Token::escape || token_ == Token::unicode ||
                   token_ == Token::pending_quote;
  if (!in_string || buffer_.size() == partial_sent_) return;
  partial_sent_ = buffer_.size();
  sink_.partial_string(buffer_, token_offset_);
}

void JsonParser::State::process(char c) {
  switch (mode_) {
    case Mode::prose:
      prose(c);
      return;
    case Mode::failed:
      return;
    case Mode::document:
      document(c);
      if (resume_in_prose_) {
        resume_in_prose_ = false;
        if (mode_ == Mode::prose) prose(c);
      }
      return;
  }
}

void JsonParser::State::fail(std::string message) {
  if (committed_) {
    fail_hard(std::move(message));
    return;
  }
  // A {...} in prose that is not JSON after all: forget it, keep looking.
  if (!first_soft_error_) first_soft_error_ = make_error(std::move(message));
  sink_.abandon_document();
  repair(Repair::invalid_fragment_skipped, document_offset_);
  stack_.clear();
  token_ = Token::none;
  mode_ = Mode::prose;
  seen_text_ = true;
  resume_in_prose_ = true;
}

void JsonParser::State::fail_hard(std::string message) {
  error_ = make_error(std::move(message));
  mode_ = Mode::failed;
}

bool JsonParser::State::finish() {
  if (mode_ == Mode::failed) return false;
  if (mode_ == Mode::document) close_truncated_document();
  if (documents_ == 0) {
    if (first_soft_error_) {
      error_ = first_soft_error_;
    } else {
      error_ = make_error(consumed_ == 0 ? "expected a JSON object or array; the input is empty"
                                         : "expected a JSON object or array; the text has none");
    }
    mode_ = Mode::failed;
    return false;
  }
  if (prose_offset_) {
    repair(Repair::prose_skipped, *prose_offset_);
    prose_offset_.reset();
  }
  return true;
}

// ---- Prose ---------------------------------------------------------------

void JsonParser::State::prose(char c) {
  if (c == '`') {
    if (++backticks_ == 3) {
      backticks_ = 0;
      in_fence_ = !in_fence_;
      in_fence_tag_ = in_fence_;
      if (in_fence_) repair(Repair::fenced_block, position_.offset - 2);
      seen_text_ = true;
    }
    return;
  }
  if (backticks_ > 0) {
    backticks_ = 0;
    if (!prose_offset_) prose_offset_ = position_.offset - 1;
    seen_text_ = true;
  }
  if (c == '{' || c == '[') {
    in_fence_tag_ = false;
    begin_document(c);
    return;
  }
  if (in_fence_tag_) {
    if (c == '\n') in_fence_tag_ = false;
    return;
  }
  if (!is_space(c)) {
    if (!prose_offset_) prose_offset_ = position_.offset;
    seen_text_ = true;
  }
}

void JsonParser::State::begin_document(char c) {
  if (prose_offset_) {
    repair(Repair::prose_skipped, *prose_offset_);
    prose_offset_.reset();
  }
  committed_ = !seen_text_;
  seen_text_ = true;
  document_offset_ = position_.offset;
  mode_ = Mode::document;
  token_ = Token::none;
  sink_.begin_document(position_.offset);
  open_container(c);
}

void JsonParser::State::end_document(bool repaired_at_end) {
  sink_.end_document(repaired_at_end);
  ++documents_;
  mode_ = Mode::prose;
  token_ = Token::none;
  stack_.clear();
}

// ---- Structure -------------------------------------------------------------

void JsonParser::State::document(char c) {
  switch (token_) {
    case Token::none:
      structural(c);
      return;
    case Token::string:
      string_char(c);
      return;
    case Token::escape:
      escape_char(c);
      return;
    case Token::unicode:
      unicode_char(c);
      return;
    case Token::pending_quote:
      pending_quote_char(c);
      return;
    case Token::number:
      if (json_text::is_number_char(c)) {
        buffer_ += c;
      } else if (c == 'I' && (buffer_ == "-" || buffer_ == "+")) {
        buffer_ += c;  // -Infinity
        token_ = Token::word;
        word_is_key_ = false;
        word_in_object_ = in_object();
      } else if (end_number()) {
        structural(c);
      }
      return;
    case Token::word:
      word_char(c);
      return;
    case Token::bare_string:
      bare_char(c);
      return;
    case Token::slash:
      if (c == '/' || c == '*') {
        repair(Repair::comment, token_offset_);
        token_ = c == '/' ? Token::line_comment : Token::block_comment;
      } else {
        fail("unexpected '/' (a comment starts with // or /*)");
      }
      return;
    case Token::line_comment:
      if (c == '\n') token_ = Token::none;
      return;
    case Token::block_comment:
      if (c == '*') token_ = Token::block_comment_star;
      return;
    case Token::block_comment_star:
      if (c == '/') token_ = Token::none;
      else if (c != '*') token_ = Token::block_comment;
      return;
  }
}

void JsonParser::State::structural(char c) {
  if (is_space(c)) return;
  if (c == '/') {
    token_ = Token::slash;
    token_offset_ = position_.offset;
    return;
  }
  if (c == '#') {
    repair(Repair::comment);
    token_ = Token::line_comment;
    return;
  }
  if (c == '`') {
    // A closing fence inside the document: the model stopped mid-way.
    close_truncated_document();
    resume_in_prose_ = true;
    return;
  }
  switch (expect_) {
    case Expect::first_item:
    case Expect::item_after_comma:
      array_item(c);
      return;
    case Expect::member_value:
      member_value(c);
      return;
    case Expect::first_key:
    case Expect::key_after_comma:
      key_start(c);
      return;
    case Expect::colon:
      colon(c);
      return;
    case Expect::comma_or_close:
      after_value(c);
      return;
  }
}

void JsonParser::State::array_item(char c) {
  if (c == ']') {
    if (expect_ == Expect::item_after_comma) repair(Repair::trailing_comma);
    close_container(c);
  } else if (c == ',') {
    repair(Repair::missing_value);
  } else if (c == '}') {
    close_container(c);
  } else if (!start_value(c, false)) {
    fail("expected a value or ']' in an array; found " + describe_byte(c));
  }
}

void JsonParser::State::member_value(char c) {
  if (c == '}' || c == ']') {
    repair(Repair::missing_value);
    close_container(c);
  } else if (c == ',') {
    repair(Repair::missing_value);
    expect_ = Expect::key_after_comma;
  } else if (!start_value(c, true)) {
    fail("expected a value after ':'; found " + describe_byte(c));
  }
}

void JsonParser::State::key_start(char c) {
  if (c == '"' || c == '\'') {
    begin_string(c, true);
  } else if (is_identifier_start(c) || is_digit(c)) {
    token_ = Token::word;
    token_offset_ = position_.offset;
    buffer_.assign(1, c);
    word_is_key_ = true;
  } else if (c == '}') {
    if (expect_ == Expect::key_after_comma) repair(Repair::trailing_comma);
    close_container(c);
  } else if (c == ',') {
    repair(Repair::missing_value);
  } else if (c == ']') {
    close_container(c);
  } else {
    fail("expected a key or '}' in an object; found " + describe_byte(c));
  }
}

void JsonParser::State::colon(char c) {
  if (c == ':') {
    expect_ = Expect::member_value;
  } else if (c == ',') {
    repair(Repair::missing_value);
    expect_ = Expect::key_after_comma;
  } else {
    std::size_t offset = position_.offset;
    if (!start_value(c, true)) {
      fail("expected ':' after an object key; found " + describe_byte(c));
      return;
    }
    repair(Repair::missing_colon, offset);
  }
}

void JsonParser::State::after_value(char c) {
  if (c == ',') {
    expect_ = in_object() ? Expect::key_after_comma : Expect::item_after_comma;
  } else if (c == '}' || c == ']') {
    close_container(c);
  } else if (in_object()) {
    if (c == '"' || c == '\'' || is_identifier_start(c)) {
      repair(Repair::missing_comma);
      expect_ = Expect::key_after_comma;
      key_start(c);
    } else {
      fail("expected ',' or '}' after an object member; found " + describe_byte(c));
    }
  } else {
    std::size_t offset = position_.offset;
    if (c != ':' && start_value(c, false)) {
      repair(Repair::missing_comma, offset);
    } else {
      fail("expected ',' or ']' after an array item; found " + describe_byte(c));
    }
  }
}

bool JsonParser::State::start_value(char c, bool in_object) {
  if (c == '{' || c == '[') {
    open_container(c);
  } else if (c == '"' || c == '\'') {
    begin_string(c, false);
  } else if (is_digit(c) || c == '-' || c == '+' || c == '.') {
    token_ = Token::number;
    token_offset_ = position_.offset;
    buffer_.assign(1, c);
  } else if (is_identifier_start(c)) {
    token_ = Token::word;
    token_offset_ = position_.offset;
    buffer_.assign(1, c);
    word_is_key_ = false;
    word_in_object_ = in_object;
  } else {
    return false;
  }
  return true;
}

void JsonParser::State::open_container(char c) {
  if (stack_.size() >= options_.max_depth) {
    fail_hard("objects and arrays are nested deeper than the limit of " +
              std::to_string(options_.max_depth));
    return;
  }
  stack_.push_back(c);
  if (c == '{') {
    sink_.begin_object(position_.offset);
    expect_ = Expect::first_key;
  } else {
    sink_.begin_array(position_.offset);
    expect_ = Expect::first_item;
  }
}

void JsonParser::State::pop_container() {
  char open = stack_.back();
  stack_.pop_back();
  if (open == '{') sink_.end_object(position_.offset);
  else sink_.end_array(position_.offset);
}

void JsonParser::State::close_container(char c) {
  const char wanted = c == '}' ? '{' : '[';
  if (stack_.back() != wanted) {
    repair(Repair::mismatched_bracket);
    std::size_t match = stack_.size();
    while (match > 0 && stack_[match - 1] != wanted) --match;
    if (match > 0) {
      while (stack_.size() > match) pop_container();
    }
  }
  pop_container();
  if (stack_.empty()) end_document(false);
  else value_done();
}

void JsonParser::State::close_truncated_document() {
  const std::size_t end = position_.offset;
  switch (token_) {
    case Token::pending_quote:
      end_string();
      break;
    case Token::string:
    case Token::escape:
    case Token::unicode:
      if (string_is_key_) {
        repair(Repair::dropped_partial_value, token_offset_);
        token_ = Token::none;
      } else {
        repair(Repair::closed_string, end);
        end_string();
      }
      break;
    case Token::number:
    case Token::word:
      repair(Repair::dropped_partial_value, token_offset_);
      token_ = Token::none;
      break;
    case Token::bare_string:
      repair(Repair::closed_string, end);
      emit_bare_string();
      break;
    default:
      token_ = Token::none;
      break;
  }
  if (expect_ == Expect::colon || expect_ == Expect::member_value) {
    repair(Repair::dropped_partial_value, end);  // a key without its value
  }
  while (!stack_.empty()) {
    repair(Repair::closed_container, end);
    pop_container();
  }
  end_document(true);
}

// ---- Strings -------------------------------------------------------------

void JsonParser::State::begin_string(char quote, bool is_key) {
  token_ = Token::string;
  token_offset_ = position_.offset;
  quote_ = quote;
  string_is_key_ = is_key;
  reported_control_ = false;
  partial_sent_ = 0;
  high_surrogate_ = 0;
  buffer_.clear();
  if (quote == '\'') repair(Repair::single_quoted_string);
}

void JsonParser::State::append_to_string(char c) {
  if (high_surrogate_ != 0) flush_lone_surrogate();
  if (static_cast<unsigned char>(c) < 0x20 && !reported_control_) {
    reported_control_ = true;
    repair(Repair::raw_control_character);
  }
  buffer_ += c;
}

void JsonParser::State::string_char(char c) {
  if (c == quote_) {
    token_ = Token::pending_quote;
    pending_.clear();
    pending_position_ = position_;
    pending_position_.advance(c);
    pending_stage_ = 0;
    pending_newline_ = false;
  } else if (c == '\\') {
    token_ = Token::escape;
  } else {
    append_to_string(c);
  }
}

void JsonParser::State::escape_char(char c) {
  token_ = Token::string;
  char decoded;
  switch (c) {
    case '"': case '\\': case '/': case '\'': decoded = c; break;
    case 'b': decoded = '\b'; break;
    case 'f': decoded = '\f'; break;
    case 'n': decoded = '\n'; break;
    case 'r': decoded = '\r'; break;
    case 't': decoded = '\t'; break;
    case 'u':
      token_ = Token::unicode;
      unicode_ = 0;
      unicode_digits_ = 0;
      return;
    default:
      // \d, \x, \: keep the text as written, as the model most likely meant it.
      repair(Repair::invalid_escape, position_.offset - 1);
      if (high_surrogate_ != 0) flush_lone_surrogate();
      buffer_ += '\\';
      append_to_string(c);
      return;
  }
  if (high_surrogate_ != 0) flush_lone_surrogate();
  buffer_ += decoded;
}

void JsonParser::State::unicode_char(char c) {
  int digit = json_text::hex_value(c);
  if (digit >= 0) {
    unicode_ = unicode_ * 16 + static_cast<std::uint32_t>(digit);
    if (++unicode_digits_ == 4) {
      token_ = Token::string;
      code_unit(unicode_);
    }
    return;
  }
  // A short \u escape: keep it as text.
  repair(Repair::invalid_escape, position_.offset - 2 - unicode_digits_);
  if (high_surrogate_ != 0) flush_lone_surrogate();
  buffer_ += "\\u";
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = unicode_digits_ - 1; i >= 0; --i) buffer_ += kHex[(unicode_ >> (4 * i)) & 0xF];
  token_ = Token::string;
  string_char(c);
}

void JsonParser::State::code_unit(std::uint32_t unit) {
  const bool high = unit >= 0xD800 && unit <= 0xDBFF;
  const bool low = unit >= 0xDC00 && unit <= 0xDFFF;
  if (high_surrogate_ != 0 && low) {
    std::uint32_t cp = 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (unit - 0xDC00);
    high_surrogate_ = 0;
    json_text::append_utf8(buffer_, cp);
    return;
  }
  if (high_surrogate_ != 0) flush_lone_surrogate();
  if (high) {
    high_surrogate_ = unit;
  } else if (low) {
    repair(Repair::invalid_escape, position_.offset - 5);
    json_text::append_utf8(buffer_, 0xFFFD);
  } else {
    json_text::append_utf8(buffer_, unit);
  }
}

void JsonParser::State::flush_lone_surrogate() {
  high_surrogate_ = 0;
  repair(Repair::invalid_escape);
  json_text::append_utf8(buffer_, 0xFFFD);
}

// A quote inside a string either closes it or is an inner quote the model
// forgot to escape. It closes when what follows fits the structure: ':' after
// a key, ',' '}' ']' after a value (a comma only if what follows the comma
// starts a member or an item), a comment, a fence, or the end of the input.
void JsonParser::State::pending_quote_char(char c) {
  if (is_space(c) && pending_stage_ != 3) {
    pending_ += c;
    if (c == '\n') pending_newline_ = true;
    return;
  }
  switch (judge_quote(c)) {
    case QuoteVerdict::undecided:
      pending_ += c;
      return;
    case QuoteVerdict::closes:
      close_string_and_replay(c);
      return;
    case QuoteVerdict::literal:
      keep_quote_as_text(c);
      return;
  }
}

QuoteVerdict JsonParser::State::judge_quote(char c) {
  if (c == '`') return QuoteVerdict::closes;
  switch (pending_stage_) {
    case 1:  // after a comma: does a member or an item start?
      if (c == '"' || c == '\'' || c == '/' || c == '#' || static_cast<unsigned char>(c) < 0x20) {
        return QuoteVerdict::closes;
      }
      if (is_identifier_start(c)) {
        pending_stage_ = 3;
        word_start_ = pending_.size();
        return QuoteVerdict::undecided;
      }
      if (in_object()) return c == '}' ? QuoteVerdict::closes : QuoteVerdict::literal;
      return c == '{' || c == '[' || c == ']' || c == '-' || is_digit(c) ? QuoteVerdict::closes
                                                                          : QuoteVerdict::literal;
    case 2:  // after a '/': a comment?
      return c == '/' || c == '*' ? QuoteVerdict::closes : QuoteVerdict::literal;
    case 3: {  // a word after a comma: a literal, or an unquoted key?
      if (is_identifier(c)) return QuoteVerdict::undecided;
      bool nonstandard = false;
      std::string_view word = std::string_view(pending_).substr(word_start_);
      if (json_text::parse_literal(word, nonstandard) != json_text::Literal::none) return QuoteVerdict::closes;
      return in_object() && c == ':' ? QuoteVerdict::closes : QuoteVerdict::literal;
    }
    default:
      break;
  }
  // Another quote after a space: the next key or item, after a missing comma
  // or colon ("a" "b"); right after it ("say "hi"") the first one was text.
  if ((c == '"' || c == '\'') && !pending_.empty()) return QuoteVerdict::closes;
  if (string_is_key_) {
    // Keys seldom quote words: only a letter after the quote keeps it as text.
    return json_text::is_alpha(c) ? QuoteVerdict::literal : QuoteVerdict::closes;
  } else {
    if (c == '}' || c == ']') return QuoteVerdict::closes;
    if (c == ',') {
      pending_stage_ = 1;
      return QuoteVerdict::undecided;
    }
  }
  if (c == '/') {
    pending_stage_ = 2;
    return QuoteVerdict::undecided;
  }
  if (c == '#' && !pending_.empty()) return QuoteVerdict::closes;
  return QuoteVerdict::literal;
}

void JsonParser::State::close_string_and_replay(char c) {
  const Position here = position_;
  std::string replay = std::move(pending_);
  pending_.clear();
  end_string();
  position_ = pending_position_;
  for (char p : replay) {
    step(p);
  }
  position_ = here;
  process(c);
}

void JsonParser::State::keep_quote_as_text(char c) {
  repair(Repair::unescaped_quote, pending_position_.offset - 1);
  token_ = Token::string;
  buffer_ += quote_;
  for (char p : pending_) append_to_string(p);
  pending_.clear();
  string_char(c);
}

void JsonParser::State::end_string() {
  if (high_surrogate_ != 0) flush_lone_surrogate();
  token_ = Token::none;
  if (string_is_key_) {
    sink_.key(buffer_, token_offset_);
    expect_ = Expect::colon;
  } else {
    sink_.string_value(buffer_, token_offset_);
    value_done();
  }
}

// ---- Numbers and words ---------------------------------------------------

bool JsonParser::State::end_number() {
  token_ = Token::none;
  bool nonstandard = false;
  std::optional<std::string> number = json_text::normalize_number(buffer_, nonstandard);
  if (!number) {
    fail("invalid number '" + buffer_ + "'");
    return false;
  }
  if (nonstandard) repair(Repair::nonstandard_number, token_offset_);
  sink_.number(*number, token_offset_);
  value_done();
  return true;
}

void JsonParser::State::word_char(char c) {
  if (is_identifier(c) || (word_is_key_ && c == '-')) {
    buffer_ += c;
    return;
  }
  end_word(c);
}

void JsonParser::State::end_word(char c) {
  if (word_is_key_) {
    token_ = Token::none;
    repair(Repair::unquoted_key, token_offset_);
    sink_.key(buffer_, token_offset_);
    expect_ = Expect::colon;
    structural(c);
    return;
  }
  bool nonstandard = false;
  json_text::Literal literal = json_text::parse_literal(buffer_, nonstandard);
  if (literal != json_text::Literal::none) {
    token_ = Token::none;
    if (nonstandard) repair(Repair::nonstandard_literal, token_offset_);
    switch (literal) {
      case json_text::Literal::true_value: sink_.boolean(true, token_offset_); break;
      case json_text::Literal::false_value: sink_.boolean(false, token_offset_); break;
      case json_text::Literal::null_value: sink_.null(token_offset_); break;
      case json_text::Literal::nan: sink_.number("nan", token_offset_); break;
      case json_text::Literal::infinity: sink_.number("inf", token_offset_); break;
      case json_text::Literal::negative_infinity: sink_.number("-inf", token_offset_); break;
      case json_text::Literal::none: break;
    }
    value_done();
    structural(c);
    return;
  }
  if (!word_in_object_) {
    token_ = Token::none;
    fail("expected a value; found the word '" + buffer_ +
         "' (text without quotes is only accepted as an object member's value)");
    return;
  }
  token_ = Token::bare_string;
  bare_char(c);
}

void JsonParser::State::bare_char(char c) {
  if (c == ',' || c == '}' || c == '\n' || c == '\r') {
    emit_bare_string();
    structural(c);
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

// ---- Public face -----------------------------------------------------------

JsonParser::JsonParser(JsonSink& sink, ParserOptions options)
    : state_(std::make_unique<State>(sink, options)) {}
JsonParser::~JsonParser() = default;
bool JsonParser::feed(std::string_view chunk) { return state_->feed(chunk); }
bool JsonParser::finish() { return state_->finish(); }
const std::optional<ParseError>& JsonParser::error() const { return state_->error(); }
std::size_t JsonParser::bytes_consumed() const { return state_->bytes_consumed(); }

}  // namespace instructor
