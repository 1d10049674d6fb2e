// The lenient incremental parser on its own: the events it sends, where
// chunk boundaries may fall, its errors and its limits.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "instructor/json_parser.h"

namespace {

// Writes every event as a short token: {, }, [, ], k:name, s:text, p:so_far, n:12, b:true, null,
// +doc, -doc, !doc, r:repair.
class RecordingSink : public instructor::JsonSink {
 public:
  std::vector<std::string> events;
  bool record_partials = true;

  std::string text() const {
    std::string out;
    for (const auto& e : events) out += (out.empty() ? "" : " ") + e;
    return out;
  }

  void begin_document(std::size_t) override { events.push_back("+doc"); }
  void end_document(bool repaired) override { events.push_back(repaired ? "-doc(repaired)" : "-doc"); }
  void abandon_document() override { events.push_back("!doc"); }
  void begin_object(std::size_t) override { events.push_back("{"); }
  void end_object(std::size_t) override { events.push_back("}"); }
  void begin_array(std::size_t) override { events.push_back("["); }
  void end_array(std::size_t) override { events.push_back("]"); }
  void key(std::string_view name, std::size_t) override { events.push_back("k:" + std::string(name)); }
  void string_value(std::string_view v, std::size_t) override { events.push_back("s:" + std::string(v)); }
  void partial_string(std::string_view v, std::size_t) override {
    if (record_partials) events.push_back("p:" + std::string(v));
  }
  void number(std::string_view t, std::size_t) override { events.push_back("n:" + std::string(t)); }
  void boolean(bool v, std::size_t) override { events.push_back(v ? "b:true" : "b:false"); }
  void null(std::size_t) override { events.push_back("null"); }
  void repair(instructor::Repair kind, std::size_t offset) override {
    events.push_back("r:" + std::string(instructor::repair_name(kind)) + "@" + std::to_string(offset));
  }
};

// Keys written in a set, as a sink that knows its schema would answer.
class Keys : public instructor::KeySet {
 public:
  explicit Keys(std::vector<std::string> keys) : keys_(std::move(keys)) {}
  bool contains(std::string_view key) const override {
    for (const auto& k : keys_) {
      if (k == key) return true;
    }
    return false;
  }

 private:
  std::vector<std::string> keys_;
};

// A sink that knows which keys every object has, and takes a lone value.
class SchemaSink : public RecordingSink {
 public:
  explicit SchemaSink(std::vector<std::string> keys) : keys_(std::move(keys)) {}
  const instructor::KeySet* expected_keys() override {
    ++asked;
    return &keys_;
  }
  bool accepts_lone_value() override { return true; }
  int asked = 0;

 private:
  Keys keys_;
};

std::string parse_with_keys(const std::vector<std::string>& chunks, std::vector<std::string> keys) {
  SchemaSink sink(std::move(keys));
  sink.record_partials = false;
  instructor::JsonParser parser(sink);
  bool good = true;
  for (const auto& chunk : chunks) good = good && parser.feed(chunk);
  good = good && parser.finish();
  return (good ? "" : "failed: ") + sink.text();
}

std::string parse_in(const std::vector<std::string>& chunks, bool* ok = nullptr, bool partials = true) {
  RecordingSink sink;
  sink.record_partials = partials;
  instructor::JsonParser parser(sink);
  bool good = true;
  for (const auto& chunk : chunks) good = good && parser.feed(chunk);
  good = good && parser.finish();
  if (ok != nullptr) *ok = good;
  return sink.text();
}

TEST_CASE("a document becomes events in order") {
  CHECK(parse_in({R"({"a": [1, -2.5e3, "x"], "b": {"c": true, "d": null}})"}) ==
        "+doc { k:a [ n:1 n:-2.5e3 s:x ] k:b { k:c b:true k:d null } } -doc");
}

TEST_CASE("a string cut by a chunk boundary is sent so far, then whole") {
  CHECK(parse_in({R"({"a": "hel)", R"(lo", "b": 1})"}) == "+doc { k:a p:hel s:hello k:b n:1 } -doc");
}

TEST_CASE("a number at the end of a chunk waits for the next byte") {
  CHECK(parse_in({R"({"a": 12)", R"(34})"}) == "+doc { k:a n:1234 } -doc");
}

TEST_CASE("keys are sent only once complete") {
  CHECK(parse_in({R"({"ab)", R"(cd": 1})"}) == "+doc { k:abcd n:1 } -doc");
}

TEST_CASE("an escape split across chunks is decoded once") {
  CHECK(parse_in({R"({"a": "x\)", "u00", R"(e9y"})"}) == "+doc { k:a p:x s:xéy } -doc");
}

TEST_CASE("a quote followed by a chunk boundary is judged when the next byte arrives") {
  CHECK(parse_in({R"({"a": "x")", " ", R"(, "b": "say ")", R"(hi" now"})"}) ==
        "+doc { k:a p:x s:x k:b p:say  r:unescaped_quote@22 r:unescaped_quote@25 s:say \"hi\" now } -doc");
}

// A quote the chunk's end leaves undecided is held back and read with the
// next chunk's first bytes (or at finish()): cut anywhere, the same events.
TEST_CASE("a quote held back at a chunk's end is read with the next chunk or at the end: the whole text's events") {
  const std::string text = R"({"a": "x", "b": ["y", "z"], "c": "say "hi", ok", "d": "", "e": "q"})";
  const std::string whole = parse_in({text}, nullptr, false);
  REQUIRE(whole.find("s:say \"hi\", ok") != std::string::npos);
  for (std::size_t i = 1; i < text.size(); ++i) {
    for (std::size_t j = i; j < text.size(); ++j) {
      INFO("cut at ", i, " and ", j);
      CHECK(parse_in({text.substr(0, i), text.substr(i, j - i), text.substr(j)}, nullptr, false) == whole);
    }
  }
  // The input ends with the quote held: after it nothing, "," or ", ".
  for (const std::string end : {R"({"a": "x")", R"({"a": "x",)", R"({"a": "x", )", R"(["x", )"}) {
    INFO(end);
    const std::string cut = end.substr(0, end.rfind('"'));  // the last chunk starts at the quote
    CHECK(parse_in({cut, end.substr(cut.size())}, nullptr, false) == parse_in({end}, nullptr, false));
    // The quote closed the string: no string closed or key dropped by the end of the input.
    const std::string events = parse_in({end}, nullptr, false);
    CHECK(events.find("-doc(repaired)") != std::string::npos);
    CHECK(events.find("closed_string") == std::string::npos);
    CHECK(events.find("dropped_partial_value") == std::string::npos);
  }
}

TEST_CASE("a closing brace inside a string is text") {
  CHECK(parse_in({R"([{"a": "}]"}, {"a": "{"}])"}) == "+doc [ { k:a s:}] } { k:a s:{ } ] -doc");
}

