// Reads the malformed-output corpus: tests/json/corpus/*.cases.
//
// A file holds cases; each starts with "=== <name>" and has sections:
//
//   === trailing comma in an object
//   target: User                      (a message of tests/json/proto/jsontest/models.proto)
//   --- input                         (raw bytes up to the next "--- "/"=== " line;
//   {"name": "Ann",}                   the last newline is not part of the input)
//   --- message                       (the expected message, protobuf text format)
//   name: "Ann"
//   --- repairs                       (the expected repairs in order: name or name@offset)
//   trailing_comma@15
//   --- violations                    (expected mapping violations: "<path> <rule>")
//   age type.integer
//   --- error                         (instead of message: the error must contain this text)
//   line 1, column 7
//
// A missing "repairs" or "violations" section means none are expected.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace jsontest {

struct CorpusCase {
  std::string file;
  int line = 0;
  std::string name;
  std::string target;
  std::string input;
  std::optional<std::string> message;
  std::vector<std::string> repairs;
  std::vector<std::string> violations;
  std::optional<std::string> error;
};

std::vector<CorpusCase> read_corpus(const std::string& directory);

}  // namespace jsontest
