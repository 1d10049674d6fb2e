// The lenient, incremental JSON parser: bytes in, JSON events out, in one pass.
//
//   instructor::JsonParser parser(sink);
//   while (auto chunk = next_chunk()) if (!parser.feed(*chunk)) break;
//   if (!parser.finish()) log(parser.error()->to_string());
//
// feed() may be called with chunks of any size, down to one byte: the parser
// keeps its state between chunks and never looks at a byte twice (except a few
// bytes after an ambiguous quote), so a stream of n bytes costs O(n) in total.
// One feed() with the whole text parses a whole body the same way.
//
// It finds the JSON in a model's answer (prose around it, ``` fences, several
// candidates) and repairs what models get wrong; every repair is reported to
// the sink as a Repair with its byte offset (see repairs.h for the list).
// The sink may share what it knows of the expected shape (JsonSink's schema
// hints); the parser stays generic and uses it only on lenient paths.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "instructor/repairs.h"

namespace instructor {

// Why a text could not be read as JSON, and where.
struct ParseError {
  std::string message;     // "expected ',' or '}' after an object member; found 'x'"
  std::size_t offset = 0;  // byte offset in the whole input
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in bytes

  // "line 3, column 14 (byte 52): expected ..."
  std::string to_string() const;
};

struct ParserOptions {
  // Objects and arrays nested deeper than this are an error.
  std::size_t max_depth = 128;
  // More input than this (in bytes, prose included) is an error.
  std::size_t max_size = 64u << 20;
};

// The member names an object is expected to have, as the receiver of the
// events knows them (from a schema or a message type).
class KeySet {
 public:
  virtual bool contains(std::string_view key) const = 0;

 protected:
  ~KeySet() = default;
};

// Receives the parser's events. A document is one top-level object or array
// found in the text (or, when the sink accepts it, a lone value that is the
// whole answer); it either ends (complete, or completed by repairs at finish)
// or is abandoned when it turns out to be prose that only looked like JSON,
// in which case everything since begin_document is to be forgotten.
class JsonSink {
 public:
  virtual ~JsonSink() = default;

  virtual void begin_document(std::size_t offset) = 0;
  // `repaired_at_end`: the document was cut short and closed at finish().
  virtual void end_document(bool repaired_at_end) = 0;
  virtual void abandon_document() = 0;

  virtual void begin_object(std::size_t offset) = 0;
  virtual void end_object(std::size_t offset) = 0;
  virtual void begin_array(std::size_t offset) = 0;
  virtual void end_array(std::size_t offset) = 0;
  // An object member's name; its value's events follow (or end_object, when a
  // truncated or empty member was dropped).
  virtual void key(std::string_view name, std::size_t offset) = 0;
  // A complete string value, unescaped.
  virtual void string_value(std::string_view value, std::size_t offset) = 0;
  // The string value being read, so far (sent at the end of a feed() that
  // stopped inside it); string_value follows once it is complete.
  virtual void partial_string(std::string_view /*so_far*/, std::size_t /*offset*/) {}
  // A number in JSON syntax ("-12", "0.5", "1e3"), or "nan", "inf", "-inf".
  virtual void number(std::string_view text, std::size_t offset) = 0;
  virtual void boolean(bool value, std::size_t offset) = 0;
  virtual void null(std::size_t offset) = 0;
  virtual void repair(Repair kind, std::size_t offset) = 0;

  // Schema hints, asked only on lenient paths; the defaults know nothing.
  //
  // The keys the innermost open object is expected to have, or null when the
  // sink does not know. An unquoted value then runs on past commas and line
  // breaks up to the next of these keys (or any quoted key) followed by ':',
  // or the closing brace; without them it ends at a comma or line break.
  virtual const KeySet* expected_keys() { return nullptr; }
  // Whether a lone number, boolean or quoted string that is the whole answer
  // (1214, true, "hello") may stand for the document (asked at finish).
  virtual bool accepts_lone_value() { return false; }
};

class JsonParser {
 public:
  explicit JsonParser(JsonSink& sink, ParserOptions options = {});
  ~JsonParser();
  JsonParser(const JsonParser&) = delete;
  JsonParser& operator=(const JsonParser&) = delete;

  // Parses the next bytes. False once the input is known to be unusable (a
  // limit was passed, or the text began with JSON that cannot be repaired);
  // error() then says why, and later calls do nothing.
  [[nodiscard]] bool feed(std::string_view chunk);

  // Ends the input: closes what a truncated document left open. False when no
  // JSON object or array was found (error() says what was expected where).
  [[nodiscard]] bool finish();

  // Set once feed() or finish() returned false.
  const std::optional<ParseError>& error() const;

  // Bytes fed so far.
  std::size_t bytes_consumed() const;

 private:
  class State;
  std::unique_ptr<State> state_;
};

}  // namespace instructor
