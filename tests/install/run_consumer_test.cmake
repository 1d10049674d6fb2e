# Installs the built project into a temporary prefix, then configures, builds
# and runs tests/install/consumer against it. Run with cmake -P and
#   -DBUILD_DIR= -DWORK_DIR= -DCONSUMER_DIR= -DGENERATOR= -DBUILD_TYPE= -DCXX_FLAGS= -DLINKER_FLAGS=
function(run step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${step} failed (${status}):\n${output}")
  endif()
  set(run_output "${output}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
set(consumer_build "${WORK_DIR}/build")

run("install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")
run("configure the consumer" "${CMAKE_COMMAND}" -S "${CONSUMER_DIR}" -B "${consumer_build}" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
run("build the consumer" "${CMAKE_COMMAND}" --build "${consumer_build}" -j 2)
run("run the consumer" "${consumer_build}/consumer")
message("${run_output}")

foreach(expected "cooking.Recipe: A recipe read from a cooking blog." "serialized bytes: 17" "\"title\": \"Recipe\"")
  string(FIND "${run_output}" "${expected}" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "the consumer's output lacks: ${expected}")
  endif()
endforeach()
if(NOT EXISTS "${consumer_build}/schemas/cooking.Recipe.schema.json")
  message(FATAL_ERROR "instructor_generate wrote no schema to SCHEMA_DIR ${consumer_build}/schemas")
endif()
message("consumer built and ran against the installed package in ${prefix}")
