navarch_test(quantity_test unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/quantity_test.cpp LIBS navarch_quantity)
