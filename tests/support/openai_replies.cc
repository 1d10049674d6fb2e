#include "openai_replies.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace instructor::testing {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void write_usage(Writer& w, TokenCounts c) {
  w.Key("usage");
  w.StartObject();
  w.Key("prompt_tokens"); w.Int(c.prompt);
  w.Key("completion_tokens"); w.Int(c.completion);
  w.Key("total_tokens"); w.Int(c.prompt + c.completion);
  w.Key("prompt_tokens_details"); w.StartObject(); w.Key("cached_tokens"); w.Int(c.cached); w.EndObject();
  w.Key("completion_tokens_details"); w.StartObject(); w.Key("reasoning_tokens"); w.Int(c.reasoning); w.EndObject();
  w.EndObject();
}

void write_header(Writer& w, std::string_view object) {
  w.Key("id"); str(w, "chatcmpl-test1");
  w.Key("object"); str(w, object);
  w.Key("created"); w.Int(1700000000);
  w.Key("model"); str(w, "gpt-4o-mini-2024-07-18");
}

std::string finish_text(rapidjson::StringBuffer& b) { return std::string(b.GetString(), b.GetSize()); }

// One stream chunk around a delta written by `delta`.
template <typename Delta>
std::string chunk(Delta delta, std::string_view finish = {}) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  write_header(w, "chat.completion.chunk");
  w.Key("choices"); w.StartArray(); w.StartObject();
  w.Key("index"); w.Int(0);
  w.Key("delta"); w.StartObject(); delta(w); w.EndObject();
  w.Key("logprobs"); w.Null();
  w.Key("finish_reason"); if (finish.empty()) w.Null(); else str(w, finish);
  w.EndObject(); w.EndArray();
  w.Key("usage"); w.Null();
  w.Key("obfuscation"); str(w, "q7Zx");
  w.EndObject();
  return "data: " + finish_text(b) + "\n\n";
}

std::string usage_chunk(TokenCounts counts) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  write_header(w, "chat.completion.chunk");
  w.Key("choices"); w.StartArray(); w.EndArray();
  write_usage(w, counts);
  w.EndObject();
  return "data: " + finish_text(b) + "\n\n";
}

std::vector<std::string_view> pieces(std::string_view text, std::size_t size) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < text.size(); i += size) out.push_back(text.substr(i, size));
  return out;
}

std::string body_with_message(std::string_view finish, TokenCounts counts, const auto& message) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  write_header(w, "chat.completion");
  w.Key("choices"); w.StartArray(); w.StartObject();
  w.Key("index"); w.Int(0);
  w.Key("message"); w.StartObject(); w.Key("role"); str(w, "assistant"); message(w); w.EndObject();
  w.Key("logprobs"); w.Null();
  w.Key("finish_reason"); str(w, finish);
  w.EndObject(); w.EndArray();
  write_usage(w, counts);
  w.Key("system_fingerprint"); str(w, "fp_test");
  w.EndObject();
  return finish_text(b);
}

}  // namespace

std::string chat_tool_calls_body(const std::vector<FakeToolCall>& calls, TokenCounts counts, std::string_view finish) {
  return body_with_message(finish, counts, [&](Writer& w) {
    w.Key("content"); w.Null();
    w.Key("refusal"); w.Null();
    w.Key("tool_calls"); w.StartArray();
    for (const FakeToolCall& call : calls) {
      w.StartObject();
      w.Key("id"); str(w, call.id);
      w.Key("type"); str(w, "function");
      w.Key("function"); w.StartObject();
      w.Key("name"); str(w, call.name);
      w.Key("arguments"); str(w, call.arguments);
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
  });
}

std::string chat_tool_call_body(std::string_view name, std::string_view arguments, TokenCounts counts) {
  return chat_tool_calls_body({FakeToolCall{std::string(name), std::string(arguments)}}, counts);
}

std::string chat_content_body(std::string_view content, std::string_view finish, TokenCounts counts) {
  return body_with_message(finish, counts, [&](Writer& w) {
    w.Key("content"); str(w, content);
    w.Key("refusal"); w.Null();
    w.Key("annotations"); w.StartArray(); w.EndArray();
  });
}

std::string chat_refusal_body(std::string_view refusal, TokenCounts counts) {
  return body_with_message("stop", counts, [&](Writer& w) {
    w.Key("content"); w.Null();
    w.Key("refusal"); str(w, refusal);
  });
}

std::string openai_error_body(std::string_view message, std::string_view type, std::string_view code) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  w.Key("error"); w.StartObject();
  w.Key("message"); str(w, message);
  w.Key("type"); str(w, type);
  w.Key("param"); w.Null();
  w.Key("code"); if (code.empty()) w.Null(); else str(w, code);
  w.EndObject();
  w.EndObject();
  return finish_text(b);
}

