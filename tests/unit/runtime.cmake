# Pure parts of the container runtime. runtime/ is not configured with NAVARCH_UNIT_ONLY, so the sources are
# compiled in directly.
set(navarch_runtime_dir ${PROJECT_SOURCE_DIR}/runtime)
navarch_test(runtime_unit_tests unit SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/runtime_logs_test.cpp ${CMAKE_CURRENT_LIST_DIR}/runtime_state_test.cpp
  ${navarch_runtime_dir}/logs/cri_log.cpp ${navarch_runtime_dir}/logs/rotating_log.cpp
  ${navarch_runtime_dir}/container/state_files.cpp ${navarch_runtime_dir}/container/cgroups.cpp
  ${navarch_runtime_dir}/container/overlay_options.cpp
  ${navarch_runtime_dir}/oci/oci_config.cpp
  LIBS Boost::json)
