#include "instructor/version.h"

namespace instructor {

std::string_view version() { return INSTRUCTOR_VERSION; }

}  // namespace instructor
