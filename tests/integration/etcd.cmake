# The etcd-backed store against a real etcd (Debian's etcd-server), started per test on free loopback ports.
find_program(NAVARCH_ETCD etcd)
if(NAVARCH_ETCD)
  navarch_test(etcd_integration_tests integration
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/etcd_store_test.cpp ${PROJECT_SOURCE_DIR}/tests/e2e/etcd_server.cpp
            ${PROJECT_SOURCE_DIR}/tests/e2e/child_process.cpp ${PROJECT_SOURCE_DIR}/tests/e2e/scratch_dir.cpp
    LIBS navarch_etcd_store navarch_messages)
else()
  message(STATUS "etcd not found: the etcd store integration tests are not built")
endif()
