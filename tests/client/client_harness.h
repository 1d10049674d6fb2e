// What every client test needs: a client pointed at the fake provider server
// on 127.0.0.1, and the requests it received, parsed.
#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <string>
#include <string_view>

#include "fake_provider_server.h"
#include "instructor/instructor.h"
#include "openai_replies.h"

namespace instructor::testing {

using namespace std::chrono_literals;

// The key tests send; it must never show up in errors, hooks or logs.
inline constexpr std::string_view kTestKey = "sk-test-0123456789abcdefghij";

// Options for a client of `server`: its base URL (`path` appended), the test
// key, no proxy, short timeouts, fast transport retries.
ClientOptions options_for(const FakeProviderServer& server, std::string_view path = "/v1");

// from_provider with options_for(server).
Client client_for(std::string_view provider_and_model, const FakeProviderServer& server, std::string_view path = "/v1");

// The JSON body of a recorded request (REQUIREs that it parses).
rapidjson::Document body_of(const RecordedRequest& request);

// The value at a JSON pointer ("/messages/0/role") of a document as compact JSON, or "<missing>".
std::string at(const rapidjson::Value& document, const char* pointer);

// The n-th request the server received (REQUIREs that it exists).
RecordedRequest request_at(const FakeProviderServer& server, std::size_t n);

}  // namespace instructor::testing
