// The generated validators of every message type linked into the program, by
// full type name: filled at start-up by generated code (detail::register_model).
#pragma once

#include <string_view>

#include "instructor/validate.h"

namespace instructor {

// The registered model of the type named `full_name`, or null.
const detail::ErasedModel* FindRegisteredModel(std::string_view full_name);

}  // namespace instructor
