# store_bench: the store's write and linearizable-read throughput and latency with 1, 16 and 256 clients, for
# Navarch (in-process and 3 processes) and etcd 3.4 (1 and 3 members) in one run, with ratios to etcd.
if(TARGET navarch)
  add_executable(store_bench ${CMAKE_CURRENT_LIST_DIR}/store_bench.cpp ${CMAKE_CURRENT_LIST_DIR}/store_backends.cpp)
  target_include_directories(store_bench PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(store_bench PRIVATE navarch_store_replica navarch_etcd_store navarch_process_support
                        navarch_bootstrap CAF::io navarch_warnings)
  target_compile_definitions(store_bench PRIVATE NAVARCH_BINARY="$<TARGET_FILE:navarch>")
  add_dependencies(store_bench navarch)
endif()