std::string chat_tool_calls_stream(const std::vector<FakeToolCall>& calls, std::size_t fragment, TokenCounts counts,
                                   bool done) {
  std::string stream = chunk([](Writer& w) { w.Key("role"); str(w, "assistant"); w.Key("content"); w.Null(); });
  for (std::size_t index = 0; index < calls.size(); ++index) {
    const FakeToolCall& call = calls[index];
    // The first piece of a call carries its id, type, name and empty arguments.
    stream += chunk([&](Writer& w) {
      w.Key("tool_calls"); w.StartArray(); w.StartObject();
      w.Key("index"); w.Int(static_cast<int>(index));
      w.Key("id"); str(w, call.id);
      w.Key("type"); str(w, "function");
      w.Key("function"); w.StartObject(); w.Key("name"); str(w, call.name); w.Key("arguments"); str(w, ""); w.EndObject();
      w.EndObject(); w.EndArray();
    });
    for (std::string_view piece : pieces(call.arguments, fragment)) {
      stream += chunk([&](Writer& w) {
        w.Key("tool_calls"); w.StartArray(); w.StartObject();
        w.Key("index"); w.Int(static_cast<int>(index));
        w.Key("function"); w.StartObject(); w.Key("arguments"); str(w, piece); w.EndObject();
        w.EndObject(); w.EndArray();
      });
    }
  }
  stream += chunk([](Writer&) {}, "tool_calls");
  stream += usage_chunk(counts);
  if (done) stream += "data: [DONE]\n\n";
  return stream;
}

std::string chat_tool_call_stream(std::string_view name, std::string_view arguments, std::size_t fragment,
                                  TokenCounts counts) {
  return chat_tool_calls_stream({FakeToolCall{std::string(name), std::string(arguments)}}, fragment, counts);
}

std::string chat_content_stream(std::string_view content, std::size_t fragment, TokenCounts counts,
                                std::string_view finish) {
  std::string stream = chunk([](Writer& w) { w.Key("role"); str(w, "assistant"); w.Key("content"); str(w, ""); w.Key("refusal"); w.Null(); });
  for (std::string_view piece : pieces(content, fragment)) {
    stream += chunk([&](Writer& w) { w.Key("content"); str(w, piece); });
  }
  stream += chunk([](Writer&) {}, finish);
  stream += usage_chunk(counts);
  stream += "data: [DONE]\n\n";
  return stream;
}

ScriptedResponse json_reply(std::string body) { return ScriptedResponse::json(200, std::move(body)); }

ScriptedResponse sse_reply(const std::string& stream, std::size_t piece) { return ScriptedResponse::sse(stream, piece); }

std::string fake_user_json(int addresses) {
  std::string json = R"({"name":"Jason","age":25)";
  if (addresses > 0) {
    json += R"(,"addresses":[)";
    for (int i = 0; i < addresses; ++i) {
      if (i) json += ",";
      json += R"({"street":")" + std::to_string(100 + i) +
              R"( Main Street","city":"Springfield","zip":"12345","country":"US","primary":)" +
              (i == 0 ? "true" : "false") + R"(,"note":"Ring the bell twice, then wait at the door."})";
    }
    json += "]";
  }
  return json + "}";
}

ScriptedResponse answer_by_model(const RecordedRequest& request) {
  rapidjson::Document body;
  body.Parse(request.body.data(), request.body.size());
  if (body.HasParseError() || !body.IsObject() || !body.HasMember("model") || !body["model"].IsString()) {
    return ScriptedResponse::json(400, openai_error_body("the body is not a chat request", "invalid_request_error", ""));
  }
  const std::string model = body["model"].GetString();
  int addresses = -1;
  if (model == "fake-user") addresses = 0;
  if (model.rfind("fake-nested-", 0) == 0) addresses = std::atoi(model.c_str() + 12);
  if (addresses < 0) {
    return ScriptedResponse::json(404, openai_error_body("The model `" + model + "` does not exist", "invalid_request_error",
                                                         "model_not_found"));
  }
  const std::string answer = fake_user_json(addresses);
  const bool stream = body.HasMember("stream") && body["stream"].IsTrue();
  std::string tool;
  if (body.HasMember("tools") && body["tools"].IsArray() && !body["tools"].Empty()) {
    tool = body["tools"][0]["function"]["name"].GetString();
  }
  if (stream) {
    return sse_reply(tool.empty() ? chat_content_stream(answer, 8) : chat_tool_call_stream(tool, answer, 8), 4096);
  }
  return json_reply(tool.empty() ? chat_content_body(answer) : chat_tool_call_body(tool, answer));
}

}  // namespace instructor::testing
