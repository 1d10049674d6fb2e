# instructor_generate(TARGET <name> PROTOS <files...> [IMPORT_DIRS <dirs...>] [SCHEMA_DIR <dir>])
#
# Runs protoc with the C++ generator and protoc-gen-instructor on PROTOS and
# makes <name>, a static library of the generated code that links protobuf and
# instructor. For `dir/foo.proto` it generates `dir/foo.pb.h`, `dir/foo.pb.cc`,
# `dir/foo.instructor.h` and `dir/foo.instructor.cc`, included as
# "dir/foo.instructor.h", and one `<full.message.name>.schema.json` per message.
#
#   IMPORT_DIRS  where protoc resolves imports, and relative to which each proto
#                is named; default: the current source directory. The folder
#                holding instructor/options.proto and protobuf's own are added.
#   SCHEMA_DIR   where the .schema.json files go; default:
#                ${CMAKE_CURRENT_BINARY_DIR}/<name>_generated/schemas.
#
# The target's INSTRUCTOR_SCHEMA_DIR property names the schema folder.

# The script that rewrites protoc's dependency file for Ninja, next to this file.
set_property(GLOBAL PROPERTY INSTRUCTOR_DEPFILE_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/InstructorDepfile.cmake")

function(instructor_generate)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;SCHEMA_DIR" "PROTOS;IMPORT_DIRS")
  if(NOT arg_TARGET)
    message(FATAL_ERROR "instructor_generate: TARGET <name> is required")
  endif()
  if(NOT arg_PROTOS)
    message(FATAL_ERROR "instructor_generate(TARGET ${arg_TARGET}): PROTOS <files...> is required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "instructor_generate(TARGET ${arg_TARGET}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()

  get_property(instructor_proto_dir GLOBAL PROPERTY INSTRUCTOR_PROTO_IMPORT_DIR)
  get_property(depfile_script GLOBAL PROPERTY INSTRUCTOR_DEPFILE_SCRIPT)
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/${arg_TARGET}_generated")
  set(schema_dir "${out_dir}/schemas")
  if(arg_SCHEMA_DIR)
    cmake_path(ABSOLUTE_PATH arg_SCHEMA_DIR BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" OUTPUT_VARIABLE schema_dir)
  endif()
  file(MAKE_DIRECTORY "${out_dir}" "${schema_dir}")

  set(import_dirs "${CMAKE_CURRENT_SOURCE_DIR}")
  if(arg_IMPORT_DIRS)
    set(import_dirs "")
    foreach(dir IN LISTS arg_IMPORT_DIRS)
      cmake_path(ABSOLUTE_PATH dir BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
      list(APPEND import_dirs "${dir}")
    endforeach()
  endif()
  set(include_flags "")
  foreach(dir IN LISTS import_dirs instructor_proto_dir Protobuf_INCLUDE_DIRS)
    list(APPEND include_flags "-I${dir}")
  endforeach()

  set(plugin "$<TARGET_FILE:instructor::protoc-gen-instructor>")
  set(sources "")
  foreach(proto IN LISTS arg_PROTOS)
    cmake_path(ABSOLUTE_PATH proto BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    set(relative "")
    foreach(dir IN LISTS import_dirs)
      cmake_path(IS_PREFIX dir "${proto}" NORMALIZE inside)
      if(inside AND NOT relative)
        file(RELATIVE_PATH relative "${dir}" "${proto}")
      endif()
    endforeach()
    if(NOT relative)
      message(FATAL_ERROR "instructor_generate(TARGET ${arg_TARGET}): ${proto} is in none of the import dirs: ${import_dirs}")
    endif()
    string(REGEX REPLACE "\\.proto$" "" stem "${relative}")
    set(outputs
      "${out_dir}/${stem}.pb.h" "${out_dir}/${stem}.pb.cc"
      "${out_dir}/${stem}.instructor.h" "${out_dir}/${stem}.instructor.cc")
    # The plugin runs twice under two names: once for code, once for schemas,
    # so the two can go to different folders. protoc's dependency file then
    # names the schemas too; InstructorDepfile.cmake makes it name `outputs`,
    # first one first, as Ninja requires (else every build reruns protoc).
    add_custom_command(
      OUTPUT ${outputs}
      COMMAND protobuf::protoc
              --cpp_out=${out_dir}
              --plugin=protoc-gen-instructor=${plugin}
              --instructor_out=schemas=false:${out_dir}
              --plugin=protoc-gen-instructor_schemas=${plugin}
              --instructor_schemas_out=code=false:${schema_dir}
              --dependency_out=${out_dir}/${stem}.d
              ${include_flags}
              ${proto}
      COMMAND "${CMAKE_COMMAND}" "-DDEPFILE=${out_dir}/${stem}.d" "-DOUTPUTS=${outputs}" -P "${depfile_script}"
      DEPENDS "${proto}" "${depfile_script}" instructor::protoc-gen-instructor protobuf::protoc
      DEPFILE "${out_dir}/${stem}.d"
      COMMENT "instructor_generate: ${relative}"
      VERBATIM)
    list(APPEND sources "${out_dir}/${stem}.pb.cc" "${out_dir}/${stem}.instructor.cc")
  endforeach()

  add_library(${arg_TARGET} STATIC ${sources})
  target_include_directories(${arg_TARGET} PUBLIC "${out_dir}")
  target_link_libraries(${arg_TARGET} PUBLIC instructor::instructor protobuf::libprotobuf)
  set_target_properties(${arg_TARGET} PROPERTIES INSTRUCTOR_SCHEMA_DIR "${schema_dir}")
endfunction()
