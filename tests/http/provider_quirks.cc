// Finds the provider quirks a folder of recordings shows, so that the
// hand-written fixtures can be held to the real recordings.
#include <rapidjson/document.h>

#include <map>

#include "provider_fixtures.h"
#include "recording_checks.h"
#include "stream_decoding.h"

namespace instructor::testing {

const std::vector<std::string_view> kProviderQuirks = {
    "SSE comment lines",
    "CRLF line ends",
    "space padding inside the JSON, before its closing brace",
    "a ping written with a space inside its JSON",
    "event names equal to the JSON type",
    "a [DONE] terminator",
    "a usage chunk with empty choices",
    "a chunk with empty choices and no usage (content filter results)",
    "obfuscation padding fields",
    "tool arguments split across events",
    "parallel tool calls",
    "a tool call whole in one chunk",
    "an error inside a 200 stream",
    "response headers recorded as arrays",
    "a candidate content without parts",
    "an error status with a JSON error body",
};

namespace {

struct Scan {
  std::set<std::string> found;
  std::map<std::string, int> argument_fragments;  // per file and tool call
};

std::string string_of(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return {};
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : std::string();
}

int int_of(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return 0;
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsInt() ? it->value.GetInt() : 0;
}

const rapidjson::Value* member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

// OpenAI-style delta.tool_calls: fragments, parallel calls, whole calls.
void scan_chat_tool_calls(const std::string& file, const rapidjson::Value& choices, Scan& scan) {
  for (const auto& choice : choices.GetArray()) {
    const rapidjson::Value* delta = member(choice, "delta");
    const rapidjson::Value* calls = delta ? member(*delta, "tool_calls") : nullptr;
    if (calls == nullptr || !calls->IsArray()) continue;
    for (const auto& call : calls->GetArray()) {
      int index = int_of(call, "index");
      if (index >= 1) scan.found.insert("parallel tool calls");
      const rapidjson::Value* function = member(call, "function");
      std::string arguments = function ? string_of(*function, "arguments") : std::string();
      if (arguments.empty()) continue;
      if (call.HasMember("id") && is_json(arguments)) {
        scan.found.insert("a tool call whole in one chunk");
      } else {
        ++scan.argument_fragments[file + " chat " + std::to_string(index)];
      }
    }
  }
}

// One JSON payload: a stream event's data, a `.chunks.txt` line or a response body.
void scan_payload(const std::string& file, const rapidjson::Value& payload, bool in_stream, Scan& scan) {
  if (!payload.IsObject()) return;
  if (payload.HasMember("obfuscation")) scan.found.insert("obfuscation padding fields");
  std::string type = string_of(payload, "type");
  if (in_stream && (type == "error" || (member(payload, "error") && payload["error"].IsObject()))) {
    scan.found.insert("an error inside a 200 stream");
  }
  if (const rapidjson::Value* choices = member(payload, "choices"); choices && choices->IsArray()) {
    const rapidjson::Value* usage = member(payload, "usage");
    if (choices->Empty() && usage && usage->IsObject()) scan.found.insert("a usage chunk with empty choices");
    if (choices->Empty() && (!usage || usage->IsNull())) {
      scan.found.insert("a chunk with empty choices and no usage (content filter results)");
    }
    scan_chat_tool_calls(file, *choices, scan);
  }
  const rapidjson::Value* delta = member(payload, "delta");
  if (type == "content_block_delta" && delta && string_of(*delta, "type") == "input_json_delta" &&
      !string_of(*delta, "partial_json").empty()) {
    ++scan.argument_fragments[file + " anthropic " + std::to_string(int_of(payload, "index"))];
  }
  if (type == "response.function_call_arguments.delta") {
    ++scan.argument_fragments[file + " responses " + string_of(payload, "item_id")];
  }
  if (type == "tool-call-delta") ++scan.argument_fragments[file + " cohere " + std::to_string(int_of(payload, "index"))];
  if (type == "tool-call-start" && int_of(payload, "index") >= 1) scan.found.insert("parallel tool calls");
  if (const rapidjson::Value* candidates = member(payload, "candidates"); candidates && candidates->IsArray()) {
    for (const auto& candidate : candidates->GetArray()) {
      const rapidjson::Value* content = member(candidate, "content");
      if (content && content->IsObject() && !content->HasMember("parts")) {
        scan.found.insert("a candidate content without parts");
      }
    }
  }
}

void scan_json_text(const std::string& file, const std::string& text, bool in_stream, Scan& scan) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (!doc.HasParseError()) scan_payload(file, doc, in_stream, scan);
}

void scan_sse(const std::filesystem::path& file, Scan& scan) {
  std::string bytes = read_file(file);
  DecodedSse decoded = decode_sse(bytes);
  if (!decoded.comments.empty()) scan.found.insert("SSE comment lines");
  if (bytes.find("\r\n") != std::string::npos) scan.found.insert("CRLF line ends");
  bool named = !decoded.events.empty();
  for (const http::SseEvent& event : decoded.events) {
    std::string data = trim_right(event.data);
    if (data.size() > 2 && data.back() == '}' && data[data.size() - 2] == ' ') {
      scan.found.insert("space padding inside the JSON, before its closing brace");
    }
    if (data == R"({"type": "ping"})") scan.found.insert("a ping written with a space inside its JSON");
    if (event.type == "message" || event.type != json_type_of(data)) named = false;
    scan_json_text(file.string(), data, true, scan);
  }
  if (named) scan.found.insert("event names equal to the JSON type");
  if (!decoded.events.empty() && decoded.events.back().data == "[DONE]") scan.found.insert("a [DONE] terminator");
}

// `.exchange.json` entries and `.request.json` heads.
void scan_recording(const std::string& file, const rapidjson::Value& recording, Scan& scan) {
  if (const rapidjson::Value* headers = member(recording, "selected_response_headers"); headers && headers->IsObject()) {
    for (const auto& header : headers->GetObject()) {
      if (header.value.IsArray()) scan.found.insert("response headers recorded as arrays");
    }
  }
  const rapidjson::Value* body = member(recording, "response_body");
  if (body == nullptr) return;
  if (int_of(recording, "status") >= 400 && member(*body, "error")) {
    scan.found.insert("an error status with a JSON error body");
  }
  scan_payload(file, *body, false, scan);
}

}  // namespace

std::set<std::string> provider_quirks(const std::filesystem::path& dir) {
  Scan scan;
  for (const auto& file : fixture_files(dir, ".sse")) scan_sse(file, scan);
  for (const auto& file : fixture_files(dir, ".chunks.txt")) {
    for (const std::string& line : chunk_lines(read_file(file))) scan_json_text(file.string(), line, true, scan);
  }
  for (const char* suffix : {".exchange.json", ".request.json"}) {
    for (const auto& file : fixture_files(dir, suffix)) {
      rapidjson::Document doc;
      std::string text = read_file(file);
      doc.Parse(text.c_str(), text.size());
      if (doc.IsArray()) {
        for (const auto& recording : doc.GetArray()) scan_recording(file.string(), recording, scan);
      } else if (doc.IsObject()) {
        scan_recording(file.string(), doc, scan);
      }
    }
  }
  for (const auto& [call, fragments] : scan.argument_fragments) {
    if (fragments >= 2) scan.found.insert("tool arguments split across events");
  }
  return scan.found;
}

}  // namespace instructor::testing
