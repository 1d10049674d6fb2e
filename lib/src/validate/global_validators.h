// The process-wide registry behind instructor::add_validator.
#pragma once

#include "instructor/validation_context.h"

namespace google::protobuf {
class Message;
}

namespace instructor {

// Runs the validators added for `message`'s type, in the order they were added.
void RunGlobalValidators(const google::protobuf::Message& message, ViolationSink& sink);

}  // namespace instructor
