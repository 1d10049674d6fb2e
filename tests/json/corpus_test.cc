// The malformed-output corpus (tests/json/corpus/*.cases), each case decoded
// whole and in 1-, 7- and 64-byte chunks: every run must give the expected
// message (or error), repairs and violations.
#include <doctest/doctest.h>

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>

#include "chunked_decode.h"
#include "corpus_reader.h"
#include "instructor/completeness.h"
#include "jsontest/models.instructor.h"  // registers the models' generated field access for this binary

namespace jsontest {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Expected repairs are names, or name@offset; compare each in its own form.
std::vector<std::string> actual_repairs_like(const std::vector<std::string>& expected,
                                             const instructor::Repairs& repairs) {
  std::vector<std::string> actual;
  for (std::size_t i = 0; i < repairs.size(); ++i) {
    const std::string wanted = i < expected.size() ? expected[i] : "";
    if (wanted.find('(') != std::string::npos) actual.push_back(instructor::to_string(repairs[i]));
    else actual.push_back(repair_names({repairs[i]}, wanted.find('@') != std::string::npos)[0]);
  }
  return actual;
}

void check_case(const CorpusCase& c, std::size_t chunk, Instance instance) {
  INFO(c.file, ":", c.line, " \"", c.name, "\" chunk ", chunk, instance == Instance::dynamic ? " (DynamicMessage)" : "");
  Outcome outcome = decode_in_chunks(c.target, c.input, chunk, {}, instance);
  INFO("got:\n", outcome.describe());
  if (c.error) {
    CHECK_FALSE(outcome.ok);
    CHECK_MESSAGE(outcome.error.find(*c.error) != std::string::npos, "expected error containing: ", *c.error);
    return;
  }
  REQUIRE(outcome.ok);
  std::unique_ptr<google::protobuf::Message> expected(prototype(c.target).New());
  REQUIRE_MESSAGE(google::protobuf::TextFormat::ParseFromString(c.message.value_or(""), expected.get()),
                  "bad expected message in the corpus");
  CHECK_MESSAGE(google::protobuf::util::MessageDifferencer::Equals(*expected, *outcome.message),
                "expected message:\n", expected->DebugString());
  CHECK(joined(actual_repairs_like(c.repairs, outcome.repairs)) == joined(c.repairs));
  std::vector<std::string> violations;
  for (const auto& v : outcome.violations) violations.push_back(v.path + " " + v.rule);
  CHECK(joined(violations) == joined(c.violations));
}

TEST_CASE("the malformed-output corpus decodes as expected, whole and in 1-, 7- and 64-byte chunks") {
  std::vector<CorpusCase> cases = read_corpus(JSON_CORPUS_DIR);
  REQUIRE(cases.size() >= 60);
  for (const CorpusCase& c : cases) {
    for (std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{64}}) {
      check_case(c, chunk, Instance::generated);
    }
  }
}

// The generated classes are filled through their generated field access, a
// DynamicMessage of the same type through reflection: both must come out the same.
TEST_CASE("the corpus decodes the same into a DynamicMessage of each type, whole and in 1- and 7-byte chunks") {
  std::vector<CorpusCase> cases = read_corpus(JSON_CORPUS_DIR);
  REQUIRE(cases.size() >= 60);
  for (const CorpusCase& c : cases) {
    for (std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{7}}) check_case(c, chunk, Instance::dynamic);
  }
}

// Records every completion reported, in order: "User.tags" for a field, "User.tags#2" for an item.
void completions_into(std::vector<std::string>& out, instructor::DecodeOptions& options) {
  options.on_complete = [&out](const instructor::Completion& done) {
    out.push_back(done.message->GetDescriptor()->name() + "." + done.field->name() +
                  (done.index >= 0 ? "#" + std::to_string(done.index) : ""));
  };
}

// decode_json keeps no completeness record (its result has none): everything
// it does return, and every completion it reports, must be a MessageDecoder's.
TEST_CASE("decode_json gives what a MessageDecoder fed the same text gives, completion callbacks included") {
  std::vector<CorpusCase> cases = read_corpus(JSON_CORPUS_DIR);
  REQUIRE(cases.size() >= 60);
  for (const CorpusCase& c : cases) {
    INFO(c.file, ":", c.line, " \"", c.name, "\"");
    std::vector<std::string> by_decoder;
    std::vector<std::string> by_decode_json;
    instructor::DecodeOptions decoder_options;
    instructor::DecodeOptions decode_json_options;
    completions_into(by_decoder, decoder_options);
    completions_into(by_decode_json, decode_json_options);

    std::unique_ptr<google::protobuf::Message> fed(prototype(c.target).New());
    instructor::MessageDecoder decoder(*fed, decoder_options);
    const bool fed_ok = decoder.feed(c.input) && decoder.finish();
    std::unique_ptr<google::protobuf::Message> whole(prototype(c.target).New());
    instructor::DecodeResult result = instructor::decode_json(c.input, *whole, decode_json_options);

    CHECK(result.parsed() == fed_ok);
    CHECK_MESSAGE(google::protobuf::util::MessageDifferencer::Equals(*whole, *fed), whole->DebugString(), "\nvs\n",
                  fed->DebugString());
    CHECK(joined(repair_names(result.repairs, true)) == joined(repair_names(decoder.repairs(), true)));
    std::string violations_fed;
    std::string violations_whole;
    for (const auto& v : decoder.violations()) violations_fed += v.path + " " + v.rule + " " + v.message + "\n";
    for (const auto& v : result.violations) violations_whole += v.path + " " + v.rule + " " + v.message + "\n";
    CHECK(violations_whole == violations_fed);
    const instructor::Completeness none;
    CHECK(describe_records(*whole, result.presence, none) == describe_records(*fed, decoder.presence(), none));
    CHECK(joined(by_decode_json) == joined(by_decoder));
  }
}

}  // namespace
}  // namespace jsontest
