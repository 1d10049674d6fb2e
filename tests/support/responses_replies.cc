#include "responses_replies.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <functional>
#include <vector>

namespace instructor::testing {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using Items = std::function<void(Writer&)>;

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

constexpr std::string_view kResponseId = "resp_0test000000000000000000000000000000000000001";

std::vector<std::string_view> pieces(std::string_view text, std::size_t size) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < text.size(); i += size) out.push_back(text.substr(i, size));
  return out;
}

void usage(Writer& w, ResponsesTokens t) {
  w.Key("usage"); w.StartObject();
  w.Key("input_tokens"); w.Int(t.input);
  w.Key("input_tokens_details"); w.StartObject(); w.Key("cached_tokens"); w.Int(t.cached); w.EndObject();
  w.Key("output_tokens"); w.Int(t.output);
  w.Key("output_tokens_details"); w.StartObject(); w.Key("reasoning_tokens"); w.Int(t.reasoning); w.EndObject();
  w.Key("total_tokens"); w.Int(t.input + t.output);
  w.EndObject();
}

struct Ending {
  std::string_view status = "completed";
  std::string_view incomplete_reason;  // with status "incomplete"
  std::string_view error_code;         // with status "failed"
  std::string_view error_message;
  bool with_usage = true;
};

// A response object: its output items written by `items`.
void response(Writer& w, const Items& items, ResponsesTokens tokens, const Ending& end) {
  w.Key("id"); str(w, kResponseId);
  w.Key("object"); str(w, "response");
  w.Key("created_at"); w.Int(1767225780);
  w.Key("status"); str(w, end.status);
  w.Key("error");
  if (end.error_code.empty()) {
    w.Null();
  } else {
    w.StartObject(); w.Key("code"); str(w, end.error_code); w.Key("message"); str(w, end.error_message); w.EndObject();
  }
  w.Key("incomplete_details");
  if (end.incomplete_reason.empty()) {
    w.Null();
  } else {
    w.StartObject(); w.Key("reason"); str(w, end.incomplete_reason); w.EndObject();
  }
  w.Key("model"); str(w, "gpt-4o-2024-08-06");
  w.Key("output"); w.StartArray(); items(w); w.EndArray();
  w.Key("parallel_tool_calls"); w.Bool(false);
  if (end.with_usage) {
    usage(w, tokens);
  } else {
    w.Key("usage"); w.Null();
  }
}

void reasoning_item(Writer& w) {
  w.StartObject();
  w.Key("type"); str(w, "reasoning");
  w.Key("id"); str(w, "rs_0test0000000000000000000000000000000000000001");
  w.Key("summary"); w.StartArray(); w.EndArray();
  w.EndObject();
}

void function_call_item(Writer& w, std::string_view name, std::string_view arguments, std::string_view call_id,
                        std::string_view status) {
  w.StartObject();
  w.Key("type"); str(w, "function_call");
  w.Key("id"); str(w, "fc_0test0000000000000000000000000000000000000002");
  w.Key("call_id"); str(w, call_id);
  w.Key("name"); str(w, name);
  w.Key("arguments"); str(w, arguments);
  w.Key("status"); str(w, status);
  w.EndObject();
}

