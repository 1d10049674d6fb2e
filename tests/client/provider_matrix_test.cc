// Every provider in every mode it supports: the path, the auth header and
// the mode's body fields as PROVIDERS.md §1-3, 5-7 describe them, each call
// answered in its wire format and mapped into a generated type. The
// expectations are written out here, independently of the provider table.
#include <doctest/doctest.h>

#include "anthropic_replies.h"
#include "client_harness.h"
#include "clienttest/models.instructor.h"
#include "person_extraction.h"
#include "gemini_replies.h"
#include "responses_replies.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

enum class Wire { openai_chat, anthropic_messages, gemini };

struct Expected {
  std::string provider;
  std::string base_path;      // the fake server path the client is given as its base URL
  std::string target;         // the request target the server must see
  std::string auth_header;    // lower case; empty: none
  std::string auth_value;
  std::string forced_choice;  // tool_choice for TOOLS ("<missing>" when none is sent)
  std::string any_choice;     // tool_choice for PARALLEL_TOOLS
  std::string single_call_flag;  // parallel_tool_calls for TOOLS
  bool strict_schema;         // JSON_SCHEMA sends strict: true
  std::string stream_options; // stream_options of a streamed call
  Wire wire = Wire::openai_chat;
  std::string stream_target;  // the target of a streamed call, when not `target`
  std::string responses_target = {};  // the target of the Responses API modes, for the providers that have them
};

const std::string kBearer = "Bearer " + std::string(kTestKey);
const std::string kNamed = R"({"type":"function","function":{"name":"Person"}})";
const std::string kUsage = R"({"include_usage":true})";

const std::vector<Expected> kExpected = {
    {"openai", "/v1", "/v1/chat/completions", "authorization", kBearer, kNamed, R"("required")", "false", true, kUsage,
     Wire::openai_chat, "", "/v1/responses"},
    {"azure_openai", "", "/openai/deployments/m/chat/completions?api-version=2024-10-21", "api-key",
     std::string(kTestKey), kNamed, R"("required")", "false", true, kUsage, Wire::openai_chat, "",
     "/openai/v1/responses"},
    {"anthropic", "", "/v1/messages", "x-api-key", std::string(kTestKey), R"({"type":"tool","name":"Person"})",
     R"({"type":"any"})", "<missing>", true, "<missing>", Wire::anthropic_messages},
    {"google", "", "/v1beta/models/m:generateContent", "x-goog-api-key", std::string(kTestKey),
     R"({"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["Person"]}})",
     R"({"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["Person","Weather"]}})", "<missing>", false,
     "<missing>", Wire::gemini, "/v1beta/models/m:streamGenerateContent?alt=sse"},
    {"mistral", "/v1", "/v1/chat/completions", "authorization", kBearer, R"("any")", R"("any")", "<missing>", true,
     "<missing>"},
    {"groq", "/openai/v1", "/openai/v1/chat/completions", "authorization", kBearer, kNamed, R"("required")",
     "<missing>", false, kUsage},
    {"together", "/v1", "/v1/chat/completions", "authorization", kBearer, kNamed, R"("required")", "<missing>", false, kUsage},
    {"deepseek", "/v1", "/v1/chat/completions", "authorization", kBearer, kNamed, R"("required")", "<missing>", true, kUsage},
    {"openrouter", "/api/v1", "/api/v1/chat/completions", "authorization", kBearer, kNamed, R"("required")",
     "<missing>", true, kUsage},
    {"fireworks", "/inference/v1", "/inference/v1/chat/completions", "authorization", kBearer, kNamed,
     R"("required")", "<missing>", false, kUsage},
    {"xai", "/v1", "/v1/chat/completions", "authorization", kBearer, kNamed, R"("required")", "<missing>", true, kUsage},
    {"cerebras", "/v1", "/v1/chat/completions", "authorization", kBearer, kNamed, R"("required")", "<missing>", true, kUsage},
    {"ollama", "/v1", "/v1/chat/completions", "authorization", kBearer, "<missing>", "<missing>", "<missing>", false, kUsage},
    {"openai_compatible", "/v1", "/v1/chat/completions", "authorization", kBearer, kNamed, R"("required")",
     "<missing>", false, kUsage},
};

