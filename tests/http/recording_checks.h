// Checks that hold for every recorded provider response of a fixtures folder:
// the hand-written tests/fixtures (every run) and the real recordings of
// ../shared/fixtures (the conformance suite). Each check of a whole folder
// returns how many files it checked, so that a test can require a minimum.
#pragma once

#include <cstddef>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace instructor::testing {

// Every `.sse` decodes to the same events whole, byte by byte and in random
// pieces; each event's data is JSON (space padding aside) or [DONE]; one
// event per block with a data line.
std::size_t check_sse_files_decode(const std::filesystem::path& dir);

// Every `.chunks.txt`, framed for its provider, decodes to its payloads in order.
std::size_t check_chunk_files_frame(const std::filesystem::path& dir);

// The payloads of every `.chunks.txt` sent as NDJSON come back line for line,
// whole and byte by byte.
std::size_t check_chunk_files_as_ndjson(const std::filesystem::path& dir);

// Each provider's framing survives decoding: Anthropic's event names equal the
// JSON type from message_start to message_stop, Gemini's CRLF stays out of the
// data, OpenRouter's comments are comments and it ends with [DONE], as OpenAI does.
void check_provider_framing(const std::filesystem::path& anthropic_sse, const std::filesystem::path& gemini_sse,
                            const std::filesystem::path& openrouter_sse, const std::filesystem::path& openai_sse);

// A 429 for insufficient_quota is not retried; a Gemini RESOURCE_EXHAUSTED 429 is.
void check_error_bodies_retry(const std::filesystem::path& insufficient_quota_json,
                              const std::filesystem::path& resource_exhausted_json);

// Every `.exchange.json` interaction, served by the fake server, comes back
// with the recorded status, Content-Type, every recorded header and the JSON
// body, and the server got the recorded target and body. The expectations are
// read from the file here, independently of the loader that drives the server.
std::size_t check_exchanges_replay(const std::filesystem::path& dir);

// Every `.sse` comes back byte for byte with the status, Content-Type and
// headers of its `.request.json` (read here, independently of the loader).
std::size_t check_sse_files_replay(const std::filesystem::path& dir);

// Every `.sse` and framed `.chunks.txt`, replayed in small pieces over one
// kept-alive connection, gives the events it gives whole.
std::size_t check_streams_over_the_wire(const std::filesystem::path& dir);

// The provider quirks a client must survive, as the real recordings show them.
extern const std::vector<std::string_view> kProviderQuirks;

// Which of kProviderQuirks the recordings of a folder show.
std::set<std::string> provider_quirks(const std::filesystem::path& dir);

}  // namespace instructor::testing
