#include "openai_shapes.h"

#include "../text/base64.h"

namespace instructor::providers {
namespace {

void write_part(JsonWriter& w, const ContentPart& part) {
  w.begin_object();
  if (part.kind == ContentPart::Kind::text) {
    w.key("type").string("text").key("text").string(part.text);
  } else {
    w.key("type").string("image_url").key("image_url").begin_object().key("url").string(image_url_of(part));
    if (!part.detail.empty()) w.key("detail").string(part.detail);
    w.end_object();
  }
  w.end_object();
}

}  // namespace

std::string image_url_of(const ContentPart& part) {
  if (part.kind == ContentPart::Kind::image_url) return part.url;
  return "data:" + part.mime_type + ";base64," + text::base64_encode(part.data);
}

void write_openai_content(JsonWriter& w, const std::vector<ContentPart>& parts) {
  if (parts.size() == 1 && parts[0].kind == ContentPart::Kind::text) {
    w.string(parts[0].text);
    return;
  }
  w.begin_array();
  for (const ContentPart& part : parts) write_part(w, part);
  w.end_array();
}

std::vector<http::Header> openai_auth(const ProviderConfig& config) {
  if (config.api_key.empty()) return {};
  if (config.spec->auth == Auth::api_key) return {{"api-key", config.api_key}};
  return {{"Authorization", "Bearer " + config.api_key}};
}

void write_openai_function_tools(JsonWriter& w, const std::vector<ToolSpec>& tools, bool strict) {
  w.key("tools").begin_array();
  for (const ToolSpec& tool : tools) {
    w.begin_object().key("type").string("function").key("function").begin_object();
    w.key("name").string(tool.name);
    if (!tool.description.empty()) w.key("description").string(tool.description);
    w.key("parameters").raw(*tool.parameters);
    if (strict) w.key("strict").boolean(true);
    w.end_object().end_object();
  }
  w.end_array();
}

}  // namespace instructor::providers
