# Finds the system packages instructor-cpp builds on (Debian's, installed by
# scripts/install-deps). Nothing is vendored: this file is only glue.
# Included (not add_subdirectory'd) so the imported targets are visible everywhere.

find_package(Threads REQUIRED)
find_package(Protobuf REQUIRED)            # CMake's FindProtobuf: protobuf::libprotobuf, ::libprotoc, ::protoc
find_package(RapidJSON REQUIRED CONFIG)    # header-only; sets RapidJSON_INCLUDE_DIRS
find_package(Boost 1.74 REQUIRED)          # header-only parts: Asio, Beast
find_package(OpenSSL 3 REQUIRED)
find_package(ZLIB REQUIRED)              # gzip response bodies
find_package(PkgConfig REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET GLOBAL re2)

# RapidJSON's config only sets a variable; wrap it in a target.
add_library(instructor_rapidjson INTERFACE)
target_include_directories(instructor_rapidjson SYSTEM INTERFACE ${RapidJSON_INCLUDE_DIRS})
