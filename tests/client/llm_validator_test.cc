// llm_validator and asynchronous validators: a second model judges a value,
// its "no" re-asks the extraction with its reason, and nothing blocks the io
// thread while it thinks.
#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>

#include "client_harness.h"
#include "clienttest/models.instructor.h"
#include "instructor/llm_validator.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

std::string verdict(bool valid, std::string_view reason) {
  return std::string(R"({"is_valid": )") + (valid ? "true" : "false") + R"(, "reason": ")" + std::string(reason) + "\"}";
}

}  // namespace

TEST_CASE("llm_validator: the judge says no, the extraction is re-asked with its reason, the second answer passes") {
  FakeProviderServer extractor, judge;
  extractor.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
  extractor.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 31})")));
  judge.push(json_reply(chat_tool_call_body("Verdict", verdict(false, "Only a first name; add the family name."))));
  judge.push(json_reply(chat_tool_call_body("Verdict", verdict(true, ""))));
  Request request{.messages = {user("Ann Lee is 31.")}, .max_retries = 1};
  request.async_validators.push_back(
      llm_validator(client_for("openai/gpt-4o-mini", judge), "name", "must be a full name: first and family name"));
  auto result = client_for("openai/gpt-4o", extractor).create<clienttest::Person>(request);
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->name() == "Ann Lee");
  REQUIRE(result.attempts().size() == 2);
  REQUIRE(result.attempts()[0].violations.size() == 1);
  CHECK(result.attempts()[0].violations[0].path == "name");
  CHECK(result.attempts()[0].violations[0].rule == "llm_validator");
  CHECK(result.attempts()[0].violations[0].message == "Only a first name; add the family name.");
  CHECK(request_at(extractor, 1).body.find("Only a first name; add the family name.") != std::string::npos);
  REQUIRE(judge.requests().size() == 2);
  const std::string asked = request_at(judge, 0).body;
  CHECK(asked.find("Statement: must be a full name: first and family name") != std::string::npos);
  CHECK(asked.find("Value: Ann\"") != std::string::npos);
  CHECK(request_at(judge, 1).body.find("Value: Ann Lee") != std::string::npos);
}

TEST_CASE("llm_validator never blocks the io thread: extraction and judge share one thread") {
  FakeProviderServer extractor, judge;
  extractor.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 31})")));
  judge.push(json_reply(chat_tool_call_body("Verdict", verdict(true, ""))));
  boost::asio::io_context io;
  ClientOptions extractor_options = options_for(extractor);
  extractor_options.executor = io.get_executor();
  ClientOptions judge_options = options_for(judge);
  judge_options.executor = io.get_executor();
  Request request{.messages = {user("Ann Lee is 31.")}};
  request.async_validators.push_back(
      llm_validator(from_provider("openai/gpt-4o-mini", judge_options), "", "describes a real-sounding person"));
  std::optional<Result<clienttest::Person>> result;
  from_provider("openai/gpt-4o", extractor_options)
      .async_create<clienttest::Person>(request, [&](Result<clienttest::Person> r) { result = std::move(r); });
  io.run_for(std::chrono::seconds(20));
  REQUIRE(result.has_value());
  REQUIRE_MESSAGE(*result, result->error().to_text());
  CHECK(request_at(judge, 0).body.find(R"(Value: {\"name\":\"Ann Lee\",\"age\":31})") != std::string::npos);
}

TEST_CASE("llm_validator: a judge that cannot answer is a violation that says so, and a bad path is reported") {
  FakeProviderServer extractor, judge;
  extractor.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
  judge.push(ScriptedResponse::json(401, R"({"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}})"));
  Request request{.messages = {user("Ann is 31.")}};
  request.async_validators.push_back(llm_validator(client_for("openai/gpt-4o-mini", judge), "name", "is a name"));
  request.async_validators.push_back(llm_validator(client_for("openai/gpt-4o-mini", judge), "name.first", "is a name"));
  auto result = client_for("openai/gpt-4o", extractor).create<clienttest::Person>(request);
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::retries_exhausted);
  const Violations& found = result.error().attempts().at(0).violations;
  REQUIRE(found.size() == 2);
  std::vector<std::string> rules{found[0].rule, found[1].rule};
  std::sort(rules.begin(), rules.end());
  CHECK(rules == std::vector<std::string>{"llm_validator.field", "llm_validator.unavailable"});
}

TEST_CASE("an asynchronous validator of the caller's own runs after the rules and re-asks like one") {
  FakeProviderServer extractor;
  extractor.push(json_reply(chat_tool_call_body("Person", R"({"name": "Bob", "age": 31})")));
  extractor.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
  Request request{.messages = {user("Ann is 31.")}, .max_retries = 1};
  int runs = 0;
  request.async_validators.push_back([&](const google::protobuf::Message& message, std::function<void(Violations)> done) {
    ++runs;
    Violations found;
    if (static_cast<const clienttest::Person&>(message).name() != "Ann") {
      found.add({"name", "directory.unknown", "is not in the staff directory", "\"Bob\""});
    }
    std::thread([done = std::move(done), found] { done(found); }).detach();  // answers from another thread
  });
  auto result = client_for("openai/gpt-4o", extractor).create<clienttest::Person>(request);
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->name() == "Ann");
  CHECK(runs == 2);
  CHECK(request_at(extractor, 1).body.find("is not in the staff directory") != std::string::npos);
}