const std::string kPerson = R"({"name": "Ann", "age": 31})";

ScriptedResponse openai_reply_for(Mode mode, bool stream) {
  if (mode == Mode::responses_tools) {
    return stream ? sse_reply(responses_function_call_stream("Person", kPerson, 7))
                  : json_reply(responses_function_call_body("Person", kPerson));
  }
  if (mode == Mode::responses_json_schema) {
    return stream ? sse_reply(responses_text_stream(kPerson, 7)) : json_reply(responses_text_body(kPerson));
  }
  if (mode == Mode::parallel_tools) {
    std::vector<FakeToolCall> calls = {{"Person", kPerson, "call_a"}, {"Weather", R"({"city": "Oslo", "celsius": 2})", "call_b"}};
    return stream ? sse_reply(chat_tool_calls_stream(calls, 7)) : json_reply(chat_tool_calls_body(calls));
  }
  if (answers_with_tools(mode)) {
    return stream ? sse_reply(chat_tool_call_stream("Person", kPerson, 7)) : json_reply(chat_tool_call_body("Person", kPerson));
  }
  const std::string text = mode == Mode::md_json ? "```json\n" + kPerson + "\n```" : kPerson;
  return stream ? sse_reply(chat_content_stream(text, 7)) : json_reply(chat_content_body(text));
}

ScriptedResponse anthropic_reply_for(Mode mode, bool stream) {
  std::vector<FakeToolCall> calls = {{"Person", kPerson, "toolu_a"}};
  if (mode == Mode::parallel_tools) calls.push_back({"Weather", R"({"city": "Oslo", "celsius": 2})", "toolu_b"});
  if (answers_with_tools(mode)) {
    return stream ? sse_reply(anthropic_tool_use_stream(calls, 7)) : json_reply(anthropic_tool_use_body(calls));
  }
  const std::string text = mode == Mode::md_json ? "```json\n" + kPerson + "\n```" : kPerson;
  return stream ? sse_reply(anthropic_text_stream(text, 7)) : json_reply(anthropic_text_body(text));
}

ScriptedResponse gemini_reply_for(Mode mode, bool stream) {
  std::vector<FakeToolCall> calls = {{"Person", kPerson, "g1"}};
  if (mode == Mode::parallel_tools) calls.push_back({"Weather", R"({"city": "Oslo", "celsius": 2})", "g2"});
  if (answers_with_tools(mode)) {
    return stream ? sse_reply(gemini_function_call_stream(calls)) : json_reply(gemini_function_call_body(calls));
  }
  const std::string text = mode == Mode::md_json ? "```json\n" + kPerson + "\n```" : kPerson;
  return stream ? sse_reply(gemini_text_stream(text, 7)) : json_reply(gemini_text_body(text));
}

ScriptedResponse reply_for(Wire wire, Mode mode, bool stream) {
  switch (wire) {
    case Wire::anthropic_messages: return anthropic_reply_for(mode, stream);
    case Wire::gemini: return gemini_reply_for(mode, stream);
    case Wire::openai_chat: break;
  }
  return openai_reply_for(mode, stream);
}

