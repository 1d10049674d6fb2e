// One recorded HTTP exchange of a cassette, as plain data.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "instructor/http/message.h"

namespace instructor::cassette {

using Milliseconds = std::chrono::milliseconds;

// The request as matched: secrets already redacted.
struct RecordedRequest {
  std::string method;
  std::string path;  // path and query, as in the request line
  std::vector<http::Header> headers;
  std::string body;
};

// A piece of a streamed body as it arrived.
struct Chunk {
  Milliseconds after{0};  // since the previous chunk (the first: since the response head)
  std::string data;
};

struct RecordedResponse {
  int status = 0;  // 0: no response arrived (see error_code)
  std::string reason;
  std::vector<http::Header> headers;
  Milliseconds after{0};  // from the request to the response head
  bool streamed = false;  // the body came as `chunks`, not as `body`
  std::string body;
  std::vector<Chunk> chunks;
  // A transport error that ended the exchange (a stream cut short, a refused
  // connection): its Errc name ("connection_closed") and message.
  std::string error_code;
  std::string error_message;
};

struct Interaction {
  RecordedRequest request;
  RecordedResponse response;
};

}  // namespace instructor::cassette
