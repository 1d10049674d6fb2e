#include "cohere_replies.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace instructor::testing {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void write_usage(Writer& w, CohereCounts c) {
  w.Key("usage"); w.StartObject();
  w.Key("billed_units"); w.StartObject();
  w.Key("input_tokens"); w.Int(c.billed_input);
  w.Key("output_tokens"); w.Int(c.billed_output);
  w.EndObject();
  w.Key("tokens"); w.StartObject();
  w.Key("input_tokens"); w.Int(c.input);
  w.Key("output_tokens"); w.Int(c.output);
  w.EndObject();
  w.Key("cached_tokens"); w.Int(0);
  w.EndObject();
}

void write_call(Writer& w, const CohereToolCall& call, std::string_view arguments) {
  w.StartObject();
  w.Key("id"); str(w, call.id);
  w.Key("type"); str(w, "function");
  w.Key("function"); w.StartObject();
  w.Key("name"); str(w, call.name);
  w.Key("arguments"); str(w, arguments);
  w.EndObject();
  w.EndObject();
}

template <typename Message>
std::string body(Message message, std::string_view finish, CohereCounts counts) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  w.Key("id"); str(w, "5b1c0f3e-0000-4000-8000-00000000c0e1");
  w.Key("message"); w.StartObject();
  w.Key("role"); str(w, "assistant");
  message(w);
  w.EndObject();
  w.Key("finish_reason"); str(w, finish);
  write_usage(w, counts);
  w.EndObject();
  return std::string(b.GetString(), b.GetSize());
}

// One event: "event: <type>" then "data: <json>" (the JSON written by `fields` after "type").
template <typename Fields>
std::string event(std::string_view type, Fields fields) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  w.Key("type"); str(w, type);
  fields(w);
  w.EndObject();
  return "event: " + std::string(type) + "\ndata: " + std::string(b.GetString(), b.GetSize()) + "\n\n";
}

std::string message_start() {
  return event("message-start", [](Writer& w) {
    w.Key("id"); str(w, "5b1c0f3e-0000-4000-8000-00000000c0e1");
    w.Key("delta"); w.StartObject(); w.Key("message"); w.StartObject();
    w.Key("role"); str(w, "assistant");
    w.Key("content"); w.StartArray(); w.EndArray();
    w.Key("tool_plan"); str(w, "");
    w.Key("tool_calls"); w.StartArray(); w.EndArray();
    w.Key("citations"); w.StartArray(); w.EndArray();
    w.EndObject(); w.EndObject();
  });
}

std::string message_end(std::string_view finish, CohereCounts counts) {
  return event("message-end", [&](Writer& w) {
    w.Key("delta"); w.StartObject();
    w.Key("finish_reason"); str(w, finish);
    write_usage(w, counts);
    w.EndObject();
  });
}

// {"index": n, "delta": {"message": {<key>: <written by inner>}}}
template <typename Inner>
void indexed_delta(Writer& w, int index, std::string_view key, Inner inner) {
  w.Key("index"); w.Int(index);
  w.Key("delta"); w.StartObject(); w.Key("message"); w.StartObject();
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  inner(w);
  w.EndObject(); w.EndObject();
}

}  // namespace

std::string cohere_text_body(std::string_view text, std::string_view finish, CohereCounts counts) {
  return body([&](Writer& w) {
    w.Key("content"); w.StartArray(); w.StartObject();
    w.Key("type"); str(w, "text");
    w.Key("text"); str(w, text);
    w.EndObject(); w.EndArray();
  }, finish, counts);
}

std::string cohere_tool_calls_body(const std::vector<CohereToolCall>& calls, CohereCounts counts) {
  return body([&](Writer& w) {
    w.Key("tool_plan"); str(w, "I will record the person.");
    w.Key("tool_calls"); w.StartArray();
    for (const CohereToolCall& call : calls) write_call(w, call, call.arguments);
    w.EndArray();
  }, "TOOL_CALL", counts);
}

std::string cohere_error_body(std::string_view message) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  w.Key("id"); str(w, "7e57e770-0000-4000-8000-00000000e440");
  w.Key("message"); str(w, message);
  w.EndObject();
  return std::string(b.GetString(), b.GetSize());
}

std::string cohere_text_stream(std::string_view text, std::size_t fragment, std::string_view finish, CohereCounts counts) {
  std::string stream = message_start();
  stream += event("content-start", [](Writer& w) {
    indexed_delta(w, 0, "content", [](Writer& w) {
      w.StartObject(); w.Key("type"); str(w, "text"); w.Key("text"); str(w, ""); w.EndObject();
    });
  });
  for (std::size_t at = 0; at < text.size(); at += fragment) {
    std::string_view piece = text.substr(at, fragment);
    stream += event("content-delta", [&](Writer& w) {
      indexed_delta(w, 0, "content", [&](Writer& w) { w.StartObject(); w.Key("text"); str(w, piece); w.EndObject(); });
    });
  }
  stream += event("content-end", [](Writer& w) { w.Key("index"); w.Int(0); });
  return stream + message_end(finish, counts);
}

std::string cohere_tool_calls_stream(const std::vector<CohereToolCall>& calls, std::size_t fragment, CohereCounts counts) {
  std::string stream = message_start();
  for (std::string_view plan : {"I will", " record it."}) {
    stream += event("tool-plan-delta", [&](Writer& w) {
      w.Key("delta"); w.StartObject(); w.Key("message"); w.StartObject();
      w.Key("tool_plan"); str(w, plan);
      w.EndObject(); w.EndObject();
    });
  }
  int index = 0;
  for (const CohereToolCall& call : calls) {
    stream += event("tool-call-start", [&](Writer& w) {
      indexed_delta(w, index, "tool_calls", [&](Writer& w) { write_call(w, call, ""); });
    });
    for (std::size_t at = 0; at < call.arguments.size(); at += fragment) {
      std::string_view piece = std::string_view(call.arguments).substr(at, fragment);
      stream += event("tool-call-delta", [&](Writer& w) {
        indexed_delta(w, index, "tool_calls", [&](Writer& w) {
          w.StartObject(); w.Key("function"); w.StartObject(); w.Key("arguments"); str(w, piece);
          w.EndObject(); w.EndObject();
        });
      });
    }
    stream += event("tool-call-end", [&](Writer& w) { w.Key("index"); w.Int(index); });
    ++index;
  }
  return stream + message_end("TOOL_CALL", counts);
}

}  // namespace instructor::testing
