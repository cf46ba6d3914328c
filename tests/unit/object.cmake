navarch_test(object_test unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/object_test.cpp LIBS navarch_object)
