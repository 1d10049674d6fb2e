// The parser's state machine, shared by the files that implement it:
// json_parser.cc (driving, structure), json_well_formed.cc (shortcuts for
// well-formed JSON), json_end.cc (the end of the input, truncated
// documents), json_prose.cc (the text around documents, a lone value as the
// whole answer), json_strings.cc (strings, escapes, ambiguous quotes),
// json_long_strings.cc (triple-quoted strings, code blocks), json_words.cc
// (numbers, literals, bare words) and json_bare_values.cc (unquoted values
// and where they end). Its whole state lives here so that a chunk may end
// anywhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "instructor/json_parser.h"
#include "json_text.h"

namespace instructor {
namespace json_state {

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
  triple_string,  // """text"""
  code_block,     // ```lang\ncode\n``` as a value
  number,
  word,
  bare_string,
  bare_boundary,  // a comma or line break in an unquoted value: its end, or more text?
  slash,
  line_comment,
  block_comment,
  block_comment_star,
};

// What an ambiguous quote inside a string turned out to be.
enum class QuoteVerdict { closes, literal, undecided };

// After a comma or line break in an unquoted value: what has been seen since.
enum class BareStage {
  gap,         // spaces, commas and line breaks
  slash,       // a '/' that may start a comment
  quoted_key,  // a quoted word that may be the next key
  word_key,    // a bare word that may be the next key
  after_key,   // a possible key, then spaces: a ':' makes it the next member
};

// How the whole answer so far could still be one lone value (1214, true, "hi").
enum class LoneValue { empty, word, word_ended, quoted, impossible };

}  // namespace json_state

class JsonParser::State {
 public:
  using Position = json_state::Position;
  using Mode = json_state::Mode;
  using Expect = json_state::Expect;
  using Token = json_state::Token;
  using QuoteVerdict = json_state::QuoteVerdict;
  using BareStage = json_state::BareStage;
  using LoneValue = json_state::LoneValue;

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
  // How many bytes from `data` on are plain string text (no quote, backslash
  // or control character), taken at once.
  std::size_t plain_length(const char* data, std::size_t size) const;
  bool closes_plainly(const char* data, std::size_t size) const;
  bool plain_escape(const char* data, std::size_t size);
  std::size_t string_shortcuts(const char* data, std::size_t size);
  std::size_t number_run(const char* data, std::size_t size);
  std::size_t whole_tokens(const char* data, std::size_t size);
  void prose(char c);
  void track_lone_value(char c);
  std::string_view lone_text_trimmed() const;
  bool lone_value_fits() const;
  void emit_lone_value();
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
  void keep_escape_as_written(char c);
  void end_string();
  // Ends the string with `text` as its value (buffer_, or the input when it was never copied).
  void end_string(std::string_view text);

  // A third quote or backtick right after a value's first two: """ or ```.
  bool opens_long_string(char c) const {
    return position_.offset == token_offset_ + 2 && c == quote_ && !string_is_key_;
  }
  void begin_long_string();
  void triple_char(char c);
  void end_triple_string(bool at_end);
  void code_block_char(char c);
  void code_block_info_char(char c);
  bool closes_code_block(char c) const;
  void end_code_block(bool at_end);
  void send_dedented_string();

  bool send_strict_number();
  bool end_number();
  void send_literal(json_text::Literal literal);
  void word_char(char c);
  void end_word(char c);
  void begin_bare_string(std::string text);
  void emit_bare_string();
  void bare_char(char c);
  void bare_boundary_char(char c);
  void bare_gap_char(char c);
  void end_bare_at_boundary();
  void continue_bare_after_boundary(char c);

  void repair(Repair kind, std::size_t offset) { sink_.repair(kind, offset); }
  void repair(Repair kind) { sink_.repair(kind, position_.offset); }
  void fail(std::string message);
  void fail_hard(std::string message);
  ParseError make_error(std::string message) const {
    return ParseError{std::move(message), position_.offset, position_.line, position_.column};
  }
  bool in_object() const { return !stack_.empty() && stack_.back() == '{'; }
  bool expects_value() const {
    return expect_ == Expect::member_value || expect_ == Expect::first_item || expect_ == Expect::item_after_comma;
  }
  // Whether a backtick starts a value (`text`, ```code```) rather than being
  // the end of the ``` fence around the document: only where a value may
  // start, and in a fenced document only on the line where its key (or the
  // item before it) began.
  bool starts_code_value() const {
    return expects_value() && (!in_fence_ || token_offset_ + position_.column > position_.offset);
  }
  // Inlined into feed(), its only caller: once per chunk.
  [[gnu::always_inline]] inline void send_partial_string();
  // Inlined into feed(), which calls it for nearly every byte of a stream.
  [[gnu::always_inline]] inline bool read(const char* data, std::size_t size, bool at_chunk_end);
  bool hold_undecided_quote(const char* data, std::size_t size);
  // Kept out of feed(): it is rare, and would put a second reading loop there.
  [[gnu::noinline]] bool read_held(std::string_view& rest, bool input_ends);
  // A quote held back at a chunk's end, with the bytes after it (see hold_undecided_quote).
  char held_[3];
  std::uint8_t held_size_ = 0;
  // How much of the next chunk is read with the held bytes before the rest.
  static constexpr std::size_t kHeldWindow = 16;

  JsonSink& sink_;
  ParserOptions options_;
  Mode mode_ = Mode::prose;
  Position position_;
  std::size_t consumed_ = 0;
  std::optional<ParseError> error_;
  std::optional<ParseError> first_soft_error_;
  bool resume_in_prose_ = false;
  bool finished_ = false;

  // Prose: the text around documents.
  int backticks_ = 0;
  bool in_fence_ = false;
  bool in_fence_tag_ = false;
  bool seen_text_ = false;
  std::optional<std::size_t> prose_offset_;
  std::size_t documents_ = 0;
  LoneValue lone_ = LoneValue::empty;
  std::string lone_text_;  // the answer's text from its first non-space byte, while it may be a lone value
  Position lone_position_;  // where it starts

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

  // Long strings: triple-quoted and code blocks.
  int run_ = 0;               // quotes or backticks in a row, not yet known to be text
  bool raw_next_ = false;     // triple string: the byte after a backslash is text
  int fence_length_ = 0;      // code block: the backticks that opened it
  bool fence_info_ = false;   // code block: still on its opening line (the info string)
  bool line_start_ = false;   // code block: only spaces since the line began

  // Unquoted values: after a comma or line break (held in pending_).
  BareStage bare_stage_ = BareStage::gap;
  bool bare_continued_ = false;  // the value already ran on past a boundary
  bool bare_key_known_ = false;  // after_key: the word is a key the object expects
  bool bare_escape_ = false;     // quoted_key: the byte after a backslash
};

}  // namespace instructor
