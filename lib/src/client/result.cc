#include "instructor/result.h"

namespace instructor {

std::string_view finish_reason_name(FinishReason reason) {
  switch (reason) {
    case FinishReason::unknown: return "unknown";
    case FinishReason::stop: return "stop";
    case FinishReason::tool_calls: return "tool_calls";
    case FinishReason::length: return "length";
    case FinishReason::content_filter: return "content_filter";
    case FinishReason::refusal: return "refusal";
    case FinishReason::error: return "error";
    case FinishReason::other: return "other";
  }
  return "unknown";
}

std::string_view error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::configuration: return "configuration";
    case ErrorKind::transport: return "transport";
    case ErrorKind::authentication: return "authentication";
    case ErrorKind::permission: return "permission";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::bad_request: return "bad_request";
    case ErrorKind::rate_limited: return "rate_limited";
    case ErrorKind::server_error: return "server_error";
    case ErrorKind::provider_error: return "provider_error";
    case ErrorKind::refusal: return "refusal";
    case ErrorKind::content_filter: return "content_filter";
    case ErrorKind::truncated: return "truncated";
    case ErrorKind::retries_exhausted: return "retries_exhausted";
    case ErrorKind::deadline_exceeded: return "deadline_exceeded";
    case ErrorKind::token_budget_exceeded: return "token_budget_exceeded";
    case ErrorKind::not_in_cassette: return "not_in_cassette";
    case ErrorKind::cancelled: return "cancelled";
  }
  return "unknown";
}

namespace {

// The answer as shown in a report: long answers are cut in the middle.
std::string shown_answer(const std::string& answer) {
  constexpr std::size_t kMax = 2000;
  if (answer.size() <= kMax) return answer;
  return answer.substr(0, kMax / 2) + " [... " + std::to_string(answer.size() - kMax) + " bytes ...] " +
         answer.substr(answer.size() - kMax / 2);
}

void indent_lines(std::string& out, const std::string& text, std::string_view prefix) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += prefix;
    out.append(text, start, end - start);
    out += '\n';
    start = end + 1;
  }
}

void describe_attempt(std::string& out, const AttemptRecord& a) {
  out += "attempt " + std::to_string(a.number) + ": ";
  out += a.http_status ? "HTTP " + std::to_string(a.http_status) : std::string("no response");
  if (a.transport_attempts > 1) out += " after " + std::to_string(a.transport_attempts) + " transport attempts";
  out += ", " + std::to_string(a.latency.count()) + " ms";
  if (a.finish_reason != FinishReason::unknown) out += ", finish " + std::string(finish_reason_name(a.finish_reason));
  if (!a.request_id.empty()) out += ", request id " + a.request_id;
  out += "\n  usage: " + a.usage.to_string() + "\n";
  if (!a.error.empty()) out += "  error: " + a.error + "\n";
  if (!a.refusal.empty()) out += "  refusal: " + a.refusal + "\n";
  if (!a.answer.empty()) indent_lines(out, "answer: " + shown_answer(a.answer), "  ");
  if (a.parse_error) out += "  not JSON: " + a.parse_error->to_string() + "\n";
  if (!a.violations.empty()) indent_lines(out, a.violations.to_text(), "  ");
}

}  // namespace

std::string ExtractError::to_text() const {
  std::string out = std::string(error_kind_name(kind_)) + ": " + message_;
  if (!provider_.empty()) out += " [" + provider_ + (model_.empty() ? "" : "/" + model_) + "]";
  out += "\n";
  for (const AttemptRecord& attempt : attempts_) describe_attempt(out, attempt);
  if (attempts_.size() > 1) out += "usage over all attempts: " + usage_.to_string() + "\n";
  return out;
}

}  // namespace instructor
