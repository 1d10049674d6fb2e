// A violation's `value` is JSON text: what a custom validator passes as plain
// text becomes a JSON string on the way in.
#pragma once

#include <string>

namespace instructor {

// `text` itself when it is one strict JSON value (RFC 8259, valid UTF-8) or
// empty (no value); otherwise `text` as a JSON string literal.
std::string AsJsonValueText(std::string text);

}  // namespace instructor
