#include "anthropic_replies.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace instructor::testing {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

// Already-serialized JSON (a tool input object).
void raw(Writer& w, std::string_view json) { w.RawValue(json.data(), json.size(), rapidjson::kObjectType); }

template <typename Body>
std::string json(Body body) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  body(w);
  w.EndObject();
  return std::string(b.GetString(), b.GetSize());
}

void write_usage(Writer& w, AnthropicTokens t, bool with_input = true) {
  w.Key("usage");
  w.StartObject();
  if (with_input) {
    w.Key("input_tokens"); w.Int(t.input);
    w.Key("cache_creation_input_tokens"); w.Int(t.cache_creation);
    w.Key("cache_read_input_tokens"); w.Int(t.cache_read);
  }
  w.Key("output_tokens"); w.Int(t.output);
  if (with_input) { w.Key("service_tier"); str(w, "standard"); }
  w.EndObject();
}

template <typename Content>
std::string message(std::string_view stop_reason, AnthropicTokens tokens, Content content,
                    std::string_view explanation = {}) {
  return json([&](Writer& w) {
    w.Key("id"); str(w, "msg_01Test");
    w.Key("type"); str(w, "message");
    w.Key("role"); str(w, "assistant");
    w.Key("model"); str(w, "claude-sonnet-4-5-20250929");
    w.Key("content"); w.StartArray(); content(w); w.EndArray();
    w.Key("stop_reason"); str(w, stop_reason);
    w.Key("stop_sequence"); w.Null();
    if (!explanation.empty()) {
      w.Key("stop_details"); w.StartObject();
      w.Key("type"); str(w, "refusal");
      w.Key("category"); str(w, "cyber");
      w.Key("explanation"); str(w, explanation);
      w.EndObject();
    }
    write_usage(w, tokens);
  });
}

void text_block(Writer& w, std::string_view text) {
  w.StartObject();
  w.Key("type"); str(w, "text");
  w.Key("text"); str(w, text);
  w.EndObject();
}

std::vector<std::string_view> pieces(std::string_view text, std::size_t size) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < text.size(); i += size) out.push_back(text.substr(i, size));
  return out;
}

std::string block_start(int index, const auto& block) {
  return anthropic_event(json([&](Writer& w) {
    w.Key("type"); str(w, "content_block_start");
    w.Key("index"); w.Int(index);
    w.Key("content_block"); w.StartObject(); block(w); w.EndObject();
  }));
}

std::string block_delta(int index, std::string_view delta_type, std::string_view field, std::string_view value) {
  return anthropic_event(json([&](Writer& w) {
    w.Key("type"); str(w, "content_block_delta");
    w.Key("index"); w.Int(index);
    w.Key("delta"); w.StartObject();
    w.Key("type"); str(w, delta_type);
    w.Key(field.data(), static_cast<rapidjson::SizeType>(field.size())); str(w, value);
    w.EndObject();
  }));
}

std::string block_stop(int index) {
  return anthropic_event(json([&](Writer& w) {
    w.Key("type"); str(w, "content_block_stop");
    w.Key("index"); w.Int(index);
  }));
}

// The real wire's ping, with its space.
const std::string kPing = "event: ping\ndata: {\"type\": \"ping\"}\n\n";

std::string message_end(AnthropicTokens tokens, std::string_view stop_reason) {
  std::string out = anthropic_event(json([&](Writer& w) {
    w.Key("type"); str(w, "message_delta");
    w.Key("delta"); w.StartObject();
    w.Key("stop_reason"); str(w, stop_reason);
    w.Key("stop_sequence"); w.Null();
    w.EndObject();
    write_usage(w, tokens, false);
  }));
  return out + anthropic_event(R"({"type":"message_stop"})");
}

}  // namespace

