# Installs the built project into a temporary prefix, then configures, builds
# and runs tests/install/consumer against it, with Ninja and with Make. A
# second build with nothing changed must do nothing; a changed import must
# regenerate. Run with cmake -P and
#   -DBUILD_DIR= -DWORK_DIR= -DCONSUMER_DIR= -DBUILD_TYPE= -DCXX_FLAGS= -DLINKER_FLAGS=
function(run step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${step} failed (${status}):\n${output}")
  endif()
  set(run_output "${output}" PARENT_SCOPE)
endfunction()

function(require_in text what)
  foreach(expected IN LISTS ARGN)
    string(FIND "${text}" "${expected}" found)
    if(found EQUAL -1)
      message(FATAL_ERROR "${what} lacks \"${expected}\":\n${text}")
    endif()
  endforeach()
endfunction()

function(require_not_in text what)
  foreach(unexpected IN LISTS ARGN)
    string(FIND "${text}" "${unexpected}" found)
    if(NOT found EQUAL -1)
      message(FATAL_ERROR "${what} has \"${unexpected}\":\n${text}")
    endif()
  endforeach()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
run("install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")

# The replay server is installed beside the plugin, and runs.
run("run the installed instructor-replay --help" "${prefix}/bin/instructor-replay" --help)
require_in("${run_output}" "instructor-replay --help" "usage: instructor-replay --cassette FILE")

foreach(generator "Ninja" "Unix Makefiles")
  string(REPLACE " " "_" build_name "${generator}")
  set(consumer_build "${WORK_DIR}/build-${build_name}")
  run("configure the consumer (${generator})" "${CMAKE_COMMAND}" -S "${CONSUMER_DIR}" -B "${consumer_build}"
      -G "${generator}" "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
      "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
  run("build the consumer (${generator})" "${CMAKE_COMMAND}" --build "${consumer_build}" -j 2)
  require_in("${run_output}" "the first build (${generator})" "instructor_generate: cooking/recipe.proto")

  run("run the consumer (${generator})" "${consumer_build}/consumer")
  message("${run_output}")
  require_in("${run_output}" "the consumer's output"
             "cooking.Recipe: A recipe read from a cooking blog." "serialized bytes: 17" "\"title\": \"Recipe\""
             "extracted: Shakshuka with 2 ingredients after 2 attempts, 30 tokens"
             "the second request carried the violation")
  if(NOT EXISTS "${consumer_build}/schemas/cooking.Recipe.schema.json")
    message(FATAL_ERROR "instructor_generate wrote no schema to SCHEMA_DIR ${consumer_build}/schemas")
  endif()

  # Nothing changed: nothing may be generated, compiled or linked again.
  run("build the consumer again (${generator})" "${CMAKE_COMMAND}" --build "${consumer_build}" -j 2)
  require_not_in("${run_output}" "a second build with nothing changed (${generator})"
                 "instructor_generate:" "Building CXX" "Linking CXX")
  if(generator STREQUAL "Ninja")
    require_in("${run_output}" "a second Ninja build with nothing changed" "ninja: no work to do.")
  endif()

  # An imported proto changed (protoc's dependency file knows it): generate again.
  file(TOUCH "${prefix}/include/instructor/options.proto")
  run("build the consumer after touching an import (${generator})" "${CMAKE_COMMAND}" --build "${consumer_build}" -j 2)
  require_in("${run_output}" "a build after an import changed (${generator})" "instructor_generate: cooking/recipe.proto")
endforeach()
message("consumer built (Ninja and Make), rebuilt only on change, and ran against the installed package in ${prefix}")
