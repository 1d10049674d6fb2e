#include "json_post.h"

#include "extra_body.h"

namespace instructor::providers {

http::Request json_post(const AttemptSpec& spec, std::string url, std::string body,
                        std::vector<http::Header> provider_headers, std::string& error, std::string_view stream_type) {
  http::Request request;
  request.method = "POST";
  request.url = std::move(url);
  request.body = std::move(body);
  if (!spec.request.extra_body.empty()) {
    error = merge_extra_body(request.body, spec.request.extra_body);
    if (!error.empty()) return {};
  }
  request.headers.push_back({"Content-Type", "application/json"});
  request.headers.push_back({"Accept", spec.stream ? std::string(stream_type) : std::string("application/json")});
  for (http::Header& h : provider_headers) request.headers.push_back(std::move(h));
  for (const http::Header& h : spec.config.headers) request.headers.push_back(h);
  for (const http::Header& h : spec.request.extra_headers) request.headers.push_back(h);
  return request;
}

std::vector<http::Header> bearer_auth(const ProviderConfig& config) {
  if (config.api_key.empty()) return {};
  return {{"Authorization", "Bearer " + config.api_key}};
}

}  // namespace instructor::providers