std::string anthropic_tool_use_body(const std::vector<FakeToolCall>& calls, AnthropicTokens tokens,
                                    std::string_view stop_reason) {
  return message(stop_reason, tokens, [&](Writer& w) {
    for (const FakeToolCall& call : calls) {
      w.StartObject();
      w.Key("type"); str(w, "tool_use");
      w.Key("id"); str(w, call.id);
      w.Key("name"); str(w, call.name);
      w.Key("input"); raw(w, call.arguments);
      w.Key("caller"); w.StartObject(); w.Key("type"); str(w, "direct"); w.EndObject();
      w.EndObject();
    }
  });
}

std::string anthropic_text_body(std::string_view text, std::string_view stop_reason, AnthropicTokens tokens) {
  return message(stop_reason, tokens, [&](Writer& w) { text_block(w, text); });
}

std::string anthropic_refusal_body(std::string_view explanation, AnthropicTokens tokens) {
  return message("refusal", tokens, [](Writer&) {}, explanation);
}

std::string anthropic_error_body(std::string_view type, std::string_view message_text) {
  return json([&](Writer& w) {
    w.Key("type"); str(w, "error");
    w.Key("error"); w.StartObject();
    w.Key("type"); str(w, type);
    w.Key("message"); str(w, message_text);
    w.EndObject();
    w.Key("request_id"); str(w, "req_011Test");
  });
}

std::string anthropic_event(std::string_view payload) {
  rapidjson::Document doc;
  doc.Parse(payload.data(), payload.size());
  std::string type = doc.IsObject() && doc.HasMember("type") ? doc["type"].GetString() : "message";
  // Real data lines are often padded with spaces after the JSON.
  return "event: " + type + "\ndata: " + std::string(payload) + "  \n\n";
}

std::string anthropic_message_start(AnthropicTokens tokens) {
  AnthropicTokens start = tokens;
  start.output = 1;
  return anthropic_event(json([&](Writer& w) {
    w.Key("type"); str(w, "message_start");
    w.Key("message"); w.StartObject();
    w.Key("id"); str(w, "msg_01Test");
    w.Key("type"); str(w, "message");
    w.Key("role"); str(w, "assistant");
    w.Key("model"); str(w, "claude-sonnet-4-5-20250929");
    w.Key("content"); w.StartArray(); w.EndArray();
    w.Key("stop_reason"); w.Null();
    w.Key("stop_sequence"); w.Null();
    write_usage(w, start);
    w.EndObject();
  }));
}

std::string anthropic_tool_use_stream(const std::vector<FakeToolCall>& calls, std::size_t fragment,
                                      AnthropicTokens tokens, std::string_view stop_reason) {
  std::string out = anthropic_message_start(tokens);
  int index = 0;
  for (const FakeToolCall& call : calls) {
    out += block_start(index, [&](Writer& w) {
      w.Key("type"); str(w, "tool_use");
      w.Key("id"); str(w, call.id);
      w.Key("name"); str(w, call.name);
      w.Key("input"); w.StartObject(); w.EndObject();
    });
    out += block_delta(index, "input_json_delta", "partial_json", "");
    bool first = true;
    for (std::string_view piece : pieces(call.arguments, fragment)) {
      out += block_delta(index, "input_json_delta", "partial_json", piece);
      if (first) out += kPing;
      first = false;
    }
    out += block_stop(index);
    ++index;
  }
  out += kPing;
  return out + message_end(tokens, stop_reason);
}

std::string anthropic_text_stream(std::string_view text, std::size_t fragment, AnthropicTokens tokens,
                                  std::string_view stop_reason, bool complete) {
  std::string out = anthropic_message_start(tokens);
  out += block_start(0, [](Writer& w) {
    w.Key("type"); str(w, "text");
    w.Key("text"); str(w, "");
  });
  bool first = true;
  for (std::string_view piece : pieces(text, fragment)) {
    out += block_delta(0, "text_delta", "text", piece);
    if (first) out += kPing;
    first = false;
  }
  if (!complete) return out;
  out += block_stop(0);
  return out + message_end(tokens, stop_reason);
}

}  // namespace instructor::testing