// A message item holding one part: output_text, or a refusal.
void message_item(Writer& w, std::string_view part_type, std::string_view text, std::string_view status) {
  w.StartObject();
  w.Key("type"); str(w, "message");
  w.Key("id"); str(w, "msg_0test000000000000000000000000000000000000003");
  w.Key("status"); str(w, status);
  w.Key("role"); str(w, "assistant");
  w.Key("content"); w.StartArray();
  if (!part_type.empty()) {
    w.StartObject();
    w.Key("type"); str(w, part_type);
    if (part_type == "refusal") {
      w.Key("refusal"); str(w, text);
    } else {
      w.Key("text"); str(w, text);
      w.Key("annotations"); w.StartArray(); w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

Items with_reasoning(bool reasoning, Items answer) {
  return [reasoning, answer](Writer& w) {
    if (reasoning) reasoning_item(w);
    answer(w);
  };
}

std::string body(const Items& items, ResponsesTokens tokens, const Ending& end = {}) {
  return json([&](Writer& w) { response(w, items, tokens, end); });
}

// Streams number their events; each stream starts at 0.
class EventStream {
 public:
  template <typename Fields>
  void add(std::string_view type, Fields fields) {
    out_ += responses_event(json([&](Writer& w) {
      w.Key("type"); str(w, type);
      w.Key("sequence_number"); w.Int(next_++);
      fields(w);
    }));
  }

  // response.created and response.in_progress, with no output and no usage yet.
  void start() {
    for (std::string_view type : {"response.created", "response.in_progress"}) {
      add(type, [](Writer& w) {
        w.Key("response"); w.StartObject();
        response(w, [](Writer&) {}, {}, Ending{"in_progress", {}, {}, {}, false});
        w.EndObject();
      });
    }
  }

  void item_added(int index, const Items& item) {
    add("response.output_item.added", [&](Writer& w) { w.Key("output_index"); w.Int(index); w.Key("item"); item(w); });
  }
  void item_done(int index, const Items& item) {
    add("response.output_item.done", [&](Writer& w) { w.Key("output_index"); w.Int(index); w.Key("item"); item(w); });
  }

  void finish(std::string_view type, const Items& items, ResponsesTokens tokens, const Ending& end) {
    add(type, [&](Writer& w) { w.Key("response"); w.StartObject(); response(w, items, tokens, end); w.EndObject(); });
  }

  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  int next_ = 0;
};

void item_fields(Writer& w, int index, std::string_view item_id) {
  w.Key("item_id"); str(w, item_id);
  w.Key("output_index"); w.Int(index);
}

// The reasoning item as a stream shows it: added, then done.
void stream_reasoning(EventStream& events) {
  events.item_added(0, [](Writer& w) { reasoning_item(w); });
  events.item_done(0, [](Writer& w) { reasoning_item(w); });
}

}  // namespace

std::string responses_function_call_body(std::string_view name, std::string_view arguments, std::string_view call_id,
                                         ResponsesShape shape) {
  return body(with_reasoning(shape.reasoning_item,
                             [&](Writer& w) { function_call_item(w, name, arguments, call_id, "completed"); }),
              shape.tokens);
}

std::string responses_text_body(std::string_view text, ResponsesShape shape) {
  return body(with_reasoning(shape.reasoning_item, [&](Writer& w) { message_item(w, "output_text", text, "completed"); }),
              shape.tokens);
}

std::string responses_refusal_body(std::string_view refusal, ResponsesShape shape) {
  return body(with_reasoning(shape.reasoning_item, [&](Writer& w) { message_item(w, "refusal", refusal, "completed"); }),
              shape.tokens);
}

std::string responses_incomplete_body(std::string_view text, std::string_view reason, ResponsesShape shape) {
  return body(with_reasoning(shape.reasoning_item, [&](Writer& w) { message_item(w, "output_text", text, "incomplete"); }),
              shape.tokens, Ending{"incomplete", reason});
}

std::string responses_event(std::string_view payload) {
  rapidjson::Document doc;
  doc.Parse(payload.data(), payload.size());
  std::string type = doc.IsObject() && doc.HasMember("type") ? doc["type"].GetString() : "message";
  return "event: " + type + "\ndata: " + std::string(payload) + "\n\n";
}

std::string responses_function_call_stream(std::string_view name, std::string_view arguments, std::size_t fragment,
                                           std::string_view call_id, ResponsesShape shape) {
  EventStream events;
  events.start();
  if (shape.reasoning_item) stream_reasoning(events);
  const int index = shape.reasoning_item ? 1 : 0;
  const std::string item_id = "fc_0test0000000000000000000000000000000000000002";
  events.item_added(index, [&](Writer& w) { function_call_item(w, name, "", call_id, "in_progress"); });
  for (std::string_view piece : pieces(arguments, fragment)) {
    events.add("response.function_call_arguments.delta", [&](Writer& w) {
      item_fields(w, index, item_id);
      w.Key("delta"); str(w, piece);
    });
  }
  events.add("response.function_call_arguments.done", [&](Writer& w) {
    item_fields(w, index, item_id);
    w.Key("arguments"); str(w, arguments);
  });
  Items done = [&](Writer& w) { function_call_item(w, name, arguments, call_id, "completed"); };
  events.item_done(index, done);
  events.finish("response.completed", with_reasoning(shape.reasoning_item, done), shape.tokens, {});
  return events.take();
}

std::string responses_text_stream(std::string_view text, std::size_t fragment, ResponsesShape shape,
                                  std::string_view incomplete_reason) {
  EventStream events;
  events.start();
  if (shape.reasoning_item) stream_reasoning(events);
  const int index = shape.reasoning_item ? 1 : 0;
  const std::string item_id = "msg_0test000000000000000000000000000000000000003";
  const std::string_view status = incomplete_reason.empty() ? "completed" : "incomplete";
  events.item_added(index, [&](Writer& w) { message_item(w, {}, {}, "in_progress"); });
  auto part_event = [&](std::string_view type, std::string_view part_text) {
    events.add(type, [&](Writer& w) {
      item_fields(w, index, item_id);
      w.Key("content_index"); w.Int(0);
      w.Key("part"); w.StartObject();
      w.Key("type"); str(w, "output_text");
      w.Key("text"); str(w, part_text);
      w.Key("annotations"); w.StartArray(); w.EndArray();
      w.EndObject();
    });
  };
  part_event("response.content_part.added", "");
  for (std::string_view piece : pieces(text, fragment)) {
    events.add("response.output_text.delta", [&](Writer& w) {
      item_fields(w, index, item_id);
      w.Key("content_index"); w.Int(0);
      w.Key("delta"); str(w, piece);
    });
  }
  events.add("response.output_text.done", [&](Writer& w) {
    item_fields(w, index, item_id);
    w.Key("content_index"); w.Int(0);
    w.Key("text"); str(w, text);
  });
  part_event("response.content_part.done", text);
  Items done = [&](Writer& w) { message_item(w, "output_text", text, status); };
  events.item_done(index, done);
  if (incomplete_reason.empty()) {
    events.finish("response.completed", with_reasoning(shape.reasoning_item, done), shape.tokens, {});
  } else {
    events.finish("response.incomplete", with_reasoning(shape.reasoning_item, done), shape.tokens,
                  Ending{"incomplete", incomplete_reason});
  }
  return events.take();
}

std::string responses_failed_stream(std::string_view code, std::string_view message, bool nested_error) {
  EventStream events;
  events.start();
  events.add("error", [&](Writer& w) {
    if (nested_error) {
      w.Key("error"); w.StartObject();
      w.Key("type"); str(w, code);
    }
    w.Key("code"); str(w, code);
    w.Key("message"); str(w, message);
    w.Key("param"); w.Null();
    if (nested_error) w.EndObject();
  });
  events.finish("response.failed", [](Writer&) {}, {}, Ending{"failed", {}, code, message, false});
  return events.take();
}

}  // namespace instructor::testing
