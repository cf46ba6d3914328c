navarch_test(raft_unit_tests unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/raft_election_test.cpp ${CMAKE_CURRENT_LIST_DIR}/raft_log_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/raft_replication_test.cpp ${CMAKE_CURRENT_LIST_DIR}/raft_features_test.cpp
  LIBS navarch_raft)
