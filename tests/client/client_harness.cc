#include "client_harness.h"

#include <doctest/doctest.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace instructor::testing {

ClientOptions options_for(const FakeProviderServer& server, std::string_view path) {
  ClientOptions options;
  options.base_url = server.url(path);
  options.api_key = std::string(kTestKey);
  options.http.proxy = http::ProxySettings{};
  options.http.retry.max_attempts = 3;
  options.http.retry.initial_delay = 5ms;
  options.http.retry.max_delay = 20ms;
  options.http.timeouts.connect = 3s;
  options.http.timeouts.request = 15s;
  options.http.timeouts.idle = 10s;
  return options;
}

Client client_for(std::string_view provider_and_model, const FakeProviderServer& server, std::string_view path) {
  return from_provider(provider_and_model, options_for(server, path));
}

rapidjson::Document body_of(const RecordedRequest& request) {
  rapidjson::Document doc;
  doc.Parse(request.body.data(), request.body.size());
  REQUIRE_MESSAGE(!doc.HasParseError(), request.body);
  return doc;
}

std::string at(const rapidjson::Value& document, const char* pointer) {
  const rapidjson::Value* value = rapidjson::Pointer(pointer).Get(document);
  if (value == nullptr) return "<missing>";
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value->Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

RecordedRequest request_at(const FakeProviderServer& server, std::size_t n) {
  REQUIRE(server.wait_for_requests(n + 1, 5s));
  return server.requests().at(n);
}

}  // namespace instructor::testing
