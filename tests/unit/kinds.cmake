# The registry of kinds and each kind's strategy: defaults, validation, Table rows and hooks, table-driven.
navarch_test(kinds_test unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/registry_test.cpp ${CMAKE_CURRENT_LIST_DIR}/kinds_core_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/kinds_workloads_test.cpp
  LIBS navarch_kinds Threads::Threads)
