navarch_test(scheduler_core_tests unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/scheduler_model_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/scheduler_filters_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/scheduler_scores_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/scheduler_schedule_test.cpp
  LIBS navarch_scheduler_core)