TEST_CASE("a {...} in prose that is not JSON is abandoned and the search goes on") {
  CHECK(parse_in({"see {x} and [1, 2]"}) ==
        "r:prose_skipped@0 +doc { r:unquoted_key@5 k:x !doc r:invalid_fragment_skipped@4 r:prose_skipped@6 +doc [ n:1 n:2 ] "
        "-doc");
}

TEST_CASE("finish closes a truncated document and reports what it did") {
  CHECK(parse_in({R"({"a": [1, {"b": "x)"}) ==
        "+doc { k:a [ n:1 { k:b p:x r:closed_string@18 s:x r:closed_container@18 } r:closed_container@18 ] "
        "r:closed_container@18 } -doc(repaired)");
}

TEST_CASE("an error names the line, the column, the byte and what was expected") {
  RecordingSink sink;
  instructor::JsonParser parser(sink);
  CHECK_FALSE(parser.feed("{\n  \"a\": 1,\n  \"b\" 1 2\n}"));
  REQUIRE(parser.error().has_value());
  CHECK(parser.error()->line == 3);
  CHECK(parser.error()->column == 9);
  CHECK(parser.error()->offset == 20);
  CHECK(parser.error()->to_string() ==
        "line 3, column 9 (byte 20): expected ',' or '}' after an object member; found '2'");
  CHECK_FALSE(parser.feed("more"));
  CHECK_FALSE(parser.finish());
}

TEST_CASE("the maximum size is enforced with a clear error") {
  RecordingSink sink;
  instructor::JsonParser parser(sink, {.max_depth = 128, .max_size = 10});
  CHECK(parser.feed(R"({"a": )"));
  CHECK_FALSE(parser.feed(R"("long value"})"));
  CHECK(parser.error()->message == "the input is larger than the limit of 10 bytes");
}

TEST_CASE("the maximum depth is configurable") {
  RecordingSink sink;
  instructor::JsonParser parser(sink, {.max_depth = 3, .max_size = 1000});
  CHECK(parser.feed("[[[1]]]"));
  CHECK(parser.finish());
  RecordingSink sink2;
  instructor::JsonParser deeper(sink2, {.max_depth = 3, .max_size = 1000});
  CHECK_FALSE(deeper.feed("[[[[1]]]]"));
  CHECK(deeper.error()->message == "objects and arrays are nested deeper than the limit of 3");
  CHECK(deeper.error()->column == 4);
}

TEST_CASE("feeding after finish is an error") {
  RecordingSink sink;
  instructor::JsonParser parser(sink);
  CHECK(parser.feed("[1]"));
  CHECK(parser.finish());
  CHECK(parser.finish());
  CHECK_FALSE(parser.feed("[2]"));
  CHECK(parser.error()->message == "feed() after finish(): the input had already ended");
}

TEST_CASE("text with no JSON fails at finish, not before") {
  RecordingSink sink;
  instructor::JsonParser parser(sink);
  CHECK(parser.feed("no json here"));
  CHECK_FALSE(parser.finish());
  CHECK(parser.error()->message == "expected a JSON object or array; the text has none");
}

TEST_CASE("a fenced block and the prose around it") {
  CHECK(parse_in({"Here:\n```json\n{\"a\": 1}\n```\nBye"}) ==
        "r:fenced_block@6 r:prose_skipped@0 +doc { k:a n:1 } -doc r:prose_skipped@27");
}

TEST_CASE("every byte fed alone gives the same events as the whole text, partial strings aside") {
  const std::string text =
      "Sure:\n```json\n{'name': \"Ann \"A\" Lee\", tags: ['x', \"y\",], /* c */ \"n\": +1.50, # c\n"
      " \"u\": \"\\ud83d\\ude00\\q\", \"t\": True, \"m\": [1 2}, \"cut\": \"abc";
  std::vector<std::string> bytes;
  for (char c : text) bytes.emplace_back(1, c);
  const std::string whole = parse_in({text}, nullptr, false);
  CHECK(parse_in(bytes, nullptr, false) == whole);
  CHECK(whole.find("s:Ann \"A\" Lee") != std::string::npos);
  CHECK(whole.find("s:\xF0\x9F\x98\x80\\q") != std::string::npos);
}

TEST_CASE("without expected keys an unquoted value ends at a comma or a line break") {
  CHECK(parse_in({"{a: x, y\nb: 1}"}) ==
        "+doc { r:unquoted_key@1 k:a r:unquoted_string@4 s:x r:unquoted_key@7 k:y r:missing_colon@9 r:unquoted_string@9 "
        "s:b: 1 } -doc");
}

TEST_CASE("with expected keys an unquoted value runs on to the next expected key") {
  CHECK(parse_with_keys({"{a: x, y\nb: 1}"}, {"a", "b"}) ==
        "+doc { r:unquoted_key@1 k:a r:unquoted_string_continued@5 r:unquoted_string@4 s:x, y r:missing_comma@9 "
        "r:unquoted_key@9 k:b n:1 } -doc");
  // Cut anywhere, the bytes after the comma wait for the key's ':' and give the same events.
  CHECK(parse_with_keys({"{a: x,", " y\nb", ": 1}"}, {"a", "b"}) == parse_with_keys({"{a: x, y\nb: 1}"}, {"a", "b"}));
}

TEST_CASE("the parser asks for expected keys only at commas, line breaks and words after them in unquoted values") {
  SchemaSink sink({"a"});
  instructor::JsonParser parser(sink);
  REQUIRE(parser.feed(R"({"a": "x, y", "b": [1, 2], "c": z})"));
  REQUIRE(parser.finish());
  CHECK(sink.asked == 0);
  SchemaSink prose({"a"});
  instructor::JsonParser prose_parser(prose);
  REQUIRE(prose_parser.feed("{a: one, two,\nthree}"));
  REQUIRE(prose_parser.finish());
  CHECK(prose.asked == 4);  // at ", two", at ",\nthree", and at the end of each word
}

TEST_CASE("a triple-quoted string streams as it grows and arrives dedented") {
  CHECK(parse_in({"{\"c\": \"\"\"\n  a \"q\"\n", "    b\n  \"\"", "\"}"}) ==
        "+doc { k:c r:triple_quoted_string@6 p:\n  a \"q\"\n p:\n  a \"q\"\n    b\n   s:a \"q\"\n  b } -doc");
}

TEST_CASE("a code block streams its body, not its info string") {
  CHECK(parse_in({"{\"c\": ```py", "thon\n  x = 1\n", "```}"}) ==
        "+doc { k:c r:code_block_value@6 p:  x = 1\n s:x = 1 } -doc");
}

TEST_CASE("a lone value is the document only when the sink accepts one") {
  bool ok = true;
  CHECK(parse_in({" 12", "14 "}, &ok) == "");
  CHECK_FALSE(ok);
  CHECK(parse_with_keys({" 12", "14 "}, {}) == "+doc n:1214 -doc");
  CHECK(parse_with_keys({"\"a \\u00e9", "\""}, {}) == "+doc s:a \xC3\xA9 -doc");
  CHECK(parse_with_keys({"True"}, {}) == "+doc r:nonstandard_literal@0 b:true -doc");
  CHECK(parse_with_keys({"twelve"}, {}) == "failed: ");
}

TEST_CASE("well-formed runs read a token at a time agree with the byte-at-a-time states") {
  // Whole tokens (brackets, strings, numbers, literals) next to what needs the
  // state machine: a nonstandard number, a single-quoted string, a word
  // that is no literal, an escape it decodes by hand.
  const std::string text = "{\"a\": [1, -2.5E3, 01, \"x\\\"y\\u00e9\", true], \"e\": nul,\n \"b\": {}, 'c': [], \"d\": null}";
  const std::string whole = parse_in({text}, nullptr, false);
  CHECK(whole ==
        "+doc { k:a [ n:1 n:-2.5e3 r:nonstandard_number@18 n:1 s:x\"y\xC3\xA9 b:true ] k:e r:unquoted_string@48 s:nul "
        "k:b { } r:single_quoted_string@63 k:c [ ] k:d null } -doc");
  std::vector<std::string> bytes;
  for (char c : text) bytes.emplace_back(1, c);
  CHECK(parse_in(bytes, nullptr, false) == whole);
}

}  // namespace
