# The etcd-backed store against a real etcd (Debian's etcd-server), started per test on free loopback ports.
find_program(NAVARCH_ETCD etcd)
if(NAVARCH_ETCD)
  navarch_test(etcd_integration_tests integration
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/etcd_store_test.cpp
    LIBS navarch_etcd_store navarch_messages navarch_process_support)
else()
  message(STATUS "etcd not found: the etcd store integration tests are not built")
endif()
