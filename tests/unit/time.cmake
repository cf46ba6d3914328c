navarch_test(time_test unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/time_test.cpp LIBS navarch_time)
