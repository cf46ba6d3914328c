# The Raft core's unit tests, and (while tests/CMakeLists.txt does not glob tests/sim/) the simulation.
# actors/store/CMakeLists.txt does not add raft/ yet; build it from here until it does.
if(NOT TARGET navarch_raft)
  add_subdirectory(${PROJECT_SOURCE_DIR}/actors/store/raft ${PROJECT_BINARY_DIR}/actors/store/raft)
endif()
navarch_test(raft_unit_tests unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/raft_election_test.cpp ${CMAKE_CURRENT_LIST_DIR}/raft_log_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/raft_replication_test.cpp ${CMAKE_CURRENT_LIST_DIR}/raft_features_test.cpp
  LIBS navarch_raft)
if(EXISTS ${PROJECT_SOURCE_DIR}/tests/sim/sim.cmake)
  include(${PROJECT_SOURCE_DIR}/tests/sim/sim.cmake)
endif()
