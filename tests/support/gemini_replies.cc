#include "gemini_replies.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace instructor::testing {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

template <typename Body>
std::string json(Body body) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  body(w);
  w.EndObject();
  return std::string(b.GetString(), b.GetSize());
}

void write_usage(Writer& w, GeminiTokens t, bool with_candidates = true) {
  w.Key("usageMetadata");
  w.StartObject();
  w.Key("promptTokenCount"); w.Int(t.prompt);
  if (with_candidates) { w.Key("candidatesTokenCount"); w.Int(t.candidates); }
  w.Key("totalTokenCount"); w.Int(t.prompt + (with_candidates ? t.candidates : 0) + t.thoughts);
  if (t.cached) { w.Key("cachedContentTokenCount"); w.Int(t.cached); }
  w.Key("promptTokensDetails"); w.StartArray(); w.StartObject();
  w.Key("modality"); str(w, "TEXT"); w.Key("tokenCount"); w.Int(t.prompt);
  w.EndObject(); w.EndArray();
  if (t.thoughts) { w.Key("thoughtsTokenCount"); w.Int(t.thoughts); }
  w.EndObject();
}

// One response: a candidate whose parts `parts` writes, its finish (none when empty), the usage.
template <typename Parts>
std::string response(std::string_view finish_reason, GeminiTokens tokens, Parts parts, bool with_candidates = true) {
  return json([&](Writer& w) {
    w.Key("candidates"); w.StartArray(); w.StartObject();
    w.Key("content"); w.StartObject();
    w.Key("parts"); w.StartArray(); parts(w); w.EndArray();
    w.Key("role"); str(w, "model");
    w.EndObject();
    if (!finish_reason.empty()) { w.Key("finishReason"); str(w, finish_reason); }
    w.Key("index"); w.Int(0);
    w.EndObject(); w.EndArray();
    write_usage(w, tokens, with_candidates);
    w.Key("modelVersion"); str(w, "gemini-2.5-flash");
    w.Key("responseId"); str(w, "m36LaZGyCLz1xs0PtNSB-QU");
  });
}

void text_part(Writer& w, std::string_view text, std::string_view signature = {}) {
  w.StartObject();
  w.Key("text"); str(w, text);
  if (!signature.empty()) { w.Key("thoughtSignature"); str(w, signature); }
  w.EndObject();
}

void call_parts(Writer& w, const std::vector<FakeToolCall>& calls) {
  bool first = true;
  for (const FakeToolCall& call : calls) {
    w.StartObject();
    w.Key("functionCall"); w.StartObject();
    if (!call.id.empty()) { w.Key("id"); str(w, call.id); }
    w.Key("name"); str(w, call.name);
    w.Key("args"); w.RawValue(call.arguments.data(), call.arguments.size(), rapidjson::kObjectType);
    w.EndObject();
    // Only the first call of a turn carries the signature.
    if (first) { w.Key("thoughtSignature"); str(w, kGeminiCallSignature); }
    first = false;
    w.EndObject();
  }
}

}  // namespace

std::string gemini_function_call_body(const std::vector<FakeToolCall>& calls, GeminiTokens tokens) {
  return response("STOP", tokens, [&](Writer& w) { call_parts(w, calls); });
}

std::string gemini_text_body(std::string_view text, std::string_view finish_reason, GeminiTokens tokens) {
  return response(finish_reason, tokens, [&](Writer& w) {
    w.StartObject();
    w.Key("text"); str(w, "**Reading the text** I look for the person's name and age.");
    w.Key("thought"); w.Bool(true);
    w.EndObject();
    text_part(w, text, kGeminiTextSignature);
  });
}

std::string gemini_blocked_body(std::string_view block_reason) {
  return json([&](Writer& w) {
    w.Key("promptFeedback"); w.StartObject();
    w.Key("blockReason"); str(w, block_reason);
    w.EndObject();
    write_usage(w, {}, false);
    w.Key("modelVersion"); str(w, "gemini-2.5-flash");
  });
}

std::string gemini_error_body(int code, std::string_view status, std::string_view message) {
  return json([&](Writer& w) {
    w.Key("error"); w.StartObject();
    w.Key("code"); w.Int(code);
    w.Key("message"); str(w, message);
    w.Key("status"); str(w, status);
    w.EndObject();
  });
}

std::string gemini_event(std::string_view payload) { return "data: " + std::string(payload) + "\r\n\r\n"; }

std::string gemini_text_stream(std::string_view text, std::size_t fragment, GeminiTokens tokens,
                               std::string_view finish_reason) {
  std::string out;
  GeminiTokens running = tokens;
  for (std::size_t i = 0; i < text.size(); i += fragment) {
    running.candidates = static_cast<int>(i / fragment) + 1;
    std::string_view piece = text.substr(i, fragment);
    out += gemini_event(response({}, running, [&](Writer& w) { text_part(w, piece); }));
  }
  return out + gemini_event(response(finish_reason, tokens, [](Writer& w) { text_part(w, "", kGeminiTextSignature); }));
}

std::string gemini_function_call_stream(const std::vector<FakeToolCall>& calls, GeminiTokens tokens) {
  std::string out = gemini_event(response({}, tokens, [&](Writer& w) { call_parts(w, calls); }));
  return out + gemini_event(response("STOP", tokens, [](Writer& w) { text_part(w, ""); }));
}

}  // namespace instructor::testing
