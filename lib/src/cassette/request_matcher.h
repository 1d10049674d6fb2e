// Finds the recording that answers a request: same method, same path, same
// normalised body (json_body.h). Equal requests are answered by their
// recordings in recorded order; once all have played, the last one answers
// again. Safe to use from any thread.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "interaction.h"

namespace instructor::cassette {

class RequestMatcher {
 public:
  RequestMatcher(std::vector<Interaction> interactions, std::string cassette_name);

  struct Match {
    const Interaction* interaction = nullptr;  // null when nothing matches
    std::size_t number = 0;                    // its place in the cassette, from 1
    std::string error;                         // then: what is missing, and how the nearest recording differs
  };
  Match find(const RecordedRequest& request);

  std::size_t size() const { return interactions_.size(); }

 private:
  std::string mismatch(const RecordedRequest& request) const;

  std::vector<Interaction> interactions_;
  std::vector<std::string> normalized_bodies_;
  std::string cassette_name_;
  std::mutex mutex_;
  std::vector<int> plays_;
};

}  // namespace instructor::cassette
