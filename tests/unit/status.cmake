navarch_test(status_test unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/status_test.cpp LIBS navarch_status)
