// Record and replay: a client can write every HTTP exchange it makes to a
// cassette (a readable JSON file), and answer from a cassette instead of the
// network, for offline, deterministic tests of extraction code.
//
//   instructor::ClientOptions options;
//   options.cassette = instructor::Cassette::replay("tests/cassettes/user.json");
//   auto client = instructor::from_provider("openai/gpt-4o-mini", options);  // no key needed to replay
//   auto user = client.create<acme::User>({.messages = {instructor::user("John is 25")}});
//
// Requests are matched by method, path (with query) and body: JSON bodies are
// compared as JSON (object keys in any order, no whitespace), others byte for
// byte. Equal requests are answered by their recordings in recorded order;
// once all have played, the last one answers again. A request the cassette
// does not hold fails with ErrorKind::not_in_cassette, naming the nearest
// recording and the first place it differs (e.g. "$.messages[0].content"). Secrets (Authorization, x-api-key,
// api-key, x-goog-api-key, `key=` query parameters) never reach a cassette.
// Recording starts the file afresh when the client is made: one recording
// client per file (its copies and concurrent calls share it).
//
// The environment (ClientOptions::environment first, then the process's):
//   INSTRUCTOR_RECORD=1          every cassette records (a suite of replay tests re-records itself)
//   INSTRUCTOR_CASSETTE=<path>   a client made without a cassette replays this one (records with the above)
#pragma once

#include <string>
#include <utility>

namespace instructor {

class Cassette {
 public:
  enum class Mode {
    replay,            // answer from the file; nothing goes to the network
    record,            // send to the provider and (over)write the file, one exchange after the other
    replay_or_record,  // replay when the file exists, else record it
  };

  // Answers every request from the cassette at `path`, read when the client is made.
  static Cassette replay(std::string path) { return Cassette(Mode::replay, std::move(path)); }
  // Sends requests to the provider and writes each exchange to `path` as it ends.
  static Cassette record(std::string path) { return Cassette(Mode::record, std::move(path)); }
  // Replays `path` when it exists, else records it: the first run needs a key, later runs do not.
  static Cassette replay_or_record(std::string path) { return Cassette(Mode::replay_or_record, std::move(path)); }

  // Replays streams with the pauses between chunks as recorded, times `factor`
  // (the default replays them at once); for demos that show partials growing.
  Cassette& with_recorded_timing(double factor = 1.0) {
    timing_factor_ = factor;
    return *this;
  }

  Mode mode() const { return mode_; }
  const std::string& path() const { return path_; }
  double timing_factor() const { return timing_factor_; }

 private:
  Cassette(Mode mode, std::string path) : mode_(mode), path_(std::move(path)) {}

  Mode mode_;
  std::string path_;
  double timing_factor_ = 0.0;
};

}  // namespace instructor
