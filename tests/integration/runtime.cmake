# Both container runtimes with real namespaces and cgroups (root only; skipped otherwise).
navarch_test(runtime_test integration SOURCES ${CMAKE_CURRENT_LIST_DIR}/runtime_test.cpp
  LIBS navarch_runtime_oci navarch_busybox_rootfs navarch_runtime_logs)
add_dependencies(runtime_test navarch-shim)
target_compile_definitions(runtime_test PRIVATE NAVARCH_SHIM_PATH="$<TARGET_FILE:navarch-shim>")

# The built-in runtime run by an unprivileged user (root drops to uid 65534 for it; skipped otherwise).
navarch_test(runtime_rootless_test integration SOURCES ${CMAKE_CURRENT_LIST_DIR}/runtime_rootless_test.cpp
  LIBS navarch_runtime_oci navarch_busybox_rootfs navarch_runtime_logs)
add_dependencies(runtime_rootless_test navarch-shim)
target_compile_definitions(runtime_rootless_test PRIVATE NAVARCH_SHIM_PATH="$<TARGET_FILE:navarch-shim>")
