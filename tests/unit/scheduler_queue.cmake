navarch_test(scheduler_queue_tests unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/scheduler_queue_test.cpp
  LIBS navarch_scheduler_queue)
