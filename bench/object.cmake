# object_bench: simdjson views against Boost.JSON parsing on the read-only paths (one pod, informer lists, filters).
add_executable(object_bench ${CMAKE_CURRENT_LIST_DIR}/object_bench.cpp)
target_link_libraries(object_bench PRIVATE navarch_object navarch_client_core navarch_api_core navarch_warnings)
