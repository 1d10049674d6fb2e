// Instructor's llm_validator: a model judges whether a value satisfies a
// statement written in plain English.
//
//   auto judge = instructor::from_provider("openai/gpt-4o-mini");
//   request.async_validators.push_back(
//       instructor::llm_validator(judge, "bio", "must not contain contact details"));
//
// The judge gets the statement and the value of `field` (a dotted path of
// singular fields, "owner.name"; empty: the whole message as JSON) and
// answers {"is_valid", "reason"}. "Not valid" is a violation at `field`, rule
// "llm_validator", its message the judge's reason: the model is re-asked with
// it like with any other rule. A judge that cannot answer (no key, an outage)
// is a violation with rule "llm_validator.unavailable" and the judge's error.
// The judge is called asynchronously: nothing blocks the io thread of the call
// it validates, and the judge may be any client (another provider, a cheaper
// model, a fallback chain).
#pragma once

#include <string>

#include "instructor/client.h"
#include "instructor/request.h"

namespace instructor {

AsyncValidator llm_validator(Client judge, std::string field, std::string statement);

}  // namespace instructor
