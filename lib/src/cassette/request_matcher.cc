#include "request_matcher.h"

#include <limits>
#include <tuple>

#include "json_body.h"

namespace instructor::cassette {

RequestMatcher::RequestMatcher(std::vector<Interaction> interactions, std::string cassette_name)
    : interactions_(std::move(interactions)), cassette_name_(std::move(cassette_name)), plays_(interactions_.size()) {
  for (const Interaction& interaction : interactions_) normalized_bodies_.push_back(normalized_body(interaction.request.body));
}

RequestMatcher::Match RequestMatcher::find(const RecordedRequest& request) {
  const std::string body = normalized_body(request.body);
  std::lock_guard lock(mutex_);
  std::size_t last = interactions_.size();
  for (std::size_t i = 0; i < interactions_.size(); ++i) {
    const RecordedRequest& recorded = interactions_[i].request;
    if (recorded.method != request.method || recorded.path != request.path || normalized_bodies_[i] != body) continue;
    if (plays_[i] == 0) {
      ++plays_[i];
      return {&interactions_[i], i + 1, {}};
    }
    last = i;
  }
  if (last < interactions_.size()) {
    ++plays_[last];
    return {&interactions_[last], last + 1, {}};
  }
  return {nullptr, 0, mismatch(request)};
}

std::string RequestMatcher::mismatch(const RecordedRequest& request) const {
  std::string text = request.method + " " + request.path + " is not in the cassette " + cassette_name_ + " (" +
                     std::to_string(interactions_.size()) + " recording" + (interactions_.size() == 1 ? "" : "s") + ")";
  if (interactions_.empty()) return text;
  // The nearest: same method, then same path, then the fewest differing JSON leaves.
  std::size_t nearest = 0;
  BodyDifference nearest_difference;
  auto best = std::make_tuple(true, true, std::numeric_limits<std::size_t>::max());
  for (std::size_t i = 0; i < interactions_.size(); ++i) {
    const RecordedRequest& recorded = interactions_[i].request;
    BodyDifference difference = body_difference(recorded.body, request.body);
    auto score = std::make_tuple(recorded.method != request.method, recorded.path != request.path, difference.count);
    if (score < best) {
      best = score;
      nearest = i;
      nearest_difference = std::move(difference);
    }
  }
  const RecordedRequest& recorded = interactions_[nearest].request;
  text += "; the nearest is recording #" + std::to_string(nearest + 1) + " (" + recorded.method + " " + recorded.path + ")";
  if (recorded.method != request.method) {
    text += ", whose method differs: recorded " + recorded.method + ", sent " + request.method;
  } else if (recorded.path != request.path) {
    text += ", whose path differs: recorded " + recorded.path + ", sent " + request.path;
  } else if (nearest_difference.count > 0) {
    text += ", whose body differs at " + nearest_difference.first;
    if (nearest_difference.count > 1) text += " (and " + std::to_string(nearest_difference.count - 1) + " more)";
  } else {
    text += ", whose body differs only in formatting";  // cannot happen: normalised bodies are equal then
  }
  return text + ". Record it again with INSTRUCTOR_RECORD=1.";
}

}  // namespace instructor::cassette
