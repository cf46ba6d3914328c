navarch_test(config_tests unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/config_node_config_test.cpp LIBS navarch_config)
target_compile_definitions(config_tests PRIVATE NAVARCH_EXAMPLES_DIR="${PROJECT_SOURCE_DIR}/examples")
