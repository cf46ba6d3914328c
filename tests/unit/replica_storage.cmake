navarch_test(replica_storage_unit_tests unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/raft_disk_test.cpp ${CMAKE_CURRENT_LIST_DIR}/raft_codec_test.cpp
  LIBS navarch_replica_storage)
navarch_test(replica_core_unit_tests unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/replica_core_test.cpp
  LIBS navarch_replica_core navarch_replica_storage)
