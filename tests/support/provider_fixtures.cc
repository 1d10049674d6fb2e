#include "provider_fixtures.h"

#include <rapidjson/document.h>

#include <sstream>

namespace instructor::testing {

SseDialect dialect_of(const std::filesystem::path& chunks_file) {
  std::string folder = chunks_file.parent_path().filename().string();
  std::string name = chunks_file.filename().string();
  if (folder == "anthropic") return SseDialect::anthropic;
  if (folder == "gemini") return SseDialect::gemini;
  if (name.rfind("responses", 0) == 0) return SseDialect::openai_responses;
  if (name.rfind("cohere", 0) == 0) return SseDialect::cohere;
  return SseDialect::openai_chat;
}

std::vector<std::string> chunk_lines(const std::string& chunks_txt) {
  std::vector<std::string> lines;
  std::istringstream in(chunks_txt);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

std::string json_type_of(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return {};
  auto it = doc.FindMember("type");
  if (it == doc.MemberEnd() || !it->value.IsString()) return {};
  return it->value.GetString();
}

std::string frame_as_sse(const std::vector<std::string>& payloads, SseDialect dialect) {
  std::string out;
  for (const std::string& payload : payloads) {
    switch (dialect) {
      case SseDialect::anthropic:
      case SseDialect::openai_responses:
        out += "event: " + json_type_of(payload) + "\ndata: " + payload + "\n\n";
        break;
      case SseDialect::gemini:
        out += "data: " + payload + "\r\n\r\n";
        break;
      case SseDialect::openai_chat:
      case SseDialect::cohere:
        out += "data: " + payload + "\n\n";
        break;
    }
  }
  if (dialect == SseDialect::openai_chat) out += "data: [DONE]\n\n";
  return out;
}

}  // namespace instructor::testing
