# `cmake --install` lays out a package that an outside project finds with
# find_package(instructor REQUIRED) and then uses instructor_generate().
include(CMakePackageConfigHelpers)

set(instructor_cmake_dir "${CMAKE_INSTALL_LIBDIR}/cmake/instructor")

install(TARGETS instructor instructor_options EXPORT instructorTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(EXPORT instructorTargets NAMESPACE instructor:: DESTINATION "${instructor_cmake_dir}")

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/lib/cmake/instructorConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/instructorConfig.cmake"
  INSTALL_DESTINATION "${instructor_cmake_dir}"
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR)
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/instructorConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)

install(FILES
  "${PROJECT_BINARY_DIR}/instructorConfig.cmake"
  "${PROJECT_BINARY_DIR}/instructorConfigVersion.cmake"
  "${PROJECT_SOURCE_DIR}/compiler/cmake/InstructorGenerate.cmake"
  "${PROJECT_SOURCE_DIR}/compiler/cmake/InstructorDepfile.cmake"
  DESTINATION "${instructor_cmake_dir}")
