// The plain data of an HTTP exchange: request, response, headers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace instructor::http {

struct Header {
  std::string name;
  std::string value;
};

// Case-insensitive ASCII comparison of header names.
bool header_name_equals(std::string_view a, std::string_view b);

// The first value of a header, by case-insensitive name.
std::optional<std::string_view> find_header(const std::vector<Header>& headers, std::string_view name);

// A request to send. `url` is absolute: http://host[:port]/path?query or https://...
struct Request {
  std::string method = "GET";
  std::string url;
  std::vector<Header> headers;  // Host, Content-Length and User-Agent are added when absent
  std::string body;

  // True for methods a server must treat as idempotent (RFC 9110 9.2.2), or
  // when the request carries an Idempotency-Key header.
  bool idempotent() const;
};

// A response as received. For streamed requests `body` stays empty when the
// status is 2xx (the bytes went to the stream handler) and holds the error
// body otherwise.
struct Response {
  int status = 0;
  std::string reason;
  std::vector<Header> headers;
  std::string body;

  std::optional<std::string_view> header(std::string_view name) const { return find_header(headers, name); }
};

}  // namespace instructor::http
