# pod_startup_bench: pod startup latency (create -> Running seen through a watch), idle and under churn (root).
add_executable(pod_startup_bench ${CMAKE_CURRENT_LIST_DIR}/pod_startup_bench.cpp)
target_include_directories(pod_startup_bench PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(pod_startup_bench PRIVATE navarch_bootstrap navarch_client navarch_warnings)
add_dependencies(pod_startup_bench navarch-shim)
# The runtime finds navarch-shim beside the running binary.
add_custom_command(TARGET pod_startup_bench POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_FILE:navarch-shim> $<TARGET_FILE_DIR:pod_startup_bench>)
