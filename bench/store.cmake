# store_bench: store write throughput and latency (fdatasync included) with 1, 16 and 256 writers.
add_executable(store_bench ${CMAKE_CURRENT_LIST_DIR}/store_bench.cpp)
target_link_libraries(store_bench PRIVATE navarch_store_replica navarch_messages navarch_warnings)
