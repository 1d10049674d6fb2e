// What of an HTTP exchange goes into a cassette: the request without its
// secrets (keys in headers, the URL, or anywhere in the bytes) and the
// response headers that describe the body.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "instructor/http/message.h"
#include "instructor/http/redact.h"
#include "interaction.h"

namespace instructor::cassette {

// The request as recorded and matched: method, path with query (secret
// parameters redacted), headers (secret values redacted), body.
RecordedRequest recorded_request(const http::Request& request);

// The response headers a cassette keeps: not the secret ones, nor those of the
// framing (Content-Length, Transfer-Encoding, Connection, Content-Encoding).
std::vector<http::Header> recorded_response_headers(const std::vector<http::Header>& headers,
                                                    const http::Redactor& redact);

}  // namespace instructor::cassette
