# The kinds beyond the first fourteen (issue 4): each group's strategies driven directly (defaults, validation
# with Kubernetes' messages, Table rows).
navarch_test(kinds_new_test unit
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/kinds_new_core_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/kinds_new_apps_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/kinds_new_batch_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/kinds_new_autoscaling_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/kinds_new_policy_scheduling_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/kinds_new_storage_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/kinds_new_networking_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/kinds_new_events_rbac_test.cpp
  LIBS navarch_kinds GTest::gmock)