void check_openai_body(const rapidjson::Document& body, Mode mode, const Expected& expected, bool stream) {
  if (stream) CHECK(at(body, "/stream_options") == (uses_responses_api(mode) ? "<missing>" : expected.stream_options));
  switch (mode) {
    case Mode::tools:
    case Mode::tools_strict:
      CHECK(at(body, "/tools/0/function/name") == R"("Person")");
      CHECK(at(body, "/tool_choice") == expected.forced_choice);
      CHECK(at(body, "/parallel_tool_calls") == expected.single_call_flag);
      CHECK(at(body, "/tools/0/function/strict") == (mode == Mode::tools_strict ? "true" : "<missing>"));
      CHECK(at(body, "/response_format") == "<missing>");
      break;
    case Mode::json_schema:
      CHECK(at(body, "/response_format/type") == R"("json_schema")");
      CHECK(at(body, "/response_format/json_schema/name") == R"("Person")");
      CHECK(at(body, "/response_format/json_schema/strict") == (expected.strict_schema ? "true" : "false"));
      CHECK(at(body, "/tools") == "<missing>");
      break;
    case Mode::json:
      CHECK(at(body, "/response_format") == R"({"type":"json_object"})");
      CHECK(at(body, "/messages/0/role") == R"("system")");
      break;
    case Mode::md_json:
      CHECK(at(body, "/response_format") == "<missing>");
      CHECK(at(body, "/messages/0/content").find("```json") != std::string::npos);
      break;
    case Mode::parallel_tools:
      CHECK(at(body, "/tools/1/function/name") == R"("Weather")");
      CHECK(at(body, "/tool_choice") == expected.any_choice);
      break;
    case Mode::responses_tools:
      CHECK(at(body, "/input/0/role") == R"("user")");
      CHECK(at(body, "/tools/0/name") == R"("Person")");
      CHECK(at(body, "/tools/0/strict") == "true");
      CHECK(at(body, "/tool_choice") == R"({"type":"function","name":"Person"})");
      break;
    case Mode::responses_json_schema:
      CHECK(at(body, "/input/0/role") == R"("user")");
      CHECK(at(body, "/text/format/type") == R"("json_schema")");
      CHECK(at(body, "/text/format/strict") == "true");
      CHECK(at(body, "/tools") == "<missing>");
      break;
  }
}

void check_anthropic_body(const rapidjson::Document& body, Mode mode, const Expected& expected) {
  CHECK(at(body, "/max_tokens") == "4096");
  CHECK(at(body, "/messages/0/role") == R"("user")");
  switch (mode) {
    case Mode::tools:
    case Mode::tools_strict:
      CHECK(at(body, "/tools/0/name") == R"("Person")");
      CHECK(at(body, "/tools/0/input_schema/type") == R"("object")");
      CHECK(at(body, "/tools/0/strict") == (mode == Mode::tools_strict ? "true" : "<missing>"));
      CHECK(at(body, "/tool_choice") == expected.forced_choice);
      CHECK(at(body, "/output_config") == "<missing>");
      break;
    case Mode::json_schema:
      CHECK(at(body, "/output_config/format/type") == R"("json_schema")");
      CHECK(at(body, "/output_config/format/schema/additionalProperties") == "false");
      CHECK(at(body, "/tools") == "<missing>");
      break;
    case Mode::json:
    case Mode::md_json:
      CHECK(at(body, "/system").find(mode == Mode::md_json ? "```json" : "JSON Schema") != std::string::npos);
      CHECK(at(body, "/tools") == "<missing>");
      CHECK(at(body, "/output_config") == "<missing>");
      break;
    case Mode::parallel_tools:
      CHECK(at(body, "/tools/1/name") == R"("Weather")");
      CHECK(at(body, "/tool_choice") == expected.any_choice);
      break;    default: FAIL_CHECK("not a mode of this wire format: ", mode_name(mode)); break;
  }
}

}  // namespace

