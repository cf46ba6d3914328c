# Field ownership: field sets, Update recording, server-side apply conflicts.
navarch_test(fieldmanager_test unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/fieldmanager_test.cpp
  LIBS navarch_fieldmanager navarch_kinds)
