navarch_test(store_integration_tests integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_replica_test.cpp
  LIBS navarch_store_replica navarch_messages navarch_process_support)

# One suite of what every store backend promises, run against the replica and against a real etcd.
navarch_test(store_conformance_tests integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_conformance_test.cpp
  LIBS navarch_store_replica navarch_etcd_store navarch_process_support navarch_messages)

# Three replicas in three `navarch node` processes: kill -9 of the leader, catch-up by snapshot.
if(TARGET navarch)
  navarch_test(store_process_tests integration
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_processes_test.cpp
    LIBS navarch_store_replica navarch_messages navarch_process_support CAF::io)
  target_compile_definitions(store_process_tests PRIVATE NAVARCH_BINARY="$<TARGET_FILE:navarch>")
  add_dependencies(store_process_tests navarch)
endif()
