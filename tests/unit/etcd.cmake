navarch_test(etcd_unit_tests unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/etcd_codec_test.cpp ${CMAKE_CURRENT_LIST_DIR}/etcd_endpoints_test.cpp
  LIBS navarch_etcd_core)
