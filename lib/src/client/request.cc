#include "instructor/request.h"

namespace instructor {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::system: return "system";
    case Role::developer: return "developer";
    case Role::user: return "user";
    case Role::assistant: return "assistant";
  }
  return "user";
}

ContentPart text_part(std::string text) {
  ContentPart part;
  part.text = std::move(text);
  return part;
}

ContentPart image_url(std::string url, std::string detail) {
  ContentPart part;
  part.kind = ContentPart::Kind::image_url;
  part.url = std::move(url);
  part.detail = std::move(detail);
  return part;
}

ContentPart image_bytes(std::string data, std::string mime_type, std::string detail) {
  ContentPart part;
  part.kind = ContentPart::Kind::image_bytes;
  part.data = std::move(data);
  part.mime_type = std::move(mime_type);
  part.detail = std::move(detail);
  return part;
}

namespace {
ChatMessage text_message(Role role, std::string text) { return ChatMessage{role, {text_part(std::move(text))}}; }
}  // namespace

ChatMessage system(std::string text) { return text_message(Role::system, std::move(text)); }
ChatMessage system(const char* text) { return text_message(Role::system, text); }
ChatMessage developer(std::string text) { return text_message(Role::developer, std::move(text)); }
ChatMessage user(std::string text) { return text_message(Role::user, std::move(text)); }
ChatMessage user(std::vector<ContentPart> parts) { return ChatMessage{Role::user, std::move(parts)}; }
ChatMessage assistant(std::string text) { return text_message(Role::assistant, std::move(text)); }

}  // namespace instructor
