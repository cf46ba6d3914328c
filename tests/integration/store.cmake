navarch_test(store_integration_tests integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_actor_test.cpp
  LIBS navarch_store_actor navarch_messages)
