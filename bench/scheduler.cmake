# scheduler_bench: decisions per second of the pure scheduling core against 1,000 and 5,000 in-memory nodes.
add_executable(scheduler_bench ${CMAKE_CURRENT_LIST_DIR}/scheduler_bench.cpp)
target_link_libraries(scheduler_bench PRIVATE navarch_scheduler_core navarch_warnings)
