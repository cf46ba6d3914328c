# api_bench: HTTPS create and get throughput and latency of the all-in-one apiserver with 1, 8 and 64 clients.
add_executable(api_bench ${CMAKE_CURRENT_LIST_DIR}/api_bench.cpp ${CMAKE_CURRENT_LIST_DIR}/https_client.cpp)
target_include_directories(api_bench PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(api_bench PRIVATE navarch_bootstrap OpenSSL::SSL navarch_warnings)
