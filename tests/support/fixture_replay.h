// Turns recorded provider responses (tests/fixtures, ../shared/fixtures) into
// scripted responses of the fake server, so tests replay provider traffic.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "fake_provider_server.h"

namespace instructor::testing {

// One recorded non-streaming interaction of an `.exchange.json` file.
struct RecordedExchange {
  std::string method;
  std::string url;
  std::string request_body;  // JSON, re-serialized
  ScriptedResponse response; // status, Content-Type, every recorded response header, the JSON body
};

// Every interaction of an `.exchange.json` file, in order.
std::vector<RecordedExchange> load_exchanges(const std::filesystem::path& exchange_json);

// A recorded stream as the provider sent it, chunked in pieces of
// `piece_size` bytes `gap` apart: an `.sse` file as is (status, Content-Type
// and recorded headers from its `.request.json`), or a `.chunks.txt` file with
// its provider's SSE framing rebuilt.
ScriptedResponse replay_stream(const std::filesystem::path& file, std::size_t piece_size = 64,
                               Milliseconds gap = Milliseconds(0));

}  // namespace instructor::testing
