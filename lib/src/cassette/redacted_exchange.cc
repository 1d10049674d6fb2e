#include "redacted_exchange.h"

#include <array>

#include "instructor/http/url.h"

namespace instructor::cassette {
namespace {

bool is_framing_header(std::string_view name) {
  constexpr std::array<std::string_view, 5> kFraming{"content-length", "transfer-encoding", "connection", "keep-alive",
                                                     "content-encoding"};
  for (std::string_view framing : kFraming)
    if (http::header_name_equals(name, framing)) return true;
  return false;
}

}  // namespace

RecordedRequest recorded_request(const http::Request& request) {
  const http::Redactor redact(request);
  RecordedRequest out;
  out.method = request.method;
  const std::string url = http::redact_url(request.url);
  auto parsed = http::Url::parse(url);
  out.path = parsed ? parsed->target : url;
  for (const http::Header& header : request.headers) {
    if (http::header_name_equals(header.name, "host") || http::header_name_equals(header.name, "content-length")) continue;
    out.headers.push_back(
        {header.name, http::is_secret_header(header.name) ? std::string(http::kRedacted) : redact(header.value)});
  }
  out.body = redact(request.body);
  return out;
}

std::vector<http::Header> recorded_response_headers(const std::vector<http::Header>& headers,
                                                    const http::Redactor& redact) {
  std::vector<http::Header> out;
  for (const http::Header& header : headers) {
    if (is_framing_header(header.name)) continue;
    out.push_back(
        {header.name, http::is_secret_header(header.name) ? std::string(http::kRedacted) : redact(header.value)});
  }
  return out;
}

}  // namespace instructor::cassette
