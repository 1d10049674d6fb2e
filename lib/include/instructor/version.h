// The version of libinstructor, for logs and bug reports.
#pragma once

#include <string_view>

namespace instructor {

// The library's version, "major.minor.patch".
std::string_view version();

}  // namespace instructor
