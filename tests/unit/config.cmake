navarch_test(config_tests unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/config_node_config_test.cpp LIBS navarch_config)
