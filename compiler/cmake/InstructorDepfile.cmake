# Run by instructor_generate() after protoc, with cmake -P and
#   -DDEPFILE=<protoc's --dependency_out file> -DOUTPUTS=<the custom command's outputs, ;-separated>
#
# protoc names every file it wrote as a target of its dependency file, sorted
# by path, so a schema file can come first. Ninja checks that a depfile's first
# target is the command's first output and otherwise runs the command on every
# build. This rewrites the targets to OUTPUTS, keeping protoc's dependencies.
if(NOT DEPFILE OR NOT OUTPUTS)
  message(FATAL_ERROR "InstructorDepfile.cmake needs -DDEPFILE= and -DOUTPUTS=")
endif()
file(READ "${DEPFILE}" text)
# The targets end at the first ": ".
string(FIND "${text}" ": " colon)
if(colon EQUAL -1)
  message(FATAL_ERROR "${DEPFILE} has no ': ' after its targets")
endif()
string(SUBSTRING "${text}" ${colon} -1 dependencies)
set(escaped "")
foreach(output IN LISTS OUTPUTS)
  string(REPLACE " " "\\ " output "${output}")
  list(APPEND escaped "${output}")
endforeach()
list(JOIN escaped " " new_targets)
file(WRITE "${DEPFILE}" "${new_targets}${dependencies}")