void check_gemini_body(const rapidjson::Document& body, Mode mode, const Expected& expected) {
  CHECK(at(body, "/contents/0/role") == R"("user")");
  switch (mode) {
    case Mode::tools:
    case Mode::tools_strict:
      CHECK(at(body, "/tools/0/functionDeclarations/0/name") == R"("Person")");
      CHECK(at(body, "/toolConfig") == expected.forced_choice);
      CHECK(at(body, "/generationConfig") == "<missing>");
      break;
    case Mode::json_schema:
      CHECK(at(body, "/generationConfig/responseMimeType") == R"("application/json")");
      CHECK(at(body, "/generationConfig/responseJsonSchema/type") == R"("object")");
      CHECK(at(body, "/tools") == "<missing>");
      break;
    case Mode::json:
    case Mode::md_json:
      CHECK(at(body, "/systemInstruction/parts/0/text").find(mode == Mode::md_json ? "```json" : "JSON Schema") !=
            std::string::npos);
      CHECK(at(body, "/tools") == "<missing>");
      break;
    case Mode::parallel_tools:
      CHECK(at(body, "/tools/0/functionDeclarations/1/name") == R"("Weather")");
      CHECK(at(body, "/toolConfig") == expected.any_choice);
      break;    default: FAIL_CHECK("not a mode of this wire format: ", mode_name(mode)); break;
  }
}

// Providers whose mode x stream matrix lives in a file of their own (their wire checks differ).
const std::vector<std::string> kOwnMatrix = {"ollama_native",  // ollama_native_test.cc
                                             "cohere"};        // cohere_test.cc

TEST_CASE("the matrix covers every provider of the table") {
  for (const ProviderInfo& provider : known_providers()) {
    CAPTURE(provider.name);
    const bool elsewhere = std::find(kOwnMatrix.begin(), kOwnMatrix.end(), provider.name) != kOwnMatrix.end();
    CHECK((elsewhere ||
           std::any_of(kExpected.begin(), kExpected.end(), [&](const Expected& e) { return e.provider == provider.name; })));
  }
}

TEST_CASE("every provider in every mode it supports, whole and streamed") {
  const std::vector<ProviderInfo> providers = known_providers();
  std::size_t combinations = 0;
  for (const Expected& expected : kExpected) {
    auto info = std::find_if(providers.begin(), providers.end(), [&](const ProviderInfo& p) { return p.name == expected.provider; });
    REQUIRE(info != providers.end());
    for (Mode mode : {Mode::tools, Mode::tools_strict, Mode::json_schema, Mode::json, Mode::md_json, Mode::parallel_tools,
                      Mode::responses_tools, Mode::responses_json_schema}) {
      if (!info->modes.contains(mode)) continue;
      for (bool stream : {false, true}) {
        CAPTURE(expected.provider);
        CAPTURE(mode_name(mode));
        CAPTURE(stream);
        FakeProviderServer server;
        server.push(reply_for(expected.wire, mode, stream));
        ClientOptions options = options_for(server, expected.base_path);
        options.mode = mode;
        Client client = from_provider(expected.provider + "/m", options);
        REQUIRE_MESSAGE(client.ok(), client.configuration_error()->message());
        Request request{.messages = {user("Ann, 31")}};
        request.stream = stream;
        extract_person(client, mode, request);
        RecordedRequest recorded = request_at(server, 0);
        auto body = body_of(recorded);
        if (uses_responses_api(mode)) {
          CHECK(recorded.target == expected.responses_target);
        } else {
          CHECK(recorded.target == (stream && !expected.stream_target.empty() ? expected.stream_target : expected.target));
        }
        if (expected.auth_header.empty()) {
          CHECK(!recorded.header("authorization"));
        } else {
          CHECK(recorded.header(expected.auth_header).value_or("") == expected.auth_value);
        }
        if (expected.wire == Wire::gemini) {  // the model and the streaming are in the URL
          CHECK(at(body, "/model") == "<missing>");
          CHECK(at(body, "/stream") == "<missing>");
        } else {
          CHECK(at(body, "/model") == R"("m")");
          CHECK(at(body, "/stream") == (stream ? "true" : "<missing>"));
        }
        switch (expected.wire) {
          case Wire::anthropic_messages: check_anthropic_body(body, mode, expected); break;
          case Wire::gemini: check_gemini_body(body, mode, expected); break;
          case Wire::openai_chat: check_openai_body(body, mode, expected, stream); break;
        }
        ++combinations;
      }
    }
  }
  CHECK(combinations == 2 * 78);  // 78 (provider, mode) pairs
}
