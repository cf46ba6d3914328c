# exec into running containers of both runtimes (root only; skipped otherwise).
navarch_test(runtime_exec_test integration SOURCES ${CMAKE_CURRENT_LIST_DIR}/runtime_exec_test.cpp
  LIBS navarch_runtime_oci navarch_busybox_rootfs)
add_dependencies(runtime_exec_test navarch-shim)
target_compile_definitions(runtime_exec_test PRIVATE NAVARCH_SHIM_PATH="$<TARGET_FILE:navarch-shim>")
